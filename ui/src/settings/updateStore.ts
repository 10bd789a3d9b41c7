// The About and updates card's state, kept while the user visits other
// areas (an install goes on meanwhile), and the commands that move it. The
// update server is asked only when the user clicks Check for updates.
import { commands, type ApiError, type UpdateInstalled } from "../bindings";
import { createStore } from "../store";
import { toApiError } from "../ipc";
import { announceJobEnd } from "../components/JobAnnouncer";
import { nextJobRun, startJob, type JobRun } from "../jobs";
import { initialUpdateState, updateReducer, type UpdateEvent, type UpdateState } from "./updateState";

const store = createStore<UpdateState>(initialUpdateState);
let install: JobRun<UpdateInstalled> | null = null;

function dispatch(event: UpdateEvent) {
  store.replace(updateReducer(store.get(), event));
}

export const updateStore = {
  use: store.use,

  /** Reads whether this build has updates on (from its config: no server is asked), once. */
  async load() {
    if (store.get().kind !== "loading") return;
    try {
      dispatch({ type: "settings", settings: await commands.updateSettings() });
    } catch (e) {
      dispatch({ type: "settingsFailed", error: toApiError(e) });
    }
  },

  async check() {
    const state = store.get();
    if (state.kind !== "on" || state.checking) return;
    dispatch({ type: "checkStarted" });
    try {
      dispatch({ type: "checked", status: await commands.updateCheck() });
    } catch (e) {
      dispatch({ type: "checkFailed", error: toApiError(e) });
    }
  },

  /** Installs the update the last check found; does nothing when there is none or one is installing. */
  install() {
    const before = store.get();
    const name = nextJobRun();
    dispatch({ type: "installStarted", run: name });
    if (store.get() === before) return;
    const run = startJob<UpdateInstalled>(commands.updateInstall, (progress) => dispatch({ type: "progress", progress }));
    install = run;
    run.result
      .then(
        (installed) => {
          dispatch({ type: "installed", installed });
          announceJobEnd(name, { ok: true, value: installed });
        },
        (error: ApiError) => {
          dispatch({ type: "installFailed", error });
          announceJobEnd(name, { ok: false, error });
        },
      )
      .finally(() => {
        if (install === run) install = null;
      });
  },

  cancel() {
    if (!install) return;
    dispatch({ type: "cancelRequested" });
    install.cancel();
  },
};
