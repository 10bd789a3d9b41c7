import { useState } from "react";
import { commands, type RbacOverview } from "../../bindings";
import { ExportButtons } from "../../components/ExportButtons";
import { TextField } from "../../components/TextField";
import { matrixTable } from "./exportTables";
import { buildMatrix, type MatrixFilter } from "./matrix";
import { rbacStore } from "./rbacStore";

/** Which role grants which permission, one row per role, one column per permission. */
export function MatrixTab({ overview }: { overview: RbacOverview }) {
  const [filter, setFilter] = useState<MatrixFilter>({ text: "", api: null, grantedOnly: false });
  const matrix = buildMatrix(overview, filter);
  const apis = overview.apis.filter((a) => !a.system);
  return (
    <>
      <div className="rbac-toolbar">
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
        <ExportButtons
          what="the matrix"
          testId="rbac-matrix-export"
          save={(format) => commands.exportTable({ ...matrixTable(matrix), format })}
        />
      </div>
      {matrix.rows.length === 0 || matrix.columns.length === 0 ? (
        <p className="data-table__empty">Nothing matches “{filter.text}”.</p>
      ) : (
        <div className="matrix-wrap">
          <table className="matrix" data-testid="rbac-matrix">
            <caption className="visually-hidden">
              Roles (rows) and the permissions they grant (columns); ✓ where a role grants a permission.
            </caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                {matrix.columns.map((c) => (
                  <th key={`${c.api} ${c.name}`} scope="col" title={`${c.name} — ${c.apiName}`}>
                    <span className={`matrix__col${c.defined ? "" : " matrix__col--undefined"}`}>
                      {c.name} <span className="matrix__api">{c.apiName}</span>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.role.id}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => rbacStore.openRole(row.role.id)}>
                      {row.role.name}
                    </button>
                  </th>
                  {row.cells.map((has, i) => (
                    <td key={i} className={has ? "matrix__yes" : undefined}>
                      {has ? <span aria-label="grants">✓</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
