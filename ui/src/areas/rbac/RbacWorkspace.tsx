import { useEffect, type ReactNode } from "react";
import type { Navigate } from "../../app/navigation";
import type { ApiError, ProfileView } from "../../bindings";
import { ErrorNotice, ManagementNextStep } from "../../components/ErrorNotice";
import { JobProgressBar } from "../../components/JobProgressBar";
import { Notice } from "../../components/Notice";
import { tabPanelProps, Tabs, type TabItem } from "../../components/Tabs";
import { IconRefresh } from "../../components/Icons";
import { tenantHost } from "../../profile/tenantUrls";
import { ApisTab } from "./ApisTab";
import { CompareTab } from "./CompareTab";
import { ExplainTab } from "./ExplainTab";
import { FindingsTab } from "./FindingsTab";
import { MatrixTab } from "./MatrixTab";
import { rbacStore, useRbacState, type RbacState, type RbacTab } from "./rbacStore";
import { RolesTab } from "./RolesTab";
import { TokenCheckTab } from "./TokenCheckTab";
import { UsersTab } from "./UsersTab";

const ID = "rbac";

/** The Roles & permissions screen once the profile can reach the Management API. */
export function RbacWorkspace({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  const s = useRbacState();
  const ours = s.profile === profile.name;

  useEffect(() => rbacStore.forProfile(profile.name), [profile.name]);
  // Opening the screen loads the tenant once; reloading is the user's call.
  useEffect(() => {
    if (ours && !s.overview && !s.loading && !s.error) rbacStore.load(false);
  }, [ours, s.overview, s.loading, s.error]);

  if (!ours) return null;
  const tabs: TabItem<RbacTab>[] = [
    { id: "roles", label: "Roles", badge: s.overview?.roles.length },
    { id: "apis", label: "APIs", badge: s.overview?.apis.length },
    { id: "users", label: "Users" },
    { id: "matrix", label: "Matrix" },
    { id: "explain", label: "Explain" },
    { id: "tokenCheck", label: "Token check" },
    { id: "findings", label: "Findings", badge: s.overview?.findings.length },
    { id: "compare", label: "Compare" },
  ];
  return (
    <div className="rbac-workspace" data-testid="rbac-workspace">
      <LoadBar state={s} />
      <AccessLine profile={profile} navigate={navigate} />
      <JobProgressBar
        title="Loading roles, permissions and members"
        job={s.loading}
        onCancel={rbacStore.cancel}
        testId="rbac-load-progress"
      />
      {s.error ? <LoadError error={s.error} hasOverview={s.overview !== null} navigate={navigate} profile={profile} /> : null}
      <Tabs label="Roles & permissions views" tabs={tabs} selected={s.tab} onSelect={rbacStore.setTab} idPrefix={ID} />
      <div className="rbac-panel" {...tabPanelProps(ID, s.tab)}>
        <TabPanel state={s} navigate={navigate} />
      </div>
    </div>
  );
}

function TabPanel({ state, navigate }: { state: RbacState; navigate: Navigate }): ReactNode {
  const overview = state.overview;
  switch (state.tab) {
    case "users":
      return <UsersTab state={state} />;
    case "explain":
      return <ExplainTab state={state} />;
    case "tokenCheck":
      return <TokenCheckTab state={state} navigate={navigate} />;
    case "compare":
      return <CompareTab state={state} />;
    default:
      break;
  }
  if (!overview) return <NotLoaded loading={state.loading !== null} />;
  switch (state.tab) {
    case "roles":
      return <RolesTab overview={overview} roleId={state.roleId} />;
    case "apis":
      return <ApisTab overview={overview} api={state.api} />;
    case "matrix":
      return <MatrixTab overview={overview} />;
    case "findings":
      return <FindingsTab overview={overview} />;
  }
}

function NotLoaded({ loading }: { loading: boolean }) {
  return (
    <p className="card__text" data-testid="rbac-not-loaded">
      {loading ? (
        "Loading the tenant’s roles: this view fills in when it is done."
      ) : (
        <>
          The tenant’s roles are not loaded.{" "}
          <button type="button" className="link-button" onClick={() => rbacStore.load(false)}>
            Load them
          </button>
        </>
      )}
    </p>
  );
}

function LoadBar({ state }: { state: RbacState }) {
  const o = state.overview;
  const loaded = o ? new Date(o.takenAt) : null;
  return (
    <div className="rbac-loadbar" data-testid="rbac-loadbar">
      <div className="rbac-loadbar__facts" data-testid="rbac-loaded-facts">
        {o && loaded ? (
          <>
            <strong>{o.roles.length} roles</strong>, <strong>{o.apis.length} APIs</strong>,{" "}
            {o.roles.reduce((n, r) => n + r.memberCount, 0).toLocaleString("en-US")} role memberships — loaded{" "}
            {loaded.toLocaleTimeString("en-GB", { hour12: false })} in {o.requests} requests
            {o.rateLimited > 0 ? ` (${o.rateLimited} rate-limited)` : ""}
            {o.usersChecked > 0 ? `, ${o.usersChecked} users checked for direct grants` : ""}.
          </>
        ) : state.loading ? (
          "Loading…"
        ) : (
          "Nothing loaded yet."
        )}
      </div>
      <label className="rbac-loadbar__option">
        <input
          type="checkbox"
          checked={state.loading?.includeUsers ?? (o ? o.usersChecked > 0 : false)}
          disabled={state.loading !== null}
          onChange={(e) => rbacStore.load(e.target.checked)}
          data-testid="rbac-include-users"
        />
        Check users for direct grants (one request per user)
      </label>
      <button
        type="button"
        className="button button--small"
        disabled={state.loading !== null}
        onClick={() => rbacStore.load(o ? o.usersChecked > 0 : false)}
        data-testid="rbac-reload"
      >
        <IconRefresh />
        {o ? "Reload" : "Load"}
      </button>
    </div>
  );
}

/** How the tenant is read, with the way to change it. */
function AccessLine({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  const m = profile.management;
  const how =
    m.kind === "clientCredentials"
      ? `as the machine-to-machine application ${m.clientId}`
      : m.kind === "signedInUser"
        ? "with your own sign-in"
        : "";
  return (
    <p className="rbac-access" data-testid="rbac-access">
      Reading the Management API of <strong>{tenantHost(profile.issuer)}</strong> {how}.{" "}
      <button
        type="button"
        className="link-button"
        onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "management" })}
      >
        Change
      </button>
    </p>
  );
}

function LoadError({
  error,
  hasOverview,
  navigate,
  profile,
}: {
  error: ApiError;
  hasOverview: boolean;
  navigate: Navigate;
  profile: ProfileView;
}) {
  const kept = hasOverview ? " What was loaded before is still shown." : "";
  if (error.code === "cancelled") {
    return (
      <Notice tone="info" testId="rbac-load-cancelled">
        Loading was cancelled; nothing of it was kept.{kept}{" "}
        <button type="button" className="link-button" onClick={rbacStore.dismissError}>
          Dismiss
        </button>
      </Notice>
    );
  }
  return (
    <ErrorNotice
      title="The roles could not be loaded"
      error={error}
      after={kept}
      onRetry={() => rbacStore.load(false)}
      actions={<ManagementNextStep error={error} profile={profile.name} navigate={navigate} />}
      testId="rbac-load-error"
    />
  );
}
