// How the Session screen words times and failures.
import type { ApiError } from "../../bindings";

/** "23 h 59 min", "4 min 10 s", "12 s": precise enough to act on, short enough to scan. */
export function remainingWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const MINUTE = 60;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  if (s < MINUTE) return `${s} s`;
  if (s < 5 * MINUTE) {
    const rest = s % MINUTE;
    return rest ? `${Math.floor(s / MINUTE)} min ${rest} s` : `${s / MINUTE} min`;
  }
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < 2 * DAY) {
    const minutes = Math.floor((s % HOUR) / MINUTE);
    return minutes ? `${Math.floor(s / HOUR)} h ${minutes} min` : `${Math.floor(s / HOUR)} h`;
  }
  return `${Math.floor(s / DAY)} days`;
}

/** A countdown as a clock, "14:59" or "1:02:03". */
export function clockWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** Below this, the access token's expiry is shown as a warning. */
export const EXPIRY_WARNING_SECS = 5 * 60;

export type ExpiryTone = "ok" | "soon" | "expired" | "unknown";

export function expiryTone(expiresAt: number | null, now: number): ExpiryTone {
  if (expiresAt === null) return "unknown";
  if (expiresAt <= now) return "expired";
  return expiresAt - now < EXPIRY_WARNING_SECS ? "soon" : "ok";
}

export function expiryWords(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return "expiry unknown";
  const left = expiresAt - now;
  return left > 0 ? `expires in ${remainingWords(left)}` : `expired ${remainingWords(-left)} ago`;
}

/** The local date and time of a Unix time, for tooltips and the fine print. */
export function localTime(unix: number): string {
  return new Date(unix * 1000).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "medium",
  });
}

/** What to do after a failed session call, when the message itself does not say. */
export function nextStep(error: ApiError): string | null {
  switch (error.code) {
    case "network":
      return "Check that this machine can reach the tenant, then try again.";
    case "keychain":
      return "IdLens could not use the OS keychain. Unlock it (or start its service) and try again.";
    case "config":
    case "notFound":
      return "Check the profile in Settings.";
    case "internal":
      return "Try again. If it keeps failing, restart IdLens.";
    default:
      return null;
  }
}

/** The headline of a sign-in that ended without signing in; the core's message says why. */
export function failureTitle(kind: "device" | "browser", error: ApiError): string {
  if (error.code === "network") return "The tenant could not be reached";
  return kind === "device" ? "The device sign-in did not finish" : "The browser sign-in did not finish";
}
