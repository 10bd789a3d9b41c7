// In-app updates as the About and updates card sees them: what the build
// says (updates on or off), a check, an install job with its progress, and
// how each ends. Pure: the store (updateStore.ts) feeds it the core's answers.
import type { ApiError, JobProgress, UpdateAvailable, UpdateInstalled, UpdateSettings, UpdateStatus } from "../bindings";

export type UpdateState =
  /** The build's settings are not known yet. */
  | { kind: "loading" }
  /** The settings could not be read: a build or core problem. */
  | { kind: "unknown"; error: ApiError }
  /** This build has no update endpoint. */
  | { kind: "off"; settings: UpdateSettings }
  /**
   * Updates are on. `checked` is what the last check found (null before the
   * first); `failure` what went wrong last, with the update still offered
   * when that was an install.
   */
  | {
      kind: "on";
      settings: UpdateSettings;
      checking: boolean;
      checked: { available: UpdateAvailable | null } | null;
      failure: UpdateFailure | null;
    }
  | {
      kind: "installing";
      settings: UpdateSettings;
      update: UpdateAvailable;
      progress: JobProgress | null;
      cancelling: boolean;
      /** Names the install's run for its announcements (see jobs.ts `nextJobRun`). */
      run?: number;
    }
  | { kind: "installed"; settings: UpdateSettings; installed: UpdateInstalled };

/** What went wrong last, and during what. */
export type UpdateFailure = { during: "check" | "install"; error: ApiError };

export type UpdateEvent =
  | { type: "settings"; settings: UpdateSettings }
  | { type: "settingsFailed"; error: ApiError }
  | { type: "checkStarted" }
  | { type: "checked"; status: UpdateStatus }
  | { type: "checkFailed"; error: ApiError }
  | { type: "installStarted"; run?: number }
  | { type: "progress"; progress: JobProgress }
  | { type: "cancelRequested" }
  | { type: "installed"; installed: UpdateInstalled }
  | { type: "installFailed"; error: ApiError };

export const initialUpdateState: UpdateState = { kind: "loading" };

/** The next state; an event that does not fit the state (a late answer) changes nothing. */
export function updateReducer(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case "settings":
      return event.settings.enabled
        ? { kind: "on", settings: event.settings, checking: false, checked: null, failure: null }
        : { kind: "off", settings: event.settings };
    case "settingsFailed":
      return { kind: "unknown", error: event.error };
    case "checkStarted":
      return state.kind === "on" ? { ...state, checking: true, failure: null } : state;
    case "checked":
      if (state.kind !== "on") return state;
      if (!event.status.enabled) return { kind: "off", settings: state.settings };
      return { ...state, checking: false, checked: { available: event.status.available }, failure: null };
    case "checkFailed":
      return state.kind === "on" ? { ...state, checking: false, failure: { during: "check", error: event.error } } : state;
    case "installStarted": {
      const update = state.kind === "on" ? state.checked?.available : null;
      if (state.kind !== "on" || state.checking || !update) return state;
      return { kind: "installing", settings: state.settings, update, progress: null, cancelling: false, run: event.run };
    }
    case "progress":
      return state.kind === "installing" ? { ...state, progress: event.progress } : state;
    case "cancelRequested":
      return state.kind === "installing" ? { ...state, cancelling: true } : state;
    case "installed":
      return state.kind === "installing" ? { kind: "installed", settings: state.settings, installed: event.installed } : state;
    case "installFailed":
      // The update is still offered: the core keeps it for another try.
      return state.kind === "installing"
        ? {
            kind: "on",
            settings: state.settings,
            checking: false,
            checked: { available: state.update },
            failure: { during: "install", error: event.error },
          }
        : state;
  }
}

export const UPDATES_OFF_TEXT =
  "Updates are off in this build: it has no update endpoint. Install new versions from your package manager or the releases page.";

export function availableTitle(update: UpdateAvailable): string {
  return `IdLens ${update.version} is available`;
}

export function installedText(installed: UpdateInstalled): string {
  return installed.restartNeeded
    ? `Installed; restart IdLens to use ${installed.version}.`
    : `IdLens ${installed.version} is installed.`;
}

/** How a failure is shown, and whether offering Install again makes sense. */
export function failureView({ during, error }: UpdateFailure): {
  tone: "info" | "warning" | "danger";
  title: string;
  installAgain: boolean;
} {
  if (during === "check") return { tone: "warning", title: "Checking for updates failed", installAgain: false };
  switch (error.code) {
    case "cancelled":
      return { tone: "info", title: "Cancelled", installAgain: true };
    case "updateRefused":
      // A broken release or a tampered download: another try fetches the same bytes.
      return { tone: "danger", title: "The update was refused", installAgain: false };
    default:
      return { tone: "warning", title: "The update was not installed", installAgain: true };
  }
}

/** The publication date as a day ("20 November 2026"), or null when the server gave none or garbage. */
export function publishedOn(date: string | null): string | null {
  if (!date) return null;
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) return null;
  return parsed.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
