import type { KeychainView, ProfileList } from "../bindings";
import { IconLock, IconMemory } from "../components/Icons";
import { MEMORY_ONLY_NOTICE } from "../profile/storedSecrets";
import { tenantHost } from "../profile/tenantUrls";
import { useProfileCommands } from "../profile/useProfileCommands";
import { useSessionState } from "../areas/session/sessionStore";

type TopBarProps = {
  list: ProfileList | null;
  loading: boolean;
  keychain: KeychainView | null;
  onListChanged: (list: ProfileList) => void;
  onOpenSession: () => void;
};

export function TopBar({ list, loading, keychain, onListChanged, onOpenSession }: TopBarProps) {
  const current = list?.profiles.find((p) => p.name === list.current) ?? null;
  return (
    <header className="topbar">
      <ProfileSwitcher list={list} loading={loading} onListChanged={onListChanged} />
      {current ? (
        <span className="topbar__tenant" title={current.issuer}>
          <span className="topbar__tenant-dot" aria-hidden="true" />
          <span className="visually-hidden">Tenant: </span>
          {tenantHost(current.issuer)}
        </span>
      ) : null}
      <div className="topbar__spacer" />
      {current ? <SessionIndicator profile={current.name} onOpen={onOpenSession} /> : null}
      {keychain ? <KeychainBadge keychain={keychain} /> : null}
    </header>
  );
}

function ProfileSwitcher({
  list,
  loading,
  onListChanged,
}: {
  list: ProfileList | null;
  loading: boolean;
  onListChanged: (list: ProfileList) => void;
}) {
  const { busy, use: switchTo } = useProfileCommands(onListChanged);
  const switching = busy !== null;
  const profiles = list?.profiles ?? [];
  const current = list?.current ?? "";
  const empty = profiles.length === 0;

  function use(name: string) {
    if (name && name !== current) void switchTo(name);
  }

  return (
    <div className="profile-switcher">
      <label className="profile-switcher__label" htmlFor="profile-switcher">
        Profile
      </label>
      <div className="select-wrap">
        <select
          id="profile-switcher"
          className="select profile-switcher__select"
          data-testid="profile-switcher"
          value={empty ? "" : current}
          disabled={empty || switching}
          aria-busy={loading || switching}
          onChange={(e) => use(e.target.value)}
        >
          {empty ? <option value="">{loading ? "Loading…" : "No profiles yet"}</option> : null}
          {!empty && !current ? (
            <option value="" disabled>
              Choose a profile…
            </option>
          ) : null}
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Who is signed in to the profile in use, app-wide; opens the Session screen. */
function SessionIndicator({ profile, onOpen }: { profile: string; onOpen: () => void }) {
  const { profile: about, view, pending } = useSessionState();
  if (about !== profile) return null;
  const user = view?.user;
  if (!user && !pending) return null;
  const who = user ? (user.name ?? user.email ?? user.sub) : null;
  const label = who ? `Signed in as ${who}` : "Signing in…";
  const email = user?.email && user.email !== who ? ` (${user.email})` : "";
  return (
    <button
      type="button"
      className={`session-indicator${who ? "" : " session-indicator--pending"}`}
      onClick={onOpen}
      data-testid="session-indicator"
      data-state={who ? "signedIn" : "pending"}
      // Narrow windows hide the "Signed in as" prefix; the accessible name keeps it.
      aria-label={`${label}${email}. Open the Session screen.`}
      title={who ? `${label}${email}` : "A sign-in is in progress"}
    >
      <span className="session-indicator__dot" aria-hidden="true" />
      {who ? (
        <>
          <span className="session-indicator__prefix">Signed in as </span>
          <span className="session-indicator__who">{who}</span>
        </>
      ) : (
        <span className="session-indicator__who">{label}</span>
      )}
    </button>
  );
}

function KeychainBadge({ keychain }: { keychain: KeychainView }) {
  if (keychain.kind === "os") {
    return (
      <span
        className="badge badge--ok"
        data-testid="keychain-status"
        data-kind="os"
        title="Secrets are stored in the operating system's keychain."
      >
        <IconLock />
        OS keychain
      </span>
    );
  }
  const detail = `${MEMORY_ONLY_NOTICE}. ${keychain.reason}`;
  return (
    <span
      className="badge badge--warning"
      data-testid="keychain-status"
      data-kind="memoryOnly"
      title={detail}
      tabIndex={0}
      aria-label={`Memory only. ${detail}`}
    >
      <IconMemory />
      Memory only
    </span>
  );
}
