import { useEffect, useState } from "react";
import type { FixPlanView, PlanSectionView, ProfileView } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { DataTable, type Column } from "../../components/DataTable";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconRefresh, IconWarning } from "../../components/Icons";
import { JobProgressBar } from "../../components/JobProgressBar";
import { Notice } from "../../components/Notice";
import { plural } from "../../components/plural";
import { ApplyConfirmDialog } from "./ApplyConfirmDialog";
import { auditStore, useAuditState, type AuditState } from "./auditStore";
import { ComparisonView } from "./ComparisonView";
import { graphStore } from "./graphStore";
import { applyBlocker, graphRows, linkGroups, type LinkGroup } from "./planOverrides";

const RERUN_WORDS = {
  saving: "Saving the audit before the fix as a report…",
  auditing: "Running the audit again…",
  comparing: "Comparing with the audit before the fix…",
} as const;

/** What fixing the loaded audit would change, with the primaries to choose; applying it after a confirmation. */
export function FixTab({ profile }: { profile: ProfileView }) {
  const a = useAuditState();
  const needsPlan = a.overview !== null && a.plan === null && !a.planLoading && a.planError === null;
  useEffect(() => {
    if (needsPlan) auditStore.loadPlan();
  }, [needsPlan]);

  if (!a.overview && !a.applied) return <FixNoAudit />;
  return (
    <>
      {a.overview === null ? <FixNoAudit /> : null}
      {a.planError ? (
        <ErrorNotice title="The plan could not be made" error={a.planError} onRetry={auditStore.loadPlan} testId="fix-plan-error" />
      ) : null}
      {a.planLoading && !a.plan ? (
        <p className="loading-state" role="status" data-testid="fix-plan-loading">
          <span className="loading-state__spinner" aria-hidden="true" />
          Making the plan…
        </p>
      ) : null}
      <ApplyOutcome state={a} />
      {a.plan ? <PlanPreview plan={a.plan} state={a} profile={profile} /> : null}
    </>
  );
}

function FixNoAudit() {
  return (
    <p className="card__text" data-testid="fix-no-audit">
      The fix plan is made from an audit: run one first.{" "}
      <button type="button" className="link-button" onClick={() => graphStore.setTab("audit")}>
        Go to Audit
      </button>
    </p>
  );
}

const SECTION_COLUMNS: Column<PlanSectionView>[] = [
  { id: "section", header: "Section", cell: (s) => s.title },
  { id: "rows", header: "Rows", cell: (s) => s.rows.toLocaleString("en-US") },
  { id: "batches", header: "Batches", cell: (s) => s.batches.toLocaleString("en-US") },
];

/** The columns of the accounts to link: the e-mail, its primary (chosen here), and the calls that link the others. */
function linkColumns(state: AuditState, busy: boolean): Column<LinkGroup>[] {
  return [
    { id: "email", header: "E-mail", cell: (g) => g.email },
    {
      id: "primary",
      header: "Primary (kept)",
      cell: (g) => (
        <>
          <div className="select-wrap">
            <select
              className="select"
              value={g.primaryId}
              disabled={state.planLoading || busy}
              aria-label={`Primary account for ${g.email}`}
              onChange={(e) => auditStore.choosePrimary(g.email, e.target.value)}
              data-testid={`fix-primary-${g.email}`}
            >
              {g.accounts.map((id) => (
                <option key={id} value={id}>
                  {id}
                  {state.suggestions[g.email] === id ? " (suggested)" : ""}
                </option>
              ))}
            </select>
          </div>
          {g.email in state.overrides ? <span className="chip chip--small chip--accent">your choice</span> : null}
        </>
      ),
    },
    {
      id: "calls",
      header: "Linked into it",
      cell: (g) => (
        <ul className="graph-calls">
          {g.calls.map((c) => (
            <li key={c.secondaryId}>
              <span className="mono">{c.secondaryId}</span>
              <code className="graph-calls__request">{c.request}</code>
            </li>
          ))}
        </ul>
      ),
    },
  ];
}

function PlanPreview({ plan, state, profile }: { plan: FixPlanView; state: AuditState; profile: ProfileView }) {
  const [confirming, setConfirming] = useState(false);
  const groups = linkGroups(plan);
  const rows = graphRows(plan);
  const blocker = applyBlocker(plan, state.choice, state.planLinkAccounts);
  const busy = state.applying !== null || state.running !== null;
  return (
    <section className="rbac-detail" aria-label="Fix plan preview" data-testid="fix-plan-preview" aria-busy={state.planLoading}>
      <Notice tone="info">
        <p>
          A preview: nothing is changed until you apply it and confirm. The plan is for the audit loaded now
          {state.overview ? ` (${plural(state.overview.total, "finding", "findings")})` : ""}.
        </p>
      </Notice>
      <p className="graph-plan-summary" data-testid="fix-plan-summary">
        <strong>{plural(plan.links.length, "account link", "account links")}</strong> in Auth0 and{" "}
        <strong>{plural(rows, "graph row", "graph rows")}</strong> in {plural(plan.graphSections.length, "section", "sections")}.
      </p>

      <section aria-labelledby="fix-links-title">
        <div className="rbac-toolbar rbac-toolbar--center">
          <h3 id="fix-links-title" className="rbac-section-title rbac-toolbar__grow">
            Accounts to link in Auth0 ({plan.links.length})
          </h3>
          {Object.keys(state.overrides).length > 0 ? (
            <button type="button" className="button button--ghost button--small" onClick={auditStore.resetOverrides} data-testid="fix-reset-primaries">
              Use the suggested primaries
            </button>
          ) : null}
        </div>
        {groups.length === 0 ? (
          <p className="text-muted" data-testid="fix-plan-links">
            No duplicate accounts to link.
          </p>
        ) : (
          <DataTable
            label="Accounts to link in Auth0"
            testId="fix-plan-links"
            columns={linkColumns(state, busy)}
            rows={groups}
            rowKey={(g) => g.email}
            rowAttributes={(g) => ({ "data-testid": `fix-link-${g.email}` })}
          />
        )}
      </section>

      <section aria-labelledby="fix-sections-title">
        <h3 id="fix-sections-title" className="rbac-section-title">
          Graph changes
        </h3>
        <DataTable
          label="Graph changes"
          testId="fix-plan-sections"
          columns={SECTION_COLUMNS}
          rows={plan.graphSections}
          rowKey={(s) => s.title}
          rowAttributes={(_, i) => ({ "data-testid": `fix-section-${i}` })}
          emptyRow="Nothing to change in the graph."
        />
      </section>

      <section aria-labelledby="fix-cypher-title">
        <div className="rbac-toolbar rbac-toolbar--center">
          <h3 id="fix-cypher-title" className="rbac-section-title rbac-toolbar__grow">
            Cypher script
          </h3>
          <CopyButton text={plan.cypherScript} what="Cypher script" testId="fix-plan-cypher-copy" />
        </div>
        <p className="field__hint">
          Every value is a parameter; orphans appear only as commented-out deletes and are never applied.
        </p>
        <pre className="code-block" data-testid="fix-plan-cypher" tabIndex={0}>
          {plan.cypherScript}
        </pre>
      </section>

      <section aria-labelledby="fix-apply-title" className="graph-apply">
        <h3 id="fix-apply-title" className="rbac-section-title">
          Apply
        </h3>
        <div className="rbac-choices">
          <label className="rbac-choice">
            <input
              type="checkbox"
              checked={state.choice.linkAccounts}
              disabled={busy}
              onChange={(e) => auditStore.setChoice({ linkAccounts: e.target.checked })}
              data-testid="fix-apply-links"
            />
            Link accounts in Auth0 ({plan.links.length})
          </label>
          <label className="rbac-choice">
            <input
              type="checkbox"
              checked={state.choice.applyGraph}
              disabled={busy}
              onChange={(e) => auditStore.setChoice({ applyGraph: e.target.checked })}
              data-testid="fix-apply-graph"
            />
            Apply the Cypher to the graph ({plural(rows, "row", "rows")})
          </label>
        </div>
        <p className="field__hint" data-testid="fix-apply-links-hint">
          {state.choice.linkAccounts
            ? "The graph changes above are for after the links: the linked accounts' nodes are joined to their primaries' nodes, and none is created for them."
            : "The graph changes above are for accounts left unlinked: linking them later makes their nodes new linked secondaries."}
        </p>
        <div className="rbac-form-actions">
          <button
            type="button"
            className="button button--danger"
            disabled={blocker !== null || busy || state.planLoading}
            aria-describedby={blocker ? "fix-apply-blocker" : undefined}
            onClick={() => setConfirming(true)}
            data-testid="fix-apply"
          >
            <IconWarning />
            Apply…
          </button>
          {blocker ? (
            <p className="field__hint" id="fix-apply-blocker" data-testid="fix-apply-blocker">
              {blocker}
            </p>
          ) : null}
        </div>
      </section>
      {confirming ? (
        <ApplyConfirmDialog
          profile={profile.name}
          links={state.choice.linkAccounts ? plan.links.length : 0}
          rows={state.choice.applyGraph ? rows : 0}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void auditStore.apply();
          }}
        />
      ) : null}
    </section>
  );
}

function ApplyOutcome({ state }: { state: AuditState }) {
  const applied = state.applied;
  return (
    <>
      <JobProgressBar
        title="Applying the fix plan"
        job={state.applying}
        onCancel={auditStore.cancelApply}
        testId="fix-apply-progress"
      />
      {state.applyError ? (
        <Notice
          tone={state.applyError.code === "cancelled" ? "info" : "danger"}
          title={state.applyError.code === "cancelled" ? "Applying was cancelled" : "The plan was not fully applied"}
          role="alert"
          testId="fix-apply-error"
        >
          <p>
            {state.applyError.message} Batches that finished before stay applied: run the audit again to see where
            things stand.
          </p>
          <div className="notice__actions">
            <RerunButton state={state} />
          </div>
        </Notice>
      ) : null}
      {applied ? (
        <section className="rbac-detail" aria-label="Applied" data-testid="fix-apply-result">
          <div className="verdict-line verdict-line--ok" data-testid="fix-apply-summary">
            Applied: {plural(applied.linked, "account linked", "accounts linked")},{" "}
            {plural(applied.graphRows, "graph row", "graph rows")} in {plural(applied.batches, "batch", "batches")}.
          </div>
          <pre className="code-block graph-log" data-testid="fix-apply-log" tabIndex={0}>
            {applied.log.join("\n")}
          </pre>
          <div className="rbac-form-actions">
            <RerunButton state={state} />
            <span className="field__hint">Saves the audit before the fix as a report, audits again and compares the two.</span>
          </div>
        </section>
      ) : null}
      {state.rerun ? (
        <p className="loading-state" role="status" data-testid="fix-rerun-phase">
          <span className="loading-state__spinner" aria-hidden="true" />
          {RERUN_WORDS[state.rerun]}
        </p>
      ) : null}
      <JobProgressBar
        title="Auditing again"
        job={state.rerun === "auditing" ? state.running : null}
        onCancel={auditStore.cancel}
        testId="fix-rerun-progress"
      />
      {state.rerunError ? (
        <Notice tone="danger" role="alert" testId="fix-rerun-error">
          {state.rerunError.message}
        </Notice>
      ) : null}
      {(applied || state.applyError) && state.comparison ? <ComparisonView comparison={state.comparison} /> : null}
    </>
  );
}

function RerunButton({ state }: { state: AuditState }) {
  return (
    <button
      type="button"
      className="button button--primary button--small"
      disabled={state.rerun !== null || state.running !== null || state.applying !== null}
      onClick={() => void auditStore.rerunAndCompare()}
      data-testid="fix-rerun-audit"
    >
      <IconRefresh />
      Re-run the audit and compare
    </button>
  );
}
