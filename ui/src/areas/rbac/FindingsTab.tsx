import { commands, type FindingView, type RbacOverview } from "../../bindings";
import { DataTable } from "../../components/DataTable";
import { ExportButtons } from "../../components/ExportButtons";
import { Notice } from "../../components/Notice";
import { findingsTable } from "./exportTables";
import { rbacStore } from "./rbacStore";

/** What needs an admin's attention in the tenant's RBAC, grouped by kind. */
export function FindingsTab({ overview }: { overview: RbacOverview }) {
  const kinds = [...new Set(overview.findings.map((f) => f.kind))];
  return (
    <>
      <div className="rbac-toolbar">
        <p className="rbac-toolbar__grow card__text" data-testid="rbac-findings-summary">
          {overview.findings.length === 0
            ? "Nothing to report."
            : `${overview.findings.length} findings in ${kinds.length} kinds.`}
          {overview.usersChecked === 0
            ? " Direct grants to users were not checked: reload with “Check users for direct grants”."
            : ` ${overview.usersChecked.toLocaleString("en-US")} users were checked for direct grants.`}
        </p>
        <ExportButtons
          what="findings"
          testId="rbac-findings-export"
          disabled={overview.findings.length === 0}
          save={(format) => commands.exportTable({ ...findingsTable(overview.findings), format })}
        />
      </div>
      {overview.findings.length === 0 ? (
        <Notice tone="success">No unused roles, empty roles, direct grants or undefined permissions.</Notice>
      ) : (
        kinds.map((kind) => <FindingGroup key={kind} findings={overview.findings.filter((f) => f.kind === kind)} overview={overview} />)
      )}
    </>
  );
}

function FindingGroup({ findings, overview }: { findings: FindingView[]; overview: RbacOverview }) {
  const title = findings[0]?.title ?? "";
  return (
    <section aria-label={title} data-testid={`rbac-findings-${findings[0]?.kind ?? ""}`}>
      <h3 className="rbac-section-title">
        {title} ({findings.length})
      </h3>
      <DataTable
        label={title}
        className="data-table data-table--two"
        columns={[
          { id: "subject", header: "Subject", cell: (f) => <FindingSubject finding={f} overview={overview} /> },
          { id: "details", header: "Details", cell: (f) => (f.items.length > 0 ? f.items.join(", ") : "—") },
        ]}
        rows={findings}
        rowKey={(f) => `${f.subject} ${f.items.join(",")}`}
      />
    </section>
  );
}

/** A role's or an API's name opens it; a user's ID opens the user. */
function FindingSubject({ finding, overview }: { finding: FindingView; overview: RbacOverview }) {
  const role = overview.roles.find((r) => r.name === finding.subject);
  const api = overview.apis.find((a) => a.name === finding.subject || a.identifier === finding.subject);
  const open = role
    ? () => rbacStore.openRole(role.id)
    : api
      ? () => rbacStore.openApi(api.identifier)
      : finding.kind === "direct_permission"
        ? () => rbacStore.openUser(finding.subject)
        : null;
  return open ? (
    <button type="button" className="link-button" onClick={open}>
      {finding.subject}
    </button>
  ) : (
    <>{finding.subject}</>
  );
}
