import { useEffect, useRef } from "react";
import type { LogEvent } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { FactList, type Fact } from "../../components/FactList";
import { IconClose } from "../../components/Icons";
import { eventName, explain } from "./logWords";
import { dateWords } from "./supportWords";

/** The most of an event's JSON shown: the core already holds `details` to 16 KiB. */
const MAX_SHOWN_JSON = 64 * 1024;

/** One event whole: what it means for the customer, every field Auth0 gave, and its details. */
export function EventDetail({ event, onClose }: { event: LogEvent; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [event]);
  const info = explain(event.type);
  const json = JSON.stringify(event, null, 2);
  const shown = json.length > MAX_SHOWN_JSON ? `${json.slice(0, MAX_SHOWN_JSON)}\n… (${json.length - MAX_SHOWN_JSON} more characters; copy for all)` : json;
  const facts: Fact[] = [
    { label: "When", value: dateWords(event.date) },
    { label: "Code", value: <code className="inline-code">{event.type ?? "?"}</code> },
    ...(info
      ? [
          { label: "What happened", value: info.whatHappened },
          { label: "Likely cause", value: info.likelyCause },
          { label: "What to do", value: info.nextStep, testId: "support-event-next" },
        ]
      : [{ label: "Meaning", value: "IdLens does not know this code yet: read Auth0’s log event type codes." }]),
    ...(event.description ? [{ label: "Description", value: event.description }] : []),
    ...(event.client_name || event.client_id ? [{ label: "Application", value: event.client_name ?? event.client_id ?? "" }] : []),
    ...(event.connection ? [{ label: "Connection", value: event.connection }] : []),
    ...(event.ip ? [{ label: "IP", value: event.ip }] : []),
    ...(event.user_agent ? [{ label: "Browser", value: event.user_agent }] : []),
    ...(event.user_name ? [{ label: "User name", value: event.user_name }] : []),
  ];
  return (
    <section
      className="support__detail"
      aria-labelledby="support-event-title"
      data-testid="support-event-detail"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <header className="support__detail-header">
        <h3 id="support-event-title" tabIndex={-1} ref={heading}>
          {eventName(event)}
        </h3>
        <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close the event" data-testid="support-event-close">
          <IconClose />
        </button>
      </header>
      <FactList facts={facts} />
      <div className="support__detail-json">
        <CopyButton text={json} what="the event as JSON" />
        <pre className="code-block code-block--wrap support__json" tabIndex={0} aria-label="The event as Auth0 sent it">
          {shown}
        </pre>
      </div>
    </section>
  );
}
