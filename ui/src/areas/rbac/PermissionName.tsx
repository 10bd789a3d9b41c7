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
