import { commands, type ApiView, type RbacOverview, type ScopeView } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { DataTable, type Column } from "../../components/DataTable";
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
      <DataTable
        label={`Scopes of ${api.name}`}
        testId="rbac-api-scopes"
        columns={scopeColumns(api)}
        rows={api.scopes}
        rowKey={(s) => s.value}
      />
    </div>
  );
}

function scopeColumns(api: ApiView): Column<ScopeView>[] {
  return [
    { id: "scope", header: "Scope", sortValue: (s) => s.value, cell: (s) => <code className="inline-code">{s.value}</code> },
    { id: "description", header: "Description", cell: (s) => s.description },
    {
      id: "grantedBy",
      header: "Granted by",
      sortValue: (s) => s.grantedBy.length,
      cell: (s) =>
        s.grantedBy.length === 0 ? (
          <span className="text-muted">{api.system ? "—" : "no role"}</span>
        ) : (
          <span className="source-list">
            {s.grantedBy.map((name) => (
              <span key={name} className="chip chip--small">
                {name}
              </span>
            ))}
          </span>
        ),
    },
  ];
}
