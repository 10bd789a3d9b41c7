import type { SupportCard, TokenOnCard } from "../../bindings";
import { Card } from "../../components/Card";
import { IconHistory, IconKey, IconLock } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { FixButton } from "./FixControls";
import { dateWords, mfaKindWords, mfaMethodWords, unavailableWords } from "./supportWords";

/** The customer's MFA methods, confirmed and partial, with what each means. */
export function MfaCard({ card }: { card: SupportCard }) {
  const userId = card.account.userId;
  if (card.mfa.state !== "available") {
    return (
      <Card title="MFA" icon={<IconLock />} id="support-mfa">
        <p className="card__text">{unavailableWords(card.mfa)}</p>
      </Card>
    );
  }
  const methods = card.mfa.value;
  return (
    <Card title="MFA" icon={<IconLock />} id="support-mfa">
      {methods.length === 0 ? (
        <p className="card__text" data-testid="support-no-mfa">
          No MFA method: if the tenant requires MFA, the customer enrolls at their next sign-in.
        </p>
      ) : (
        <ul className="support__list" data-testid="support-mfa-list">
          {methods.map((m) => (
            <li key={m.id}>
              <strong>{mfaKindWords(m.kind)}</strong>
              {m.name ? ` (${m.name})` : ""}: {mfaMethodWords(m.confirmed)}
              {m.lastAuthAt ? ` Last used ${dateWords(m.lastAuthAt)}.` : ""}
            </li>
          ))}
        </ul>
      )}
      <div className="support__fixes">
        {methods.length > 0 ? (
          <FixButton fix={{ kind: "resetMfa", userId }} testId="support-fix-reset-mfa">
            Reset MFA
          </FixButton>
        ) : null}
        <FixButton fix={{ kind: "forgetBrowsers", userId }} testId="support-fix-forget-browsers">
          Forget remembered browsers
        </FixButton>
      </div>
    </Card>
  );
}

/** Sessions and refresh tokens where the plan has them; one line where it does not. */
export function SessionsCard({ card }: { card: SupportCard }) {
  const userId = card.account.userId;
  const sessions = card.sessions;
  const tokens = card.refreshTokens;
  return (
    <Card title="Sessions and refresh tokens" icon={<IconHistory />} id="support-sessions">
      {sessions.state === "available" ? (
        <p className="card__text" data-testid="support-session-count">
          {sessions.value.length} sessions
          {sessions.value[0] ? `, the latest used ${dateWords(sessions.value[0].lastInteractedAt)}` : ""}.
        </p>
      ) : (
        <p className="card__text" data-testid="support-sessions-unavailable">
          Sessions: {unavailableWords(sessions)}
        </p>
      )}
      {tokens.state === "available" ? (
        <p className="card__text">{tokens.value.length} refresh tokens.</p>
      ) : (
        <p className="card__text">Refresh tokens: {unavailableWords(tokens)}</p>
      )}
      <div className="support__fixes">
        {sessions.state === "available" && sessions.value.length > 0 ? (
          <FixButton fix={{ kind: "revokeSessions", userId }} testId="support-fix-revoke-sessions">
            Revoke sessions
          </FixButton>
        ) : null}
        {tokens.state === "available" && tokens.value.length > 0 ? (
          <FixButton fix={{ kind: "revokeRefreshTokens", userId }} testId="support-fix-revoke-tokens">
            Revoke refresh tokens
          </FixButton>
        ) : null}
      </div>
    </Card>
  );
}

/** The pasted token beside the account: the inspector's verdict and its permissions now. */
export function TokenCard({ token }: { token: TokenOnCard }) {
  const stale = token.check?.stale ?? false;
  return (
    <Card title="The pasted token" icon={<IconKey />} id="support-token">
      <Notice tone={token.report.valid ? "success" : "danger"} testId="support-token-verdict">
        {token.report.summary}
      </Notice>
      {token.check ? (
        <Notice tone={stale || !token.check.matches ? "warning" : "info"} testId="support-token-check">
          {token.check.verdict}
        </Notice>
      ) : null}
      {token.checkNote ? <p className="card__text">{token.checkNote}</p> : null}
    </Card>
  );
}
