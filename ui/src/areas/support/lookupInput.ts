// What the customer box holds, as the core's lookup request: an e-mail, user
// ID or username is looked up as typed; a pasted JWT (three dot-separated
// base64url parts, as Auth0's tokens are) is sent as the token, whose `sub`
// the core looks up and whose verdict it shows beside the card. The token
// stays on this machine (only key fetches go out).
import type { SupportLookupRequest } from "../../bindings";

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether `text` is a pasted token rather than a name. */
export function looksLikeToken(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith("eyJ") && JWT.test(trimmed);
}

export function lookupRequest(text: string, profile: string | null): SupportLookupRequest {
  const trimmed = text.trim();
  return looksLikeToken(trimmed) ? { profile, who: "", token: trimmed } : { profile, who: trimmed, token: null };
}

/** How the box's content is shown as "what was looked up": never a token. */
export function lookedUpLabel(text: string): string {
  return looksLikeToken(text) ? "the pasted token" : text.trim();
}
