import type { Report, Tenant } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { IconShieldCheck, IconShieldQuestion, IconShieldX, IconWarning } from "../../components/Icons";
import { TextWithCode } from "../../components/TextWithCode";
import { reportJson } from "./redaction";
import { KIND_WORDS, VERDICT_LABELS, verdictOf, type Verdict } from "./reportWords";

type VerdictBannerProps = {
  report: Report;
  /** The input or options changed since this report: it is shown dimmed, never as current. */
  stale: boolean;
  busy: boolean;
  redact: boolean;
  inspectedAt: number;
  /** Seconds since the epoch, ticking. */
  now: number;
  leewaySecs: number;
  /** Why the chosen key source was not used (e.g. no URL entered yet), if so. */
  keysMissing: string | null;
  onInspectAgain: () => void;
  /** Switches to the profile's keys; absent when there is no profile. */
  onVerifyWithProfile?: () => void;
};

const TONE: Record<Verdict, "ok" | "danger" | "warning" | "neutral"> = {
  valid: "ok",
  invalid: "danger",
  unverified: "warning",
  encrypted: "neutral",
  opaque: "neutral",
  refreshToken: "warning",
  notToken: "danger",
  tooLarge: "danger",
};

/** The answer first: valid, invalid or unverified, in one glance, then why. */
export function VerdictBanner({
  report,
  stale,
  busy,
  redact,
  inspectedAt,
  now,
  leewaySecs,
  keysMissing,
  onInspectAgain,
  onVerifyWithProfile,
}: VerdictBannerProps) {
  const verdict = verdictOf(report);
  const tone = TONE[verdict];
  const failure = report.checks.find((c) => c.status === "failed");
  const exp = report.explanations.find((e) => e.name === "exp")?.time;
  const expiredSince = verdict === "valid" && !stale && exp !== undefined && exp !== null && exp.unix + leewaySecs <= now;
  const Icon = tone === "ok" ? IconShieldCheck : verdict === "unverified" ? IconShieldQuestion : IconShieldX;

  return (
    <section
      className={`verdict verdict--${tone}${stale ? " is-stale" : ""}`}
      data-testid="inspector-verdict"
      data-valid={String(report.valid)}
      data-unverified={String(report.unverified)}
      data-verdict={verdict}
      data-current={String(!stale && !busy)}
      data-inspected-at={inspectedAt}
      aria-labelledby="inspector-verdict-label"
      aria-busy={busy}
    >
      <div className="verdict__icon" aria-hidden="true">
        <Icon />
      </div>
      <div className="verdict__body">
        <div className="verdict__headline">
          <h2 className="verdict__label" id="inspector-verdict-label" data-testid="inspector-verdict-label">
            {VERDICT_LABELS[verdict].toUpperCase()}
          </h2>
          <span className="verdict__kind" data-testid="inspector-kind">
            {KIND_WORDS[report.kind]}
          </span>
          {report.unverified && verdict !== "unverified" && report.claims ? (
            <span className="chip chip--warning" title="The signature was not verified, so the claims are only what the token says">
              signature not verified
            </span>
          ) : null}
          {stale ? (
            <span className="chip chip--muted" role="status">
              Out of date: inspecting the new input…
            </span>
          ) : busy ? (
            <span className="chip chip--muted" role="status">
              Inspecting again…
            </span>
          ) : null}
          <div className="verdict__actions">
            <CopyButton
              text={reportJson(report, redact)}
              what={redact ? "report as JSON, redacted" : "report as JSON"}
              label={redact ? "Copy as JSON (redacted)" : "Copy as JSON"}
              testId="inspector-copy-json"
            />
          </div>
        </div>
        <p className="verdict__summary" data-testid="inspector-summary">
          <TextWithCode text={report.summary} />
        </p>
        {verdict === "unverified" ? (
          <p className="verdict__unverified">
            Decoded only: the signature was not checked, so anyone could have made this token.
            {keysMissing ? ` ${keysMissing}` : null}
            {onVerifyWithProfile && !keysMissing ? (
              <>
                {" "}
                <button type="button" className="link-button" onClick={onVerifyWithProfile}>
                  Verify with the profile’s keys
                </button>
              </>
            ) : null}
          </p>
        ) : null}
        {failure?.hint && verdict !== "unverified" ? (
          <p className="verdict__fix">
            <strong>To fix:</strong> <TextWithCode text={failure.hint} />
          </p>
        ) : null}
        {expiredSince ? (
          <p className="verdict__expired" role="status">
            <IconWarning />
            This token has expired since it was inspected.{" "}
            <button type="button" className="link-button" onClick={onInspectAgain}>
              Inspect again
            </button>
          </p>
        ) : null}
        <p className="verdict__about">
          <TextWithCode text={report.about} />
        </p>
        <dl className="verdict__facts">
          {report.tenant ? (
            <div>
              <dt>Tenant</dt>
              <dd data-testid="inspector-tenant">
                <TenantWords tenant={report.tenant} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Inspected</dt>
            <dd>
              <time dateTime={new Date(inspectedAt).toISOString()}>{new Date(inspectedAt).toLocaleTimeString()}</time>
            </dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

function TenantWords({ tenant }: { tenant: Tenant }) {
  return (
    <span className="tenant-words">
      {tenant.name ? <strong>{tenant.name}</strong> : null}
      {tenant.region ? <span className="chip chip--small">{tenant.region.toUpperCase()}</span> : null}
      <code className="inline-code">{tenant.domain}</code>
      {tenant.customDomain ? (
        <span className="chip chip--small chip--muted" title="Not an auth0.com domain: a custom domain, or another identity provider">
          custom domain
        </span>
      ) : null}
    </span>
  );
}
