import type { Navigate } from "../../app/navigation";
import type { KeychainView, ProfileView } from "../../bindings";
import { Card } from "../../components/Card";
import { CopyableCode } from "../../components/CopyableCode";
import { CopyButton } from "../../components/CopyButton";
import { EmptyState } from "../../components/EmptyState";
import { FactList } from "../../components/FactList";
import {
  IconCheckCircle,
  IconDashboard,
  IconKey,
  IconSession,
  IconSettings,
  IconTerminal,
  IconWarning,
} from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { AreaPage } from "../../components/AreaPage";
import { hasStoredSecret, keychainPlace } from "../../profile/storedSecrets";
import { tenantHost } from "../../profile/tenantUrls";
import type { AreaProps } from "../areaProps";
import { ProfileGate } from "../ProfileGate";
import { setupChecklist, type ChecklistItem } from "./setupChecklist";

type SessionAreaProps = AreaProps & {
  /** Scopes every sign-in requests, from the core; null until it has answered. */
  baseScopes: readonly string[] | null;
};

export function SessionArea({ context, navigate, onRetry, baseScopes }: SessionAreaProps) {
  return (
    <AreaPage
      testId="area-session"
      title="Session"
      lead="Admin sign-in to your Auth0 tenant. Everything it needs to know about the tenant comes from the profile in use."
    >
      <ProfileGate context={context} purpose="know which tenant to sign in to" navigate={navigate} onRetry={onRetry}>
        {({ profile, keychain }) => (
          <SessionOverview profile={profile} keychain={keychain} baseScopes={baseScopes} navigate={navigate} />
        )}
      </ProfileGate>
    </AreaPage>
  );
}

function SessionOverview({
  profile,
  keychain,
  baseScopes,
  navigate,
}: {
  profile: ProfileView;
  keychain: KeychainView;
  baseScopes: readonly string[] | null;
  navigate: Navigate;
}) {
  const host = tenantHost(profile.issuer);
  const hasRefreshToken = hasStoredSecret(profile, "refreshToken");
  const checklist = setupChecklist(profile);
  const statusCommand = `idlens status --profile ${profile.name}`;
  const scopes = [...new Set([...(baseScopes ?? []), ...profile.scopes])];

  return (
    <div className="area-grid">
      <div className="area-grid__main">
        <EmptyState icon={<IconSession />} title="Sign-in is not available yet" titleTestId="session-state">
          <p>
            This version of IdLens cannot sign in yet. It will sign in to <strong>{host}</strong> through your browser
            (Authorization Code with PKCE, returning to this profile’s callback URL), or with the Device Code flow where no
            browser can open, using the issuer, client ID, audience and scopes below.
          </p>
          <p>Prepare the Auth0 application now: the setup checklist says what to set in the dashboard.</p>
          {hasRefreshToken ? (
            <p className="empty-state__note">
              <IconKey /> A refresh token from an earlier sign-in is stored ({keychainPlace(keychain)}).{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "secrets" })}
              >
                Manage stored secrets
              </button>
            </p>
          ) : null}
        </EmptyState>

        <Card title="Tenant" icon={<IconDashboard />} aside={<span className="chip">{profile.name}</span>}>
          <FactList
            facts={[
              { label: "Issuer", value: <code className="inline-code">{profile.issuer}</code>, testId: "session-issuer" },
              {
                label: "Client ID",
                value: <code className="inline-code">{profile.clientId}</code>,
                testId: "session-client-id",
              },
              {
                label: "Audience",
                testId: "session-audience",
                value: profile.audience ? (
                  <code className="inline-code">{profile.audience}</code>
                ) : (
                  <span className="text-warning">Not set</span>
                ),
              },
              {
                label: "Scopes",
                testId: "session-scopes",
                value: (
                  <span className="scope-list">
                    {scopes.map((s) => (
                      <span className={baseScopes?.includes(s) ? "chip chip--muted" : "chip"} key={s}>
                        {s}
                      </span>
                    ))}
                    {baseScopes ? null : (
                      <span className="text-muted">
                        {scopes.length ? "and the scopes every sign-in requests" : "The scopes every sign-in requests"}
                      </span>
                    )}
                  </span>
                ),
              },
            ]}
          />
          {profile.audience ? null : (
            <Notice tone="warning" title="Access tokens will be opaque" testId="audience-warning">
              <p>
                Without an audience Auth0 issues opaque access tokens: they cannot be decoded, verified or checked for
                permissions. Set the identifier of the API you audit.
              </p>
              <button
                type="button"
                className="button button--small"
                onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "audience" })}
              >
                <IconSettings />
                Set an audience
              </button>
            </Notice>
          )}
        </Card>

        <Card title="Same profile in a terminal" icon={<IconTerminal />}>
          <p className="card__text">
            The command line reads the same profile file and keychain. This prints the profile, the path of the profile
            file and which secrets are stored:
          </p>
          <CopyableCode text={statusCommand} what="status command" shell testId="status-command" />
        </Card>
      </div>

      <div className="area-grid__side">
        <Card title="Callback URL" icon={<IconKey />}>
          <p className="card__text">
            Register this exact URL in the Auth0 application’s <strong>Allowed Callback URLs</strong>:
          </p>
          <CopyableCode text={profile.callbackUrl} what="callback URL" testId="callback-url" />
        </Card>

        <Card
          title="Setup checklist"
          icon={<IconCheckCircle />}
          aside={<ChecklistSummary items={checklist} />}
        >
          <ol className="checklist" data-testid="setup-checklist">
            {checklist.map((item) => (
              <ChecklistRow key={item.id} item={item} />
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}

function ChecklistSummary({ items }: { items: ChecklistItem[] }) {
  const toCheck = items.filter((i) => i.status === "dashboard").length;
  const warnings = items.filter((i) => i.status === "warning").length;
  return (
    <span className="checklist-summary">
      {warnings > 0 ? <span className="chip chip--warning">{warnings} to fix</span> : null}
      <span className="chip chip--muted" title="Steps only the Auth0 dashboard can confirm">
        {toCheck} to check
      </span>
    </span>
  );
}

const STATUS_TEXT = {
  ok: "In place",
  warning: "Needs attention",
  dashboard: "Check in the Auth0 dashboard",
} as const;

function ChecklistRow({ item }: { item: ChecklistItem }) {
  return (
    <li className={`checklist__item checklist__item--${item.status}`} data-status={item.status}>
      <span className="checklist__status" title={STATUS_TEXT[item.status]}>
        {item.status === "ok" ? <IconCheckCircle /> : item.status === "warning" ? <IconWarning /> : <IconDashboard />}
        <span className="visually-hidden">{STATUS_TEXT[item.status]}: </span>
      </span>
      <div className="checklist__body">
        <span className="checklist__title">
          {item.title}
          {item.copy ? <CopyButton text={item.copy.text} what={item.copy.what} compact /> : null}
        </span>
        <span className="checklist__detail">{item.detail}</span>
      </div>
    </li>
  );
}
