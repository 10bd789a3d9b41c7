import type { Check, Report } from "../../bindings";
import { Card } from "../../components/Card";
import { CopyableCode } from "../../components/CopyableCode";
import { FactList, type Fact } from "../../components/FactList";
import { IconCheckCircle, IconKey, IconMinusCircle, IconShieldCheck, IconXCircle } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { TextWithCode } from "../../components/TextWithCode";
import { CHECK_WORDS, freshnessWords, STATUS_WORDS } from "./reportWords";

/** Every check the core ran, in the order they apply, each with its reason and, on failure, the fix. */
export function ChecksPanel({ report }: { report: Report }) {
  const count = (status: Check["status"]) => report.checks.filter((c) => c.status === status).length;
  const failed = count("failed");
  return (
    <Card
      title="Checks"
      icon={<IconShieldCheck />}
      className="checks-card"
      aside={
        <span className="checks-card__counts">
          <span className="chip chip--ok">{count("passed")} passed</span>
          {failed ? <span className="chip chip--danger">{failed} failed</span> : null}
          <span className="chip chip--muted">{count("skipped")} skipped</span>
        </span>
      }
    >
      <ol className="check-list" data-testid="inspector-checks">
        {report.checks.map((check) => (
          <CheckRow key={check.name} check={check} />
        ))}
      </ol>
    </Card>
  );
}

function CheckRow({ check }: { check: Check }) {
  const Icon = check.status === "passed" ? IconCheckCircle : check.status === "failed" ? IconXCircle : IconMinusCircle;
  return (
    <li className={`check check--${check.status}`} data-testid={`check-${check.name}`} data-status={check.status}>
      <span className="check__icon" title={STATUS_WORDS[check.status]}>
        <Icon />
      </span>
      <div className="check__body">
        <span className="check__name">
          {CHECK_WORDS[check.name]}
          <span className="visually-hidden">: {STATUS_WORDS[check.status]}.</span>
        </span>
        <span className="check__reason">
          <TextWithCode text={check.reason} />
        </span>
        {check.hint ? (
          <p className="check__hint" data-testid={`check-${check.name}-hint`}>
            <strong>{check.status === "failed" ? "How to fix:" : "Note:"}</strong> <TextWithCode text={check.hint} />
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** The key that verified the signature, and where the keys came from. */
export function KeyCard({ report }: { report: Report }) {
  const { key: keyUsed, keys } = report;
  const keyCheck = report.checks.find((c) => c.name === "key");
  const facts: Fact[] = [];
  if (keyUsed) {
    facts.push(
      {
        label: "Key ID (kid)",
        testId: "inspector-key-kid",
        value: keyUsed.kid ? (
          <CopyableCode text={keyUsed.kid} what="key ID" compact />
        ) : (
          <span className="text-muted">None in the token</span>
        ),
      },
      { label: "Algorithm", testId: "inspector-key-alg", value: <code className="inline-code">{keyUsed.alg}</code> },
      {
        label: "Thumbprint",
        testId: "inspector-key-thumbprint",
        value: keyUsed.thumbprint ? (
          <span className="fact-stack">
            <CopyableCode text={keyUsed.thumbprint} what="key thumbprint" compact />
            <span className="text-muted key-card__small">SHA-256, RFC 7638</span>
          </span>
        ) : (
          <span className="text-muted">None: an HMAC secret has no thumbprint</span>
        ),
      },
    );
  }
  if (keys) {
    facts.push(
      { label: "Source", value: <span className="key-card__source">{keys.source}</span>, testId: "inspector-key-source" },
      {
        label: "Keys",
        testId: "inspector-key-freshness",
        value: (
          <span className="fact-stack">
            <span>
              {keys.keyCount} {keys.keyCount === 1 ? "key" : "keys"}
            </span>
            <span className={`freshness freshness--${keys.freshness.state}`} data-state={keys.freshness.state}>
              {freshnessWords(keys.freshness)}
            </span>
          </span>
        ),
      },
    );
  }
  return (
    <Card title="Key" icon={<IconKey />} className="key-card">
      {facts.length ? (
        <FactList facts={facts} />
      ) : keyCheck?.status === "failed" ? (
        <p className="card__text">The keys could not be loaded: the Signing key check says why.</p>
      ) : (
        <p className="card__text">No keys were used: the token was decoded only.</p>
      )}
      {keys && !keyUsed ? <p className="card__text">No key verified the signature: the checks say why.</p> : null}
      {keys?.freshness.state === "stale" ? (
        <Notice tone="warning" title="The key endpoint failed" testId="inspector-keys-stale">
          <p>{keys.freshness.error}</p>
          <p>
            IdLens used the keys it had cached. If the tenant rotated its keys since, new tokens will not verify until
            the endpoint answers again.
          </p>
        </Notice>
      ) : null}
      {keys?.note ? (
        <Notice tone="info">
          <p>
            <TextWithCode text={keys.note} />
          </p>
        </Notice>
      ) : null}
    </Card>
  );
}
