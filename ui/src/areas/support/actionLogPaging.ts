// The action log as the tab holds it: the newest lines, read a page at a time
// from the core (offset counted from the newest), with "Load more" for older
// ones.
//
// Invariants:
// - Entries are in the core's order (newest first, line numbers falling)
//   and never repeat a line.
// - Every entry held was read while the log had `total` lines: when a page
//   comes back with another total (the CLI or another window appended, or
//   the file was changed), the held list is stale and is read again from the
//   top (`olderPageOutcome` says "restart"), never patched together.
import type { ActionLogEntry, ActionLogPage, ActionLogRequest } from "../../bindings";

export type HeldLog = {
  /** The log file, so admins know what to back up. */
  path: string;
  /** Lines in the log when the held entries were read. */
  total: number;
  entries: ActionLogEntry[];
};

/** Records read per page. */
export const ACTION_LOG_PAGE = 100;

/** The first page's request. */
export function firstRequest(limit = ACTION_LOG_PAGE): ActionLogRequest {
  return { offset: 0, limit };
}

export function heldFrom(page: ActionLogPage): HeldLog {
  return { path: page.path, total: page.total, entries: page.entries };
}

/** Whether older lines than those held are in the log. */
export function hasOlder(log: HeldLog): boolean {
  return log.entries.length < log.total;
}

/** The request for the page after the held entries; null when every line is held. */
export function olderRequest(log: HeldLog, limit = ACTION_LOG_PAGE): ActionLogRequest | null {
  return hasOlder(log) ? { offset: log.entries.length, limit } : null;
}

export type OlderOutcome = { kind: "appended"; log: HeldLog } | { kind: "restart" };

/** The held log with an older page after it, or "restart" when the log changed since it was read. */
export function olderPageOutcome(log: HeldLog, page: ActionLogPage): OlderOutcome {
  if (page.total !== log.total) return { kind: "restart" };
  const oldest = log.entries.at(-1)?.line ?? Infinity;
  const older = page.entries.filter((e) => e.line < oldest);
  return { kind: "appended", log: { ...log, entries: [...log.entries, ...older] } };
}

/**
 * Whether a fresh first page shows the log as held: the same number of lines
 * and the same newest entries. When it does the held list (and the older
 * pages loaded) stays as it is; when not it is replaced.
 */
export function sameTop(log: HeldLog, page: ActionLogPage): boolean {
  if (page.total !== log.total) return false;
  return page.entries.every((fresh, i) => {
    const held = log.entries[i];
    return held !== undefined && held.line === fresh.line && entryHash(held) === entryHash(fresh);
  });
}

/** What identifies a line's content: its record's hash, or the reason it is unreadable. */
function entryHash(entry: ActionLogEntry): string {
  return entry.record?.hash ?? `unreadable:${entry.unreadable ?? ""}`;
}
