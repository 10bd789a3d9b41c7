// How a job's progress reads: "Members of Everyone — 400 of 1,066", and
// while the Management API's rate limit holds it, when it resumes.
import type { JobProgress } from "../bindings";

export type ProgressLine = {
  /** The phase with its count: "Members of Everyone — 400 of 1,066". */
  text: string;
  /** Done ÷ total (0–1) when the total is known; null for an indeterminate bar. */
  fraction: number | null;
  /** While waiting for a rate limit: "Rate limited: resumes in 4 s". */
  waiting: string | null;
  /** While waiting: the core's word that the tenant's rate-limit headers look wrong. */
  note: string | null;
};

const count = new Intl.NumberFormat("en-US");

export function progressLine(progress: JobProgress | null, nowSeconds: number): ProgressLine {
  if (!progress) return { text: "Starting…", fraction: null, waiting: null, note: null };
  const { phase, done, total, waitingUntil, waitNote } = progress;
  const known = total !== null && total > 0;
  const amount = known ? `${count.format(done)} of ${count.format(total)}` : done > 0 ? count.format(done) : "";
  const text = amount ? `${phase} — ${amount}` : phase;
  const fraction = known ? Math.min(1, Math.max(0, done / total)) : null;
  const waiting = waitingText(waitingUntil, nowSeconds);
  return { text, fraction, waiting, note: waiting === null ? null : waitNote };
}

function waitingText(until: number | null, now: number): string | null {
  if (until === null) return null;
  const left = Math.max(0, Math.ceil(until - now));
  if (left === 0) return "Rate limited by the Management API: resuming now";
  const clock = new Date(until * 1000).toLocaleTimeString("en-GB", { hour12: false });
  return `Rate limited by the Management API: resumes in ${left} s (at ${clock})`;
}

/** What the Cancel button, and the announcement, say once cancel was asked for. */
export const CANCELLING_WORDS = "Cancelling…";

/** How a job ended. */
export type JobEnding = "done" | "failed" | "cancelled";

/** The end of a job, after its title ("Loading roles: done."). */
export const ENDING_WORDS: Record<JobEnding, string> = {
  done: "done.",
  failed: "failed.",
  cancelled: "cancelled; nothing partial is kept.",
};
