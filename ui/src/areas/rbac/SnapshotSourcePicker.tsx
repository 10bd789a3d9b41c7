import type { ApiError, SnapshotFile } from "../../bindings";
import { ChoiceField } from "../../components/ChoiceField";
import { TextField } from "../../components/TextField";
import { compareMemory } from "./compareMemory";
import { SIDE_NAMES, SOURCE_CHOICES, usableSnapshots, type CompareSide, type SourceDraft } from "./compareSources";
import { plural } from "../../components/plural";
import { savedSnapshotLabel } from "./compareText";

type PickerProps = {
  side: CompareSide;
  draft: SourceDraft;
  files: SnapshotFile[] | null;
  profiles: string[] | null;
  profilesError: ApiError | null;
  profileInUse: string | null;
  /** While a compare runs the sources stay as they are. */
  disabled: boolean;
};

const ROLE: Record<CompareSide, string> = { a: "before", b: "after" };

const KIND_HINTS: Record<SourceDraft["kind"], string> = {
  saved: "A snapshot saved in the export folder (listed above).",
  profile: "The tenant’s roles, permissions and members are read now: this takes as long as loading them.",
  file: "A snapshot document anywhere, e.g. one written by idlens rbac snapshot --out FILE.",
};

/** One side of the comparison: which kind of source, then which one. */
export function SnapshotSourcePicker(props: PickerProps) {
  const { side, draft, disabled } = props;
  const id = `rbac-compare-${side}`;
  return (
    <fieldset className="compare-picker" disabled={disabled} data-testid={id}>
      <legend className="compare-picker__title">
        {SIDE_NAMES[side]} <span className="compare-picker__role">({ROLE[side]})</span>
      </legend>
      <ChoiceField
        id={`${id}-kind`}
        label={`Source of ${SIDE_NAMES[side]}`}
        value={draft.kind}
        choices={SOURCE_CHOICES}
        onChange={(kind) => compareMemory.setSource(side, { kind })}
        hint={KIND_HINTS[draft.kind]}
      />
      <SourceDetail {...props} id={id} />
    </fieldset>
  );
}

function SourceDetail(props: PickerProps & { id: string }) {
  switch (props.draft.kind) {
    case "saved":
      return <SavedChoice {...props} />;
    case "profile":
      return <ProfileChoice {...props} />;
    case "file":
      return (
        <TextField
          id={`${props.id}-file`}
          testId={`${props.id}-file`}
          label="Snapshot file"
          value={props.draft.filePath}
          onChange={(filePath) => compareMemory.setSource(props.side, { filePath })}
          placeholder="/path/to/snapshot.json"
          mono
        />
      );
  }
}

function SavedChoice({ id, side, draft, files }: PickerProps & { id: string }) {
  if (files === null) return <p className="field__hint">Listing the saved snapshots…</p>;
  const usable = usableSnapshots(files);
  const unusable = files.length - usable.length;
  const leftOut =
    unusable > 0 ? ` ${plural(unusable, "saved file is", "saved files are")} left out: see the list.` : "";
  if (usable.length === 0) {
    return (
      <p className="field__hint" data-testid={`${id}-no-saved`}>
        No saved snapshot can be compared yet: save one above, or choose another source.{leftOut}
      </p>
    );
  }
  const chosen = usable.find((f) => f.path === draft.savedPath);
  return (
    <ChoiceField
      id={`${id}-saved`}
      label="Saved snapshot"
      value={draft.savedPath}
      choices={usable.map((f) => ({ kind: f.path, label: savedSnapshotLabel(f) }))}
      onChange={(savedPath) => compareMemory.setSource(side, { savedPath })}
      hint={`${chosen ? chosen.fileName : "Choose one."}${leftOut}`}
    />
  );
}

function ProfileChoice({ id, side, draft, profiles, profilesError, profileInUse }: PickerProps & { id: string }) {
  if (profilesError) {
    return <p className="field__hint text-warning">The profiles could not be listed: {profilesError.message}</p>;
  }
  if (profiles === null) return <p className="field__hint">Listing the profiles…</p>;
  return (
    <ChoiceField
      id={`${id}-profile`}
      label="Profile"
      value={draft.profile}
      choices={profiles.map((name) => ({ kind: name, label: name === profileInUse ? `${name} (in use)` : name }))}
      onChange={(profile) => compareMemory.setSource(side, { profile })}
      hint="Its Management API access must be set up."
    />
  );
}
