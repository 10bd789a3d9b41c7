import { useEffect } from "react";
import type { ApiError } from "../../bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { JobProgressBar } from "../../components/JobProgressBar";
import { Notice } from "../../components/Notice";
import { CompareResult } from "./CompareResult";
import { compareMemory, useCompareMemory, type CompareState } from "./compareMemory";
import { compareBlocker } from "./compareSources";
import type { RbacState } from "./rbacStore";
import { SavedSnapshots } from "./SavedSnapshots";
import { SnapshotSourcePicker } from "./SnapshotSourcePicker";

/**
 * Two snapshots of roles and permissions compared: saved ones, files, or a
 * profile's tenant as it is now. What was chosen and the last result stay
 * while the user is elsewhere (compareMemory).
 */
export function CompareTab({ state }: { state: RbacState }) {
  const memory = useCompareMemory();

  useEffect(() => compareMemory.forProfile(state.profile), [state.profile]);
  // Opening the tab lists what can be chosen again: files may have come and gone.
  useEffect(() => {
    void compareMemory.refreshFiles();
    void compareMemory.refreshProfiles();
  }, []);

  if (memory.profile !== state.profile) return null;
  return (
    <>
      <SavedSnapshots overview={state.overview} profile={state.profile} memory={memory} />
      <Sources memory={memory} profileInUse={state.profile} />
      <RunBar memory={memory} />
      <JobProgressBar
        title="Comparing A with B"
        job={memory.running}
        onCancel={compareMemory.cancel}
        testId="rbac-compare-progress"
      />
      {memory.error ? <CompareError error={memory.error} /> : null}
      {memory.result ? <CompareResult diff={memory.result} /> : null}
    </>
  );
}

function Sources({ memory, profileInUse }: { memory: CompareState; profileInUse: string | null }) {
  const shared = {
    files: memory.files,
    profiles: memory.profiles,
    profilesError: memory.profilesError,
    profileInUse,
    disabled: memory.running !== null,
  };
  return (
    <section aria-label="What to compare" className="compare-sources">
      <SnapshotSourcePicker side="a" draft={memory.a} {...shared} />
      <button
        type="button"
        className="button button--small compare-sources__swap"
        disabled={memory.running !== null}
        onClick={compareMemory.swap}
        data-testid="rbac-compare-swap"
      >
        <span aria-hidden="true">⇄</span>
        Swap A and B
      </button>
      <SnapshotSourcePicker side="b" draft={memory.b} {...shared} />
    </section>
  );
}

function RunBar({ memory }: { memory: CompareState }) {
  const blocker = compareBlocker(memory.a, memory.b);
  return (
    <div className="rbac-toolbar compare-run">
      <button
        type="button"
        className="button button--primary"
        disabled={blocker !== null || memory.running !== null}
        aria-describedby={blocker ? "rbac-compare-blocker" : undefined}
        onClick={compareMemory.run}
        data-testid="rbac-compare-run"
      >
        Compare
      </button>
      {blocker ? (
        <p className="field__hint" id="rbac-compare-blocker" data-testid="rbac-compare-blocker">
          {blocker}
        </p>
      ) : null}
    </div>
  );
}

function CompareError({ error }: { error: ApiError }) {
  if (error.code === "cancelled") {
    return (
      <Notice tone="info" testId="rbac-compare-cancelled">
        The comparison was cancelled; nothing of it was kept.{" "}
        <button type="button" className="link-button" onClick={compareMemory.dismissError}>
          Dismiss
        </button>
      </Notice>
    );
  }
  return (
    <ErrorNotice title="The snapshots could not be compared" error={error} onRetry={compareMemory.run} testId="rbac-compare-error" />
  );
}
