import type { AuditComparison, ComparedFinding } from "../../bindings";
import { DataTable, type Column } from "../../components/DataTable";
import { IconCheckCircle, IconWarning } from "../../components/Icons";
import { plural } from "../../components/plural";
import { changedKinds, compareHeadline, kindChangeText } from "./auditSummary";
import { KIND_WORDS } from "./findingWords";

/** The loaded audit against a saved report: the headline, the change per kind, and the findings new and gone. */
export function ComparisonView({ comparison: c }: { comparison: AuditComparison }) {
  const kinds = changedKinds(c.byKind);
  const better = c.newFindings === 0;
  return (
    <section className="rbac-detail" aria-label="Comparison with a saved report" data-testid="audit-compare-result">
      <div className={`verdict-line verdict-line--${better ? "ok" : "warn"}`} data-testid="audit-compare-headline">
        {better ? <IconCheckCircle /> : <IconWarning />}
        <span>{compareHeadline(c)}</span>
      </div>
      <p className="text-muted" data-testid="audit-compare-base">
        Compared with <code className="inline-code">{c.baseFile}</code>; {plural(c.unchanged, "finding is", "findings are")} in
        both.
      </p>
      {kinds.length > 0 ? (
        <ul className="graph-kind-changes" data-testid="audit-compare-kinds">
          {kinds.map((k) => (
            <li key={k.kind} data-testid={`audit-compare-kind-${k.kind}`}>
              <strong>{KIND_WORDS[k.kind].title}</strong>: {kindChangeText(k)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="graph-compare-lists">
        <ComparedList title="New since the report" rows={c.newRows} all={c.newFindings} testId="audit-compare-new" />
        <ComparedList title="Fixed since the report" rows={c.fixedRows} all={c.fixed} testId="audit-compare-fixed" />
      </div>
    </section>
  );
}

const COMPARED_COLUMNS: Column<ComparedFinding>[] = [
  { id: "kind", header: "Kind", sortValue: (r) => KIND_WORDS[r.kind].title, cell: (r) => KIND_WORDS[r.kind].title },
  { id: "key", header: "User ID or e-mail", className: "mono", sortValue: (r) => r.key, cell: (r) => r.key },
];

function ComparedList({ title, rows, all, testId }: { title: string; rows: ComparedFinding[]; all: number; testId: string }) {
  return (
    <section aria-label={title}>
      <h3 className="rbac-section-title">
        {title} ({all.toLocaleString("en-US")})
      </h3>
      {rows.length === 0 ? (
        <p className="text-muted" data-testid={testId}>
          None.
        </p>
      ) : (
        <DataTable
          label={title}
          wrapClassName="data-table-wrap graph-compare-table"
          testId={testId}
          columns={COMPARED_COLUMNS}
          rows={rows}
          rowKey={(r) => `${r.kind} ${r.key}`}
          footer={
            all > rows.length ? (
              <p className="data-table__empty">
                The first {rows.length.toLocaleString("en-US")} of {all.toLocaleString("en-US")} are listed.
              </p>
            ) : null
          }
        />
      )}
    </section>
  );
}
