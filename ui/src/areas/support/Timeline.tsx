import { useMemo } from "react";
import { commands, type LogEvent, type TimelineView } from "../../bindings";
import { Card } from "../../components/Card";
import { ChoiceField, type Choice } from "../../components/ChoiceField";
import { DataTable, type Column } from "../../components/DataTable";
import { IconHistory } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { EventButton } from "./EventButton";
import { EventDetail } from "./EventDetail";
import {
  CATEGORY_LABELS,
  applicationsIn,
  categoriesIn,
  eventKey,
  eventName,
  explain,
  filterEvents,
  type CategoryChoice,
  type EventFilter,
} from "./logWords";
import { supportStore } from "./supportStore";
import { dateWords } from "./supportWords";

type Keyed = { event: LogEvent; key: string };

const COLUMNS: readonly Column<Keyed>[] = [
  { id: "date", header: "When", cell: ({ event }) => dateWords(event.date), className: "support__when" },
  {
    id: "event",
    header: "Event",
    rowHeader: true,
    cell: ({ event, key }) => (
      <EventButton
        code={event.type ?? ""}
        name={eventName(event)}
        onOpen={() => supportStore.openEvent(key)}
        testId="support-event"
      />
    ),
  },
  {
    id: "outcome",
    header: "Outcome",
    cell: ({ event }) => outcomeWords(event),
    cellProps: ({ event }) => ({ "data-outcome": explain(event.type)?.outcome ?? "unknown" }),
  },
  { id: "application", header: "Application", cell: ({ event }) => event.client_name ?? event.client_id ?? "—" },
  { id: "ip", header: "IP", cell: ({ event }) => event.ip ?? "—" },
  { id: "description", header: "Description", cell: ({ event }) => event.description ?? "", className: "support__description" },
];

function outcomeWords(event: LogEvent): string {
  const outcome = explain(event.type)?.outcome;
  return outcome === "failure" ? "Failed" : outcome === "success" ? "Succeeded" : outcome === "notice" ? "Notice" : "Unknown";
}

/** The customer's events, newest first, filtered by category and application; one opens beside the list. */
type TimelineProps = { timeline: TimelineView; filter: EventFilter; openEvent: string | null; title?: string };

export function Timeline({ timeline, filter, openEvent, title = "Timeline" }: TimelineProps) {
  const keyed = useMemo(() => timeline.events.map((event, i) => ({ event, key: eventKey(event, i) })), [timeline]);
  const shown = useMemo(() => {
    const kept = new Set(filterEvents(timeline.events, filter));
    return keyed.filter((k) => kept.has(k.event));
  }, [keyed, timeline, filter]);
  const open = keyed.find((k) => k.key === openEvent) ?? null;
  return (
    <Card title={`${title} (${timeline.events.length} events)`} icon={<IconHistory />} id="support-timeline">
      <TimelineNotices timeline={timeline} />
      <TimelineFilters events={timeline.events} filter={filter} />
      <div className={open ? "support__timeline support__timeline--open" : "support__timeline"}>
        <DataTable
          label="The customer’s events, newest first"
          columns={COLUMNS}
          rows={shown}
          rowKey={(k) => k.key}
          rowAttributes={(k) => ({ "data-selected": k.key === openEvent })}
          emptyRow="No event matches these filters."
          testId="support-events"
          exportAs={{ what: "events", save: (format) => commands.exportTable({ ...eventsTable(shown), format }), testId: "support-events-export" }}
        />
        {open ? <EventDetail event={open.event} onClose={() => supportStore.openEvent(null)} /> : null}
      </div>
    </Card>
  );
}

function TimelineNotices({ timeline }: { timeline: TimelineView }) {
  return (
    <>
      {timeline.events.length === 0 ? (
        <Notice tone="warning" title="Auth0 logged nothing for this customer" testId="support-no-events">
          No sign-in attempt in the logs Auth0 keeps. Check that the application uses this tenant’s domain and client ID.
        </Notice>
      ) : null}
      {timeline.moreAvailable ? (
        <p className="card__text" data-testid="support-more-events">
          Auth0 holds more events than were read (the newest page of each search): older ones are not shown.
        </p>
      ) : null}
      {timeline.atRetentionEdge ? (
        <p className="card__text" data-testid="support-retention-edge">
          The oldest event is at the edge of the {timeline.retentionDays} days of logs the tenant keeps: anything older is
          gone.
        </p>
      ) : null}
      {timeline.retentionDays === null ? (
        <p className="card__text">
          Auth0 keeps 1 to 30 days of logs, by plan: set the profile’s log retention in Settings to be told when older
          events are gone.
        </p>
      ) : null}
      {timeline.searchedIps.length > 0 ? (
        <p className="card__text">Also shown: events without a user from {timeline.searchedIps.join(", ")}.</p>
      ) : null}
    </>
  );
}

function TimelineFilters({ events, filter }: { events: readonly LogEvent[]; filter: EventFilter }) {
  const categories: Choice<CategoryChoice>[] = [
    { kind: "all", label: "Every category" },
    ...categoriesIn(events).map((c) => ({ kind: c, label: c === "unknown" ? "Unknown codes" : CATEGORY_LABELS[c] })),
  ];
  const applications: Choice<string>[] = [
    { kind: "all", label: "Every application" },
    ...applicationsIn(events).map((a) => ({ kind: a.key, label: a.name })),
  ];
  return (
    <div className="support__filters">
      <ChoiceField
        id="support-filter-category"
        label="Category"
        value={filter.category}
        choices={categories}
        onChange={(category) => supportStore.setFilter({ category })}
        hint="Logins, token exchanges, MFA, blocks…"
      />
      <ChoiceField
        id="support-filter-application"
        label="Application"
        value={filter.application}
        choices={applications}
        onChange={(application) => supportStore.setFilter({ application })}
        hint="The application the event came from."
      />
    </div>
  );
}

function eventsTable(rows: Keyed[]) {
  return {
    name: "support events",
    columns: ["date", "type", "event", "application", "ip", "user_name", "description", "log_id"],
    rows: rows.map(({ event }) => [
      event.date ?? "",
      event.type ?? "",
      eventName(event),
      event.client_name ?? event.client_id ?? "",
      event.ip ?? "",
      event.user_name ?? "",
      event.description ?? "",
      event.log_id ?? "",
    ]),
  };
}
