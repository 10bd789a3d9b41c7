// The support card's facts in words: availability of a part, block scope,
// brute-force settings, dates.
import type { Availability, BlockFacts, BruteForceFacts, BruteForceMode } from "../../bindings";

/** Why a part of the card is missing, in one line; null when it is there. */
export function unavailableWords<T>(part: Availability<T>): string | null {
  switch (part.state) {
    case "available":
      return null;
    case "notOnPlan":
      return `Not on this tenant’s plan: ${part.message}`;
    case "missingScope":
      return `Not shown: the machine-to-machine application lacks the ${part.scope} scope. Grant it in Auth0 (Applications → APIs → Auth0 Management API → Machine to Machine Applications).`;
  }
}

/** Where a brute-force block applies, given how the tenant counts. */
export function blockScope(block: BlockFacts, mode: BruteForceMode | null): string {
  if (block.ip) return `from IP ${block.ip}`;
  return mode === "count_per_identifier_and_ip" ? "from an IP Auth0 did not name" : "from every IP";
}

export function bruteForceWords(settings: BruteForceFacts): string {
  if (!settings.enabled) return "Off: failed logins block nobody.";
  const counted =
    settings.mode === "count_per_identifier"
      ? "per account, from any IP (one block stops every IP)"
      : "per account and IP (a block stops that IP only)";
  return `On: ${settings.maxAttempts} failed attempts block, counted ${counted}.`;
}

/** A date from the core (RFC 3339) in the user's locale, with the time; the raw text when it is not a date. */
export function dateWords(date: string | null | undefined): string {
  if (!date) return "—";
  const at = new Date(date);
  return Number.isNaN(at.getTime()) ? date : at.toLocaleString();
}

const MFA_KINDS: Record<string, string> = {
  totp: "Authenticator app (one-time codes)",
  phone: "Phone (SMS or voice codes)",
  sms: "Phone (SMS codes)",
  email: "E-mail codes",
  push: "Push notifications (Guardian)",
  guardian: "Push notifications (Guardian)",
  "webauthn-roaming": "Security key",
  "webauthn-platform": "Device biometrics (passkey on this device)",
  passkey: "Passkey",
  "recovery-code": "Recovery code",
  otp: "Authenticator app (one-time codes)",
};

/** An MFA method's kind for a person; an unknown kind shown as Auth0 names it. */
export function mfaKindWords(kind: string): string {
  return MFA_KINDS[kind] ?? kind;
}

/** What a method means for the customer's next sign-in. */
export function mfaMethodWords(confirmed: boolean): string {
  return confirmed
    ? "Enrolled: the customer is asked for it at sign-in."
    : "Not finished: the customer started enrolling and cannot use it yet.";
}
