import type { Cause, Citation, Diagnosis } from "../../bindings";
import { Card } from "../../components/Card";
import { IconShieldCheck, IconShieldX } from "../../components/Icons";
import { TextWithCode } from "../../components/TextWithCode";
import { supportStore } from "./supportStore";
import { dateWords } from "./supportWords";

/** The likely reasons the customer cannot sign in, most likely first, each with what it rests on. */
export function DiagnosisCard({ diagnosis }: { diagnosis: Diagnosis }) {
  const blocked = diagnosis.blocksSignIn;
  return (
    <Card
      title="Why they cannot sign in"
      icon={blocked ? <IconShieldX /> : <IconShieldCheck />}
      id="support-diagnosis"
      className={blocked ? "support__diagnosis support__diagnosis--blocked" : "support__diagnosis"}
    >
      {diagnosis.causes.length === 0 ? (
        <p className="card__text" data-testid="support-no-cause">
          Nothing in the account, its blocks or its logs explains a failed sign-in.
        </p>
      ) : (
        <ol className="support__causes" data-testid="support-causes">
          {diagnosis.causes.map((cause, i) => (
            <CauseItem key={`${cause.kind}-${i}`} cause={cause} />
          ))}
        </ol>
      )}
      {diagnosis.omitted > 0 ? (
        <p className="card__text">
          {diagnosis.omitted} less likely {diagnosis.omitted === 1 ? "cause is" : "causes are"} not listed.
        </p>
      ) : null}
    </Card>
  );
}

function CauseItem({ cause }: { cause: Cause }) {
  const state = cause.resolved ? "resolved" : cause.blocksSignIn ? "blocks" : "likely";
  return (
    <li className={`support__cause support__cause--${state}`} data-testid="support-cause" data-kind={cause.kind}>
      <span className="support__cause-state">
        {state === "blocks" ? "Blocks sign-in" : state === "resolved" ? "Resolved since" : "Likely"}
      </span>
      <p className="support__cause-headline">
        <TextWithCode text={cause.headline} />
      </p>
      <p className="support__cause-next">
        <strong>Next:</strong> <TextWithCode text={cause.nextStep} />
      </p>
      {cause.citations.length > 0 ? (
        <p className="support__cause-from">
          From:{" "}
          {cause.citations.map((c, i) => (
            <span key={i}>
              {i > 0 ? ", " : ""}
              <CitationLink citation={c} />
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

/** An event cited opens in the timeline; a fact of the account is named. */
function CitationLink({ citation }: { citation: Citation }) {
  if (citation.source === "state") return <code className="inline-code">{citation.fact}</code>;
  const label = `${citation.code}${citation.date ? ` ${dateWords(citation.date)}` : ""}`;
  if (!citation.logId) return <span>{label}</span>;
  const logId = citation.logId;
  return (
    <button type="button" className="link-button" onClick={() => supportStore.openEvent(logId)} title="Open the event in the timeline">
      {label}
    </button>
  );
}
