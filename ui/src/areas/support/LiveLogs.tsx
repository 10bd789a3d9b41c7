// The Live view: the tenant's logs as they happen (a `logs_tail` job whose
// batches stream in), filtered by the Lucene subset and a category, newest
// first and bounded (liveEvents.ts), each event explained and openable.
import { useEffect, useMemo } from "react";
import { LOG_CATEGORIES, type LogCategory, type LogEventView } from "../../bindings";
import { Card } from "../../components/Card";
import { ChoiceField, type Choice } from "../../components/ChoiceField";
import { DataTable, type Column } from "../../components/DataTable";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconClock, IconStop } from "../../components/Icons";
import { useJobAnnouncement } from "../../components/JobAnnouncer";
import { progressLine } from "../../components/progressWords";
import { TextField } from "../../components/TextField";
import { useNow } from "../../components/useNow";
import { EventButton } from "./EventButton";
import { EventDetail } from "./EventDetail";
import { asLogEvent, droppedWords, liveKey, liveStatusWords, truncatedNote, type LivePhase } from "./liveEvents";
import { liveLogsStore, useLiveState, type LiveState } from "./liveLogsStore";
import { CATEGORY_LABELS } from "./logWords";
import { dateWords } from "./supportWords";
import "../../styles/supportLive.css";

const TITLE = "Following the tenant’s logs";
const FILTER_ID = "live-filter";

type Keyed = { event: LogEventView; key: string };

const COLUMNS: readonly Column<Keyed>[] = [
  { id: "date", header: "When", cell: ({ event }) => dateWords(event.date), className: "support__when" },
  {
    id: "event",
    header: "Event",
    rowHeader: true,
    cell: ({ event, key }) => (
      <EventButton code={event.code} name={event.event} onOpen={() => liveLogsStore.openEvent(key)} testId="live-event" />
    ),
  },
  {
    id: "meaning",
    header: "What it means",
    cell: ({ event }) => event.explanation?.whatHappened ?? "IdLens does not know this code yet.",
    className: "support__description",
  },
  {
    id: "who",
    header: "User and IP",
    cell: ({ event }) => (
      <>
        <span className="support-live__user">{event.userName ?? event.userId ?? "No user"}</span>
        {event.ip ? <span className="support-live__ip">from {event.ip}</span> : null}
      </>
    ),
  },
  { id: "application", header: "Application", cell: ({ event }) => event.clientName ?? event.clientId ?? "—" },
];

/** The Live view of the Support area, for the profile in use. */
export function LiveLogs({ profile }: { profile: string }) {
  useEffect(() => liveLogsStore.forProfile(profile), [profile]);
  const state = useLiveState();
  useJobAnnouncement(TITLE, state.running);
  useStopOnEscape(state.running !== null);
  return (
    <Card title="Live logs" icon={<IconClock />} id="support-live">
      <LiveControls state={state} />
      <LiveStatus state={state} />
      {state.error ? (
        <ErrorNotice
          title="The tenant’s logs could not be followed"
          error={state.error}
          // A filter the core cannot read needs changing, not trying again.
          onRetry={state.error.code === "invalidInput" ? undefined : liveLogsStore.start}
          retryTestId="live-retry"
          testId="live-error"
        />
      ) : null}
      {/* A tail that failed before showing anything (a bad filter) has no list to show. */}
      {state.started && (state.error === null || state.list.events.length > 0) ? <LiveEvents state={state} /> : null}
    </Card>
  );
}

/** Escape stops a running tail, unless something inside handled it first (an open event closes). */
function useStopOnEscape(running: boolean) {
  useEffect(() => {
    if (!running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) liveLogsStore.stop();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [running]);
}

function LiveControls({ state }: { state: LiveState }) {
  const running = state.running !== null;
  const categories: Choice<LogCategory | "all">[] = [
    { kind: "all", label: "Every category" },
    ...LOG_CATEGORIES.map((c) => ({ kind: c, label: CATEGORY_LABELS[c] })),
  ];
  return (
    <div className="support__filters">
      <TextField
        id={FILTER_ID}
        label="Filter"
        value={state.filter}
        onChange={liveLogsStore.setFilter}
        onKeyDown={(e) => {
          if (e.key === "Enter") liveLogsStore.start();
        }}
        hint={
          <>
            As Auth0’s log search reads it, like <code className="inline-code">type:fp AND ip:203.0.113.7</code>; empty
            for every event. Enter, or another category, starts again.
          </>
        }
        className="support-live__filter"
        mono
        optional
        spellCheck={false}
        autoComplete="off"
        testId="live-filter"
      />
      <ChoiceField
        id="live-category"
        label="Category"
        value={state.category}
        choices={categories}
        onChange={liveLogsStore.setCategory}
        hint="Logins, token exchanges, MFA, blocks…"
      />
      <div className="support-live__action">
        <button
          type="button"
          className={running ? "button" : "button button--primary"}
          onClick={running ? liveLogsStore.stop : liveLogsStore.start}
          data-testid={running ? "live-stop" : "live-start"}
        >
          {running ? <IconStop /> : <IconClock />}
          {running ? "Stop" : "Start"}
        </button>
        {running ? <p className="field__hint">Esc stops too.</p> : null}
      </div>
    </div>
  );
}

function phaseOf(state: LiveState, progressText: string): LivePhase {
  if (state.running) return { kind: "running", caughtUp: state.caughtUp, progressText };
  return state.started && state.error === null ? { kind: "stopped", shown: state.list.events.length } : { kind: "idle" };
}

function LiveStatus({ state }: { state: LiveState }) {
  const waiting = state.running?.progress?.waitingUntil != null;
  const now = useNow(waiting ? 500 : 15_000);
  const line = progressLine(state.running?.progress ?? null, waiting ? Date.now() / 1000 : now);
  const dropped = droppedWords(state.list);
  if (state.started && state.error && !state.running) return null;
  return (
    <div className="support-live__status">
      <p className="card__text" data-testid="live-status" data-caught-up={state.running !== null && state.caughtUp}>
        {liveStatusWords(phaseOf(state, line.text))}
      </p>
      {state.running && line.waiting ? <p className="job-progress__waiting">{line.waiting}</p> : null}
      {state.running && line.note ? <p className="job-progress__waiting">{line.note}</p> : null}
      {dropped ? (
        <p className="card__text" data-testid="live-dropped">
          {dropped}
        </p>
      ) : null}
    </div>
  );
}

function LiveEvents({ state }: { state: LiveState }) {
  const { list, openEvent } = state;
  const keyed = useMemo(() => list.events.map((event, i) => ({ event, key: liveKey(event, i, list) })), [list]);
  const open = keyed.find((k) => k.key === openEvent) ?? null;
  const cut = open ? truncatedNote(open.event) : null;
  return (
    <div className={open ? "support__timeline support__timeline--open" : "support__timeline"}>
      <DataTable
        label="The tenant’s new events, newest first"
        columns={COLUMNS}
        rows={keyed}
        rowKey={(k) => k.key}
        rowAttributes={(k) => ({ "data-selected": k.key === openEvent })}
        emptyRow={state.running ? "No new event yet: they appear here as they happen." : "No event came while following."}
        testId="live-events"
      />
      {open ? (
        <div
          onKeyDown={(e) => {
            // Escape closes the event (EventDetail), not the tail.
            if (e.key === "Escape") e.preventDefault();
          }}
        >
          {cut ? (
            <p className="card__text" data-testid="live-event-cut">
              {cut}
            </p>
          ) : null}
          <EventDetail event={asLogEvent(open.event)} onClose={() => liveLogsStore.openEvent(null)} />
        </div>
      ) : null}
    </div>
  );
}
