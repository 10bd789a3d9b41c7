import { useEffect, useLayoutEffect, useState, type FormEvent, type ReactNode } from "react";
import { commands, type KeychainView, type ProfileView, type SecretKindView } from "../bindings";
import { toApiError } from "../ipc";
import { useToast } from "../app/toast";
import { DraftForm, FIELD_IDS, type DraftBinding } from "./DraftField";
import { EDITOR_TITLE_ID, focusTarget, revealError, type EditorFocus } from "./editorFocus";
import { FormError, FORM_ERROR_ID, type SettingsError } from "./FormError";
import { draftFieldOfCoreField, draftToInput, freeNameLike, type DraftField, type ProfileDraft } from "./profileDraft";
import { ManagementSection, Neo4jSection, SignInSection, TenantSection } from "./ProfileSections";
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

/**
 * The error the editor shows, and the input it is about: a profile field, or
 * the value typed for a secret (the core names it `value` when it is empty).
 */
type EditorError = SettingsError &
  (
    | { source: "profile"; draftField: DraftField | null }
    | { source: "secret"; secretKind: SecretKindView; valueAtFault: boolean }
  );

type EditorErrors = ReturnType<typeof useEditorError>;

/** The editor's error, revealed (its input focused, its message in view) each time a new one is shown. */
function useEditorError() {
  const [error, setError] = useState<EditorError | null>(null);

  // Every new error (a new object, even for the same failure) is revealed once it is rendered.
  useLayoutEffect(() => {
    if (!error) return;
    if (error.source === "profile") revealError(error.draftField ? FIELD_IDS[error.draftField] : null);
    else revealError(error.valueAtFault ? secretInputId(error.secretKind) : null);
  }, [error]);

  return {
    error,
    clear: () => setError(null),
    showProfileError: (err: SettingsError, draftField: DraftField | null) =>
      setError({ ...err, source: "profile", draftField }),
    showSecretError(failure: SecretFailure | null) {
      if (!failure) return setError(null);
      const valueAtFault = failure.error.field === "value";
      setError({ ...failure.error, action: "Secret not changed", source: "secret", secretKind: failure.kind, valueAtFault });
    },
    /** Takes a change of `field`: an error about that field is cleared. */
    edited(field: DraftField) {
      if (error?.source === "profile" && error.draftField === field) setError(null);
    },
  };
}

/**
 * Saving the draft: converted (a problem the form finds is shown on its field
 * without asking the core), added or updated, "Saved" on success, the core's
 * error on the field it names otherwise.
 */
function useSave(
  isNew: boolean,
  draft: ProfileDraft,
  errors: EditorErrors,
  onSaved: (profile: ProfileView) => Promise<void>,
) {
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  async function save(event: FormEvent) {
    event.preventDefault();
    const action = isNew ? "Not added" : "Not saved";
    const converted = draftToInput(draft);
    if (!converted.ok) {
      errors.showProfileError({ code: "invalidInput", message: converted.problem.message, action }, converted.problem.field);
      return;
    }
    setSaving(true);
    errors.clear();
    try {
      const saved = isNew ? await commands.profileAdd(converted.input) : await commands.profileUpdate(converted.input);
      await onSaved(saved);
      toast("Saved");
    } catch (e) {
      const err = toApiError(e);
      errors.showProfileError({ ...err, action }, draftFieldOfCoreField(err.field, err.message));
    } finally {
      setSaving(false);
    }
  }
  return { saving, save };
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
  const isNew = profile === null;
  const errors = useEditorError();
  const { saving, save } = useSave(isNew, draft, errors, onSaved);
  const { error } = errors;
  const dirty = (Object.keys(draft) as DraftField[]).some((k) => draft[k] !== base[k]);

  useEffect(() => {
    if (focus) focusTarget(focus);
  }, [focus, focusSeq]);

  const binding: DraftBinding = {
    draft,
    set(field, value) {
      onDraftChange({ ...draft, [field]: value });
      errors.edited(field);
    },
    errorId: (field) => (error?.source === "profile" && error.draftField === field ? FORM_ERROR_ID : null),
  };

  const suggestedName = error?.code === "alreadyExists" ? freeNameLike(draft.name.trim(), existingNames) : null;
  const errorElement = (source: "profile" | "secret") =>
    error && error.source === source ? (
      <FormError
        error={error}
        fieldMarked={error.source === "profile" ? error.draftField !== null : error.valueAtFault}
        configPath={configPath}
        suggestedName={suggestedName}
        onUseName={(name) => {
          onDraftChange({ ...draft, name });
          errors.clear();
          document.getElementById(FIELD_IDS.name)?.focus();
        }}
        onReload={() => void onReload()}
      />
    ) : null;

  return (
    <div className="editor" data-testid="profile-editor" data-mode={isNew ? "new" : "edit"}>
      <EditorHeader profile={profile} isCurrent={isCurrent} firstRun={firstRun} />
      <form className="editor__form" onSubmit={save} noValidate aria-describedby={error?.source === "profile" ? FORM_ERROR_ID : undefined}>
        <DraftForm binding={binding}>
          <TenantSection isNew={isNew} />
          <SignInSection fallbackPort={profile?.callbackPort ?? defaultCallbackPort} baseScopes={baseScopes} />
          <ManagementSection profile={profile} />
          <Neo4jSection profile={profile} />
        </DraftForm>
        <EditorFooter
          error={errorElement("profile")}
          dirty={dirty}
          isNew={isNew}
          saving={saving}
          onDiscard={() => {
            onDraftChange(base);
            errors.clear();
          }}
        />
      </form>
      <SecretsSection
        profile={profile}
        keychain={keychain}
        onProfileChanged={onProfileChanged}
        onSecretStored={onReload}
        onError={errors.showSecretError}
        invalidSecret={error?.source === "secret" && error.valueAtFault ? error.secretKind : null}
        errorSlot={errorElement("secret")}
      />
    </div>
  );
}

/** The profile's name (or what a new one is) and whether it is in use. */
function EditorHeader({ profile, isCurrent, firstRun }: { profile: ProfileView | null; isCurrent: boolean; firstRun: boolean }) {
  const title = profile ? profile.name : firstRun ? "Your first tenant profile" : "New profile";
  return (
    <header className="editor__header">
      <div>
        <h2 className="editor__title" id={EDITOR_TITLE_ID} tabIndex={-1}>
          {title}
        </h2>
        <p className="editor__subtitle">
          {!profile
            ? "Fill in what the Auth0 dashboard shows for the Native application IdLens will sign in with."
            : isCurrent
              ? "The profile in use. Changes apply to every area as soon as you save."
              : "Not in use. Saving does not switch to it."}
        </p>
      </div>
      {profile && isCurrent ? <span className="chip chip--accent">In use</span> : null}
    </header>
  );
}

type EditorFooterProps = {
  /** The profile form's error, if any. */
  error: ReactNode;
  dirty: boolean;
  isNew: boolean;
  saving: boolean;
  onDiscard: () => void;
};

/** The sticky footer: the form's error, whether anything is unsaved, and saving. */
function EditorFooter({ error, dirty, isNew, saving, onDiscard }: EditorFooterProps) {
  return (
    <div className="editor__footer">
      {error}
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
          <button type="button" className="button button--ghost" onClick={onDiscard}>
            Discard changes
          </button>
        ) : null}
        <button type="submit" className="button button--primary" data-testid="profile-save" disabled={saving}>
          {saving ? "Saving…" : isNew ? "Add profile" : "Save changes"}
        </button>
      </div>
    </div>
  );
}
