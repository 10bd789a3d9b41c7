// A diff of two snapshots as the side-by-side view shows it: one line per
// API or role that differs, with what only A has on the left and what only B
// has on the right.
import type { DiffView } from "../../bindings";

export type SideBySideItem = { label: string; a: string[]; b: string[] };

export type SideBySideLine = {
  what: "api" | "role";
  name: string;
  /** "Only in A", "Only in B", or "Changed". */
  status: "onlyA" | "onlyB" | "changed";
  items: SideBySideItem[];
  note: string | null;
};

export function sideBySide(diff: DiffView): SideBySideLine[] {
  const lines: SideBySideLine[] = [];
  const whole = (what: "api" | "role", status: "onlyA" | "onlyB") => (name: string) =>
    lines.push({ what, name, status, items: [], note: null });
  diff.apisRemoved.forEach(whole("api", "onlyA"));
  diff.apisAdded.forEach(whole("api", "onlyB"));
  for (const c of diff.apisChanged) {
    lines.push({
      what: "api",
      name: c.api,
      status: "changed",
      items: nonEmpty([{ label: "Scopes", a: c.scopesRemoved, b: c.scopesAdded }]),
      note: c.renamedFrom === null ? null : `Renamed from ${c.renamedFrom}`,
    });
  }
  diff.rolesRemoved.forEach(whole("role", "onlyA"));
  diff.rolesAdded.forEach(whole("role", "onlyB"));
  for (const c of diff.rolesChanged) {
    lines.push({
      what: "role",
      name: c.role,
      status: "changed",
      items: nonEmpty([
        { label: "Permissions", a: c.permissionsRemoved, b: c.permissionsAdded },
        { label: "Members", a: c.membersRemoved, b: c.membersAdded },
      ]),
      note: c.descriptionChanged ? "Description changed" : null,
    });
  }
  return lines;
}

function nonEmpty(items: SideBySideItem[]): SideBySideItem[] {
  return items.filter((i) => i.a.length > 0 || i.b.length > 0);
}
