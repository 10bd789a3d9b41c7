// What the report's codes mean, in words for the screen.
import type { CheckName, CheckStatus, ClaimCategory, KeyFreshness, Report, TokenKind } from "../../bindings";

export const KIND_WORDS: Record<TokenKind, string> = {
  accessToken: "API access token",
  idToken: "ID token",
  machineToMachine: "Machine-to-machine access token",
  managementApi: "Management API token",
  jwt: "JWT",
  opaqueAccessToken: "Opaque access token",
  refreshToken: "Refresh token",
  opaque: "Opaque string",
  encrypted: "Encrypted token (JWE)",
  malformed: "Not a token",
  tooLarge: "Input too large",
};

export const CHECK_WORDS: Record<CheckName, string> = {
  size: "Size",
  format: "Format",
  algorithm: "Algorithm (alg)",
  critical: "Critical headers (crit)",
  headerKeys: "Keys named by the token",
  key: "Signing key",
  signature: "Signature",
  issuer: "Issuer (iss)",
  audience: "Audience (aud)",
  expiry: "Expiry (exp)",
  notBefore: "Not before (nbf)",
  issuedAt: "Issued at (iat)",
  authorizedParty: "Authorized party (azp)",
  nonce: "Nonce",
};

export const STATUS_WORDS: Record<CheckStatus, string> = {
  passed: "Passed",
  failed: "Failed",
  skipped: "Skipped",
};

export const CATEGORY_WORDS: Record<ClaimCategory, { label: string; title: string }> = {
  registered: { label: "Registered", title: "Registered claim (RFC 7519)" },
  oidc: { label: "OIDC", title: "OpenID Connect claim" },
  auth0: { label: "Auth0", title: "Claim Auth0 adds" },
  custom: { label: "Custom", title: "Custom claim added by the tenant’s Actions or rules" },
};

/** Header parameters a support engineer meets, with what they say. */
export const HEADER_MEANINGS: Record<string, string> = {
  alg: "Algorithm the token is signed (or its key encrypted) with.",
  typ: "Media type of the token: `JWT`, or `at+jwt` for access tokens (RFC 9068).",
  kid: "Key ID: which of the issuer’s keys signed the token; looked up in the JWKS.",
  cty: "Content type of the payload; `JWT` for a nested token.",
  enc: "Content encryption algorithm of an encrypted token.",
  zip: "Compression applied before encryption.",
  crit: "Header extensions the receiver must understand, or reject the token.",
  jwk: "A public key embedded in the token. Never trusted: anyone can embed their own key.",
  jku: "A URL of keys named by the token. Never fetched: it could point at an attacker’s keys.",
  x5u: "A URL of a certificate named by the token. Never fetched.",
  x5c: "A certificate chain embedded in the token. Never trusted.",
  x5t: "Thumbprint of the signing certificate.",
  "x5t#S256": "SHA-256 thumbprint of the signing certificate.",
  iss: "Issuer, copied into the header of an encrypted token.",
};

/** Which parts of the report are present, for the verdict banner. */
export type Verdict =
  | "valid"
  | "invalid"
  | "unverified"
  | "encrypted"
  | "opaque"
  | "refreshToken"
  | "notToken"
  | "tooLarge";

export const VERDICT_LABELS: Record<Verdict, string> = {
  valid: "Valid",
  invalid: "Invalid",
  unverified: "Unverified",
  encrypted: "Encrypted",
  opaque: "Opaque",
  refreshToken: "Refresh token",
  notToken: "Not a token",
  tooLarge: "Too large",
};

/** Decoded only: no keys were given, so nothing about it was verified. */
export function decodedOnly(report: Report): boolean {
  return report.keys === null && report.checks.some((c) => c.name === "key" && c.status === "skipped");
}

export function verdictOf(report: Report): Verdict {
  if (report.valid) return "valid";
  switch (report.kind) {
    case "encrypted":
      return "encrypted";
    case "opaqueAccessToken":
    case "opaque":
      return "opaque";
    case "refreshToken":
      return "refreshToken";
    case "malformed":
      return "notToken";
    case "tooLarge":
      return "tooLarge";
    default:
      return decodedOnly(report) ? "unverified" : "invalid";
  }
}

/** Whether the input was readable enough to keep in the history. */
export function worthRemembering(report: Report): boolean {
  return report.kind !== "malformed" && report.kind !== "tooLarge";
}

export function freshnessWords(freshness: KeyFreshness): string {
  switch (freshness.state) {
    case "local":
      return "Given here; nothing to refresh";
    case "fetched":
      return "Fetched for this inspection";
    case "cached":
      return `From the cache, fetched ${durationWords(freshness.ageSeconds)} ago`;
    case "stale":
      return `Out of date: fetched ${durationWords(freshness.ageSeconds)} ago`;
  }
}

/** A duration in the largest unit that keeps it readable (as the core writes them). */
export function durationWords(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  const MINUTE = 60;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < 2 * DAY) {
    const h = Math.floor(s / HOUR);
    const m = Math.floor((s % HOUR) / MINUTE);
    return h < 10 && m > 0 ? `${h} h ${m} min` : `${h} h`;
  }
  if (s < 730 * DAY) return `${Math.floor(s / DAY)} days`;
  return `${Math.floor(s / (365 * DAY))} years`;
}

/** "expires in 4 min", "expired 3 h ago", … for `delta` = time − now, in seconds. */
export function relativeWords(claim: string, delta: number): string {
  const span = durationWords(delta);
  const future = delta > 0;
  switch (claim) {
    case "exp":
      return future ? `expires in ${span}` : `expired ${span} ago`;
    case "nbf":
      return future ? `becomes valid in ${span}` : `valid since ${span} ago`;
    case "iat":
      return future ? `issued ${span} in the future` : `issued ${span} ago`;
    case "auth_time":
      return future ? `in ${span}` : `signed in ${span} ago`;
    case "updated_at":
      return future ? `in ${span}` : `updated ${span} ago`;
    default:
      return future ? `in ${span}` : `${span} ago`;
  }
}

export type TimeTone = "ok" | "soon" | "bad" | "neutral";

/** How a time claim's badge is coloured, at `now` (seconds). */
export function timeTone(claim: string, unix: number, now: number, leewaySecs: number): TimeTone {
  switch (claim) {
    case "exp":
      if (unix + leewaySecs <= now) return "bad";
      return unix - now < 5 * 60 ? "soon" : "ok";
    case "nbf":
      return unix - leewaySecs > now ? "bad" : "ok";
    case "iat":
      return unix - leewaySecs > now ? "bad" : "neutral";
    default:
      return "neutral";
  }
}
