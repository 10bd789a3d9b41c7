// The one place jobs are announced to screen readers: a visually hidden
// polite live region the app renders once, so it outlives every progress
// bar (a job's end is announced after its bar is gone). Progress bars tell
// it what their job does now; the job's slot tells it how the job ended.
// What is said, and when, is progressAnnouncement.ts.
import { useEffect } from "react";
import type { Outcome, Running } from "../jobs";
import { createStore } from "../store";
import { endAnnouncement, endingOf, nextAnnouncement, type Heard } from "./progressAnnouncement";

type Said = { id: number; text: string };

const said = createStore<Said>({ id: 0, text: "" });

/** Each run of a job shown by a bar: its title and what was said of it. */
const runs = new Map<number, { title: string; heard: Heard }>();
/** Runs over: a bar's late render of one says nothing more. */
const over = new Set<number>();

function say(text: string) {
  said.replace({ id: said.get().id + 1, text });
}

/** Job `title`, run `job.run`, is shown as `job`: says what changed enough to be worth saying. */
export function announceJobProgress(title: string, job: Running, nowSeconds = Date.now() / 1000) {
  if (job.run === undefined || over.has(job.run)) return;
  const before = runs.get(job.run);
  const next = nextAnnouncement(title, before?.heard ?? null, job, nowSeconds);
  runs.set(job.run, { title, heard: next.heard });
  if (next.say !== null) say(next.say);
}

/** Run `run` ended with `outcome`: says so, under the title its bar showed (if one did). */
export function announceJobEnd(run: number, outcome: Outcome<unknown>) {
  const shown = runs.get(run);
  forgetJobRun(run);
  if (shown) say(endAnnouncement(shown.title, endingOf(outcome)));
}

/** Run `run` was dropped without an outcome (replaced, or stopped with its screen's profile): nothing more is said of it. */
export function forgetJobRun(run: number) {
  runs.delete(run);
  over.add(run);
}

/** Announces a bar's job as it runs (see announceJobProgress). */
export function useJobAnnouncement(title: string, job: Running | null) {
  useEffect(() => {
    if (job) announceJobProgress(title, job);
  }, [title, job]);
}

/**
 * The live region itself, rendered once by the app. Each announcement is a
 * new node, so the same words twice (two jobs ending alike) are said twice.
 */
export function JobAnnouncer() {
  const { id, text } = said.use();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="job-announcer">
      {text ? <span key={id}>{text}</span> : null}
    </div>
  );
}
