import type { ApiError } from "../bindings";
import { CopyableCode } from "../components/CopyableCode";
import { IconWarning } from "../components/Icons";

export const FORM_ERROR_ID = "settings-form-error";

/** An error of a Settings action, with what to do next depending on its code. */
export type SettingsError = ApiError & {
  /** What failed, prefixed to the message: "Not saved", "Secret not stored", … */
  action: string;
};

type FormErrorProps = {
  error: SettingsError;
  /** An input is marked as the one the error is about. */
  fieldMarked: boolean;
  configPath: string | null;
  /** For `alreadyExists`: a free name to offer instead. */
  suggestedName?: string | null;
  onUseName?: (name: string) => void;
  onReload?: () => void;
};

export function FormError({ error, fieldMarked, configPath, suggestedName, onUseName, onReload }: FormErrorProps) {
  return (
    <div className="form-error" role="alert" data-testid="form-error" data-code={error.code} id={FORM_ERROR_ID}>
      <IconWarning className="form-error__icon" />
      <div className="form-error__body">
        <p className="form-error__message">
          <strong>{error.action}:</strong> {error.message}
        </p>
        {error.code === "invalidInput" && fieldMarked ? (
          <p className="form-error__hint">Correct the highlighted field, then try again.</p>
        ) : null}
        {error.code === "alreadyExists" && suggestedName && onUseName ? (
          <p className="form-error__hint">
            Profile names must be unique.{" "}
            <button type="button" className="link-button" onClick={() => onUseName(suggestedName)}>
              Name it “{suggestedName}” instead
            </button>
          </p>
        ) : null}
        {error.code === "config" || error.code === "io" ? (
          <div className="form-error__hint">
            <p>
              {error.code === "config"
                ? "The profile file is unreadable. Fix the file or delete it (IdLens starts with no profiles), then try again:"
                : "Check that this file and its folder are writable:"}
            </p>
            {configPath ? <CopyableCode text={configPath} what="profile file path" /> : null}
          </div>
        ) : null}
        {error.code === "notFound" && onReload ? (
          <p className="form-error__hint">
            It may have been removed from the command line or another window.{" "}
            <button type="button" className="link-button" onClick={onReload}>
              Reload profiles
            </button>
          </p>
        ) : null}
        {error.code === "keychain" ? (
          <p className="form-error__hint">Unlock the OS keychain (or sign in to your desktop session), then try again.</p>
        ) : null}
      </div>
    </div>
  );
}
