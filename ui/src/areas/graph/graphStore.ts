// What the Users & sync screen holds for the profile's graph while IdLens
// runs: the connection check, the open tab, the Browse search and the user
// opened, and a graph export in progress. Rows themselves stay in the core
// and are paged from there.
import type { ApiError, ExportFormat, ExportSaved, GraphStatus } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { JobSlot, type Outcome, type Running } from "../../jobs";
import { createStore } from "../../store";
import { normalizeQuery } from "./searchState";

export type GraphTab = "browse" | "audit" | "fix" | "compare";

export type GraphState = {
  profile: string | null;
  tab: GraphTab;
  status: GraphStatus | null;
  statusLoading: boolean;
  statusError: ApiError | null;
  /** What the search box holds. */
  draft: string;
  /** The search the list shows (the draft after a pause, or on Enter). */
  query: string;
  /** Bumped by Refresh: the same search starts over. */
  refresh: number;
  /** The user ID whose nodes are open. */
  selectedId: string | null;
  exporting: (Running & { format: ExportFormat }) | null;
  exported: ExportSaved | null;
  exportError: ApiError | null;
};

const INITIAL: GraphState = {
  profile: null,
  tab: "browse",
  status: null,
  statusLoading: false,
  statusError: null,
  draft: "",
  query: "",
  refresh: 0,
  selectedId: null,
  exporting: null,
  exported: null,
  exportError: null,
};

const store = createStore<GraphState>(INITIAL);
let statusRequest = 0;
let exportFormat: ExportFormat = "csv";
const exportSlot = new JobSlot<ExportSaved>((running) =>
  store.set({ exporting: running ? { ...running, format: exportFormat } : null }),
);

export const useGraphState = store.use;

export const graphStore = {
  get: store.get,

  /** Starts over for another profile; the open tab stays. */
  forProfile(profile: string) {
    if (store.get().profile === profile) return;
    exportSlot.stop();
    statusRequest++;
    store.replace({ ...INITIAL, profile, tab: store.get().tab });
  },

  async loadStatus() {
    const mine = ++statusRequest;
    store.set({ statusLoading: true, statusError: null });
    try {
      const status = await commands.graphStatus(store.get().profile);
      if (mine === statusRequest) store.set({ status, statusLoading: false });
    } catch (e) {
      if (mine === statusRequest) store.set({ statusLoading: false, statusError: toApiError(e) });
    }
  },

  setTab: (tab: GraphTab) => store.set({ tab }),
  setDraft: (draft: string) => store.set({ draft }),
  /** Runs the search for `text` (debounced by the caller, or at once on Enter). */
  search(text: string) {
    const query = normalizeQuery(text);
    if (query !== store.get().query) store.set({ query });
  },
  refreshSearch: () => store.set({ refresh: store.get().refresh + 1 }),
  select: (selectedId: string | null) => store.set({ selectedId }),
  /** Opens a user of the graph in Browse (from a finding). */
  openInBrowse: (id: string) => store.set({ selectedId: id, tab: "browse" }),

  /** Saves every user the current search finds, as a job. */
  async exportSearch(format: ExportFormat): Promise<Outcome<ExportSaved>> {
    const { profile, query } = store.get();
    exportFormat = format;
    store.set({ exported: null, exportError: null });
    const outcome = await exportSlot.start((onEvent) => commands.graphExport({ profile, query, format }, onEvent));
    if (outcome.ok) store.set({ exported: outcome.value });
    else store.set({ exportError: outcome.error });
    return outcome;
  },
  cancelExport: () => exportSlot.cancel(),
  dismissExport: () => store.set({ exported: null, exportError: null }),
};
