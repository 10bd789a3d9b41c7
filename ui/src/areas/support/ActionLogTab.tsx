import { useEffect } from "react";
import { watchWindowReturn } from "../../app/windowReturn";
import { commands, type ActionLogEntry } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { DataTable, type Column } from "../../components/DataTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconHistory, IconShieldCheck } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { actionLogStore, useActionLogState, type ActionLogState } from "./actionLogStore";
import { hasOlder } from "./actionLogPaging";
import { actionWords, actorWords, listedWords, resultWords, targetWords, verdictNotice } from "./actionLogWords";
import { dateWords } from "./supportWords";

/** Every fix made from IdLens (the app or the CLI), newest first, its verification and its export. */
export function ActionLogTab() {
  // Opening the tab reads the log afresh, and so does coming back to the
  // window: the CLI may have appended meanwhile.
  useEffect(() => {
    void actionLogStore.reload();
    return watchWindowReturn(window, document, actionLogStore.reread);
  }, []);
  const state = useActionLogState();
  return (
    <div className="action-log" data-testid="action-log">
      <div className="rbac-toolbar rbac-toolbar--center">
        <p className="rbac-toolbar__grow text-muted">
          Each fix is recorded with who made it and the result, every line chained to the one before it so that an
          edited or removed line shows when the log is verified.
        </p>
        <BusyButton
          busy={state.verifying}
          busyLabel="Verifying…"
          icon={<IconShieldCheck />}
          className="button"
          onClick={actionLogStore.verify}
          testId="action-log-verify"
        >
          Verify
        </BusyButton>
      </div>
      <Verdict state={state} />
      <Records state={state} />
    </div>
  );
}

function Verdict({ state }: { state: ActionLogState }) {
  if (state.verifyError) {
    return (
      <ErrorNotice
        title="The action log could not be verified"
        error={state.verifyError}
        onRetry={actionLogStore.verify}
        testId="action-log-verify-error"
      />
    );
  }
  if (!state.verdict) return null;
  const notice = verdictNotice(state.verdict);
  return (
    <div data-testid="action-log-verdict" data-tone={notice.tone} data-intact={state.verdict.intact}>
      <Notice tone={notice.tone} title={notice.title} role="status">
        <p>{notice.text}</p>
        <p className="text-muted">
          File: <code className="inline-code">{state.verdict.path}</code>
        </p>
      </Notice>
    </div>
  );
}

function Records({ state }: { state: ActionLogState }) {
  const log = state.log;
  if (!log) {
    return state.error ? (
      <ErrorNotice
        title="The action log could not be read"
        error={state.error}
        onRetry={() => void actionLogStore.reload()}
        testId="action-log-error"
      />
    ) : (
      <p className="text-muted" data-testid="action-log-loading">
        Reading the action log…
      </p>
    );
  }
  return (
    <>
      <DataTable
        label="Action log"
        testId="action-log-table"
        columns={COLUMNS}
        rows={log.entries}
        rowKey={(e) => String(e.line)}
        rowAttributes={(e) => ({ "data-testid": "action-log-row", "data-line": e.line })}
        virtualiseAfter={Number.MAX_SAFE_INTEGER}
        exportAs={{ what: "the action log", save: commands.actionLogExport, testId: "action-log-export" }}
        toolbar={
          <p className="rbac-toolbar__grow text-muted" aria-live="polite" data-testid="action-log-count">
            {listedWords(log.entries.length, log.total)}
          </p>
        }
        error={state.error}
        errorTitle="The action log could not be read"
        errorTestId="action-log-error"
        onRetry={() => void actionLogStore.reload()}
        empty={<Empty path={log.path} />}
      />
      {hasOlder(log) ? (
        <div>
          <BusyButton
            busy={state.loadingMore}
            busyLabel="Loading…"
            className="button button--small"
            onClick={actionLogStore.loadMore}
            testId="action-log-more"
          >
            Load older records
          </BusyButton>
        </div>
      ) : null}
    </>
  );
}

function Empty({ path }: { path: string }) {
  return (
    <EmptyState icon={<IconHistory />} title="No fix has been made from IdLens yet" titleTestId="action-log-empty">
      <p>
        Fixes made from this window or the command line (unblocking a customer, resetting their MFA, a password-change
        ticket…) will be listed here with who made each, for whom and the result.
      </p>
      <p>
        The log is kept in <code className="inline-code">{path}</code>.
      </p>
    </EmptyState>
  );
}

const COLUMNS: readonly Column<ActionLogEntry>[] = [
  {
    id: "when",
    header: "When",
    cell: (e) => (e.record ? dateWords(e.record.at) : `Line ${e.line}`),
  },
  { id: "who", header: "Who", cell: (e) => (e.record ? actorWords(e.record.actor) : "—"), className: "action-log__ids" },
  {
    id: "action",
    header: "Action",
    cell: (e) => actionWords(e),
    cellProps: (e) => ({ className: e.record ? undefined : "text-danger", "data-testid": "action-log-action" }),
  },
  { id: "target", header: "Target", cell: (e) => (e.record ? targetWords(e.record.target) : "—"), className: "mono action-log__ids" },
  { id: "changes", header: "What changed", cell: (e) => e.record?.changes ?? "—" },
  { id: "result", header: "Result", cell: (e) => <Result entry={e} /> },
];

function Result({ entry }: { entry: ActionLogEntry }) {
  if (!entry.record) return "—";
  const result = resultWords(entry.record.result);
  return (
    <span className={result.ok ? "action-log__ok" : "text-danger"} data-testid="action-log-result" data-ok={result.ok}>
      {result.text}
    </span>
  );
}
