// What the Compare tab compares: each side (A "before", B "after") is a saved
// snapshot, a profile's tenant as it is now, or a snapshot file anywhere. A
// side keeps a value for every kind, so switching kinds back and forth loses
// nothing the user chose or typed.
import type { SnapshotFile, SnapshotSource } from "../../bindings";
import type { Choice } from "../../components/ChoiceField";

export type SourceKind = "saved" | "profile" | "file";

export type SourceDraft = {
  kind: SourceKind;
  /** The chosen saved snapshot (its path); "" while there is none to choose. */
  savedPath: string;
  /** The chosen profile's name; "" until the profiles are known. */
  profile: string;
  /** A snapshot file's path as typed. */
  filePath: string;
};

export type CompareSide = "a" | "b";

export const SIDE_NAMES: Record<CompareSide, string> = { a: "A", b: "B" };

export const SOURCE_CHOICES: readonly Choice<SourceKind>[] = [
  { kind: "saved", label: "A saved snapshot" },
  { kind: "profile", label: "A profile’s tenant as it is now" },
  { kind: "file", label: "A snapshot file" },
];

/** What the defaults are filled from. `null` lists are still loading. */
export type SourceContext = {
  files: SnapshotFile[] | null;
  profiles: string[] | null;
  /** The profile the screen is about. */
  profileInUse: string | null;
};

const blank = (kind: SourceKind): SourceDraft => ({ kind, savedPath: "", profile: "", filePath: "" });

/** Before anything is known: A is a saved snapshot, B the profile in use now. */
export function initialSources(profileInUse: string | null): { a: SourceDraft; b: SourceDraft } {
  return { a: blank("saved"), b: { ...blank("profile"), profile: profileInUse ?? "" } };
}

/** The saved snapshots that can be compared (those with a problem cannot). */
export function usableSnapshots(files: SnapshotFile[]): SnapshotFile[] {
  return files.filter((f) => f.problem === null);
}

/**
 * Fills in what the user has not chosen, and replaces a choice that is no
 * longer offered: the newest usable saved snapshot, the profile in use.
 * Returns the same draft when nothing changes.
 */
export function withDefaults(draft: SourceDraft, context: SourceContext): SourceDraft {
  const savedPath = defaultSavedPath(draft.savedPath, context.files);
  const profile = defaultProfile(draft.profile, context.profiles, context.profileInUse);
  if (savedPath === draft.savedPath && profile === draft.profile) return draft;
  return { ...draft, savedPath, profile };
}

function defaultSavedPath(chosen: string, files: SnapshotFile[] | null): string {
  if (files === null) return chosen;
  const usable = usableSnapshots(files);
  if (usable.some((f) => f.path === chosen)) return chosen;
  // The list comes newest first.
  return usable[0]?.path ?? "";
}

function defaultProfile(chosen: string, profiles: string[] | null, profileInUse: string | null): string {
  if (profiles === null) return chosen || (profileInUse ?? "");
  if (profiles.includes(chosen)) return chosen;
  if (profileInUse !== null && profiles.includes(profileInUse)) return profileInUse;
  return profiles[0] ?? "";
}

/** What the core is asked to read for this side; null while the side is incomplete. */
export function toSnapshotSource(draft: SourceDraft): SnapshotSource | null {
  switch (draft.kind) {
    case "saved":
      return draft.savedPath ? { kind: "file", path: draft.savedPath } : null;
    case "profile":
      return draft.profile ? { kind: "profile", name: draft.profile } : null;
    case "file": {
      const path = draft.filePath.trim();
      return path ? { kind: "file", path } : null;
    }
  }
}

/** Why this side cannot be compared yet, in words; null when it can. */
export function sourceBlocker(side: CompareSide, draft: SourceDraft): string | null {
  if (toSnapshotSource(draft) !== null) return null;
  const name = SIDE_NAMES[side];
  switch (draft.kind) {
    case "saved":
      return `There is no saved snapshot to use as ${name}: save one, or choose another source.`;
    case "profile":
      return `Choose a profile for ${name}.`;
    case "file":
      return `Enter the path of the snapshot file for ${name}.`;
  }
}

/** Why Compare cannot run yet (A's reason first); null when it can. */
export function compareBlocker(a: SourceDraft, b: SourceDraft): string | null {
  return sourceBlocker("a", a) ?? sourceBlocker("b", b);
}
