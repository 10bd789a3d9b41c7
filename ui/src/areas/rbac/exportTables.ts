// The tables of the Roles & permissions screen as rows of text, for saving as
// CSV or JSON (the core writes the file). A role's members are not here: the
// core writes those from what it holds, however many there are.
import type {
  DiffView,
  FindingView,
  RbacOverview,
  SourceView,
  TableExport,
  UserRbac,
  UsersPage,
} from "../../bindings";
import type { Matrix } from "./matrix";

export type ExportTable = Omit<TableExport, "format">;

export function sourceText(source: SourceView): string {
  return source.kind === "direct" ? "direct" : `role ${source.name}`;
}

export function rolesTable(overview: RbacOverview): ExportTable {
  return {
    name: "roles",
    columns: ["role", "role_id", "description", "members", "permissions"],
    rows: overview.roles.map((r) => [
      r.name,
      r.id,
      r.description,
      String(r.memberCount),
      r.permissions.map((p) => `${p.name} (${p.apiName})`).join("; "),
    ]),
  };
}

export function scopesTable(overview: RbacOverview): ExportTable {
  return {
    name: "api scopes",
    columns: ["api", "api_identifier", "scope", "description", "granted_by"],
    rows: overview.apis.flatMap((api) =>
      api.scopes.map((s) => [api.name, api.identifier, s.value, s.description, s.grantedBy.join("; ")]),
    ),
  };
}

export function matrixTable(matrix: Matrix): ExportTable {
  return {
    name: "role permission matrix",
    columns: ["role", ...matrix.columns.map((c) => `${c.name} (${c.apiName})`)],
    rows: matrix.rows.map((row) => [row.role.name, ...row.cells.map((has) => (has ? "yes" : ""))]),
  };
}

export function findingsTable(findings: FindingView[]): ExportTable {
  return {
    name: "rbac findings",
    columns: ["kind", "finding", "subject", "items"],
    rows: findings.map((f) => [f.kind, f.title, f.subject, f.items.join("; ")]),
  };
}

export function userPermissionsTable(user: UserRbac): ExportTable {
  return {
    name: `permissions of ${user.user.email ?? user.user.userId}`,
    columns: ["user_id", "api", "api_identifier", "permission", "defined", "sources"],
    rows: user.permissions.map((e) => [
      user.user.userId,
      e.permission.apiName,
      e.permission.api,
      e.permission.name,
      e.permission.defined ? "yes" : "no",
      e.sources.map(sourceText).join("; "),
    ]),
  };
}

export function usersTable(page: UsersPage, query: string): ExportTable {
  return {
    name: `users ${query}`,
    columns: ["user_id", "email", "email_verified", "name", "connection", "last_login", "logins", "linked"],
    rows: page.users.map((u) => [
      u.userId,
      u.email ?? "",
      u.emailVerified === null ? "" : u.emailVerified ? "yes" : "no",
      u.name ?? "",
      u.connection ?? "",
      u.lastLogin ?? "",
      u.loginsCount === null ? "" : String(u.loginsCount),
      u.linked.join("; "),
    ]),
  };
}

/** One row per change: what, which one, the change, and its items. */
export function diffTable(diff: DiffView): ExportTable {
  const rows: string[][] = [];
  const add = (what: string, name: string, change: string, items: string[]) => {
    if (items.length > 0) rows.push([what, name, change, items.join("; ")]);
  };
  for (const name of diff.apisAdded) rows.push(["api", name, "only in B", ""]);
  for (const name of diff.apisRemoved) rows.push(["api", name, "only in A", ""]);
  for (const c of diff.apisChanged) {
    add("api", c.api, "scopes only in B", c.scopesAdded);
    add("api", c.api, "scopes only in A", c.scopesRemoved);
    if (c.renamedFrom !== null) rows.push(["api", c.api, "renamed", c.renamedFrom]);
  }
  for (const name of diff.rolesAdded) rows.push(["role", name, "only in B", ""]);
  for (const name of diff.rolesRemoved) rows.push(["role", name, "only in A", ""]);
  for (const c of diff.rolesChanged) {
    add("role", c.role, "permissions only in B", c.permissionsAdded);
    add("role", c.role, "permissions only in A", c.permissionsRemoved);
    add("role", c.role, "members only in B", c.membersAdded);
    add("role", c.role, "members only in A", c.membersRemoved);
    if (c.descriptionChanged) rows.push(["role", c.role, "description changed", ""]);
  }
  return { name: "rbac diff", columns: ["what", "name", "change", "items"], rows };
}
