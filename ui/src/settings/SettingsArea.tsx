import { useMemo } from "react";
import type { ProfileList, ProfileView } from "../bindings";
import type { ProfileDataControls } from "../app/useProfileData";
import { AreaPage } from "../components/AreaPage";
import { BusyButton } from "../components/BusyButton";
import { Card } from "../components/Card";
import { CopyableCode } from "../components/CopyableCode";
import { EmptyState } from "../components/EmptyState";
import { FactList } from "../components/FactList";
import { IconFile, IconLock, IconMemory, IconPlus, IconRefresh, IconWarning, LensMark } from "../components/Icons";
import { SANDBOX_PROFILE_COMMAND } from "../areas/ProfileGate";
import { MEMORY_ONLY_NOTICE } from "../profile/storedSecrets";
import { AppearanceCard } from "./AppearanceCard";
import type { EditorFocus } from "./editorFocus";
import { ProfileEditor } from "./ProfileEditor";
import { ProfileListPanel } from "./ProfileListPanel";
import { draftFromProfile, emptyDraft, type ProfileDraft } from "./profileDraft";
import { UpdatesCard } from "./UpdatesCard";

/** Which profile the editor shows. */
export type SettingsSelection = { mode: "new" } | { mode: "edit"; name: string };

/** Drafts with unsaved edits, keyed by `new` or `edit:NAME`; kept while the user visits other areas. */
export type DraftBook = Readonly<Record<string, ProfileDraft>>;

export function draftKey(selection: SettingsSelection): string {
  return selection.mode === "new" ? "new" : `edit:${selection.name}`;
}

export type SettingsAreaProps = {
  data: ProfileDataControls;
  selection: SettingsSelection | null;
  /** `focus` says where the editor puts focus once it shows the selection. */
  onSelect: (selection: SettingsSelection, focus?: EditorFocus) => void;
  drafts: DraftBook;
  onDraftChange: (key: string, draft: ProfileDraft | null) => void;
  focus: EditorFocus | null;
  focusSeq: number;
};

/** The profile in the editor: the chosen one if it still exists, else the one in use, else a new one. */
function resolveSelection(selection: SettingsSelection | null, list: ProfileList): {
  selection: SettingsSelection;
  profile: ProfileView | null;
} {
  if (selection?.mode === "new") return { selection, profile: null };
  const chosen = selection ? list.profiles.find((p) => p.name === selection.name) : undefined;
  const fallback = chosen ?? list.profiles.find((p) => p.name === list.current) ?? list.profiles[0];
  return fallback
    ? { selection: { mode: "edit", name: fallback.name }, profile: fallback }
    : { selection: { mode: "new" }, profile: null };
}

export function SettingsArea({ data, selection, onSelect, drafts, onDraftChange, focus, focusSeq }: SettingsAreaProps) {
  const { list, loadError, loading } = data;
  const firstRun = list !== null && list.profiles.length === 0;

  const unsaved = useMemo(
    () =>
      new Set(
        Object.keys(drafts)
          .filter((k) => k.startsWith("edit:"))
          .map((k) => k.slice("edit:".length)),
      ),
    [drafts],
  );

  let body;
  if (!list) {
    body = loadError ? (
      <EmptyState
        icon={<IconWarning />}
        tone="attention"
        title={loadError.code === "config" ? "The profile file could not be read" : "Tenant profiles could not be loaded"}
        actions={
          <BusyButton
            busy={loading}
            busyLabel="Loading…"
            icon={<IconRefresh />}
            className="button button--primary"
            onClick={() => void data.reload()}
          >
            Try again
          </BusyButton>
        }
      >
        <p>{loadError.message}</p>
        {loadError.code === "config" && data.configPath ? (
          <>
            <p>Fix the file or delete it (IdLens then starts with no profiles), then try again.</p>
            <CopyableCode text={data.configPath} what="profile file path" testId="config-error-path" />
          </>
        ) : null}
      </EmptyState>
    ) : (
      <div className="loading-state" aria-busy="true" role="status">
        <span className="loading-state__spinner" aria-hidden="true" />
        Loading tenant profiles…
      </div>
    );
  } else {
    const resolved = resolveSelection(selection, list);
    const key = draftKey(resolved.selection);
    const base = resolved.profile ? draftFromProfile(resolved.profile) : emptyDraft();
    const draft = drafts[key] ?? base;
    const editor = (
      <ProfileEditor
        key={key}
        profile={resolved.profile}
        isCurrent={resolved.profile?.name === list.current}
        firstRun={firstRun}
        draft={draft}
        base={base}
        onDraftChange={(next) => {
          const changed = (Object.keys(next) as (keyof ProfileDraft)[]).some((k) => next[k] !== base[k]);
          onDraftChange(key, changed ? next : null);
        }}
        existingNames={list.profiles.map((p) => p.name)}
        keychain={list.keychain}
        configPath={list.configPath}
        defaultCallbackPort={data.info?.defaultCallbackPort ?? null}
        baseScopes={data.info?.baseScopes ?? null}
        focus={focus}
        focusSeq={focusSeq}
        onSaved={async (saved) => {
          // The draft stays until the fresh list is in, so the form never flashes empty.
          await data.reload();
          onSelect({ mode: "edit", name: saved.name }, "editor");
          onDraftChange(key, null);
        }}
        onProfileChanged={data.replaceProfile}
        onReload={async () => {
          await data.reload();
        }}
      />
    );
    body = firstRun ? (
      <div className="settings-first-run">
        <FirstRunWelcome />
        <div className="settings-editor-card">{editor}</div>
      </div>
    ) : (
      <div className="settings-layout">
        <ProfileListPanel
          list={list}
          selected={resolved.selection.mode === "edit" ? resolved.selection.name : null}
          creating={resolved.selection.mode === "new"}
          unsaved={unsaved}
          onSelect={(name) => onSelect({ mode: "edit", name })}
          onListChanged={(next, removed) => {
            data.replaceList(next);
            if (removed) {
              onDraftChange(`edit:${removed}`, null);
              if (resolved.selection.mode === "edit" && resolved.selection.name === removed) onSelect({ mode: "edit", name: next.current ?? "" });
            }
          }}
        />
        <div className="settings-editor-card">{editor}</div>
      </div>
    );
  }

  return (
    <AreaPage
      testId="area-settings"
      title="Settings"
      lead="Tenant profiles: where IdLens will sign in, how it will reach the Management API and Neo4j, and which secrets it keeps."
      aside={
        <button
          type="button"
          className="button button--primary"
          data-testid="profile-new"
          disabled={!list}
          onClick={() => onSelect({ mode: "new" }, "name")}
        >
          <IconPlus />
          New profile
        </button>
      }
    >
      {body}
      <InstallationCard data={data} />
      <AppearanceCard />
      <UpdatesCard />
    </AreaPage>
  );
}

function FirstRunWelcome() {
  return (
    <section className="welcome" aria-labelledby="welcome-title" data-testid="first-run">
      <LensMark className="welcome__mark" />
      <div className="welcome__body">
        <h2 id="welcome-title" className="welcome__title">
          Welcome to IdLens
        </h2>
        <p>
          Start with a tenant profile: the Auth0 tenant to audit and the Native application IdLens will sign in with.
          Management API access and a Neo4j graph are optional and can be added later. Secrets never go into the profile
          file.
        </p>
        <ol className="welcome__steps">
          <li>In the Auth0 dashboard, create (or pick) a Native application for IdLens.</li>
          <li>Copy its domain and client ID into the form below, then add the profile.</li>
          <li>Register the callback URL that Session shows in the application’s Allowed Callback URLs.</li>
        </ol>
        <div className="welcome__cli">
          <p>For the local sandbox tenant, this creates the profile from a terminal:</p>
          <CopyableCode text={SANDBOX_PROFILE_COMMAND} what="sandbox profile command" shell />
        </div>
      </div>
    </section>
  );
}

function InstallationCard({ data }: { data: ProfileDataControls }) {
  const { keychain, configPath } = data;
  return (
    <Card title="This installation" icon={<IconFile />} className="installation-card">
      <FactList
        facts={[
          {
            label: "Profile file",
            testId: "config-path",
            value: configPath ? (
              <CopyableCode text={configPath} what="profile file path" />
            ) : (
              <span className="text-muted">Unknown until the core answers</span>
            ),
          },
          {
            label: "Secrets",
            testId: "secrets-storage",
            value: !keychain ? (
              <span className="text-muted">Unknown</span>
            ) : keychain.kind === "os" ? (
              <span className="inline-status text-ok">
                <IconLock /> OS keychain
              </span>
            ) : (
              <span className="fact-stack">
                <span className="inline-status text-warning">
                  <IconMemory /> {MEMORY_ONLY_NOTICE}.
                </span>
                <span className="text-muted">{keychain.reason}</span>
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
