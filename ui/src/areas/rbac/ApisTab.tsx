import { commands, type ApiView, type RbacOverview } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { ExportButtons } from "../../components/ExportButtons";
import { Notice } from "../../components/Notice";
import { plural } from "../../components/plural";
import { scopesTable } from "./exportTables";
import { rbacStore } from "./rbacStore";

/** APIs on the left; the chosen one's scopes and the roles that grant each on the right. */
export function ApisTab({ overview, api }: { overview: RbacOverview; api: string | null }) {
  const chosen = overview.apis.find((a) => a.identifier === api) ?? overview.apis[0] ?? null;
  return (
    <>
      <div className="rbac-toolbar">
        <p className="rbac-toolbar__grow card__text">
          Every API of the tenant with its permissions (scopes) and the roles that grant each.
        </p>
        <ExportButtons
          what="API scopes"
          testId="rbac-apis-export"
          save={(format) => commands.exportTable({ ...scopesTable(overview), format })}
        />
      </div>
      <div className="rbac-split">
        <nav className="rbac-list" aria-label="APIs" data-testid="rbac-api-list">
          {overview.apis.map((a) => (
            <button
              key={a.identifier}
              type="button"
              className="rbac-list__item"
              aria-current={a.identifier === chosen?.identifier}
              onClick={() => rbacStore.openApi(a.identifier)}
            >
              <span className="rbac-list__name">{a.name}</span>
              <span className="rbac-list__meta">
                {plural(a.scopes.length, "scope", "scopes")}{a.system ? " · Auth0’s own" : ""}
              </span>
            </button>
          ))}
        </nav>
        {chosen ? <ApiDetail api={chosen} /> : null}
      </div>
    </>
  );
}

function ApiDetail({ api }: { api: ApiView }) {
  const ungranted = api.scopes.filter((s) => s.grantedBy.length === 0).length;
  return (
    <div className="rbac-detail" data-testid="rbac-api-detail">
      <div>
        <h2 className="card__title">{api.name}</h2>
        <p className="rbac-list__meta">
          <code className="inline-code">{api.identifier}</code>{" "}
          <CopyButton text={api.identifier} what="API identifier" compact />
        </p>
      </div>
      {api.system ? (
        <Notice tone="info">
          Auth0’s own API: roles cannot grant its scopes. Applications get them as machine-to-machine grants.
        </Notice>
      ) : ungranted > 0 ? (
        <Notice tone="warning">
          {ungranted === api.scopes.length ? "No role grants any scope of this API." : `${ungranted} of its scopes no role grants.`}
        </Notice>
      ) : null}
      <div className="data-table-wrap">
        <table className="data-table" data-testid="rbac-api-scopes">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Description</th>
              <th scope="col">Granted by</th>
            </tr>
          </thead>
          <tbody>
            {api.scopes.map((s) => (
              <tr key={s.value}>
                <td>
                  <code className="inline-code">{s.value}</code>
                </td>
                <td>{s.description}</td>
                <td>
                  {s.grantedBy.length === 0 ? (
                    <span className="text-muted">{api.system ? "—" : "no role"}</span>
                  ) : (
                    <span className="source-list">
                      {s.grantedBy.map((name) => (
                        <span key={name} className="chip chip--small">
                          {name}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
