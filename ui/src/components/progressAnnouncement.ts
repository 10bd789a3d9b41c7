// What a screen reader is told about a running job, at a human rate: a
// progress bar ticks many times a second, and announcing every tick would
// drown everything else. Something is said only when
// - the job starts;
// - its phase changes;
// - its count crosses a tenth of a known total (10 %, 20 % … each once), or,
//   with no total known, a power of ten (10, 100, 1,000 …: an unknown total
//   gives no share to report, and a tenfold count is what a listener notices);
// - a rate-limit wait begins;
// - cancel is asked for;
// - it ends: done, failed or cancelled.
// Pure: given what was said last (`Heard`) and the job now, what to say.
import type { ApiError } from "../bindings";
import type { Outcome, Running } from "../jobs";
import { CANCELLING_WORDS, ENDING_WORDS, progressLine, type JobEnding } from "./progressWords";

/** What was last said about a job: nothing is said twice for the same step. */
export type Heard = {
  phase: string | null;
  /** Tenths of a known total reached (0–10), or powers of ten of a count with no total (0 below 10). */
  step: number;
  /** Whether `step` counts tenths (a total was known). */
  ofTotal: boolean;
  waiting: boolean;
  cancelling: boolean;
};

export type Announcement = { heard: Heard; say: string | null };

function stepOf(done: number, total: number | null): { step: number; ofTotal: boolean } {
  if (total !== null && total > 0) return { step: Math.floor((Math.min(done, total) * 10) / total), ofTotal: true };
  return { step: done >= 10 ? Math.floor(Math.log10(done)) : 0, ofTotal: false };
}

/**
 * What to say about `job` (called `title`) now that `heard` was said (null:
 * nothing yet, the job starts), and what has been said after it.
 */
export function nextAnnouncement(title: string, heard: Heard | null, job: Running, nowSeconds: number): Announcement {
  const { progress, cancelling } = job;
  const line = progressLine(progress, nowSeconds);
  const phase = progress?.phase ?? null;
  const { step, ofTotal } = progress ? stepOf(progress.done, progress.total) : { step: 0, ofTotal: false };
  const waiting = line.waiting !== null;
  const now: Heard = { phase, step, ofTotal, waiting, cancelling };
  if (heard === null) return { heard: now, say: `${title}: ${line.text}` };
  if (cancelling && !heard.cancelling) return { heard: now, say: `${title}: ${CANCELLING_WORDS}` };
  if (phase !== heard.phase) return { heard: now, say: line.text };
  if (waiting && !heard.waiting) return { heard: now, say: line.waiting };
  if (ofTotal !== heard.ofTotal) return { heard: now, say: null };
  if (step > heard.step) return { heard: now, say: ofTotal ? `${line.text} (${step * 10} %)` : line.text };
  // A count going back within a phase does not make a tenth heard twice.
  return { heard: { ...now, step: Math.max(step, heard.step) }, say: null };
}

/** How a job ended, from its outcome. */
export function endingOf(outcome: Outcome<unknown>): JobEnding {
  if (outcome.ok) return "done";
  return (outcome.error as ApiError).code === "cancelled" ? "cancelled" : "failed";
}

/** What is said when job `title` ends. */
export function endAnnouncement(title: string, ending: JobEnding): string {
  return `${title}: ${ENDING_WORDS[ending]}`;
}
