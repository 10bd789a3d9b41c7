import { useState } from "react";
import { commands, type RbacOverview } from "../../bindings";
import { DataTable, type Column } from "../../components/DataTable";
import { TextField } from "../../components/TextField";
import { matrixTable } from "./exportTables";
import { buildMatrix, type MatrixFilter, type MatrixRow } from "./matrix";
import { rbacStore } from "./rbacStore";

/** Which role grants which permission, one row per role, one column per permission. */
export function MatrixTab({ overview }: { overview: RbacOverview }) {
  const [filter, setFilter] = useState<MatrixFilter>({ text: "", api: null, grantedOnly: false });
  const matrix = buildMatrix(overview, filter);
  const apis = overview.apis.filter((a) => !a.system);
  const columns: Column<MatrixRow>[] = [
    {
      id: "role",
      header: "Role",
      rowHeader: true,
      cell: (row) => (
        <button type="button" className="link-button" onClick={() => rbacStore.openRole(row.role.id)}>
          {row.role.name}
        </button>
      ),
    },
    ...matrix.columns.map(
      (c, i): Column<MatrixRow> => ({
        id: `${c.api} ${c.name}`,
        headerTitle: `${c.name} — ${c.apiName}`,
        header: (
          <span className={`matrix__col${c.defined ? "" : " matrix__col--undefined"}`}>
            {c.name} <span className="matrix__api">{c.apiName}</span>
          </span>
        ),
        cellProps: (row) => ({ className: row.cells[i] ? "matrix__yes" : undefined }),
        cell: (row) => (row.cells[i] ? <span aria-label="grants">✓</span> : null),
      }),
    ),
  ];
  return (
    <DataTable
      label="Roles and the permissions they grant"
      caption="Roles (rows) and the permissions they grant (columns); ✓ where a role grants a permission."
      className="matrix"
      wrapClassName="matrix-wrap"
      testId="rbac-matrix"
      columns={columns}
      rows={matrix.columns.length === 0 ? [] : matrix.rows}
      rowKey={(row) => row.role.id}
      empty={<p className="data-table__empty">Nothing matches “{filter.text}”.</p>}
      exportAs={{
        what: "the matrix",
        testId: "rbac-matrix-export",
        disabled: false,
        save: (format) => commands.exportTable({ ...matrixTable(matrix), format }),
      }}
      toolbar={
        <>
          <TextField
            id="rbac-matrix-filter"
            label="Filter roles and permissions"
            value={filter.text}
            onChange={(text) => setFilter((f) => ({ ...f, text }))}
            className="rbac-toolbar__grow"
            testId="rbac-matrix-filter"
          />
          <div className="field">
            <label className="field__label" htmlFor="rbac-matrix-api">
              API
            </label>
            <select
              id="rbac-matrix-api"
              className="select"
              value={filter.api ?? ""}
              onChange={(e) => setFilter((f) => ({ ...f, api: e.target.value || null }))}
            >
              <option value="">Every API</option>
              {apis.map((a) => (
                <option key={a.identifier} value={a.identifier}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <label className="rbac-loadbar__option">
            <input
              type="checkbox"
              checked={filter.grantedOnly}
              onChange={(e) => setFilter((f) => ({ ...f, grantedOnly: e.target.checked }))}
            />
            Only permissions a role grants
          </label>
        </>
      }
    />
  );
}
