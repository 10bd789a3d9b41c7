import type { ReactNode } from "react";
import type { Navigate } from "../app/navigation";
import type { ApiError } from "../bindings";
import { IconRefresh } from "./Icons";
import { Notice } from "./Notice";

type ErrorNoticeProps = {
  /** What failed, as a sentence without a full stop: "The plan could not be made". */
  title: string;
  /** The core's `{code, message}`: its message is shown. */
  error: ApiError;
  /** Asks again; without it there is no "Try again" button (nothing to repeat). */
  onRetry?: () => void;
  retryDisabled?: boolean;
  /** The retry button as the primary action of the notice. */
  retryPrimary?: boolean;
  retryTestId?: string;
  /** Said right after the message (what was kept meanwhile). */
  after?: ReactNode;
  /** More paragraphs below the message (the next step). */
  children?: ReactNode;
  /** More buttons after "Try again" (Go to Session, Dismiss, …). */
  actions?: ReactNode;
  testId?: string;
};

/** A failed call: what failed, the core's message, and "Try again". An alert, read out when it appears. */
export function ErrorNotice({
  title,
  error,
  onRetry,
  retryDisabled = false,
  retryPrimary = false,
  retryTestId,
  after,
  children,
  actions,
  testId,
}: ErrorNoticeProps) {
  return (
    <Notice tone="danger" title={title} role="alert" testId={testId}>
      <p>
        {error.message}
        {after}
      </p>
      {children}
      {onRetry || actions ? (
        <div className="notice__actions">
          {onRetry ? (
            <button
              type="button"
              className={`button button--small${retryPrimary ? " button--primary" : ""}`}
              onClick={onRetry}
              disabled={retryDisabled}
              data-testid={retryTestId}
            >
              <IconRefresh />
              Try again
            </button>
          ) : null}
          {actions}
        </div>
      ) : null}
    </Notice>
  );
}

/**
 * The button after "Try again" when a Management API call failed: sign in
 * again, or open the profile's Management API settings; nothing otherwise.
 */
export function ManagementNextStep({ error, profile, navigate }: { error: ApiError; profile: string; navigate: Navigate }) {
  if (error.code === "signInRequired") {
    return (
      <button type="button" className="button button--small" onClick={() => navigate("session")}>
        Go to Session
      </button>
    );
  }
  if (error.code === "forbidden") {
    return (
      <button
        type="button"
        className="button button--small"
        onClick={() => navigate("settings", { mode: "edit", profile, focus: "management" })}
      >
        Management API settings
      </button>
    );
  }
  return null;
}
