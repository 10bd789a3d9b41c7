import { useEffect } from "react";
import { useToast } from "../../app/toast";
import type { AuditReportFile } from "../../bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { Column } from "../../components/DataTable";
import { plural } from "../../components/plural";
import { SavedFiles, savedFileColumns } from "../../components/SavedFiles";
import { takenAtText } from "../rbac/compareText";
import { auditStore, useAuditState, type AuditState } from "./auditStore";
import { ComparisonView } from "./ComparisonView";

/** Saving the loaded audit as a report, the reports saved, and the loaded audit compared with one. */
export function CompareTab() {
  const a = useAuditState();
  // Opening the tab lists the reports again: files may have come and gone.
  useEffect(() => {
    void auditStore.refreshFiles();
  }, []);
  return (
    <>
      <SavedFiles
        noun="reports"
        titleId="audit-reports-title"
        testId="audit-report"
        toolbarClassName="rbac-toolbar rbac-toolbar--center"
        files={a.files}
        loading={a.filesLoading}
        error={a.filesError}
        refresh={() => void auditStore.refreshFiles()}
        save={<SaveButton state={a} />}
        none="No report is saved yet. Save the loaded audit to compare a later one with it."
        columns={reportColumns(a)}
        rowAttributes={(f) => ({ "data-testid": "audit-report-file", "data-file": f.fileName })}
      />
      {a.compareError ? (
        <ErrorNotice title="The audits could not be compared" error={a.compareError} testId="audit-compare-error" />
      ) : null}
      {a.comparing ? (
        <p className="loading-state" role="status">
          <span className="loading-state__spinner" aria-hidden="true" />
          Comparing…
        </p>
      ) : null}
      {a.comparison ? <ComparisonView comparison={a.comparison} /> : null}
    </>
  );
}

function SaveButton({ state }: { state: AuditState }) {
  const toast = useToast();
  const save = async () => {
    const outcome = await auditStore.saveReport();
    if (outcome.ok) toast(`Saved the audit report to ${outcome.value}`);
    else toast(`The report was not saved: ${outcome.error.message}`, "error");
  };
  return (
    <button
      type="button"
      className="button button--primary button--small"
      disabled={state.overview === null}
      title={state.overview ? "Saved as JSON in the export folder, to compare later" : "Run an audit first"}
      onClick={() => void save()}
      data-testid="audit-report-save"
    >
      Save the loaded audit as a report
    </button>
  );
}

function reportColumns(state: AuditState): Column<AuditReportFile>[] {
  return savedFileColumns<AuditReportFile>({
    chips: (file) => (state.savedReport === file.path ? <span className="chip chip--small chip--accent">just saved</span> : null),
    facts: [
      { id: "run", header: "Audit run", sortValue: (f) => f.createdAt, cell: (f) => takenAtText(f.createdAt) },
      { id: "findings", header: "Findings", sortValue: (f) => f.total, cell: (f) => plural(f.total, "finding", "findings") },
    ],
    problemTestId: "audit-report-problem",
    use: {
      id: "compare",
      label: "Compare",
      cell: (file) => (
        <button
          type="button"
          className="link-button"
          disabled={state.overview === null || state.comparing !== null}
          title={state.overview ? undefined : "Run an audit first: it is compared with this report"}
          onClick={() => void auditStore.compareWith(file.path)}
          aria-label={`Compare the loaded audit with ${file.fileName}`}
          data-testid="audit-report-compare"
        >
          Compare with the loaded audit
        </button>
      ),
    },
  });
}
