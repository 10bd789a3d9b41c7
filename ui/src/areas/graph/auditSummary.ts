// The audit's numbers as the screen shows them: the six counts in order
// (every kind, 0 when the core left one out), what each source gave, and a
// comparison with a saved report in one sentence.
import type { AuditComparison, AuditSourceView, FindingKind, KindChange, KindCount } from "../../bindings";
import { plural } from "../../components/plural";
import { takenAtText } from "../rbac/compareText";
import { KIND_ORDER } from "./findingWords";

/** Every kind in the report's order with its count; kinds missing from `summary` count 0. */
export function orderedSummary(summary: readonly KindCount[]): KindCount[] {
  const counts = new Map(summary.map((k) => [k.kind, k.count] as const));
  return KIND_ORDER.map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

export function summaryTotal(summary: readonly KindCount[]): number {
  return summary.reduce((n, k) => n + k.count, 0);
}

/** The count of one kind, or of every kind for `null` (the filter "All"). */
export function countOf(summary: readonly KindCount[], kind: FindingKind | null): number {
  return kind === null ? summaryTotal(summary) : (summary.find((k) => k.kind === kind)?.count ?? 0);
}

/** Where a side's records came from: "the Management API", "the file users.json.gz". */
export function sourceKindWords(source: AuditSourceView): string {
  switch (source.kind) {
    case "api":
      return "the Management API";
    case "export":
      return "a users export job";
    case "file":
      return `the file ${source.name}`;
    case "neo4j":
      return source.name ? `Neo4j at ${source.name}` : "Neo4j";
    default:
      return source.name || source.kind;
  }
}

/** "Auth0: 12,400 users from the Management API" (+ bad lines), "Graph: 12,380 rows from Neo4j at …". */
export function sourceLine(side: "auth0" | "graph", source: AuditSourceView): string {
  const records =
    side === "auth0" ? plural(source.records, "user", "users") : plural(source.records, "row", "rows");
  const bad = source.badLines > 0 ? ` (${plural(source.badLines, "bad line", "bad lines")} skipped)` : "";
  const left = source.notCompared.length > 0 ? `; not compared: ${source.notCompared.join(", ")}` : "";
  return `${side === "auth0" ? "Auth0" : "Graph"}: ${records} from ${sourceKindWords(source)}${bad}${left}`;
}

/**
 * When Auth0's side may not be every user (the Management API's search gave
 * no total to check the count against): what to say, else null.
 */
export function unconfirmedCountWarning(source: AuditSourceView): string | null {
  if (!source.countUnconfirmed) return null;
  return `The Auth0 side is the ${plural(source.records, "user", "users")} the Management API's search gave, with no total to check them against: users may be missing, and findings with them. Audit a users export to be sure.`;
}

/** "3 new findings since 26 Nov 2026, 21:30, 12 fixed" — or that nothing changed. */
export function compareHeadline(c: AuditComparison, timeZone?: string): string {
  const since = takenAtText(c.baseCreatedAt, timeZone);
  if (c.newFindings === 0 && c.fixed === 0) return `No change since ${since}: ${plural(c.unchanged, "finding", "findings")} as before`;
  return `${plural(c.newFindings, "new finding", "new findings")} since ${since}, ${c.fixed.toLocaleString("en-US")} fixed`;
}

/** Per-kind changes in the report's order, leaving out kinds that did not change. */
export function changedKinds(byKind: readonly KindChange[]): KindChange[] {
  const of = new Map(byKind.map((k) => [k.kind, k] as const));
  return KIND_ORDER.map((kind) => of.get(kind)).filter(
    (k): k is KindChange => k !== undefined && (k.newFindings > 0 || k.fixed > 0),
  );
}

/** "+3 / −12" for one kind. */
export function kindChangeText(change: KindChange): string {
  return `+${change.newFindings.toLocaleString("en-US")} new, −${change.fixed.toLocaleString("en-US")} fixed`;
}

/** Above the findings list: "6,000 findings", "1,000 duplicate accounts", "12 of 1,000 duplicate accounts match". */
export function findingsCountWords(shown: number | null, totalOfKind: number, kindTitle: string | null, filter: string): string {
  if (shown === null) return "Loading the findings…";
  const what = kindTitle ? kindTitle.toLowerCase() : totalOfKind === 1 ? "finding" : "findings";
  if (filter) return `${shown.toLocaleString("en-US")} of ${totalOfKind.toLocaleString("en-US")} ${what} match “${filter}”`;
  return `${shown.toLocaleString("en-US")} ${kindTitle ? what : shown === 1 ? "finding" : "findings"}`;
}
