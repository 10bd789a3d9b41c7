import { useEffect, useRef, type ReactNode } from "react";
import type { Navigate } from "../../app/navigation";
import type { ApiError, ProfileView, SessionView } from "../../bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Card } from "../../components/Card";
import { CopyableCode } from "../../components/CopyableCode";
import { CopyButton } from "../../components/CopyButton";
import { EmptyState } from "../../components/EmptyState";
import { FactList } from "../../components/FactList";
import {
  IconCheckCircle,
  IconClose,
  IconDashboard,
  IconKey,
  IconRefresh,
  IconSession,
  IconSettings,
  IconTerminal,
  IconWarning,
} from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { tenantHost } from "../../profile/tenantUrls";
import type { AreaProps } from "../areaProps";
import { ProfileArea } from "../ProfileGate";
import { setupChecklist, type ChecklistItem } from "./setupChecklist";
import { SessionNotice, SignedInView } from "./SignedInView";
import { SignInProgress } from "./SignInProgress";
import { sessionStore, useSessionState, type SessionActivity, type SignInFailure, type SignInKind } from "./sessionStore";
import { failureTitle, nextStep } from "./sessionWords";

type SessionAreaProps = AreaProps & {
  /** Scopes every sign-in requests, from the core; null until it has answered. */
  baseScopes: readonly string[] | null;
};

export function SessionArea({ baseScopes, ...props }: SessionAreaProps) {
  return (
    <ProfileArea
      {...props}
      testId="area-session"
      title="Session"
      lead="Your own sign-in to the tenant of the profile in use: who the tenant says you are, what your access token allows, and for how long."
      purpose="know which tenant to sign in to"
    >
      {({ profile }) => <SessionScreen profile={profile} baseScopes={baseScopes} navigate={props.navigate} />}
    </ProfileArea>
  );
}

type ScreenKind = "loading" | "unavailable" | "pending" | "signedIn" | "signedOut";

function SessionScreen({
  profile,
  baseScopes,
  navigate,
}: {
  profile: ProfileView;
  baseScopes: readonly string[] | null;
  navigate: Navigate;
}) {
  const state = useSessionState();
  // Until the keeper has caught up with a profile switch, the state is about the previous profile.
  const current = state.profile === profile.name;
  const view = current ? state.view : null;
  const pending = current ? state.pending : null;
  const kind: ScreenKind = pending
    ? "pending"
    : view?.user
      ? "signedIn"
      : view
        ? "signedOut"
        : current && state.error && !state.activity
          ? "unavailable"
          : "loading";

  useFocusAfterChange(kind);

  const error = current && state.error ? <SessionError error={state.error} /> : null;

  return (
    <div className="session" data-testid="session-view" data-state={kind} aria-busy={state.activity !== null}>
      {kind === "pending" && pending ? (
        <>
          {error}
          <SignInProgress
            pending={pending}
            opening={state.activity === "openingBrowser"}
            onCancel={sessionStore.cancelSignIn}
            onOpenBrowser={() => void sessionStore.openBrowser()}
          />
        </>
      ) : kind === "signedIn" && view?.user ? (
        <>
          {error}
          <SessionNotice notice={view.notice} />
          <SignedInView
            view={{ ...view, user: view.user }}
            profile={profile}
            activity={state.activity}
            navigate={navigate}
            onRefresh={() => void sessionStore.refresh()}
            onSignOut={() => void sessionStore.signOut()}
          />
        </>
      ) : kind === "signedOut" && view ? (
        <SignedOut
          view={view}
          profile={profile}
          baseScopes={baseScopes}
          activity={state.activity}
          failure={state.failure}
          error={error}
          navigate={navigate}
        />
      ) : kind === "unavailable" && state.error ? (
        <EmptyState
          icon={<IconWarning />}
          tone="attention"
          title="IdLens could not tell whether you are signed in"
          titleTestId="session-state"
          actions={
            <button type="button" className="button button--primary" onClick={() => void sessionStore.load()}>
              <IconRefresh />
              Try again
            </button>
          }
        >
          <p data-testid="session-error">{state.error.message}</p>
          {nextStep(state.error) ? <p>{nextStep(state.error)}</p> : null}
        </EmptyState>
      ) : (
        <div className="loading-state" aria-busy="true" role="status">
          <span className="loading-state__spinner" aria-hidden="true" />
          Checking the session…
        </div>
      )}
    </div>
  );
}

/**
 * When the control that had focus disappears with a change of screen (a
 * sign-in finishes or is cancelled, a sign-out), focus goes to what comes
 * next instead of the page.
 */
function useFocusAfterChange(kind: ScreenKind) {
  const previous = useRef(kind);
  useEffect(() => {
    const before = previous.current;
    previous.current = kind;
    // Only after a change the user caused; the first answer on opening leaves focus alone.
    if (before === kind || (before !== "pending" && before !== "signedIn")) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    const target =
      kind === "signedIn"
        ? "#session-user-name"
        : kind === "signedOut"
          ? '[data-testid="sign-in-try-again"], [data-testid="sign-in-device"]'
          : null;
    if (target) document.querySelector<HTMLElement>(target)?.focus({ preventScroll: false });
  }, [kind]);
}

function SessionError({ error }: { error: ApiError }) {
  const step = nextStep(error);
  return (
    <Notice tone="danger" title="That did not work" role="alert" testId="session-error">
      <p>{error.message}</p>
      {step ? <p>{step}</p> : null}
      <div className="notice__actions">
        <button type="button" className="button button--small button--ghost" onClick={sessionStore.dismissError}>
          <IconClose />
          Dismiss
        </button>
      </div>
    </Notice>
  );
}

const METHOD_WORDS: Record<SignInKind, string> = {
  device: "Sign in with a device code",
  browser: "Sign in with the browser",
};

function SignedOut({
  view,
  profile,
  baseScopes,
  activity,
  failure,
  error,
  navigate,
}: {
  view: SessionView;
  profile: ProfileView;
  baseScopes: readonly string[] | null;
  activity: SessionActivity | null;
  failure: SignInFailure | null;
  error: ReactNode;
  navigate: Navigate;
}) {
  // With the port: loopback tenants differ only by it.
  const host = tenantHost(view.issuer);
  const checklist = setupChecklist(profile);
  const scopes = [...new Set([...(baseScopes ?? []), ...profile.scopes])];
  const loginCommand = `idlens login --profile ${profile.name}`;

  function signInButton(kind: SignInKind, primary: boolean) {
    const starting = activity === (kind === "device" ? "startingDevice" : "startingBrowser");
    return (
      <button
        type="button"
        className={primary ? "button button--primary" : "button"}
        onClick={() => void sessionStore.startSignIn(kind)}
        disabled={activity !== null}
        aria-busy={starting}
        data-testid={`sign-in-${kind}`}
      >
        {starting ? <span className="button__spinner" aria-hidden="true" /> : kind === "device" ? <IconKey /> : <IconSession />}
        {starting ? "Starting…" : METHOD_WORDS[kind]}
      </button>
    );
  }

  return (
    <>
      {error}
      {failure ? (
        <ErrorNotice
          title={failureTitle(failure.kind, failure.error)}
          error={failure.error}
          onRetry={() => void sessionStore.startSignIn(failure.kind)}
          retryDisabled={activity !== null}
          retryPrimary
          retryTestId="sign-in-try-again"
          testId="sign-in-failure"
          actions={
            <button type="button" className="button button--small button--ghost" onClick={sessionStore.dismissFailure}>
              Dismiss
            </button>
          }
        />
      ) : null}
      <SessionNotice notice={view.notice} />

      <div className="session-hero">
        <EmptyState
          icon={<IconSession />}
          title="Not signed in"
          titleTestId="session-state"
          actions={
            <>
              {signInButton("device", true)}
              {signInButton("browser", false)}
            </>
          }
          footer={
            <dl className="sign-in-methods">
              <div>
                <dt>Device code</dt>
                <dd>Approve on any device, a phone included. Nothing has to come back to this computer.</dd>
              </div>
              <div>
                <dt>Browser</dt>
                <dd>
                  Opens your browser here; it comes back to{" "}
                  <code className="inline-code">{profile.callbackUrl}</code>, which the application must allow.
                </dd>
              </div>
            </dl>
          }
        >
          <p>
            Sign in to <strong data-testid="session-tenant-host">{host}</strong> with profile{" "}
            <strong data-testid="session-profile">{profile.name}</strong>.{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => document.getElementById("profile-switcher")?.focus()}
              data-testid="session-switch-profile"
            >
              Switch profile
            </button>
          </p>
          <p>
            IdLens shows who the tenant says you are, what your access token allows and when it expires, and renews it
            before it does. The refresh token goes to the OS keychain; access and ID tokens stay in memory.
          </p>
        </EmptyState>
      </div>

      <div className="area-grid">
        <div className="area-grid__main">
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
              The command line signs in with the same profile and keeps the refresh token in the same keychain:
            </p>
            <CopyableCode text={loginCommand} what="sign-in command" shell testId="login-command" />
          </Card>
        </div>

        <div className="area-grid__side">
          <Card title="Callback URL" icon={<IconKey />}>
            <p className="card__text">
              For the browser sign-in, register this exact URL in the Auth0 application’s{" "}
              <strong>Allowed Callback URLs</strong>:
            </p>
            <CopyableCode text={profile.callbackUrl} what="callback URL" testId="callback-url" />
          </Card>

          <Card title="Setup checklist" icon={<IconCheckCircle />} aside={<ChecklistSummary items={checklist} />}>
            <ol className="checklist" data-testid="setup-checklist">
              {checklist.map((item) => (
                <ChecklistRow key={item.id} item={item} />
              ))}
            </ol>
          </Card>
      </div>
      </div>
    </>
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
