// What the sync audit holds while IdLens runs: the sources chosen, the audit
// in progress and the last one loaded (its findings stay in the core and are
// paged from there), the findings filter and the one open, the users export,
// the fix plan with the user's primaries, the apply job and its log, and the
// saved reports with the last comparison.
//
// Invariants:
// - At most one audit runs; a failed or cancelled one keeps the audit loaded
//   before it on screen (nothing partial).
// - A new audit drops the plan made from the old one (and its overrides).
// - Nothing is applied without `confirmed: true`, which only the
//   confirmation dialog sends.
// - The plan shown is made with the "link accounts" choice Apply sends
//   (linking changes the graph part): changing the choice makes it again,
//   and Apply waits until `planLinkAccounts` matches the choice.
import type {
  ApiError,
  AuditComparison,
  AuditFindingView,
  AuditOverview,
  AuditReportFile,
  FindingKind,
  FixApplied,
  FixPlanView,
  UsersExported,
} from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { INITIAL_AUDIT_DRAFT, toAuditRequest, withAuth0File, type AuditDraft } from "./auditSources";
import { graphStore } from "./graphStore";
import { JobSlot, type Outcome, type Running } from "../../jobs";
import { createStore } from "../../store";
import {
  chooseOverride,
  learnSuggestions,
  toPrimaryOverrides,
  type ApplyChoice,
  type Overrides,
  type Suggestions,
} from "./planOverrides";

export type RerunPhase = "saving" | "auditing" | "comparing";

export type AuditState = {
  profile: string | null;
  draft: AuditDraft;
  draftProblem: { field: "auth0Path" | "graphPath"; problem: string } | null;
  running: Running | null;
  overview: AuditOverview | null;
  /** Bumped for every audit loaded: lists of findings start over. */
  seq: number;
  error: ApiError | null;

  kind: FindingKind | null;
  filter: string;
  selected: AuditFindingView | null;

  usersExporting: Running | null;
  usersExported: UsersExported | null;
  usersExportError: ApiError | null;

  overrides: Overrides;
  suggestions: Suggestions;
  plan: FixPlanView | null;
  /** The "link accounts" choice `plan` was made for. */
  planLinkAccounts: boolean | null;
  planLoading: boolean;
  planError: ApiError | null;
  choice: ApplyChoice;
  applying: Running | null;
  applied: FixApplied | null;
  applyError: ApiError | null;
  rerun: RerunPhase | null;
  rerunError: ApiError | null;

  files: AuditReportFile[] | null;
  filesLoading: boolean;
  filesError: ApiError | null;
  savedReport: string | null;
  /** The report file being compared with. */
  comparing: string | null;
  comparison: AuditComparison | null;
  compareError: ApiError | null;
};

const INITIAL: AuditState = {
  profile: null,
  draft: INITIAL_AUDIT_DRAFT,
  draftProblem: null,
  running: null,
  overview: null,
  seq: 0,
  error: null,
  kind: null,
  filter: "",
  selected: null,
  usersExporting: null,
  usersExported: null,
  usersExportError: null,
  overrides: {},
  suggestions: {},
  plan: null,
  planLinkAccounts: null,
  planLoading: false,
  planError: null,
  choice: { linkAccounts: true, applyGraph: true },
  applying: null,
  applied: null,
  applyError: null,
  rerun: null,
  rerunError: null,
  files: null,
  filesLoading: false,
  filesError: null,
  savedReport: null,
  comparing: null,
  comparison: null,
  compareError: null,
};

const store = createStore<AuditState>(INITIAL);
const auditSlot = new JobSlot<AuditOverview>((running) => store.set({ running }));
const usersSlot = new JobSlot<UsersExported>((usersExporting) => store.set({ usersExporting }));
const applySlot = new JobSlot<FixApplied>((applying) => store.set({ applying }));
let planRequest = 0;
let compareRequest = 0;

export const useAuditState = store.use;

const profile = () => store.get().profile;

async function runAudit(): Promise<Outcome<AuditOverview> | null> {
  const s = store.get();
  const converted = toAuditRequest(s.draft, s.profile);
  if (!converted.ok) {
    store.set({ draftProblem: { field: converted.field, problem: converted.problem } });
    return null;
  }
  store.set({ draftProblem: null, error: null });
  const outcome = await auditSlot.start((onEvent) => commands.auditRun(converted.request, onEvent));
  if (outcome.ok) {
    planRequest++;
    store.set({
      overview: outcome.value,
      seq: store.get().seq + 1,
      error: null,
      selected: null,
      plan: null,
      planLinkAccounts: null,
      planLoading: false,
      planError: null,
      overrides: {},
      suggestions: {},
    });
  } else {
    store.set({ error: outcome.error });
  }
  return outcome;
}

async function requestPlan(overrides: Overrides) {
  const mine = ++planRequest;
  store.set({ planLoading: true, planError: null, overrides });
  try {
    const linkAccounts = store.get().choice.linkAccounts;
    const plan = await commands.auditFixPlan({ profile: profile(), overrides: toPrimaryOverrides(overrides), linkAccounts });
    if (mine !== planRequest) return;
    store.set({
      plan,
      planLinkAccounts: linkAccounts,
      planLoading: false,
      suggestions: learnSuggestions(store.get().suggestions, plan, overrides),
    });
  } catch (e) {
    if (mine === planRequest) store.set({ planLoading: false, planError: toApiError(e) });
  }
}

export const auditStore = {
  get: store.get,

  /** Starts over for another profile (cancelling its jobs); the lists of files stay. */
  forProfile(name: string) {
    if (store.get().profile === name) return;
    auditSlot.stop();
    usersSlot.stop();
    applySlot.stop();
    planRequest++;
    compareRequest++;
    const { files, filesError } = store.get();
    store.replace({ ...INITIAL, profile: name, files, filesError });
  },

  setDraft(change: Partial<AuditDraft>) {
    const problem = store.get().draftProblem;
    const clears = problem && Object.hasOwn(change, problem.field);
    store.set({ draft: { ...store.get().draft, ...change }, ...(clears ? { draftProblem: null } : {}) });
  },

  run: () => void runAudit(),
  cancel: () => auditSlot.cancel(),
  dismissError: () => store.set({ error: null }),

  setKind: (kind: FindingKind | null) => store.set({ kind, selected: null }),
  setFilter: (filter: string) => store.set({ filter }),
  select: (selected: AuditFindingView | null) => store.set({ selected }),

  /** Exports every Auth0 user with an export job. */
  async exportUsers() {
    store.set({ usersExported: null, usersExportError: null });
    const outcome = await usersSlot.start((onEvent) => commands.usersExport({ profile: profile(), connection: null }, onEvent));
    if (outcome.ok) store.set({ usersExported: outcome.value });
    else store.set({ usersExportError: outcome.error });
  },
  cancelUsersExport: () => usersSlot.cancel(),
  /** Reads the Auth0 side from the file the export wrote. */
  useExportedFile() {
    const exported = store.get().usersExported;
    if (exported) store.set({ draft: withAuth0File(store.get().draft, exported.path), draftProblem: null });
  },

  loadPlan: () => void requestPlan(store.get().overrides),
  choosePrimary(email: string, primaryId: string) {
    const s = store.get();
    void requestPlan(chooseOverride(s.overrides, s.suggestions, email, primaryId));
  },
  resetOverrides: () => void requestPlan({}),
  setChoice(change: Partial<ApplyChoice>) {
    const s = store.get();
    const choice = { ...s.choice, ...change };
    store.set({ choice });
    // The graph part depends on the links: the preview follows the choice.
    if (choice.linkAccounts !== s.choice.linkAccounts && s.overview !== null) void requestPlan(s.overrides);
  },

  /** Applies the plan shown; only the confirmation dialog calls this. */
  async apply() {
    const s = store.get();
    if (s.planLinkAccounts !== s.choice.linkAccounts) return;
    store.set({ applied: null, applyError: null, rerunError: null });
    const outcome = await applySlot.start((onEvent) =>
      commands.auditFixApply(
        {
          profile: s.profile,
          overrides: toPrimaryOverrides(s.overrides),
          linkAccounts: s.choice.linkAccounts,
          applyGraph: s.choice.applyGraph,
          confirmed: true,
        },
        onEvent,
      ),
    );
    if (outcome.ok) {
      store.set({ applied: outcome.value });
      // The graph changed: its counts and the browsed rows are stale.
      if (outcome.value.graphRows > 0) {
        void graphStore.loadStatus();
        graphStore.refreshSearch();
      }
    } else store.set({ applyError: outcome.error });
  },
  cancelApply: () => applySlot.cancel(),

  /**
   * Saves the loaded (pre-fix) audit as a report, runs the audit again with
   * the same sources, and compares the new one with the report.
   */
  async rerunAndCompare() {
    store.set({ rerun: "saving", rerunError: null, comparison: null, compareError: null });
    let saved: string;
    try {
      saved = (await commands.auditReportSave(profile())).path;
    } catch (e) {
      store.set({ rerun: null, rerunError: toApiError(e) });
      return;
    }
    store.set({ rerun: "auditing", savedReport: saved });
    const outcome = await runAudit();
    if (!outcome || !outcome.ok) {
      store.set({ rerun: null, rerunError: outcome ? outcome.error : null });
      return;
    }
    store.set({ rerun: "comparing" });
    await auditStore.compareWith(saved);
    store.set({ rerun: null });
    void auditStore.refreshFiles();
  },

  async refreshFiles() {
    store.set({ filesLoading: true });
    try {
      const files = await commands.auditReportFiles();
      store.set({ files, filesLoading: false, filesError: null });
    } catch (e) {
      store.set({ filesLoading: false, filesError: toApiError(e) });
    }
  },

  /** Saves the loaded audit as a report; resolves with where it went. */
  async saveReport(): Promise<Outcome<string>> {
    try {
      const saved = await commands.auditReportSave(profile());
      store.set({ savedReport: saved.path });
      void auditStore.refreshFiles();
      return { ok: true, value: saved.path };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  },

  async compareWith(path: string) {
    const mine = ++compareRequest;
    store.set({ comparing: path, compareError: null });
    try {
      const comparison = await commands.auditCompare({ profile: profile(), path });
      if (mine === compareRequest) store.set({ comparison, comparing: null });
    } catch (e) {
      if (mine === compareRequest) store.set({ comparing: null, compareError: toApiError(e) });
    }
  },
};
