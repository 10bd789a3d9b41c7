import type { SupportLookup } from "../../bindings";
import { Notice } from "../../components/Notice";
import { DiagnosisCard } from "./DiagnosisCard";
import type { EventFilter } from "./logWords";
import { Timeline } from "./Timeline";

type NoMatchAnswer = Extract<SupportLookup, { kind: "noMatch" }>;

/** No account has what was typed: what Auth0 logged under it, and what that says. */
export function NoMatch({ answer, filter, openEvent }: { answer: NoMatchAnswer; filter: EventFilter; openEvent: string | null }) {
  return (
    <div className="support__card">
      <Notice tone="warning" title={`No account for “${answer.lookedUp}”`} testId="support-no-match">
        {answer.message}
      </Notice>
      <DiagnosisCard diagnosis={answer.diagnosis} />
      {answer.attempts.length > 0 ? (
        <Timeline
          title="Attempts under this name"
          timeline={{ events: answer.attempts, moreAvailable: false, atRetentionEdge: false, retentionDays: null, searchedIps: [] }}
          filter={filter}
          openEvent={openEvent}
        />
      ) : null}
    </div>
  );
}
