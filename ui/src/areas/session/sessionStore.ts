// The sign-in session of the profile in use, shared by the Session screen and
// the top bar. Module state, so a sign-in in progress survives switching areas;
// it holds views only (the core never sends tokens in them). A revealed token
// is not kept here: the component that shows it owns it.
//
// Invariants:
// - At most one session call (get, refresh, sign out, starting a sign-in) is in
//   flight: `activity` is set while one runs, and nothing starts another then.
// - Answers about another profile, or from before the profile changed, are
//   dropped (`generation`).
// - A sign-in the user cancelled, or one replaced by a newer one, changes
//   nothing when its wait ends.
import { useEffect } from "react";
import {
  commands,
  type ApiError,
  type BrowserLoginStarted,
  type BrowserOpened,
  type DeviceLoginStarted,
  type ProfileView,
  type SessionView,
} from "../../bindings";
import { toApiError } from "../../ipc";
import { createStore } from "../../store";

export type SignInKind = "device" | "browser";

export type PendingSignIn = (
  | { kind: "device"; started: DeviceLoginStarted }
  | { kind: "browser"; started: BrowserLoginStarted }
) & {
  /** When the sign-in started (ms since the epoch); the countdowns run from here. */
  at: number;
  /** The last answer to "Open in browser", if it failed. */
  browserProblem: string | null;
};

/** A sign-in that ended without signing in: denied, expired, timed out, or the IdP failed. */
export type SignInFailure = { kind: SignInKind; error: ApiError };

export type SessionActivity =
  | "loading"
  | "checking"
  | "refreshing"
  | "signingOut"
  | "startingDevice"
  | "startingBrowser"
  | "openingBrowser";

export type SessionState = {
  /** The profile this state is about; null when no profile is in use. */
  profile: string | null;
  /** The last view the core gave; null until the first answer. */
  view: SessionView | null;
  /** The session call in flight, if any. */
  activity: SessionActivity | null;
  /** Why the last session call failed. */
  error: ApiError | null;
  pending: PendingSignIn | null;
  failure: SignInFailure | null;
};

const EMPTY: SessionState = {
  profile: null,
  view: null,
  activity: null,
  error: null,
  pending: null,
  failure: null,
};

const store = createStore<SessionState>(EMPTY);
const set = store.set;
/** The profile's settings the state belongs to: a change of any of them starts over. */
let profileKey: string | null = null;
let generation = 0;

export const useSessionState = store.use;

/** What identifies a profile's sign-in settings; the core ends the session when any changes. */
function keyOf(profile: ProfileView): string {
  return JSON.stringify([
    profile.name,
    profile.issuer,
    profile.provider,
    profile.clientId,
    profile.audience,
    profile.callbackPort,
    profile.scopes,
  ]);
}

/**
 * Runs one session call unless one is already in flight. The result is
 * applied only if the profile is still the same.
 */
async function run<T>(
  activity: SessionActivity,
  call: (profile: string) => Promise<T>,
  apply: (value: T) => Partial<SessionState>,
): Promise<boolean> {
  const { profile, activity: busy } = store.get();
  if (!profile || busy) return false;
  const gen = generation;
  set({ activity, error: null });
  try {
    const value = await call(profile);
    if (gen !== generation) return false;
    set({ activity: null, ...apply(value) });
    return true;
  } catch (e) {
    if (gen !== generation) return false;
    set({ activity: null, error: toApiError(e) });
    return false;
  }
}

function cancelInCore(pending: PendingSignIn | null) {
  if (!pending) return;
  // Cancelling one that has ended does nothing, so this never needs to be reported.
  commands.loginCancel(pending.started.loginId).catch(() => undefined);
}

export const sessionStore = {
  /** Follows the profile in use: a different profile (or edited settings) starts over. */
  track(profile: ProfileView | null) {
    const key = profile ? keyOf(profile) : null;
    if (key === profileKey) return;
    profileKey = key;
    generation += 1;
    cancelInCore(store.get().pending);
    store.replace({ ...EMPTY, profile: profile?.name ?? null });
    if (profile) void sessionStore.load();
  },

  /** Asks the core for the session (it refreshes ahead of expiry and resumes from the keychain). */
  load: () => run(store.get().view ? "checking" : "loading", (p) => commands.sessionGet(p), (view) => ({ view })),

  /** The background check: skipped while anything else is going on. */
  check() {
    const { activity, pending } = store.get();
    if (activity || pending) return;
    void run("checking", (p) => commands.sessionGet(p), (view) => ({ view }));
  },

  refresh: () => run("refreshing", (p) => commands.sessionRefresh(p), (view) => ({ view })),

  signOut: () => run("signingOut", (p) => commands.sessionSignOut(p), (view) => ({ view, failure: null })),

  async startSignIn(kind: SignInKind) {
    if (store.get().pending) return;
    const request = { profile: store.get().profile, timeoutSecs: null, noBrowser: false };
    const gen = generation;
    const started = await run(
      kind === "device" ? "startingDevice" : "startingBrowser",
      async (): Promise<PendingSignIn> =>
        kind === "device"
          ? { kind, started: await commands.loginDeviceStart(request), at: Date.now(), browserProblem: null }
          : { kind, started: await commands.loginBrowserStart(request), at: Date.now(), browserProblem: null },
      (pending) => ({ pending, failure: null }),
    );
    const pending = store.get().pending;
    if (started && gen === generation && pending) void wait(pending);
  },

  /** Cancels the sign-in in progress; its wait then ends with `cancelled`, which is ignored. */
  cancelSignIn() {
    const pending = store.get().pending;
    if (!pending) return;
    set({ pending: null, failure: null });
    cancelInCore(pending);
  },

  /** Opens the sign-in page in the system browser again. */
  async openBrowser() {
    const pending = store.get().pending;
    if (!pending) return;
    const loginId = pending.started.loginId;
    await run(
      "openingBrowser",
      () => commands.loginOpenBrowser(loginId),
      (opened: BrowserOpened) => {
        const now = store.get().pending;
        return now?.started.loginId === loginId
          ? { pending: { ...now, browserProblem: opened.kind === "failed" ? opened.reason : null } }
          : {};
      },
    );
  },

  dismissFailure() {
    set({ failure: null });
  },

  dismissError() {
    set({ error: null });
  },
};

async function wait(pending: PendingSignIn) {
  const loginId = pending.started.loginId;
  const gen = generation;
  const stillWaiting = () => gen === generation && store.get().pending?.started.loginId === loginId;
  try {
    const view = await commands.loginWait(loginId);
    if (stillWaiting()) set({ view, pending: null, failure: null, error: null });
  } catch (e) {
    if (!stillWaiting()) return;
    const error = toApiError(e);
    if (error.code === "cancelled") set({ pending: null });
    else set({ pending: null, failure: { kind: pending.kind, error } });
  }
}

/** How often a signed-in session is checked, at the latest. */
const CHECK_EVERY_MS = 60_000;
/** The core refreshes when the access token expires within 120 s; checks aim inside that window. */
const REFRESH_LEAD_MS = 110_000;
/** After a refresh inside the window failed (the token still works), try again this much later. */
const RETRY_IN_WINDOW_MS = 30_000;

/** Milliseconds until the next check of a signed-in session. */
export function nextCheckDelay(expiresAt: number | null, nowMs: number): number {
  if (expiresAt === null) return CHECK_EVERY_MS;
  const untilWindow = expiresAt * 1000 - REFRESH_LEAD_MS - nowMs;
  if (untilWindow <= 0) return RETRY_IN_WINDOW_MS;
  return Math.min(untilWindow, CHECK_EVERY_MS);
}

/**
 * Keeps the session of the profile in use current, wherever the user is in
 * the app: loads it when the profile changes, and while signed in checks it
 * every minute and just before the access token expires (the core refreshes it then).
 */
export function useSessionKeeper(profile: ProfileView | null): void {
  useEffect(() => {
    // A new object with the same settings changes nothing (see `track`).
    sessionStore.track(profile);
  }, [profile]);

  const { view, activity, pending } = useSessionState();
  const signedIn = !!view?.user;
  const expiresAt = view?.access?.expiresAt ?? null;
  useEffect(() => {
    if (!signedIn || activity || pending) return;
    const timer = window.setTimeout(() => sessionStore.check(), nextCheckDelay(expiresAt, Date.now()));
    return () => window.clearTimeout(timer);
    // A new view (every answer) schedules afresh.
  }, [view, signedIn, expiresAt, activity, pending]);
}
