// How the Compare tab words things: file sizes, when a snapshot was taken,
// how members were matched, the verdict, and what each side of a diff line
// holds.
import type { DiffView, SnapshotFile } from "../../bindings";
import { plural } from "../../components/plural";
import { tenantHost } from "../../profile/tenantUrls";
import type { SideBySideLine } from "./diffSides";

const count = new Intl.NumberFormat("en-US");
const KB = 1024;

/** "512 bytes", "118 KB", "2.4 MB" (1 KB = 1,024 bytes, as file managers mostly count). */
export function sizeText(bytes: number): string {
  if (bytes < KB) return bytes === 1 ? "1 byte" : `${count.format(bytes)} bytes`;
  const kilobytes = Math.round(bytes / KB);
  if (kilobytes < KB) return `${kilobytes} KB`;
  return `${(bytes / (KB * KB)).toFixed(1)} MB`;
}

/**
 * When a snapshot was taken, in the user's time zone unless one is given:
 * "26 Nov 2026, 20:00". Unknown ("") or unreadable stamps are said as such.
 */
export function takenAtText(takenAt: string, timeZone?: string): string {
  if (!takenAt) return "unknown";
  const when = new Date(takenAt);
  if (Number.isNaN(when.getTime())) return takenAt;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone,
  }).format(when);
}

/** A saved snapshot as a picker offers it: "26 Nov 2026, 20:00 · acme.eu.auth0.com". */
export function savedSnapshotLabel(file: SnapshotFile, timeZone?: string): string {
  return `${takenAtText(file.takenAt, timeZone)} · ${tenantHost(file.tenant)}`;
}

/** How the core matched members: by user ID within one tenant, by e-mail across two. */
export function matchedByText(membersMatchedBy: string): string {
  switch (membersMatchedBy) {
    case "user_id":
      return "by user ID (same tenant)";
    case "email":
      return "by e-mail (two tenants)";
    default:
      return `by ${membersMatchedBy}`;
  }
}

/**
 * Every single difference: an API or role only one side has counts once; a
 * changed one counts each scope, permission and member that differs, and its
 * note (description changed, renamed).
 */
export function countDifferences(lines: SideBySideLine[]): number {
  return lines.reduce((total, line) => total + lineDifferences(line), 0);
}

function lineDifferences(line: SideBySideLine): number {
  if (line.status !== "changed") return 1;
  const items = line.items.reduce((n, item) => n + item.a.length + item.b.length, 0);
  return Math.max(1, items + (line.note === null ? 0 : 1));
}

export type Verdict = {
  tone: "ok" | "warn";
  /** "No differences", "6 differences". */
  text: string;
  /** Which APIs and roles differ: "2 APIs and 2 roles differ"; null when none do. */
  detail: string | null;
};

export function verdictOf(diff: DiffView, lines: SideBySideLine[]): Verdict {
  if (diff.identical) return { tone: "ok", text: "No differences", detail: null };
  const differences = countDifferences(lines);
  return {
    tone: "warn",
    text: differences === 0 ? "The snapshots differ" : plural(differences, "difference", "differences"),
    detail: whatDiffers(lines),
  };
}

function whatDiffers(lines: SideBySideLine[]): string | null {
  const apis = lines.filter((l) => l.what === "api").length;
  const roles = lines.length - apis;
  const parts = [
    apis > 0 ? plural(apis, "API", "APIs") : null,
    roles > 0 ? plural(roles, "role", "roles") : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return `${parts.join(" and ")} ${lines.length === 1 ? "differs" : "differ"}`;
}

export const STATUS_TEXT: Record<SideBySideLine["status"], string> = {
  onlyA: "Only in A",
  onlyB: "Only in B",
  changed: "Changed",
};

export const WHAT_TEXT: Record<SideBySideLine["what"], string> = { api: "API", role: "Role" };

export type SideGroup = { label: string; values: string[] };

/** What one column of a diff line shows: the whole API or role, or the items only that side has. */
export type SideCell = { whole: string | null; groups: SideGroup[] };

export function sideCell(line: SideBySideLine, side: "a" | "b"): SideCell {
  const owner = side === "a" ? "onlyA" : "onlyB";
  if (line.status === owner) return { whole: `The whole ${line.what === "api" ? "API" : "role"}`, groups: [] };
  if (line.status !== "changed") return { whole: null, groups: [] };
  const groups = line.items
    .map((item) => ({ label: item.label, values: side === "a" ? item.a : item.b }))
    .filter((g) => g.values.length > 0);
  return { whole: null, groups };
}

export function isEmptyCell(cell: SideCell): boolean {
  return cell.whole === null && cell.groups.length === 0;
}

/** The first `limit` values, and how many more there are (a role can gain thousands of members). */
export function firstValues(values: string[], limit: number): { shown: string[]; more: number } {
  return { shown: values.slice(0, limit), more: Math.max(0, values.length - limit) };
}
