import type { Navigate } from "../../app/navigation";
import type { ProfileView, SessionView } from "../../bindings";
import { Card } from "../../components/Card";
import { CopyButton } from "../../components/CopyButton";
import { FactList } from "../../components/FactList";
import {
  IconCheckCircle,
  IconClock,
  IconDashboard,
  IconKey,
  IconLock,
  IconMemory,
  IconRefresh,
  IconSession,
  IconWarning,
} from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { isLoopbackIssuer, tenantHost } from "../../profile/tenantUrls";
import { ClaimsCard } from "../inspector/ClaimsTable";
import { inspectorMemory } from "../inspector/inspectorMemory";
import { useNow } from "../../components/useNow";
import type { SessionActivity } from "./sessionStore";
import { expiryTone, expiryWords, localTime } from "./sessionWords";
import { TokenReveal } from "./TokenReveal";

type SignedInViewProps = {
  view: SessionView & { user: NonNullable<SessionView["user"]> };
  profile: ProfileView;
  activity: SessionActivity | null;
  navigate: Navigate;
  onRefresh: () => void;
  onSignOut: () => void;
};

export function SignedInView({ view, profile, activity, navigate, onRefresh, onSignOut }: SignedInViewProps) {
  const { user, access } = view;
  const now = useNow(1000);
  const busy = activity !== null;
  const displayName = user.name ?? user.email ?? user.sub;

  function openInInspector(token: string) {
    // The user asked for it: the inspector keeps the token in its in-memory history like a pasted one.
    inspectorMemory.setOptions({ keyChoice: "profile" });
    inspectorMemory.setToken(token);
    navigate("inspector");
  }

  return (
    <div className="session-grid">
      <section
        className="session-user session-grid__user"
        data-testid="session-signed-in"
        aria-labelledby="session-user-name"
      >
        <div className="session-user__identity">
          <span className="session-user__avatar" aria-hidden="true">
            {initials(displayName)}
          </span>
          <div className="session-user__names">
            <span className="session-user__status">
              <IconCheckCircle />
              Signed in
            </span>
            <h2 className="session-user__name" id="session-user-name" data-testid="session-user-name" tabIndex={-1}>
              {displayName}
            </h2>
            {user.email ? (
              <span className="session-user__email">
                <span data-testid="session-user-email">{user.email}</span>
                <EmailBadge verified={user.emailVerified} />
              </span>
            ) : null}
          </div>
        </div>
        <FactList
          facts={[
            {
              label: "User ID",
              testId: "session-sub",
              value: (
                <span className="session-fact-code">
                  <code className="inline-code" translate="no">
                    {user.sub}
                  </code>
                  <CopyButton text={user.sub} what="user ID" compact />
                </span>
              ),
            },
            {
              label: "Connection",
              testId: "session-connection",
              value: user.connection ? (
                <span className="chip chip--accent">{user.connection}</span>
              ) : (
                <span className="text-muted">Not named in the user ID</span>
              ),
            },
            {
              label: "Tenant",
              testId: "session-tenant",
              value: <TenantWords view={view} />,
            },
          ]}
        />
        <div className="session-user__actions">
          <button
            type="button"
            className="button"
            onClick={onRefresh}
            disabled={busy}
            aria-busy={activity === "refreshing"}
            data-testid="session-refresh"
          >
            <IconRefresh className={activity === "refreshing" || activity === "checking" ? "icon--spinning" : undefined} />
            {activity === "refreshing" ? "Refreshing…" : "Refresh now"}
          </button>
          <button
            type="button"
            className="button button--danger-text"
            onClick={onSignOut}
            disabled={busy}
            aria-busy={activity === "signingOut"}
            data-testid="session-sign-out"
          >
            <IconSession />
            {activity === "signingOut" ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </section>

      <Card
        title="Access token"
        icon={<IconKey />}
        className="session-grid__access"
        aside={<ExpiryBadge expiresAt={access?.expiresAt ?? null} now={now} />}
      >
        <FactList
          facts={[
            {
              label: "Expires",
              testId: "session-expires-at",
              value:
                access?.expiresAt != null ? (
                  <span className="fact-stack">
                    <time dateTime={new Date(access.expiresAt * 1000).toISOString()}>{localTime(access.expiresAt)}</time>
                    <span className="fact-note">IdLens renews it about 2 min before, while it runs.</span>
                  </span>
                ) : (
                  <span className="text-muted">The identity provider did not say</span>
                ),
            },
            {
              label: "API",
              testId: "session-audience",
              value: access?.audience ? (
                <code className="inline-code">{access.audience}</code>
              ) : (
                <span className="text-warning">
                  None: the access token is opaque and was not validated. Set an audience in the profile.
                </span>
              ),
            },
            {
              label: "Scopes",
              testId: "session-scopes",
              value: <Chips values={access?.scopes ?? []} empty="None granted" />,
            },
            {
              label: "Permissions",
              testId: "session-permissions",
              value: (
                <Chips
                  values={access?.permissions ?? []}
                  empty={
                    access?.audience
                      ? "None: the user has no roles on this API, or the API does not add permissions to tokens"
                      : "Only API access tokens carry permissions"
                  }
                />
              ),
            },
          ]}
        />
        <TokenReveal
          profile={view.profile}
          tokenRevision={`${access?.expiresAt ?? ""}`}
          busy={busy}
          onOpenInInspector={openInInspector}
        />
      </Card>

      <RefreshTokenCard view={view} profile={profile} navigate={navigate} />
      <Card title="Tenant" icon={<IconDashboard />} aside={<span className="chip">{view.profile}</span>} className="session-grid__tenant">
        <FactList
          facts={[
            { label: "Issuer", value: <code className="inline-code">{view.issuer}</code>, testId: "session-issuer" },
            { label: "Client ID", value: <code className="inline-code">{profile.clientId}</code> },
          ]}
        />
      </Card>

      <div className="session-grid__wide">
        <ClaimsCard
          title="ID token claims"
          explanations={view.idClaims}
          unverified={false}
          redact={false}
          now={now}
          leewaySecs={60}
          testId="session-id-claims"
        />
      </div>
    </div>
  );
}

function initials(name: string): string {
  const words = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? "?"];
  return letters
    .map((w) => (w ?? "").charAt(0).toUpperCase())
    .join("")
    .slice(0, 2);
}

function EmailBadge({ verified }: { verified: boolean | null }) {
  if (verified === null) return null;
  return verified ? (
    <span className="chip chip--ok" data-testid="session-email-verified" data-verified="true">
      <IconCheckCircle className="chip__icon" />
      verified
    </span>
  ) : (
    <span
      className="chip chip--warning"
      data-testid="session-email-verified"
      data-verified="false"
      title="The tenant has not confirmed that this user controls the address"
    >
      <IconWarning className="chip__icon" />
      unverified
    </span>
  );
}

function TenantWords({ view }: { view: SessionView }) {
  const tenant = view.tenant;
  // The host with its port: loopback tenants differ only by it.
  const host = tenantHost(view.issuer);
  if (!tenant) return <code className="inline-code">{host}</code>;
  const detail = [
    tenant.name,
    tenant.region ? `region ${tenant.region}` : null,
    isLoopbackIssuer(view.issuer) ? "on this machine" : tenant.customDomain ? "custom domain" : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <span className="session-tenant">
      <code className="inline-code">{host}</code>
      {detail ? <span className="text-muted">{detail}</span> : null}
    </span>
  );
}

function ExpiryBadge({ expiresAt, now }: { expiresAt: number | null; now: number }) {
  const tone = expiryTone(expiresAt, now);
  return (
    <span
      className={`countdown countdown--${tone}`}
      data-testid="session-expiry"
      data-tone={tone}
      title={expiresAt !== null ? `Expires ${localTime(expiresAt)}` : undefined}
    >
      {tone === "soon" || tone === "expired" ? <IconWarning /> : <IconClock />}
      {expiryWords(expiresAt, now)}
    </span>
  );
}

function Chips({ values, empty }: { values: string[]; empty: string }) {
  if (values.length === 0) return <span className="text-muted">{empty}</span>;
  return (
    <ul className="value-chips">
      {values.map((v) => (
        <li className="value-chip" key={v} translate="no">
          {v}
        </li>
      ))}
    </ul>
  );
}

function RefreshTokenCard({ view, profile, navigate }: { view: SessionView; profile: ProfileView; navigate: Navigate }) {
  const place = view.refreshToken;
  return (
    <Card title="Refresh token" icon={<IconLock />} className="session-grid__refresh">
      <div className={`refresh-place refresh-place--${place}`} data-testid="session-refresh-place" data-place={place}>
        {place === "keychain" ? (
          <>
            <IconLock />
            <p>
              <strong>In the OS keychain.</strong> The session survives a restart of IdLens; signing out revokes it and
              deletes it.
            </p>
          </>
        ) : place === "memory" ? (
          <>
            <IconMemory />
            <p>
              <strong>In memory only:</strong> there is no OS keychain, so you sign in again after IdLens exits.
            </p>
          </>
        ) : (
          <>
            <IconWarning />
            <p>
              <strong>None.</strong> The session ends when the access token expires. Allow offline access for the API
              and turn on the Refresh Token grant for the application to stay signed in.
            </p>
          </>
        )}
      </div>
      <button
        type="button"
        className="link-button session-link"
        onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "secrets" })}
      >
        Stored secrets of this profile
      </button>
    </Card>
  );
}

export function SessionNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return (
    <Notice tone="warning" role="status" testId="session-notice">
      <p>{notice}</p>
    </Notice>
  );
}
