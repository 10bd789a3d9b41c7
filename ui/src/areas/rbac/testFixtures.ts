// A small tenant for the unit tests of this folder (not part of the app).
import type { DiffView, PermissionView, RbacOverview, RoleSummary } from "../../bindings";

const perm = (api: string, apiName: string, name: string, defined = true): PermissionView => ({
  api,
  apiName,
  name,
  defined,
});

const ORDERS = "https://orders.test/";
const REPORTS = "https://reports.test/";

const role = (id: string, name: string, permissions: PermissionView[], memberCount = 1): RoleSummary => ({
  id,
  name,
  description: `${name} role`,
  permissions,
  memberCount,
});

export const overview: RbacOverview = {
  profile: "sandbox",
  tenant: "http://127.0.0.1:4000/",
  takenAt: "2026-11-26T20:00:00Z",
  apis: [
    {
      identifier: ORDERS,
      name: "Orders API",
      system: false,
      scopes: [
        { value: "read:orders", description: "See orders", grantedBy: ["Everyone", "Orders Manager"] },
        { value: "refund:orders", description: "Refund", grantedBy: ["Orders Manager"] },
        { value: "=cmd", description: "odd", grantedBy: [] },
      ],
    },
    {
      identifier: REPORTS,
      name: "Reports API",
      system: false,
      scopes: [{ value: "read:reports", description: "Read reports", grantedBy: ["Report Viewer"] }],
    },
    {
      identifier: "https://t/api/v2/",
      name: "Auth0 Management API",
      system: true,
      scopes: [{ value: "read:users", description: "Read Users", grantedBy: [] }],
    },
  ],
  roles: [
    role("r1", "Everyone", [perm(ORDERS, "Orders API", "read:orders")], 1066),
    role("r2", "Orders Manager", [perm(ORDERS, "Orders API", "read:orders"), perm(ORDERS, "Orders API", "refund:orders")]),
    role("r3", "Report Viewer", [
      perm(REPORTS, "Reports API", "read:reports"),
      perm(REPORTS, "Reports API", "read:legacy-reports", false),
    ]),
    role("r4", "Empty Role", [], 3),
  ],
  findings: [],
  usersChecked: 0,
  requests: 20,
  rateLimited: 0,
};

export const diff: DiffView = {
  a: "before.json",
  b: "profile sandbox",
  identical: false,
  apisAdded: ["Billing API"],
  apisRemoved: [],
  apisChanged: [{ api: "Orders API", scopesAdded: ["export:orders"], scopesRemoved: [], renamedFrom: null }],
  rolesAdded: [],
  rolesRemoved: ["Old Role"],
  rolesChanged: [
    {
      role: "Admin",
      permissionsAdded: [],
      permissionsRemoved: ["write:graph (https://api/)"],
      membersAdded: ["auth0|nora"],
      membersRemoved: [],
      descriptionChanged: true,
    },
  ],
  membersMatchedBy: "user_id",
};
