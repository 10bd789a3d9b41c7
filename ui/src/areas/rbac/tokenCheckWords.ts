// How the Token check tab words its answer: the verdict's tone and title,
// the time left, and a token shown only by its ends.
import type { TokenCheckView, TokenToCheck } from "../../bindings";
import { remainingWords } from "../session/sessionWords";
import type { TokenSource } from "./rbacStore";

export type CheckTone = "ok" | "warn" | "bad";

/**
 * Bad when the token lacks permissions the user holds now; a warning when it
 * carries ones revoked since (stale, or expired with them); ok when it matches.
 */
export function checkTone(view: TokenCheckView): CheckTone {
  if (view.missing.length > 0) return "bad";
  if (view.stale || !view.matches) return "warn";
  return "ok";
}

export function checkTitle(view: TokenCheckView): string {
  switch (checkTone(view)) {
    case "bad":
      return "The token lacks permissions the user holds now";
    case "warn":
      return view.stale ? "Stale: the token carries revoked permissions" : "The token carried revoked permissions";
    case "ok":
      return "The token matches what the user is granted now";
  }
}

/** Seconds left now, from `expiresIn` as the core counted it at `checkedAt` (both in seconds). */
export function secondsLeft(expiresIn: number | null, checkedAt: number, now: number): number | null {
  if (expiresIn === null) return null;
  return expiresIn - Math.max(0, now - checkedAt);
}

/** "expires in 3 h 12 min", "expired", or "never expires" when it has no `exp`. */
export function expiryWords(left: number | null): string {
  if (left === null) return "never expires";
  if (left <= 0) return "expired";
  return `expires in ${remainingWords(left)}`;
}

const END = 8;

/**
 * A token shown by its first and last 8 characters ("eyJhbGci…Q1w2e3r4"), so
 * the user can tell which one it is without it being on screen. A text too
 * short to be a token shows only its start.
 */
export function tokenPreview(token: string): string | null {
  const text = token.trim();
  if (text === "") return null;
  if (text.length <= END * 3) return `${text.slice(0, 4)}…`;
  return `${text.slice(0, END)}…${text.slice(-END)}`;
}

/**
 * What to send for the chosen source, or null when it has no token to check:
 * not signed in, or nothing pasted, or the Inspector empty.
 */
export function tokenToCheck(source: TokenSource, pasted: string, inspector: string, signedIn: boolean): TokenToCheck | null {
  switch (source) {
    case "session":
      return signedIn ? { kind: "session" } : null;
    case "pasted":
      return pasted.trim() ? { kind: "pasted", token: pasted.trim() } : null;
    case "inspector":
      return inspector.trim() ? { kind: "pasted", token: inspector.trim() } : null;
  }
}
