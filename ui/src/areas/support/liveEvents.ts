// The Live view's list of events, as pure functions: each batch a tail
// hands on goes on top (newest first: a batch comes oldest first, in the
// order Auth0 recorded it), an event already shown (same logId) is not shown
// twice, and the list is bounded — past MAX_LIVE_EVENTS the oldest leave the
// view and are counted, so the screen can say that they did.
import type { LogEvent, LogEventView } from "../../bindings";

/** The most events the Live view keeps; older ones are dropped from view (and counted). */
export const MAX_LIVE_EVENTS = 1_000;

export type LiveList = {
  /** Newest first, at most the bound. */
  events: readonly LogEventView[];
  /** How many older events were dropped from view to keep within the bound. */
  dropped: number;
};

export const EMPTY_LIVE_LIST: LiveList = { events: [], dropped: 0 };

/** `list` with a batch's events (in the order read, oldest first) on top, repeats left out, bounded to `max`. */
export function appendBatch(list: LiveList, batch: readonly LogEventView[], max = MAX_LIVE_EVENTS): LiveList {
  const seen = new Set<string>();
  for (const e of list.events) if (e.logId !== null) seen.add(e.logId);
  const fresh: LogEventView[] = [];
  for (const e of batch) {
    if (e.logId !== null) {
      if (seen.has(e.logId)) continue;
      seen.add(e.logId);
    }
    fresh.push(e);
  }
  if (fresh.length === 0) return list;
  const all = [...fresh.reverse(), ...list.events];
  const kept = all.slice(0, Math.max(0, max));
  return { events: kept, dropped: list.dropped + (all.length - kept.length) };
}

/** A stable key for an event in the view: its logId, else its place from the bottom (which new events do not shift). */
export function liveKey(event: LogEventView, index: number, list: LiveList): string {
  return event.logId ?? `#${list.dropped + list.events.length - index}`;
}

/** The view as Auth0's event shape, for the event's detail (EventDetail shows a LogEvent). */
export function asLogEvent(view: LogEventView): LogEvent {
  return {
    log_id: view.logId,
    date: view.date,
    type: view.code,
    description: view.description,
    client_id: view.clientId,
    client_name: view.clientName,
    connection: view.connection,
    ip: view.ip,
    user_agent: view.userAgent,
    user_id: view.userId,
    user_name: view.userName,
    details: view.details,
  };
}

/** The fields of an event IdLens cut at its limit, as a sentence; null when nothing was cut. */
export function truncatedNote(view: LogEventView): string | null {
  return view.truncated.length === 0
    ? null
    : `Cut at IdLens’s limit, so not shown whole: ${view.truncated.join(", ")}.`;
}

/** Where the Live view's tail is, for its status line. */
export type LivePhase =
  | { kind: "idle" }
  | { kind: "running"; caughtUp: boolean; progressText: string }
  | { kind: "stopped"; shown: number };

const count = new Intl.NumberFormat("en-US");

/** The status line: what the tail is doing, or what Start will do. */
export function liveStatusWords(phase: LivePhase): string {
  switch (phase.kind) {
    case "idle":
      return "Start to follow the tenant’s logs from now on: each new event appears at the top, explained.";
    case "running":
      return phase.caughtUp ? "Caught up — waiting for new events." : phase.progressText;
    case "stopped":
      return phase.shown === 1
        ? "Stopped. The event below stays until you start again."
        : `Stopped. The ${count.format(phase.shown)} events below stay until you start again.`;
  }
}

/** What the view says when older events left it (null when none did). */
export function droppedWords(list: LiveList): string | null {
  if (list.dropped === 0) return null;
  const older = list.dropped === 1 ? "1 older event was" : `${count.format(list.dropped)} older events were`;
  return `Showing the newest ${count.format(list.events.length)} events: ${older} dropped from view to keep IdLens light. Narrow the filter to see fewer.`;
}
