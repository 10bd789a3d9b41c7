import type { Column } from "../../components/DataTable";
import type { PermissionView } from "../../bindings";

/** A permission's name, marked when its API no longer defines it. */
export function PermissionName({ permission }: { permission: PermissionView }) {
  return (
    <>
      <code className="inline-code">{permission.name}</code>
      {permission.defined ? null : (
        <span className="chip chip--small chip--warning" title="A role still grants it, but the API no longer defines it">
          not defined by the API
        </span>
      )}
    </>
  );
}

/** The API and Permission columns of a table of permissions; `of` finds a row's permission. */
export function permissionColumns<T>(of: (row: T) => PermissionView): Column<T>[] {
  return [
    { id: "api", header: "API", sortValue: (row) => of(row).apiName, cell: (row) => of(row).apiName },
    { id: "permission", header: "Permission", sortValue: (row) => of(row).name, cell: (row) => <PermissionName permission={of(row)} /> },
  ];
}
