// How the Support desk words a tenant's log events: each event's code looked
// up in the core's one table of Auth0's codes (LOG_CODES, generated from
// idlens-support), the categories named for people, and the timeline's
// filters. An unknown code is kept and shown raw, never dropped.
import { LOG_CODES, type LogCategory, type LogCodeInfo, type LogEvent } from "../../bindings";

const BY_CODE: ReadonlyMap<string, LogCodeInfo> = new Map(LOG_CODES.map((info) => [info.code, info]));

/** The explanation of an event's code, or null for a code the table does not know. */
export function explain(code: string | null | undefined): LogCodeInfo | null {
  return code ? (BY_CODE.get(code) ?? null) : null;
}

/** Auth0's name for the event, or one that shows the unknown code as it came. */
export function eventName(event: LogEvent): string {
  const info = explain(event.type);
  return info ? info.event : `Unknown event type “${event.type ?? ""}”`;
}

export const CATEGORY_LABELS: Record<LogCategory, string> = {
  login: "Logins",
  logout: "Logouts",
  signup: "Sign-ups",
  silentAuth: "Silent authentication",
  tokenExchange: "Token exchanges",
  mfa: "MFA",
  passwordless: "Passwordless",
  deviceFlow: "Device flow",
  limitsAndBlocks: "Limits and blocks",
  breachedPassword: "Breached passwords",
  accountChange: "Account changes",
  managementApi: "Management API",
  connector: "Connectors",
  extensibility: "Actions and hooks",
  system: "System",
};

/** Events of codes the table does not know: a category of their own in the filter. */
export const UNKNOWN_CATEGORY = "unknown";
export type CategoryChoice = LogCategory | typeof UNKNOWN_CATEGORY | "all";

export function categoryOf(event: LogEvent): LogCategory | typeof UNKNOWN_CATEGORY {
  return explain(event.type)?.category ?? UNKNOWN_CATEGORY;
}

/** The timeline's filters: a category, an application (by client ID or, without one, its name). */
export type EventFilter = { category: CategoryChoice; application: string | "all" };

export const NO_FILTER: EventFilter = { category: "all", application: "all" };

/** An event's application key: its client ID, else its client name, else "". */
export function applicationOf(event: LogEvent): string {
  return event.client_id ?? event.client_name ?? "";
}

export function filterEvents(events: readonly LogEvent[], filter: EventFilter): LogEvent[] {
  return events.filter(
    (e) =>
      (filter.category === "all" || categoryOf(e) === filter.category) &&
      (filter.application === "all" || applicationOf(e) === filter.application),
  );
}

/** The categories present in `events`, in the core's order, unknown codes last. */
export function categoriesIn(events: readonly LogEvent[]): (LogCategory | typeof UNKNOWN_CATEGORY)[] {
  const present = new Set(events.map(categoryOf));
  const known = (Object.keys(CATEGORY_LABELS) as LogCategory[]).filter((c) => present.has(c));
  return present.has(UNKNOWN_CATEGORY) ? [...known, UNKNOWN_CATEGORY] : known;
}

/** The applications present in `events`: key and the name to show, by name. */
export function applicationsIn(events: readonly LogEvent[]): { key: string; name: string }[] {
  const names = new Map<string, string>();
  for (const e of events) {
    const key = applicationOf(e);
    if (!names.has(key)) names.set(key, e.client_name ?? e.client_id ?? "No application");
  }
  return [...names].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A stable key for an event: its log_id, or its position for one without. */
export function eventKey(event: LogEvent, index: number): string {
  return event.log_id ?? `#${index}`;
}
