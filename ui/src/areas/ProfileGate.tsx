import type { ReactNode } from "react";
import type { Navigate } from "../app/navigation";
import { AreaPage } from "../components/AreaPage";
import { CopyableCode } from "../components/CopyableCode";
import { EmptyState } from "../components/EmptyState";
import { IconPlus, IconRefresh, IconSettings, IconUsers, IconWarning } from "../components/Icons";
import type { AreaProps } from "./areaProps";
import type { ProfileContext } from "./profileContext";

/** The CLI line that creates the profile for the local sandbox tenant. */
export const SANDBOX_PROFILE_COMMAND =
  "idlens profile add sandbox --issuer http://127.0.0.1:4000/ --client-id idlens-desktop";

/** A profile in use, with the keychain its secrets are in: what a `ProfileArea`'s content gets. */
export type ReadyProfile = Extract<ProfileContext, { state: "ready" }>;

type ProfileAreaProps = AreaProps & {
  testId: string;
  title: string;
  lead: string;
  /** Why this area needs a profile, completing "IdLens needs a tenant profile to …". */
  purpose: string;
  /** Rendered once a profile is in use. */
  children: (ready: ReadyProfile) => ReactNode;
};

/**
 * The frame of an area that works on the profile in use: its page (title and
 * lead), then its content once a profile is in use and the right empty state
 * before that (loading, profiles unreadable, none yet, none in use).
 */
export function ProfileArea({ testId, title, lead, ...gate }: ProfileAreaProps) {
  return (
    <AreaPage testId={testId} title={title} lead={lead}>
      <ProfileGate {...gate} />
    </AreaPage>
  );
}

type ProfileGateProps = {
  context: ProfileContext;
  /** Why this area needs a profile, completing "IdLens needs a tenant profile to …". */
  purpose: string;
  navigate: Navigate;
  onRetry: () => void;
  children: (ready: ReadyProfile) => ReactNode;
};

/** Renders an area's content once a profile is in use, and the right empty state before that. */
function ProfileGate({ context, purpose, navigate, onRetry, children }: ProfileGateProps) {
  switch (context.state) {
    case "ready":
      return <>{children(context)}</>;
    case "loading":
      return (
        <div className="loading-state" aria-busy="true" role="status">
          <span className="loading-state__spinner" aria-hidden="true" />
          Loading tenant profiles…
        </div>
      );
    case "unavailable":
      return (
        <EmptyState
          icon={<IconWarning />}
          tone="attention"
          title="Tenant profiles could not be loaded"
          actions={
            <>
              <button type="button" className="button button--primary" onClick={onRetry}>
                <IconRefresh />
                Try again
              </button>
              <button type="button" className="button" onClick={() => navigate("settings")}>
                <IconSettings />
                Open Settings
              </button>
            </>
          }
        >
          <p>{context.error.message}</p>
        </EmptyState>
      );
    case "noProfiles":
      return <NoProfileEmptyState purpose={purpose} navigate={navigate} />;
    case "noneInUse":
      return (
        <EmptyState
          icon={<IconUsers />}
          title="No profile in use"
          actions={
            <button type="button" className="button button--primary" onClick={() => navigate("settings")}>
              <IconSettings />
              Choose a profile in Settings
            </button>
          }
        >
          <p>
            There {context.list.profiles.length === 1 ? "is 1 tenant profile" : `are ${context.list.profiles.length} tenant profiles`},
            but none is in use. Pick one in the Profile menu at the top, or in Settings.
          </p>
        </EmptyState>
      );
  }
}

export function NoProfileEmptyState({ purpose, navigate }: { purpose: string; navigate: Navigate }) {
  return (
    <EmptyState
      icon={<IconUsers />}
      title="No tenant profile exists yet"
      actions={
        <button
          type="button"
          className="button button--primary"
          data-testid="add-first-profile"
          onClick={() => navigate("settings", { mode: "new" })}
        >
          <IconPlus />
          Add a tenant profile
        </button>
      }
      footer={
        <>
          <p className="empty-state__cli-label">Working with the local sandbox tenant? Create its profile from a terminal:</p>
          <CopyableCode text={SANDBOX_PROFILE_COMMAND} what="sandbox profile command" shell testId="sandbox-command" />
        </>
      }
    >
      <p>
        IdLens needs a tenant profile to {purpose}. A profile names an Auth0 tenant (its issuer) and the client ID of
        the Native application IdLens will sign in with.
      </p>
    </EmptyState>
  );
}
