import { useState, type ReactNode } from "react";
import { commands, type ApiError, type KeychainView, type ProfileView, type SecretKindView } from "../bindings";
import { toApiError } from "../ipc";
import { useToast } from "../app/toast";
import { IconKey, IconLock, IconMemory } from "../components/Icons";
import { Notice } from "../components/Notice";
import { hasStoredSecret, keychainPlace, MEMORY_ONLY_NOTICE, SECRET_LABELS } from "../profile/storedSecrets";
import { FORM_ERROR_ID } from "./FormError";

/** A secret the core refused or failed to change, and which one. */
export type SecretFailure = { error: ApiError; kind: SecretKindView };

/** The id of a secret's input, also what other areas focus to point at it. */
export function secretInputId(kind: SecretKindView): string {
  return `secret-${kind}`;
}

type SecretsSectionProps = {
  /** The saved profile; null while a new profile is being created. */
  profile: ProfileView | null;
  keychain: KeychainView | null;
  /** Called with a fresh view after a secret was forgotten. */
  onProfileChanged: (profile: ProfileView) => void;
  /** Called after a secret was stored (the view must be fetched again). */
  onSecretStored: () => Promise<void>;
  /** Called with the failure of a store or forget, and with null when a new attempt starts. */
  onError: (failure: SecretFailure | null) => void;
  /** The secret whose typed value the shown error is about. */
  invalidSecret: SecretKindView | null;
  errorSlot: ReactNode;
};

const EDITABLE: { kind: Exclude<SecretKindView, "refreshToken">; hint: (p: ProfileView | null) => string }[] = [
  {
    kind: "neo4jPassword",
    hint: (p) =>
      p?.neo4j
        ? `The password of Neo4j user “${p.neo4j.user}”.`
        : "Used once this profile has Neo4j settings.",
  },
  {
    kind: "managementClientSecret",
    hint: (p) =>
      p?.management.kind === "clientCredentials"
        ? `The client secret of machine-to-machine application ${p.management.clientId}.`
        : "Used only with client-credentials Management API access.",
  },
];

/** Secrets of a profile: stored in the OS keychain (or memory), never in the profile file. */
export function SecretsSection({
  profile,
  keychain,
  onProfileChanged,
  onSecretStored,
  onError,
  invalidSecret,
  errorSlot,
}: SecretsSectionProps) {
  return (
    <fieldset className="form-section" id="settings-secrets" disabled={!profile}>
      <legend className="form-section__title">
        <IconKey />
        Secrets
      </legend>
      <p className="form-section__text">
        Secrets never go into the profile file.{" "}
        {keychain?.kind === "os"
          ? "They are kept in the operating system's keychain under this profile's name."
          : null}
      </p>
      {keychain?.kind === "memoryOnly" ? (
        <Notice tone="warning" title={MEMORY_ONLY_NOTICE} testId="memory-only-notice">
          <p>{keychain.reason}</p>
        </Notice>
      ) : null}
      {!profile ? (
        <p className="form-section__text text-muted" data-testid="secrets-need-save">
          Save the profile first: secrets are stored under its name.
        </p>
      ) : null}
      <div className="secret-list">
        {EDITABLE.map(({ kind, hint }) => (
          <SecretRow
            key={kind}
            kind={kind}
            hint={hint(profile)}
            invalid={invalidSecret === kind}
            profile={profile}
            keychain={keychain}
            onProfileChanged={onProfileChanged}
            onSecretStored={onSecretStored}
            onError={onError}
          />
        ))}
        {profile && hasStoredSecret(profile, "refreshToken") ? (
          <SecretRow
            kind="refreshToken"
            hint="Kept from the last sign-in so IdLens can renew tokens. Forgetting it signs you out of this profile."
            invalid={false}
            profile={profile}
            keychain={keychain}
            onProfileChanged={onProfileChanged}
            onSecretStored={onSecretStored}
            onError={onError}
          />
        ) : null}
      </div>
      {errorSlot}
    </fieldset>
  );
}

function SecretRow({
  kind,
  hint,
  invalid,
  profile,
  keychain,
  onProfileChanged,
  onSecretStored,
  onError,
}: {
  kind: SecretKindView;
  hint: string;
  /** The shown error is about the value typed here. */
  invalid: boolean;
  profile: ProfileView | null;
  keychain: KeychainView | null;
  onProfileChanged: (profile: ProfileView) => void;
  onSecretStored: () => Promise<void>;
  onError: (failure: SecretFailure | null) => void;
}) {
  const toast = useToast();
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState<"store" | "forget" | null>(null);
  const stored = profile ? hasStoredSecret(profile, kind) : false;
  const label = SECRET_LABELS[kind];
  const inputId = secretInputId(kind);
  const editable = kind !== "refreshToken";

  async function store() {
    if (!profile) return;
    setBusy("store");
    onError(null);
    try {
      const result = await commands.profileSetSecret({ profile: profile.name, kind, value });
      setValue("");
      await onSecretStored();
      toast(
        result.keychain.kind === "os"
          ? `${label} stored in the OS keychain`
          : `${label} kept in memory until IdLens exits`,
      );
    } catch (e) {
      onError({ error: toApiError(e), kind });
    } finally {
      setBusy(null);
    }
  }

  async function forget() {
    if (!profile) return;
    setBusy("forget");
    onError(null);
    try {
      onProfileChanged(await commands.profileClearSecret(profile.name, kind));
      toast(`${label} forgotten`);
    } catch (e) {
      onError({ error: toApiError(e), kind });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="secret-row" data-testid={`secret-row-${kind}`}>
      <div className="secret-row__head">
        <label className="field__label" htmlFor={editable ? inputId : undefined} id={`${inputId}-label`}>
          {label}
        </label>
        <SecretStatus stored={stored} keychain={keychain} testId={`secret-status-${kind}`} />
      </div>
      <p className="field__hint" id={`${inputId}-hint`}>
        {hint}
      </p>
      <form
        className="secret-row__controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) void store();
        }}
      >
        {editable ? (
          <>
            <input
              id={inputId}
              type="password"
              className="input input--mono"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                if (invalid) onError(null);
              }}
              placeholder={stored ? "Enter a new value to replace it" : `Paste the ${label.toLowerCase()}`}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? `${FORM_ERROR_ID} ${inputId}-hint` : `${inputId}-hint`}
              data-testid={`secret-input-${kind}`}
            />
            <button
              type="submit"
              className="button"
              disabled={!profile || !value || busy !== null}
              data-testid={`secret-store-${kind}`}
              title={keychain?.kind === "memoryOnly" ? `${MEMORY_ONLY_NOTICE}.` : undefined}
            >
              <IconLock />
              {busy === "store" ? "Storing…" : "Store in keychain"}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button--ghost button--danger-text"
          disabled={!profile || !stored || busy !== null}
          onClick={() => void forget()}
          data-testid={`secret-forget-${kind}`}
          aria-label={`Forget ${label.toLowerCase()}`}
        >
          {busy === "forget" ? "Forgetting…" : "Forget"}
        </button>
      </form>
    </div>
  );
}

function SecretStatus({ stored, keychain, testId }: { stored: boolean; keychain: KeychainView | null; testId: string }) {
  if (!stored) {
    return (
      <span className="badge badge--muted" data-testid={testId} data-stored="false">
        Not stored
      </span>
    );
  }
  const memory = keychain?.kind === "memoryOnly";
  return (
    <span
      className={`badge ${memory ? "badge--warning" : "badge--ok"}`}
      data-testid={testId}
      data-stored="true"
      title={memory ? `${MEMORY_ONLY_NOTICE}.` : "Stored in the operating system's keychain."}
    >
      {memory ? <IconMemory /> : <IconLock />}
      Stored · {keychain ? keychainPlace(keychain) : "keychain"}
    </span>
  );
}
