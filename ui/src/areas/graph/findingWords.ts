// How the sync audit's findings read: the kinds in the report's order with
// their labels, a finding's one-line detail for the table, the drifting
// fields, and the words for a duplicate account's primary. The rules behind
// each kind are in docs/audit.md.
import { FINDING_KINDS, type AuditFindingView, type FieldDriftView, type FindingKind } from "../../bindings";
import { plural } from "../../components/plural";

/** Every kind, in the report's order (docs/audit.md, "Findings"): the engine's. */
export const KIND_ORDER: readonly FindingKind[] = FINDING_KINDS;

export type KindWords = {
  /** "Missing in the graph". */
  title: string;
  /** What one finding of the kind is, for a tooltip or a hint. */
  about: string;
  /** How serious it usually is: drives the colour of its count. */
  tone: "danger" | "warning" | "info";
};

export const KIND_WORDS: Record<FindingKind, KindWords> = {
  missing_in_graph: {
    title: "Missing in the graph",
    about: "An Auth0 user with no node in the graph.",
    tone: "danger",
  },
  orphan_in_graph: {
    title: "Orphans in the graph",
    about: "A node whose ID is no Auth0 user’s, nor an identity linked into one.",
    tone: "warning",
  },
  linked_secondary_in_graph: {
    title: "Linked identities in the graph",
    about: "A node keyed by an identity that is linked into another Auth0 user.",
    tone: "warning",
  },
  field_drift: {
    title: "Field drift",
    about: "A user whose e-mail, name or e-mail verification differs between Auth0 and the graph.",
    tone: "warning",
  },
  duplicate_node: {
    title: "Duplicate nodes",
    about: "Several nodes hold the same user ID.",
    tone: "danger",
  },
  duplicate_account: {
    title: "Duplicate accounts",
    about: "Several Auth0 users share one e-mail: one person, several accounts.",
    tone: "info",
  },
};

const KINDS = new Set<string>(KIND_ORDER);

export function isFindingKind(value: string): value is FindingKind {
  return KINDS.has(value);
}

/** "E-mail", "Name", "E-mail verified"; an unknown field as it is. */
export function fieldLabel(field: string): string {
  switch (field) {
    case "email":
      return "E-mail";
    case "email_verified":
      return "E-mail verified";
    case "name":
      return "Name";
    default:
      return field;
  }
}

/** A drifting value as shown: "(none)" for a value one side lacks. */
export function driftValue(value: string | null): string {
  return value === null ? "(none)" : value === "" ? "(empty)" : value;
}

/** "E-mail: a@x.test ≠ old@x.test" (Auth0's value first). */
export function driftLine(field: FieldDriftView): string {
  return `${fieldLabel(field.field)}: ${driftValue(field.auth0)} ≠ ${driftValue(field.graph)}`;
}

/** Why this account is the suggested primary of a duplicate account. */
export function primaryRuleWords(rule: string | null): string {
  switch (rule) {
    case "verified":
      return "its e-mail is verified, the others’ are not";
    case "most_logins":
      return "it has the most logins";
    case "oldest":
      return "it is the oldest account";
    case "user_id":
      return "it has the smallest user ID (nothing else told them apart)";
    case null:
      return "";
    default:
      return rule;
  }
}

/** "High confidence: every e-mail is verified." */
export function confidenceWords(confidence: string | null): string {
  switch (confidence) {
    case "high":
      return "High confidence: every account has verified this e-mail";
    case "low":
      return "Low confidence: not every account has verified this e-mail";
    case null:
      return "";
    default:
      return confidence;
  }
}

/**
 * The table's detail column: what is particular to this finding beyond its
 * kind and key.
 */
export function findingDetail(f: AuditFindingView): string {
  switch (f.kind) {
    case "missing_in_graph":
      return f.cause ?? f.summary;
    case "orphan_in_graph":
      return f.graph[0]?.email ? `Node e-mail ${f.graph[0].email}` : f.summary;
    case "linked_secondary_in_graph":
      return f.primaryId ? `Linked into ${f.primaryId}` : f.summary;
    case "field_drift":
      return f.fields.length > 0 ? f.fields.map(driftLine).join("; ") : f.summary;
    case "duplicate_node":
      return `${plural(Math.max(f.graph.length, 2), "node", "nodes")} with this ID${f.auth0.length === 0 ? ", no Auth0 user" : ""}`;
    case "duplicate_account": {
      const parts = [plural(f.auth0.length, "account", "accounts")];
      if (f.confidence) parts.push(`${f.confidence} confidence`);
      if (f.primaryId) parts.push(`primary ${f.primaryId}`);
      return parts.join(" · ");
    }
  }
}

/** The fields that drift, for highlighting them in the side-by-side view. */
export function driftingFields(f: AuditFindingView): Set<string> {
  return new Set(f.fields.map((d) => d.field));
}

/** A stable key for a finding (an ID can be in several kinds). */
export function findingKey(f: Pick<AuditFindingView, "kind" | "key">): string {
  return `${f.kind}\u0000${f.key}`;
}
