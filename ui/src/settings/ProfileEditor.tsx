import { useEffect, useLayoutEffect, useState, type FormEvent } from "react";
import { commands, type KeychainView, type ProfileView, type ProviderView, type SecretKindView } from "../bindings";
import { toApiError } from "../ipc";
import { useToast } from "../app/toast";
import type { SettingsFocus } from "../app/navigation";
import { CopyButton } from "../components/CopyButton";
import { IconDatabase, IconDashboard, IconRbac, IconSession } from "../components/Icons";
import { ChoiceField } from "../components/ChoiceField";
import { TextField } from "../components/TextField";
import { Neo4jTransportNotice } from "../profile/Neo4jTransportNotice";
import { savedTransportWarning } from "../profile/neo4jTransport";
import { FormError, FORM_ERROR_ID, type SettingsError } from "./FormError";
import {
  callbackUrlPreview,
  draftFieldOfCoreField,
  DEFAULT_GRAPH_MAPPING,
  draftToInput,
  freeNameLike,
  type DraftField,
  type ManagementKind,
  type ProfileDraft,
} from "./profileDraft";
import { secretInputId, SecretsSection, type SecretFailure } from "./SecretsSection";

type ProfileEditorProps = {
  /** The saved profile, or null when creating one. */
  profile: ProfileView | null;
  isCurrent: boolean;
  firstRun: boolean;
  draft: ProfileDraft;
  base: ProfileDraft;
  onDraftChange: (draft: ProfileDraft) => void;
  existingNames: readonly string[];
  keychain: KeychainView | null;
  configPath: string | null;
  /** The core's port for profiles saved without one; null until the core has answered. */
  defaultCallbackPort: number | null;
  /** Scopes every sign-in requests, from the core; null until it has answered. */
  baseScopes: readonly string[] | null;
  focus: EditorFocus | null;
  focusSeq: number;
  onSaved: (profile: ProfileView) => Promise<void>;
  onProfileChanged: (profile: ProfileView) => void;
  onReload: () => Promise<void>;
};

/** Input ids are also the data-testids the end-to-end tests use. */
const FIELD_IDS: Record<DraftField, string> = {
  name: "profile-name",
  issuer: "profile-issuer",
  provider: "profile-provider",
  clientId: "profile-client-id",
  audience: "profile-audience",
  callbackPort: "profile-callback-port",
  scopes: "profile-scopes",
  management: "profile-management",
  managementClientId: "profile-management-client-id",
  exportJobDeadline: "profile-export-job-deadline",
  neo4jUri: "profile-neo4j-uri",
  neo4jUser: "profile-neo4j-user",
  neo4jDatabase: "profile-neo4j-database",
  neo4jLabel: "profile-neo4j-label",
  neo4jIdProperty: "profile-neo4j-id-property",
  neo4jEmailProperty: "profile-neo4j-email-property",
  neo4jNameProperty: "profile-neo4j-name-property",
  neo4jVerifiedProperty: "profile-neo4j-verified-property",
};

/**
 * The error the editor shows, and the input it is about: a profile field, or
 * the value typed for a secret (the core names it `value` when it is empty).
 */
type EditorError = SettingsError &
  (
    | { source: "profile"; draftField: DraftField | null }
    | { source: "secret"; secretKind: SecretKindView; valueAtFault: boolean }
  );

/** Where the editor puts focus when it opens: a section another area pointed at, the name of a new profile, or its title after saving. */
export type EditorFocus = SettingsFocus | "name" | "editor";

const FOCUS_TARGETS: Record<EditorFocus, { control: string; section?: string }> = {
  editor: { control: "profile-editor-title" },
  name: { control: "profile-name" },
  audience: { control: "profile-audience", section: "settings-tenant" },
  management: { control: "profile-management", section: "settings-management" },
  neo4j: { control: "profile-neo4j-uri", section: "settings-neo4j" },
  secrets: { control: secretInputId("neo4jPassword"), section: "settings-secrets" },
  managementClientSecret: { control: secretInputId("managementClientSecret"), section: "settings-secrets" },
  neo4jPassword: { control: secretInputId("neo4jPassword"), section: "settings-secrets" },
};

const PROVIDER_CHOICES: { kind: ProviderView; label: string; detail: string }[] = [
  {
    kind: "auto",
    label: "Detect",
    detail:
      "Auth0 for *.auth0.com issuers and for providers that serve Auth0’s paths (custom domains, the sandbox); a standard OpenID provider otherwise.",
  },
  {
    kind: "auth0",
    label: "Auth0",
    detail: "The API is requested with Auth0’s audience parameter.",
  },
  {
    kind: "oidc",
    label: "Other OpenID provider",
    detail: "The API is requested as an RFC 8707 resource indicator.",
  },
];

const MANAGEMENT_CHOICES: { kind: ManagementKind; label: string; detail: string }[] = [
  {
    kind: "disabled",
    label: "Off",
    detail: "Roles, permissions and the Management API stay unavailable for this profile.",
  },
  {
    kind: "signedInUser",
    label: "Signed-in admin",
    detail: "IdLens will use your own token, requested for the Management API at sign-in.",
  },
  {
    kind: "clientCredentials",
    label: "Client credentials",
    detail: "IdLens will use a machine-to-machine application (client credentials grant); its client secret is kept in the keychain.",
  },
];

/** Space kept between a revealed error and the edge of the view. */
const REVEAL_MARGIN = 16;

/**
 * How far to scroll `view` so `message` is fully visible, without pushing
 * `input` (when there is one) out of view.
 */
function scrollToShow(view: DOMRect, message: DOMRect, input: DOMRect | null): number {
  if (message.bottom > view.bottom) {
    const down = message.bottom - view.bottom + REVEAL_MARGIN;
    return input ? Math.max(0, Math.min(down, input.top - view.top - REVEAL_MARGIN)) : down;
  }
  if (message.top < view.top) {
    const up = message.top - view.top - REVEAL_MARGIN;
    return input ? Math.min(0, Math.max(up, input.bottom - view.bottom + REVEAL_MARGIN)) : up;
  }
  return 0;
}

/**
 * Brings a failed action on screen: the input it is about in the middle of the
 * view, focused, and its message (in the sticky footer for the profile form,
 * under the secrets for a secret) fully visible.
 */
function revealError(inputId: string | null) {
  const main = document.getElementById("main");
  const message = document.getElementById(FORM_ERROR_ID);
  const input = inputId ? document.getElementById(inputId) : null;
  if (!main) return;
  // The final position is worked out with instant scrolls, then animated to from where
  // the view was: all before the next paint, so nothing flickers.
  const start = main.scrollTop;
  input?.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  if (message) {
    const delta = scrollToShow(
      main.getBoundingClientRect(),
      message.getBoundingClientRect(),
      input?.getBoundingClientRect() ?? null,
    );
    main.scrollBy({ top: delta, behavior: "instant" });
  }
  const target = main.scrollTop;
  main.scrollTo({ top: start, behavior: "instant" });
  main.scrollTo({ top: target, behavior: "smooth" });
  input?.focus({ preventScroll: true });
}

function focusTarget(target: { control: string; section?: string }) {
  const section = target.section ? document.getElementById(target.section) : null;
  const control = document.getElementById(target.control);
  if (section) section.scrollIntoView({ block: "start", behavior: "smooth" });
  // Without a section to reveal (a new profile's name, the title after saving) the view stays where it is.
  if (control instanceof HTMLElement) control.focus({ preventScroll: true });
  if (section) {
    section.classList.remove("is-spotlit");
    // Restart the highlight animation when the same section is targeted twice.
    void section.offsetWidth;
    section.classList.add("is-spotlit");
  }
}

export function ProfileEditor({
  profile,
  isCurrent,
  firstRun,
  draft,
  base,
  onDraftChange,
  existingNames,
  keychain,
  configPath,
  defaultCallbackPort,
  baseScopes,
  focus,
  focusSeq,
  onSaved,
  onProfileChanged,
  onReload,
}: ProfileEditorProps) {
  const toast = useToast();
  const isNew = profile === null;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<EditorError | null>(null);
  const dirty = (Object.keys(draft) as DraftField[]).some((k) => draft[k] !== base[k]);

  useEffect(() => {
    if (focus) focusTarget(FOCUS_TARGETS[focus]);
  }, [focus, focusSeq]);

  function set<K extends DraftField>(field: K, value: ProfileDraft[K]) {
    onDraftChange({ ...draft, [field]: value });
    if (error?.source === "profile" && error.draftField === field) setError(null);
  }

  function fieldError(field: DraftField): string | null {
    return error?.source === "profile" && error.draftField === field ? FORM_ERROR_ID : null;
  }

  // Every new error (a new object, even for the same failure) is revealed once it is rendered.
  useLayoutEffect(() => {
    if (!error) return;
    if (error.source === "profile") revealError(error.draftField ? FIELD_IDS[error.draftField] : null);
    else revealError(error.valueAtFault ? secretInputId(error.secretKind) : null);
  }, [error]);

  function showProfileError(err: SettingsError, draftField: DraftField | null) {
    setError({ ...err, source: "profile", draftField });
  }

  function showSecretError(failure: SecretFailure | null) {
    if (!failure) {
      setError(null);
      return;
    }
    const valueAtFault = failure.error.field === "value";
    setError({ ...failure.error, action: "Secret not changed", source: "secret", secretKind: failure.kind, valueAtFault });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const action = isNew ? "Not added" : "Not saved";
    const converted = draftToInput(draft);
    if (!converted.ok) {
      showProfileError({ code: "invalidInput", message: converted.problem.message, action }, converted.problem.field);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = isNew
        ? await commands.profileAdd(converted.input)
        : await commands.profileUpdate(converted.input);
      await onSaved(saved);
      toast("Saved");
    } catch (e) {
      const err = toApiError(e);
      showProfileError({ ...err, action }, draftFieldOfCoreField(err.field, err.message));
    } finally {
      setSaving(false);
    }
  }

  const suggestedName =
    error?.code === "alreadyExists" ? freeNameLike(draft.name.trim(), existingNames) : null;
  const errorElement = (source: "profile" | "secret") =>
    error && error.source === source ? (
      <FormError
        error={error}
        fieldMarked={error.source === "profile" ? error.draftField !== null : error.valueAtFault}
        configPath={configPath}
        suggestedName={suggestedName}
        onUseName={(name) => {
          set("name", name);
          setError(null);
          document.getElementById(FIELD_IDS.name)?.focus();
        }}
        onReload={() => void onReload()}
      />
    ) : null;

  const management = MANAGEMENT_CHOICES.find((c) => c.kind === draft.management) ?? MANAGEMENT_CHOICES[0]!;
  const fallbackPort = profile?.callbackPort ?? defaultCallbackPort;
  const callbackUrl = callbackUrlPreview(draft, fallbackPort);
  const title = isNew ? (firstRun ? "Your first tenant profile" : "New profile") : profile.name;

  return (
    <div className="editor" data-testid="profile-editor" data-mode={isNew ? "new" : "edit"}>
      <header className="editor__header">
        <div>
          <h2 className="editor__title" id="profile-editor-title" tabIndex={-1}>
            {title}
          </h2>
          <p className="editor__subtitle">
            {isNew
              ? "Fill in what the Auth0 dashboard shows for the Native application IdLens will sign in with."
              : isCurrent
                ? "The profile in use. Changes apply to every area as soon as you save."
                : "Not in use. Saving does not switch to it."}
          </p>
        </div>
        {!isNew && isCurrent ? <span className="chip chip--accent">In use</span> : null}
      </header>

      <form className="editor__form" onSubmit={save} noValidate aria-describedby={error?.source === "profile" ? FORM_ERROR_ID : undefined}>
        <fieldset className="form-section" id="settings-tenant">
          <legend className="form-section__title">
            <IconDashboard />
            Tenant
          </legend>
          <div className="field-grid">
            <TextField
              id={FIELD_IDS.name}
              testId={FIELD_IDS.name}
              label="Profile name"
              value={draft.name}
              onChange={(v) => set("name", v)}
              readOnly={!isNew}
              errorId={fieldError("name")}
              placeholder="production"
              hint={
                isNew
                  ? "Letters, digits, “-”, “_” or “.”. Used on the command line: --profile NAME."
                  : "The name keys the profile and its secrets, so it cannot change. Add a new profile to use another name."
              }
              required
            />
            <TextField
              id={FIELD_IDS.issuer}
              testId={FIELD_IDS.issuer}
              label="Tenant domain or issuer URL"
              value={draft.issuer}
              onChange={(v) => set("issuer", v)}
              errorId={fieldError("issuer")}
              placeholder="acme.eu.auth0.com"
              mono
              inputMode="url"
              hint="A bare domain becomes https://domain/. Plain http:// works only for 127.0.0.1 and localhost."
              required
            />
            <TextField
              id={FIELD_IDS.clientId}
              testId={FIELD_IDS.clientId}
              label="Client ID"
              value={draft.clientId}
              onChange={(v) => set("clientId", v)}
              errorId={fieldError("clientId")}
              mono
              hint="From the Native application’s Settings tab in the Auth0 dashboard."
              required
            />
            <TextField
              id={FIELD_IDS.audience}
              testId={FIELD_IDS.audience}
              label="Audience (API identifier)"
              optional
              value={draft.audience}
              onChange={(v) => set("audience", v)}
              errorId={fieldError("audience")}
              placeholder="https://api.example.com/"
              mono
              hint={
                draft.audience.trim() ? (
                  "Access tokens will be requested for this API, so they are JWTs that can be verified."
                ) : (
                  <span className="text-warning">Without an audience Auth0 issues opaque access tokens.</span>
                )
              }
            />
          </div>
        </fieldset>

        <fieldset className="form-section" id="settings-sign-in">
          <legend className="form-section__title">
            <IconSession />
            Sign-in
          </legend>
          <p className="form-section__text">
            Changing the issuer, identity provider, client ID, audience or scopes signs this profile out: its refresh
            token is revoked, and you sign in again with the new settings.
          </p>
          <div className="field-grid">
            <ChoiceField
              id={FIELD_IDS.provider}
              label="Identity provider"
              value={draft.provider}
              choices={PROVIDER_CHOICES}
              onChange={(kind) => set("provider", kind)}
              hint={PROVIDER_CHOICES.find((c) => c.kind === draft.provider)?.detail}
            />
            <TextField
              id={FIELD_IDS.callbackPort}
              testId={FIELD_IDS.callbackPort}
              label="Callback port"
              optional
              value={draft.callbackPort}
              onChange={(v) => set("callbackPort", v)}
              errorId={fieldError("callbackPort")}
              placeholder={fallbackPort === null ? undefined : String(fallbackPort)}
              inputMode="numeric"
              mono
              hint={
                callbackUrl ? (
                  <>
                    Register <code className="inline-code">{callbackUrl}</code>{" "}
                    <CopyButton text={callbackUrl} what="callback URL" compact /> in Allowed Callback URLs.
                  </>
                ) : (
                  "After saving, register the callback URL that Session shows in Allowed Callback URLs."
                )
              }
            />
            <TextField
              id={FIELD_IDS.scopes}
              testId={FIELD_IDS.scopes}
              label="Extra scopes"
              optional
              value={draft.scopes}
              onChange={(v) => set("scopes", v)}
              errorId={fieldError("scopes")}
              placeholder="read:reports"
              mono
              hint={
                baseScopes
                  ? `Separated by spaces. Always requested: ${baseScopes.join(" ")}.`
                  : "Separated by spaces. Added to the scopes IdLens always requests."
              }
            />
          </div>
        </fieldset>

        <fieldset className="form-section" id="settings-management">
          <legend className="form-section__title">
            <IconRbac />
            Management API access
          </legend>
          <div className="field-grid">
            <ChoiceField
              id={FIELD_IDS.management}
              label="Access mode"
              value={draft.management}
              choices={MANAGEMENT_CHOICES}
              onChange={(kind) => set("management", kind)}
              hint={
                <>
                  {management.detail}
                  {draft.management !== "disabled" && profile && draft.issuer.trim() === profile.issuer ? (
                    <>
                      {" "}
                      Audience: <code className="inline-code">{profile.managementAudience}</code>
                    </>
                  ) : null}
                </>
              }
            />
            {draft.management === "clientCredentials" ? (
              <TextField
                id={FIELD_IDS.managementClientId}
                testId={FIELD_IDS.managementClientId}
                label="Machine-to-machine client ID"
                value={draft.managementClientId}
                onChange={(v) => set("managementClientId", v)}
                errorId={fieldError("managementClientId")}
                mono
                hint="Store its client secret under Secrets, after saving."
                required
              />
            ) : null}
            {draft.management !== "disabled" ? (
              <TextField
                id={FIELD_IDS.exportJobDeadline}
                testId={FIELD_IDS.exportJobDeadline}
                label="Users export deadline"
                optional
                value={draft.exportJobDeadline}
                onChange={(v) => set("exportJobDeadline", v)}
                errorId={fieldError("exportJobDeadline")}
                placeholder="4h"
                mono
                hint="How long Auth0 may take to prepare a users export before IdLens stops waiting (the job goes on at Auth0): 30s, 90m, 4h or 1h30m, up to 24h. Exports of millions of users take hours."
              />
            ) : null}
          </div>
        </fieldset>

        <fieldset className="form-section" id="settings-neo4j">
          <legend className="form-section__title">
            <IconDatabase />
            Neo4j graph
          </legend>
          <p className="form-section__text">
            Optional. Leave the URI, user and database empty if this tenant has no user graph; the password goes under Secrets.
          </p>
          <div className="field-grid field-grid--three">
            <TextField
              id={FIELD_IDS.neo4jUri}
              testId={FIELD_IDS.neo4jUri}
              label="URI"
              value={draft.neo4jUri}
              onChange={(v) => set("neo4jUri", v)}
              errorId={fieldError("neo4jUri")}
              placeholder="neo4j+s://graph.example.com"
              mono
              inputMode="url"
            />
            <TextField
              id={FIELD_IDS.neo4jUser}
              testId={FIELD_IDS.neo4jUser}
              label="User"
              value={draft.neo4jUser}
              onChange={(v) => set("neo4jUser", v)}
              errorId={fieldError("neo4jUser")}
              placeholder="neo4j"
              mono
            />
            <TextField
              id={FIELD_IDS.neo4jDatabase}
              testId={FIELD_IDS.neo4jDatabase}
              label="Database"
              optional
              value={draft.neo4jDatabase}
              onChange={(v) => set("neo4jDatabase", v)}
              errorId={fieldError("neo4jDatabase")}
              placeholder="Server default"
              mono
            />
          </div>
          <Neo4jTransportNotice warning={savedTransportWarning(profile, draft.neo4jUri)} />
          <p className="form-section__text" id="settings-neo4j-mapping">
            How the graph stores users: the label of the user nodes and the properties the audit compares. Letters,
            digits and <code className="inline-code">_</code>; leave the name or e-mail-verified property empty if the
            graph keeps none.
          </p>
          <div className="field-grid field-grid--three">
            <TextField
              id={FIELD_IDS.neo4jLabel}
              testId={FIELD_IDS.neo4jLabel}
              label="User node label"
              value={draft.neo4jLabel}
              onChange={(v) => set("neo4jLabel", v)}
              errorId={fieldError("neo4jLabel")}
              placeholder={DEFAULT_GRAPH_MAPPING.label}
              mono
            />
            <TextField
              id={FIELD_IDS.neo4jIdProperty}
              testId={FIELD_IDS.neo4jIdProperty}
              label="ID property"
              value={draft.neo4jIdProperty}
              onChange={(v) => set("neo4jIdProperty", v)}
              errorId={fieldError("neo4jIdProperty")}
              placeholder={DEFAULT_GRAPH_MAPPING.idProperty}
              hint="Holds the Auth0 user_id."
              mono
            />
            <TextField
              id={FIELD_IDS.neo4jEmailProperty}
              testId={FIELD_IDS.neo4jEmailProperty}
              label="E-mail property"
              value={draft.neo4jEmailProperty}
              onChange={(v) => set("neo4jEmailProperty", v)}
              errorId={fieldError("neo4jEmailProperty")}
              placeholder={DEFAULT_GRAPH_MAPPING.emailProperty}
              mono
            />
            <TextField
              id={FIELD_IDS.neo4jNameProperty}
              testId={FIELD_IDS.neo4jNameProperty}
              label="Name property"
              optional
              value={draft.neo4jNameProperty}
              onChange={(v) => set("neo4jNameProperty", v)}
              errorId={fieldError("neo4jNameProperty")}
              placeholder="none"
              mono
            />
            <TextField
              id={FIELD_IDS.neo4jVerifiedProperty}
              testId={FIELD_IDS.neo4jVerifiedProperty}
              label="E-mail-verified property"
              optional
              value={draft.neo4jVerifiedProperty}
              onChange={(v) => set("neo4jVerifiedProperty", v)}
              errorId={fieldError("neo4jVerifiedProperty")}
              placeholder="none"
              mono
            />
          </div>
        </fieldset>

        <div className="editor__footer">
          {errorElement("profile")}
          <div className="editor__footer-row">
            <span className="editor__state" role="status" data-testid="editor-state">
              {dirty ? (
                <>
                  <span className="editor__state-dot" aria-hidden="true" />
                  Unsaved changes
                </>
              ) : isNew ? (
                "Nothing saved yet"
              ) : (
                "All changes saved"
              )}
            </span>
            {dirty && !isNew ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  onDraftChange(base);
                  setError(null);
                }}
              >
                Discard changes
              </button>
            ) : null}
            <button
              type="submit"
              className="button button--primary"
              data-testid="profile-save"
              disabled={saving}
            >
              {saving ? "Saving…" : isNew ? "Add profile" : "Save changes"}
            </button>
          </div>
        </div>
      </form>

      <SecretsSection
        profile={profile}
        keychain={keychain}
        onProfileChanged={onProfileChanged}
        onSecretStored={onReload}
        onError={showSecretError}
        invalidSecret={error?.source === "secret" && error.valueAtFault ? error.secretKind : null}
        errorSlot={errorElement("secret")}
      />
    </div>
  );
}
