import type { ApiError } from "../bindings";
import { BusyButton } from "../components/BusyButton";
import { IconRefresh, IconWarning } from "../components/Icons";

type GlobalErrorBannerProps = {
  error: ApiError;
  retrying: boolean;
  onRetry: () => void;
};

/** Shown above every area when the profile list cannot be loaded. */
export function GlobalErrorBanner({ error, retrying, onRetry }: GlobalErrorBannerProps) {
  const title =
    error.code === "config"
      ? "The profile file could not be read"
      : error.code === "io"
        ? "The profile file could not be opened"
        : "Profiles could not be loaded";
  return (
    <div className="global-banner" role="alert" data-testid="global-error" data-code={error.code}>
      <IconWarning className="global-banner__icon" />
      <div className="global-banner__body">
        <strong>{title}</strong>
        <span className="global-banner__message">{error.message}</span>
      </div>
      <BusyButton busy={retrying} busyLabel="Loading…" icon={<IconRefresh />} className="button button--small" onClick={onRetry}>
        Try again
      </BusyButton>
    </div>
  );
}
