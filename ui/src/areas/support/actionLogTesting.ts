// Action-log entries and pages for the tab's tests.
import type { ActionLogEntry, ActionLogPage } from "../../bindings";

/** A readable line: record `line` (an unblock of auth0|42), with its hash naming the line unless told. */
export function entry(line: number, change: { what?: string; hash?: string } = {}): ActionLogEntry {
  return {
    line,
    what: change.what ?? "unblocked the user",
    record: {
      seq: line,
      at: "2026-12-08T02:41:07.123Z",
      actor: { profile: "acme", kind: "m2mClient", clientId: "m2m-1" },
      action: "unblock",
      target: { userId: "auth0|42" },
      changes: "blocked: true → false",
      result: { outcome: "ok" },
      prev: "0".repeat(64),
      hash: change.hash ?? `hash-${line}`,
    },
  };
}

/** The page of a log of `total` lines holding lines `from` down to `to` (newest first). */
export function page(total: number, from: number, to: number): ActionLogPage {
  const entries: ActionLogEntry[] = [];
  for (let line = from; line >= to; line--) entries.push(entry(line));
  return { path: "/cfg/actions.jsonl", total, entries };
}
