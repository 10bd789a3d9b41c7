import { useState } from "react";
import { useToast } from "../../app/toast";
import { commands, type RbacOverview, type SnapshotFile } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import type { Column } from "../../components/DataTable";
import { SavedFiles, savedFileColumns } from "../../components/SavedFiles";
import { toApiError } from "../../ipc";
import { tenantHost } from "../../profile/tenantUrls";
import { compareMemory, type CompareState } from "./compareMemory";
import { SIDE_NAMES, type CompareSide } from "./compareSources";
import { takenAtText } from "./compareText";

type SavedSnapshotsProps = {
  /** The loaded tenant, which "Save" writes; null while nothing is loaded. */
  overview: RbacOverview | null;
  profile: string | null;
  memory: CompareState;
};

/** Saving the loaded tenant as a snapshot, and the snapshots saved in the export folder. */
export function SavedSnapshots({ overview, profile, memory }: SavedSnapshotsProps) {
  return (
    <SavedFiles
      noun="snapshots"
      titleId="rbac-snapshots-title"
      testId="rbac-snapshot"
      files={memory.files}
      loading={memory.filesLoading}
      error={memory.filesError}
      refresh={() => void compareMemory.refreshFiles()}
      save={<SaveButton overview={overview} profile={profile} />}
      none="No snapshot is saved yet. Save one now to compare the tenant with it later."
      columns={snapshotColumns(memory)}
      rowAttributes={() => ({ "data-testid": "rbac-snapshot-file" })}
    />
  );
}

function SaveButton({ overview, profile }: { overview: RbacOverview | null; profile: string | null }) {
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const saved = await commands.rbacSnapshotSave(profile);
      toast(`Saved the snapshot to ${saved.path}`);
      void compareMemory.refreshFiles();
    } catch (e) {
      toast(`The snapshot was not saved: ${toApiError(e).message}`, "error");
    } finally {
      setSaving(false);
    }
  };
  const tenant = overview ? tenantHost(overview.tenant) : "the tenant";
  return (
    <BusyButton
      busy={saving}
      busyLabel="Saving…"
      disabled={overview === null}
      className="button button--primary button--small"
      title={overview ? "Saved as JSON in the export folder, to compare later" : "Load the tenant’s roles first"}
      onClick={() => void save()}
      testId="rbac-snapshot-save"
    >
      Save a snapshot of {tenant} now
    </BusyButton>
  );
}

function snapshotColumns(memory: CompareState): Column<SnapshotFile>[] {
  const usedBy = (file: SnapshotFile) =>
    (["a", "b"] as const).filter((side) => {
      const draft = memory[side];
      return draft.kind === "saved" && draft.savedPath === file.path;
    });
  return savedFileColumns<SnapshotFile>({
    chips: (file) => (
      <>
        {" "}
        {usedBy(file).map((side) => (
          <span key={side} className="chip chip--small chip--accent" title={`Compared as ${SIDE_NAMES[side]}`}>
            {SIDE_NAMES[side]}
          </span>
        ))}
      </>
    ),
    facts: [
      { id: "tenant", header: "Tenant", sortValue: (f) => f.tenant, cellProps: (f) => ({ title: f.tenant }), cell: (f) => tenantHost(f.tenant) },
      { id: "taken", header: "Taken", sortValue: (f) => f.takenAt, cell: (f) => takenAtText(f.takenAt) },
    ],
    problemTestId: "rbac-snapshot-problem",
    use: { id: "use", label: "Use", cell: (file) => <UseButtons file={file} running={memory.running !== null} /> },
  });
}

function UseButtons({ file, running }: { file: SnapshotFile; running: boolean }) {
  const use = (side: CompareSide) => compareMemory.setSource(side, { kind: "saved", savedPath: file.path });
  return (
    <span className="compare-files__use">
      {(["a", "b"] as const).map((side) => (
        <button
          key={side}
          type="button"
          className="link-button"
          disabled={running}
          onClick={() => use(side)}
          aria-label={`Use as ${SIDE_NAMES[side]}: ${file.fileName}`}
          data-testid={`rbac-snapshot-use-${side}`}
        >
          Use as {SIDE_NAMES[side]}
        </button>
      ))}
    </span>
  );
}
