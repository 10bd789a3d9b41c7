// The role × permission matrix: which role grants which permission, filtered
// by API and by text, as the Matrix tab shows it and exports it.
import type { RbacOverview, RoleSummary } from "../../bindings";

export type MatrixColumn = {
  api: string;
  apiName: string;
  name: string;
  /** False when the API no longer defines it (a role still grants it). */
  defined: boolean;
};

export type MatrixRow = { role: RoleSummary; cells: boolean[] };

export type Matrix = { columns: MatrixColumn[]; rows: MatrixRow[] };

export type MatrixFilter = {
  /** Part of a role's or a permission's name, any case; empty for all. */
  text: string;
  /** An API's identifier; null for every API. */
  api: string | null;
  /** Hide permissions no shown role grants. */
  grantedOnly: boolean;
};

const key = (api: string, name: string) => `${api}\u0000${name}`;

/** Every permission of the tenant's APIs (not Auth0's own), then those roles grant that no API defines. */
export function matrixColumns(overview: RbacOverview): MatrixColumn[] {
  const columns: MatrixColumn[] = [];
  const seen = new Set<string>();
  for (const api of overview.apis) {
    if (api.system) continue;
    for (const scope of api.scopes) {
      seen.add(key(api.identifier, scope.value));
      columns.push({ api: api.identifier, apiName: api.name, name: scope.value, defined: true });
    }
  }
  for (const role of overview.roles) {
    for (const p of role.permissions) {
      if (seen.has(key(p.api, p.name))) continue;
      seen.add(key(p.api, p.name));
      columns.push({ api: p.api, apiName: p.apiName, name: p.name, defined: false });
    }
  }
  return columns;
}

export function buildMatrix(overview: RbacOverview, filter: MatrixFilter): Matrix {
  const text = filter.text.trim().toLowerCase();
  const grants = new Map(
    overview.roles.map((r) => [r.id, new Set(r.permissions.map((p) => key(p.api, p.name)))] as const),
  );
  const granted = (role: RoleSummary, c: MatrixColumn) => grants.get(role.id)?.has(key(c.api, c.name)) ?? false;
  let columns = matrixColumns(overview).filter((c) => filter.api === null || c.api === filter.api);
  let roles = overview.roles;
  if (text) {
    const namedColumns = columns.filter((c) => c.name.toLowerCase().includes(text));
    const namedRoles = roles.filter((r) => r.name.toLowerCase().includes(text));
    roles = roles.filter((r) => namedRoles.includes(r) || namedColumns.some((c) => granted(r, c)));
    columns = columns.filter((c) => namedColumns.includes(c) || namedRoles.some((r) => granted(r, c)));
  }
  if (filter.grantedOnly) columns = columns.filter((c) => roles.some((r) => granted(r, c)));
  return { columns, rows: roles.map((role) => ({ role, cells: columns.map((c) => granted(role, c)) })) };
}
