import { useEffect } from "react";
import type { JobProgress } from "../bindings";
import type { Running } from "../jobs";
import { IconStop } from "./Icons";
import { useJobAnnouncement } from "./JobAnnouncer";
import { CANCELLING_WORDS, progressLine } from "./progressWords";
import { useNow } from "./useNow";

type JobProgressBarProps = {
  /** What the job does: "Loading roles and permissions". */
  title: string;
  /** The job on screen (a `JobSlot`'s `Running`, usually a store field); nothing is shown without one. */
  job: Running | null;
  onCancel: () => void;
  testId?: string;
};

/**
 * A running job: its phase and count, a bar, a rate-limit wait, and Cancel
 * (also Esc); nothing while `job` is null, so a screen writes the bar once
 * whether or not its job runs. The bar is not a live region (it changes many
 * times a second): the app's JobAnnouncer says what changed, at a human rate.
 */
export function JobProgressBar({ job, ...rest }: JobProgressBarProps) {
  useJobAnnouncement(rest.title, job);
  return job ? <RunningBar {...rest} progress={job.progress} cancelling={job.cancelling} /> : null;
}

type RunningBarProps = Omit<JobProgressBarProps, "job"> & {
  progress: JobProgress | null;
  /** Set once cancel was asked for, until the job ends. */
  cancelling: boolean;
};

function RunningBar({ title, progress, onCancel, cancelling, testId }: RunningBarProps) {
  const waiting = progress?.waitingUntil !== null && progress?.waitingUntil !== undefined;
  const now = useNow(waiting ? 500 : 15_000);
  const line = progressLine(progress, waiting ? Date.now() / 1000 : now);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);

  return (
    <div className="job-progress" data-testid={testId}>
      <div className="job-progress__head">
        <strong>{title}</strong>
        <button
          type="button"
          className="button button--small"
          onClick={onCancel}
          disabled={cancelling}
          data-testid={testId ? `${testId}-cancel` : undefined}
        >
          <IconStop />
          {cancelling ? CANCELLING_WORDS : "Cancel"}
        </button>
      </div>
      <div
        className={`job-progress__bar${line.fraction === null ? " job-progress__bar--indeterminate" : ""}`}
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={line.fraction === null ? undefined : Math.round(line.fraction * 100)}
      >
        <span style={line.fraction === null ? undefined : { width: `${line.fraction * 100}%` }} />
      </div>
      <p className="job-progress__text" data-testid={testId ? `${testId}-text` : undefined}>
        {line.text}
      </p>
      {line.waiting ? (
        <p className="job-progress__waiting" data-testid={testId ? `${testId}-waiting` : undefined}>
          {line.waiting}
        </p>
      ) : null}
      {line.note ? (
        <p className="job-progress__waiting" data-testid={testId ? `${testId}-wait-note` : undefined}>
          {line.note}
        </p>
      ) : null}
      <p className="job-progress__hint">Esc cancels; nothing partial is kept.</p>
    </div>
  );
}
