import { useRef, useState, type KeyboardEvent } from "react";
import type { Navigate } from "../../app/navigation";
import { shortcutLabel } from "../../app/shortcuts";
import type { ApiError } from "../../bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { AreaPage } from "../../components/AreaPage";
import { Card } from "../../components/Card";
import { EmptyState } from "../../components/EmptyState";
import { IconCheckCircle, IconEyeOff, IconInspector, IconLock, IconSettings } from "../../components/Icons";
import type { AreaProps } from "../areaProps";
import { ChecksPanel, KeyCard } from "./ChecksPanel";
import { ClaimsTable, HeaderTable } from "./ClaimsTable";
import { HistoryCard } from "./HistoryCard";
import { inspectorMemory, useInspectorMemory, type KeyChoice, type VerifyOptions } from "./inspectorMemory";
import { TokenInput, type InputChange } from "./TokenInput";
import { planRequest, useInspection } from "./useInspection";
import { useNow } from "../../components/useNow";
import { rbacStore } from "../rbac/rbacStore";
import { VerdictBanner } from "./VerdictBanner";
import { VerifyForm, type OptionChange } from "./VerifyForm";

/** How long the input must rest before it is inspected. */
const TYPING_PAUSE_MS = 250;
/** URLs and keys are typed longer; a half-typed URL is not worth a fetch. */
const OPTION_TYPING_PAUSE_MS = 700;
const DEFAULT_LEEWAY_SECS = 60;

export function InspectorArea({ context, navigate }: AreaProps) {
  const profile = context.state === "ready" ? context.profile : null;
  const memory = useInspectorMemory();
  const { token, options, redact, last, history } = memory;

  // The HMAC secret stays in this screen's state only, never in the inspector's memory.
  const [hmacSecret, setHmacSecret] = useState("");
  const [secretRevision, setSecretRevision] = useState(0);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const delayMs = useRef(0);
  const now = useNow();

  const keyChoice: KeyChoice = options.keyChoice ?? (profile ? "profile" : "none");
  const planned = planRequest(token, options, keyChoice, profile, hmacSecret, secretRevision);
  const { busy, inspectNow } = useInspection(planned, delayMs);

  const shown = planned && last ? last : null;
  const stale = !!shown && shown.key !== planned?.key;
  const report = shown?.report ?? null;
  const leewaySecs = planned?.request.leewaySecs ?? DEFAULT_LEEWAY_SECS;
  // Relative times count from the inspection at the earliest, even if the clock has not ticked since.
  const reportNow = shown ? Math.max(now, Math.floor(shown.at / 1000)) : now;
  const shortcut = shortcutLabel("Enter");

  function changeToken(value: string, how: InputChange) {
    delayMs.current = how === "pasted" ? 0 : TYPING_PAUSE_MS;
    inspectorMemory.setToken(value);
    // An emptied box forgets its result: the same token pasted again is inspected afresh.
    if (!value.trim()) inspectorMemory.setLast(null);
  }

  function changeOptions(change: Partial<VerifyOptions>, how: OptionChange) {
    delayMs.current = how === "picked" ? 0 : OPTION_TYPING_PAUSE_MS;
    inspectorMemory.setOptions(change);
  }

  function onKeyDown(event: KeyboardEvent) {
    const modifier = event.ctrlKey || event.metaKey;
    if (modifier && event.key === "Enter" && !event.altKey) {
      event.preventDefault();
      inspectNow();
    }
  }

  const redactSwitch = (
    <button
      type="button"
      role="switch"
      aria-checked={redact}
      className={`redact-switch${redact ? " is-on" : ""}`}
      onClick={() => inspectorMemory.setRedact(!redact)}
      data-testid="inspector-redact"
      title="Masks email, name, sub and custom claims in the claims, the token view and copies: for screenshots and tickets"
    >
      <span className="redact-switch__track" aria-hidden="true">
        <span className="redact-switch__thumb" />
      </span>
      <IconEyeOff />
      Redact personal data
    </button>
  );

  return (
    <AreaPage
      testId="area-inspector"
      title="Token inspector"
      lead="Decode, explain and verify ID and access tokens. Nothing you paste leaves this machine."
      aside={redactSwitch}
    >
      {/* Ctrl+Enter anywhere in the inspector inspects again. */}
      <div className={`inspector${report ? " inspector--report" : ""}`} onKeyDown={onKeyDown}>
        <Card title="Token" icon={<IconInspector />} className="inspector__token">
          <TokenInput
            value={token}
            onChange={changeToken}
            onInspect={inspectNow}
            redact={redact}
            busy={busy}
            inputRef={inputRef}
            shortcut={shortcut}
          />
        </Card>

        <VerifyForm
          options={options}
          keyChoice={keyChoice}
          profile={profile}
          onChange={changeOptions}
          hmacSecret={hmacSecret}
          onHmacSecret={(secret) => {
            delayMs.current = OPTION_TYPING_PAUSE_MS;
            setHmacSecret(secret);
            setSecretRevision((r) => r + 1);
          }}
          navigate={navigate}
        />

        <div className="inspector__result">
          {!planned ? (
            <InspectorEmptyState shortcut={shortcut} />
          ) : !shown ? (
            <div className="loading-state" role="status" aria-busy="true">
              <span className="loading-state__spinner" aria-hidden="true" />
              Inspecting…
            </div>
          ) : shown.error ? (
            <InspectError
              error={shown.error}
              stale={stale}
              navigate={navigate}
              onDecodeOnly={() => changeOptions({ keyChoice: "none" }, "picked")}
              onRetry={inspectNow}
            />
          ) : (
            <VerdictBanner
              report={shown.report}
              stale={stale}
              busy={busy}
              redact={redact}
              inspectedAt={shown.at}
              now={reportNow}
              leewaySecs={leewaySecs}
              keysMissing={planned.keysMissing}
              onInspectAgain={inspectNow}
              onVerifyWithProfile={profile ? () => changeOptions({ keyChoice: "profile" }, "picked") : undefined}
            />
          )}
          {report && report.kind === "accessToken" && profile && profile.management.kind !== "disabled" ? (
            <p className="inspector__rbac-check" data-testid="inspector-rbac-check">
              Does it still match what its user is granted?{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  rbacStore.checkInspectorToken();
                  navigate("rbac");
                }}
              >
                Check against the tenant’s roles now
              </button>
            </p>
          ) : null}
        </div>

        {report ? (
          <div className={`inspector__checks${stale ? " is-stale" : ""}`}>
            <ChecksPanel report={report} />
          </div>
        ) : null}

        <div className="inspector__side">
          {report?.claims ? (
            <div className={`inspector__key${stale ? " is-stale" : ""}`}>
              <KeyCard report={report} />
            </div>
          ) : null}
          <div className="inspector__history">
            <HistoryCard
              entries={history}
              current={token}
              redact={redact}
              onOpen={(entry) => (entry.token === token.trim() ? inspectNow() : changeToken(entry.token, "pasted"))}
              onClear={inspectorMemory.clearHistory}
            />
          </div>
          <div className="inspector__privacy">
            <PrivacyCard />
          </div>
        </div>

        {report?.claims ? (
          <div className={`inspector__claims${stale ? " is-stale" : ""}`}>
            <ClaimsTable report={report} redact={redact} now={reportNow} leewaySecs={leewaySecs} />
          </div>
        ) : null}
        {report?.header ? (
          <div className={`inspector__header${stale ? " is-stale" : ""}`}>
            <HeaderTable header={report.header} />
          </div>
        ) : null}
      </div>
    </AreaPage>
  );
}

function InspectError({
  error,
  stale,
  navigate,
  onDecodeOnly,
  onRetry,
}: {
  error: ApiError;
  stale: boolean;
  navigate: Navigate;
  onDecodeOnly: () => void;
  onRetry: () => void;
}) {
  const next: Record<ApiError["code"], string> = {
    notFound: "Pick a profile in the top bar or in Settings, or choose another key source under Verify against.",
    config: "Open Settings to check the profile file, or choose another key source under Verify against.",
    invalidInput: "Correct it under Verify against; the token is inspected again as soon as you do.",
    alreadyExists: "Try again.",
    keychain: "Choose another key source under Verify against, or try again.",
    io: "Try again. If it keeps failing, choose another key source under Verify against.",
    network: "Check the URL and this machine's network, then try again, or choose another key source under Verify against.",
    internal: "Try again. If it keeps failing, decode only and report the problem.",
    signInRequired: "Sign in on the Session screen, or choose another key source under Verify against.",
    forbidden: "Check the profile's Management API access in Settings, or choose another key source under Verify against.",
    cancelled: "Try again.",
    // Only updates answer with it; listed because every code needs a next step.
    updateRefused: "Try again. If it keeps failing, decode only and report the problem.",
  };
  const settingsFirst = error.code === "notFound" || error.code === "config";
  return (
    <div className={`inspector__error${stale ? " is-stale" : ""}`}>
      <ErrorNotice
        title="The token could not be inspected"
        error={error}
        onRetry={settingsFirst ? undefined : onRetry}
        testId="inspector-error"
        actions={
          <>
            {settingsFirst ? (
              <button type="button" className="button button--small" onClick={() => navigate("settings")}>
                <IconSettings />
                Open Settings
              </button>
            ) : null}
            <button type="button" className="button button--small button--ghost" onClick={onDecodeOnly}>
              Decode only instead
            </button>
          </>
        }
      >
        <p>{next[error.code]}</p>
      </ErrorNotice>
    </div>
  );
}

function InspectorEmptyState({ shortcut }: { shortcut: string }) {
  return (
    <EmptyState icon={<IconInspector />} title="Paste a token to inspect it">
      <p>
        IdLens decodes it, explains every claim, and verifies the signature, issuer, audience and times against the key
        source you choose. It accepts:
      </p>
      <ul className="accepts-list">
        <li>
          <strong>A signed JWT</strong>, access or ID token: three parts, <code className="inline-code">eyJ…​.eyJ…​.…</code>
        </li>
        <li>
          <strong>An encrypted token (JWE)</strong>: five parts; IdLens reads its header and says who can decrypt it.
        </li>
        <li>
          <strong>An Auth0 opaque access token</strong> or refresh token: IdLens says why it cannot be read, and what to
          request instead.
        </li>
      </ul>
      <p className="empty-state__note">
        A leading <code className="inline-code">Bearer </code> is ignored. Drop a file on the box to read it; {shortcut}{" "}
        inspects again.
      </p>
    </EmptyState>
  );
}

function PrivacyCard() {
  return (
    <Card title="Stays on this machine" icon={<IconLock />}>
      <ul className="assurance-list" data-testid="inspector-privacy">
        <li>
          <IconCheckCircle />
          <span>
            <strong>Nothing you paste leaves this machine.</strong> Tokens are decoded and verified here.
          </span>
        </li>
        <li>
          <IconCheckCircle />
          <span>
            <strong>Only key fetches go out</strong>, to the issuer’s discovery document and JWKS, and they carry no token.
          </span>
        </li>
      </ul>
    </Card>
  );
}
