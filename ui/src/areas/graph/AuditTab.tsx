import { useCallback } from "react";
import type { Navigate } from "../../app/navigation";
import { commands, type ApiError, type AuditFindingView, type AuditOverview, type ProfileView } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { ErrorNotice, ManagementNextStep } from "../../components/ErrorNotice";
import { ChoiceField } from "../../components/ChoiceField";
import { ExportButtons } from "../../components/ExportButtons";
import { IconArrowRight, IconDownload, IconRefresh } from "../../components/Icons";
import { JobProgressBar } from "../../components/JobProgressBar";
import { Notice } from "../../components/Notice";
import { plural } from "../../components/plural";
import { TextField } from "../../components/TextField";
import { useRows, type PageRequest } from "../../components/useRows";
import { sizeText, takenAtText } from "../rbac/compareText";
import { AUTH0_SOURCE_CHOICES, GRAPH_SOURCE_CHOICES } from "./auditSources";
import { auditStore, useAuditState, type AuditState } from "./auditStore";
import { countOf, findingsCountWords, orderedSummary, sourceLine, unconfirmedCountWarning } from "./auditSummary";
import { FindingDetail } from "./FindingDetail";
import { GraphList } from "./GraphList";
import { findingDetail, findingKey, isFindingKind, KIND_ORDER, KIND_WORDS } from "./findingWords";
import { graphStore } from "./graphStore";
import { SEARCH_DEBOUNCE_MS } from "./searchState";
import { useDebounced } from "./useDebounced";

const PAGE = 200;
const MAX_PAGES = 15;

/** Choosing the sources, running the audit, its summary and every finding with both sides' data. */
export function AuditTab({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  const a = useAuditState();
  return (
    <>
      <Sources state={a} />
      <UsersExport state={a} />
      <JobProgressBar
        title="Auditing Auth0 users against the graph"
        job={a.running}
        onCancel={auditStore.cancel}
        testId="audit-progress"
      />
      {a.error ? <AuditError error={a.error} kept={a.overview !== null} profile={profile} navigate={navigate} /> : null}
      {a.overview ? (
        <AuditResult overview={a.overview} state={a} />
      ) : a.running ? null : (
        <p className="card__text" data-testid="audit-not-run">
          No audit has run for this profile yet. Choose the sources and run it: nothing is changed, the findings stay on
          this machine.
        </p>
      )}
    </>
  );
}

function Sources({ state }: { state: AuditState }) {
  const d = state.draft;
  const running = state.running !== null;
  const auth0Choice = AUTH0_SOURCE_CHOICES.find((c) => c.kind === d.auth0) ?? AUTH0_SOURCE_CHOICES[0]!;
  const graphChoice = GRAPH_SOURCE_CHOICES.find((c) => c.kind === d.graph) ?? GRAPH_SOURCE_CHOICES[0]!;
  const problemId = "audit-draft-problem";
  return (
    <section className="graph-sources" aria-label="What to compare">
      <fieldset className="compare-picker" disabled={running}>
        <legend className="compare-picker__title">Auth0 users</legend>
        <ChoiceField
          id="audit-auth0-source"
          label="Read from"
          value={d.auth0}
          choices={AUTH0_SOURCE_CHOICES}
          onChange={(auth0) => auditStore.setDraft({ auth0 })}
          hint={auth0Choice.detail}
        />
        {d.auth0 === "file" ? (
          <TextField
            id="audit-auth0-path"
            testId="audit-auth0-path"
            label="File path"
            value={d.auth0Path}
            onChange={(auth0Path) => auditStore.setDraft({ auth0Path })}
            errorId={state.draftProblem?.field === "auth0Path" ? problemId : null}
            placeholder="/home/me/IdLens/exports/users.json.gz"
            mono
          />
        ) : null}
      </fieldset>
      <fieldset className="compare-picker" disabled={running}>
        <legend className="compare-picker__title">Graph users</legend>
        <ChoiceField
          id="audit-graph-source"
          label="Read from"
          value={d.graph}
          choices={GRAPH_SOURCE_CHOICES}
          onChange={(graph) => auditStore.setDraft({ graph })}
          hint={graphChoice.detail}
        />
        {d.graph === "file" ? (
          <TextField
            id="audit-graph-path"
            testId="audit-graph-path"
            label="File path"
            value={d.graphPath}
            onChange={(graphPath) => auditStore.setDraft({ graphPath })}
            errorId={state.draftProblem?.field === "graphPath" ? problemId : null}
            placeholder="/home/me/users.csv"
            mono
          />
        ) : null}
      </fieldset>
      <div className="rbac-toolbar rbac-toolbar--center graph-sources__run">
        <label className="rbac-loadbar__option">
          <input
            type="checkbox"
            checked={d.skipBadLines}
            disabled={running}
            onChange={(e) => auditStore.setDraft({ skipBadLines: e.target.checked })}
            data-testid="audit-skip-bad-lines"
          />
          Skip malformed lines in files (count them instead of stopping)
        </label>
        <span className="rbac-toolbar__grow" />
        {state.draftProblem ? (
          <p className="field__hint text-warning" id={problemId} role="alert" data-testid="audit-draft-problem">
            {state.draftProblem.problem}
          </p>
        ) : null}
        <BusyButton
          busy={running}
          busyLabel="Auditing…"
          icon={<IconRefresh />}
          className="button button--primary"
          onClick={auditStore.run}
          testId="audit-run"
        >
          {state.overview ? "Run the audit again" : "Run the audit"}
        </BusyButton>
      </div>
    </section>
  );
}

function UsersExport({ state }: { state: AuditState }) {
  const exported = state.usersExported;
  const progress = state.usersExporting?.progress ?? null;
  const percent = progress && progress.total === 100 ? progress.done : null;
  return (
    <section className="graph-users-export" aria-label="Export all Auth0 users">
      <div className="rbac-toolbar rbac-toolbar--center">
        <p className="rbac-toolbar__grow text-muted">
          More than 1,000 users? Auth0’s search stops there: export every user with a users export job, then audit the
          file.
        </p>
        <button
          type="button"
          className="button button--small"
          disabled={state.usersExporting !== null}
          onClick={() => void auditStore.exportUsers()}
          data-testid="audit-users-export"
        >
          <IconDownload />
          Export all Auth0 users
        </button>
      </div>
      <JobProgressBar
        title="Exporting every Auth0 user (users export job)"
        job={state.usersExporting}
        onCancel={auditStore.cancelUsersExport}
        testId="audit-users-export-progress"
      />
      {percent !== null ? (
        <p className="text-muted" data-testid="audit-users-export-percent">
          Auth0 reports the export {percent} % done.
        </p>
      ) : null}
      {exported ? (
        <Notice tone="success" testId="audit-users-export-result">
          <p>
            Exported {plural(exported.users, "user", "users")} ({sizeText(exported.bytes)}) to{" "}
            <code className="inline-code" data-testid="audit-users-export-path">
              {exported.path}
            </code>
            .
          </p>
          <div className="notice__actions">
            <button
              type="button"
              className="button button--small"
              onClick={auditStore.useExportedFile}
              disabled={state.draft.auth0 === "file" && state.draft.auth0Path === exported.path}
              data-testid="audit-users-export-use"
            >
              Use this file as the Auth0 source
            </button>
          </div>
        </Notice>
      ) : null}
      {state.usersExportError ? (
        state.usersExportError.code === "cancelled" ? (
          <Notice tone="info" testId="audit-users-export-cancelled">
            The users export was cancelled; no file was kept.
          </Notice>
        ) : (
          <Notice tone="danger" title="The users could not be exported" role="alert" testId="audit-users-export-error">
            {state.usersExportError.message}
          </Notice>
        )
      ) : null}
    </section>
  );
}

function AuditError({
  error,
  kept,
  profile,
  navigate,
}: {
  error: ApiError;
  kept: boolean;
  profile: ProfileView;
  navigate: Navigate;
}) {
  const keptText = kept ? " The audit loaded before is still shown." : "";
  if (error.code === "cancelled") {
    return (
      <Notice tone="info" testId="audit-cancelled">
        <p>
          The audit was cancelled; nothing of it was kept.{keptText}{" "}
          <button type="button" className="link-button" onClick={auditStore.dismissError}>
            Dismiss
          </button>
        </p>
      </Notice>
    );
  }
  return (
    <ErrorNotice
      title="The audit did not finish"
      error={error}
      after={keptText}
      onRetry={auditStore.run}
      testId="audit-error"
      actions={<ManagementNextStep error={error} profile={profile.name} navigate={navigate} />}
    />
  );
}

function AuditResult({ overview, state }: { overview: AuditOverview; state: AuditState }) {
  const summary = orderedSummary(overview.summary);
  const unconfirmed = unconfirmedCountWarning(overview.auth0);
  return (
    <section className="rbac-detail" aria-label="Audit result" data-testid="audit-result">
      <div className="rbac-toolbar rbac-toolbar--center">
        <p className="rbac-toolbar__grow graph-audit-meta" data-testid="audit-meta">
          <strong>{plural(overview.total, "finding", "findings")}</strong> — audit of {overview.profile}, run{" "}
          {takenAtText(overview.createdAt)}.
        </p>
        <button type="button" className="button button--small" onClick={() => graphStore.setTab("fix")} data-testid="audit-open-fix">
          Plan the fixes
          <IconArrowRight />
        </button>
      </div>
      <ul className="graph-sources-line" data-testid="audit-sources">
        <li data-testid="audit-source-auth0">{sourceLine("auth0", overview.auth0)}</li>
        <li data-testid="audit-source-graph">{sourceLine("graph", overview.graph)}</li>
      </ul>
      {unconfirmed ? (
        <Notice tone="warning" testId="audit-count-unconfirmed">
          {unconfirmed}
        </Notice>
      ) : null}
      <div className="graph-summary" role="group" aria-label="Findings by kind" data-testid="audit-summary">
        {summary.map((k) => {
          const words = KIND_WORDS[k.kind];
          const on = state.kind === k.kind;
          return (
            <button
              key={k.kind}
              type="button"
              className={`graph-summary__kind graph-summary__kind--${k.count === 0 ? "none" : words.tone}`}
              aria-pressed={on}
              onClick={() => auditStore.setKind(on ? null : k.kind)}
              title={`${words.about} Click to ${on ? "show every kind" : "show only these"}.`}
              data-testid={`audit-kind-${k.kind}`}
            >
              <span className="graph-summary__count" data-testid={`audit-count-${k.kind}`}>
                {k.count.toLocaleString("en-US")}
              </span>
              <span className="graph-summary__label">{words.title}</span>
            </button>
          );
        })}
      </div>
      <Findings state={state} total={countOf(summary, state.kind)} />
    </section>
  );
}

function Findings({ state, total }: { state: AuditState; total: number }) {
  const profile = state.profile;
  const filter = useDebounced(state.filter.trim(), SEARCH_DEBOUNCE_MS);
  const kind = state.kind;
  const fetchPage = useCallback(
    (request: PageRequest) =>
      commands
        .auditFindings({ profile, kind, filter: filter || null, offset: request.offset, limit: PAGE })
        .then((page) => ({ rows: page.rows, total: page.total })),
    [profile, kind, filter],
  );
  const rows = useRows<AuditFindingView>({
    key: `${state.seq}\u0000${kind ?? ""}\u0000${filter}`,
    pageSize: PAGE,
    maxPages: MAX_PAGES,
    paging: "offset",
    fetchPage,
  });
  const shown = rows.total ?? 0;
  const selected = state.selected;
  return (
    <>
      <div className="rbac-toolbar">
        <div className="field">
          <label className="field__label" htmlFor="audit-kind-filter">
            Kind
          </label>
          <div className="select-wrap">
            <select
              id="audit-kind-filter"
              className="select"
              value={kind ?? ""}
              onChange={(e) => auditStore.setKind(isFindingKind(e.target.value) ? e.target.value : null)}
              data-testid="audit-kind-filter"
            >
              <option value="">Every kind</option>
              {KIND_ORDER.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k].title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TextField
          id="audit-filter"
          testId="audit-filter"
          label="Filter findings"
          value={state.filter}
          onChange={auditStore.setFilter}
          placeholder="Part of an ID, e-mail or name"
          className="rbac-toolbar__grow"
        />
        <ExportButtons
          what="the findings shown"
          testId="audit-export"
          disabled={shown === 0}
          save={(format) => commands.auditExport({ profile, kind, filter: filter || null, format })}
        />
      </div>
      <p className="graph-total" aria-live="polite" data-testid="audit-findings-total">
        {findingsCountWords(rows.total, total, kind ? KIND_WORDS[kind].title : null, filter)}
      </p>
      {rows.error ? (
        <ErrorNotice title="The findings could not be read" error={rows.error} onRetry={rows.retry} testId="audit-findings-error" />
      ) : null}
      <div className={`graph-split${selected ? " graph-split--open" : ""}`}>
        {rows.total === 0 ? (
          <p className="data-table__empty graph-list" data-testid="audit-findings-none">
            {filter || kind ? "No finding matches the filter." : "No findings: Auth0 and the graph agree."}
          </p>
        ) : (
          <GraphList
            heads={["Kind", "User ID or e-mail", "Detail"]}
            findings
            total={shown}
            onRange={rows.onRange}
            label="Findings"
            testId="audit-findings"
            renderRow={(i) => <FindingRow finding={rows.row(i)} selected={selected} />}
          />
        )}
        {selected ? <FindingDetail key={findingKey(selected)} finding={selected} /> : null}
      </div>
    </>
  );
}

function FindingRow({ finding, selected }: { finding: AuditFindingView | undefined; selected: AuditFindingView | null }) {
  if (!finding) return <span className="virtual-rows__placeholder">Loading…</span>;
  const words = KIND_WORDS[finding.kind];
  const on = selected !== null && findingKey(selected) === findingKey(finding);
  return (
    <button
      type="button"
      className="graph-row graph-row--finding"
      aria-current={on}
      onClick={() => auditStore.select(on ? null : finding)}
      title={finding.summary}
      data-testid={`audit-finding-row-${finding.kind}-${finding.key}`}
    >
      <span className={`graph-kind graph-kind--${words.tone}`}>{words.title}</span>
      <span className="mono">{finding.key}</span>
      <span>{findingDetail(finding)}</span>
    </button>
  );
}
