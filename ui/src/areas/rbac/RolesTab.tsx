import { useCallback, useDeferredValue, useState } from "react";
import { commands, type MemberView, type PermissionView, type RbacOverview, type RoleSummary } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { DataTable, type Column } from "../../components/DataTable";
import { ExportButtons } from "../../components/ExportButtons";
import { Notice } from "../../components/Notice";
import { plural } from "../../components/plural";
import { TextField } from "../../components/TextField";
import { useRows, type PageRequest } from "../../components/useRows";
import { rolesTable } from "./exportTables";
import { permissionColumns } from "./PermissionName";
import { rbacStore } from "./rbacStore";

const ROW_HEIGHT = 34;
const PAGE = 100;
const PERMISSION_COLUMNS = permissionColumns<PermissionView>((p) => p);

const MEMBER_COLUMNS: Column<MemberView>[] = [
  {
    id: "id",
    header: "User ID",
    cell: (m) => (
      <button type="button" className="link-button mono" title="Open this user" onClick={() => rbacStore.openUser(m.userId)}>
        {m.userId}
      </button>
    ),
  },
  { id: "email", header: "E-mail", cell: (m) => m.email ?? "—" },
  { id: "name", header: "Name", cell: (m) => m.name ?? "" },
];

/** Roles on the left; the chosen one's permissions and every member on the right. */
export function RolesTab({ overview, roleId }: { overview: RbacOverview; roleId: string | null }) {
  const [filter, setFilter] = useState("");
  const text = filter.trim().toLowerCase();
  const roles = overview.roles.filter((r) => !text || r.name.toLowerCase().includes(text));
  const chosen = overview.roles.find((r) => r.id === roleId) ?? overview.roles[0] ?? null;
  return (
    <>
      <div className="rbac-toolbar">
        <TextField
          id="rbac-role-filter"
          label="Find a role"
          value={filter}
          onChange={setFilter}
          className="rbac-toolbar__grow"
          testId="rbac-role-filter"
        />
        <ExportButtons
          what="roles"
          testId="rbac-roles-export"
          save={(format) => commands.exportTable({ ...rolesTable(overview), format })}
        />
      </div>
      <div className="rbac-split">
        <nav className="rbac-list" aria-label="Roles" data-testid="rbac-role-list">
          {roles.map((r) => (
            <button
              key={r.id}
              type="button"
              className="rbac-list__item"
              aria-current={r.id === chosen?.id}
              onClick={() => rbacStore.openRole(r.id)}
              data-testid={`rbac-role-${r.id}`}
            >
              <span className="rbac-list__name">{r.name}</span>
              <span className="rbac-list__meta">
                {plural(r.memberCount, "member", "members")} · {plural(r.permissions.length, "permission", "permissions")}
              </span>
            </button>
          ))}
          {roles.length === 0 ? <p className="data-table__empty">No role matches “{filter}”.</p> : null}
        </nav>
        {chosen ? <RoleDetail key={chosen.id} role={chosen} profile={overview.profile} /> : null}
      </div>
    </>
  );
}

function RoleDetail({ role, profile }: { role: RoleSummary; profile: string }) {
  return (
    <div className="rbac-detail" data-testid="rbac-role-detail">
      <div>
        <h2 className="card__title">{role.name}</h2>
        <p className="rbac-list__meta">
          <code className="inline-code">{role.id}</code> <CopyButton text={role.id} what="role ID" compact />
        </p>
        {role.description ? <p>{role.description}</p> : null}
      </div>
      <section aria-label={`Permissions of ${role.name}`}>
        <h3 className="rbac-section-title">Permissions ({role.permissions.length})</h3>
        {role.permissions.length === 0 ? (
          <Notice tone="warning">This role grants no permissions: its members get nothing from it.</Notice>
        ) : (
          <DataTable
            label={`Permissions of ${role.name}`}
            testId="rbac-role-permissions"
            columns={PERMISSION_COLUMNS}
            rows={role.permissions}
            rowKey={(p) => `${p.api} ${p.name}`}
          />
        )}
      </section>
      <Members role={role} profile={profile} />
    </div>
  );
}

function Members({ role, profile }: { role: RoleSummary; profile: string }) {
  const [filter, setFilter] = useState("");
  const deferred = useDeferredValue(filter.trim());
  const fetchPage = useCallback(
    ({ offset }: PageRequest) =>
      commands
        .rbacRoleMembers({ profile, roleId: role.id, filter: deferred || null, offset, limit: PAGE })
        .then((page) => ({ total: page.total, rows: page.members })),
    [profile, role.id, deferred],
  );
  const members = useRows<MemberView>({ key: `${role.id}\u0000${deferred}`, pageSize: PAGE, paging: "offset", fetchPage });
  const shown = members.total ?? 0;
  return (
    <section aria-label={`Members of ${role.name}`} className="rbac-detail">
      <div className="rbac-toolbar">
        <h3 className="rbac-section-title rbac-toolbar__grow" data-testid="rbac-members-title">
          Members ({deferred && members.total !== null ? `${shown.toLocaleString("en-US")} of ` : ""}
          {role.memberCount.toLocaleString("en-US")})
        </h3>
        <ExportButtons
          what={`members of ${role.name}`}
          testId="rbac-members-export"
          disabled={role.memberCount === 0}
          save={(format) => commands.rbacMembersExport({ profile, roleId: role.id, filter: deferred || null, format })}
        />
      </div>
      {role.memberCount === 0 ? (
        <Notice tone="warning">Nobody has this role.</Notice>
      ) : (
        <>
          <TextField
            id="rbac-member-filter"
            label="Filter members"
            hint="Part of a user ID, e-mail or name."
            value={filter}
            onChange={setFilter}
            testId="rbac-member-filter"
          />
          <DataTable
            label={`Members of ${role.name}`}
            testId="rbac-members"
            columns={MEMBER_COLUMNS}
            paged={members}
            rowKey={(m) => m.userId}
            rowHeight={ROW_HEIGHT}
            height={420}
            error={members.error}
            errorTitle="The members could not be read"
            onRetry={members.retry}
            emptyRow={members.total === 0 ? `No member matches “${deferred}”.` : undefined}
          />
        </>
      )}
    </section>
  );
}
