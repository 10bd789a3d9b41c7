//! The tenant's APIs, roles and who has which: a model consistent with its
//! users, with every RBAC finding IdLens reports present at least once.
//!
//! - The IdLens API: roles Admin, Support, Auditor (the documented users).
//! - The Orders API: the role Everyone (most users: more than 1,000 members),
//!   Orders Manager, and `write:orders` given directly to a few users.
//! - The Reports API: Report Viewer, which still grants `read:legacy-reports`,
//!   a scope the API no longer defines.
//! - The Billing API: scopes no role grants.
//! - Unused Role (no members) and Empty Role (no permissions).
//! - The Auth0 Management API, as Auth0 lists it (a system API).

use super::seed::SeedRng;
use super::{ApiScope, Permission, ResourceServer, Role, User, API_AUDIENCE};

pub const ORDERS_AUDIENCE: &str = "https://orders.idlens.test/";
pub const REPORTS_AUDIENCE: &str = "https://reports.idlens.test/";
pub const BILLING_AUDIENCE: &str = "https://billing.idlens.test/";

/// The ID of the role most users have (more than 1,000 members).
pub const EVERYONE_ROLE_ID: &str = "rol_Ev3ryoneSandbox04";

fn api(id: &str, name: &str, identifier: &str, scopes: &[(&str, &str)]) -> ResourceServer {
    ResourceServer {
        id: id.to_owned(),
        name: name.to_owned(),
        identifier: identifier.to_owned(),
        scopes: scopes
            .iter()
            .map(|(value, description)| ApiScope {
                value: (*value).to_owned(),
                description: (*description).to_owned(),
            })
            .collect(),
        signing_alg: "RS256".to_owned(),
        enforce_policies: true,
        token_dialect: "access_token_authz".to_owned(),
        is_system: false,
    }
}

/// The tenant's APIs; the first is the IdLens API that sign-in asks for.
pub(crate) fn apis(issuer: &str) -> Vec<ResourceServer> {
    let management = format!("{issuer}api/v2/");
    let mut management = api(
        "6553f0a1c2d4e5f6a7b8c9ff",
        "Auth0 Management API",
        &management,
        &[
            ("read:users", "Read Users"),
            ("update:users", "Update Users"),
            ("read:roles", "Read Roles"),
            ("read:connections", "Read Connections"),
            ("read:resource_servers", "Read Resource Servers"),
            ("create:users_exports", "Create User Exports"),
            ("read:users_exports", "Read User Exports"),
            ("read:current_user", "Read Current User"),
        ],
    );
    management.is_system = true;
    management.enforce_policies = false;
    management.token_dialect = "access_token".to_owned();
    vec![
        api(
            "6553f0a1c2d4e5f6a7b8c9d0",
            "IdLens API",
            API_AUDIENCE,
            &[
                ("read:users", "Read users and their identities"),
                ("read:roles", "Read roles and their permissions"),
                ("read:graph", "Read the user graph"),
                ("write:graph", "Change the user graph"),
                ("read:tokens", "Decode and verify tokens for support cases"),
                ("run:audit", "Run the Auth0 and graph sync audit"),
            ],
        ),
        api(
            "6553f0a1c2d4e5f6a7b8c9d1",
            "Orders API",
            ORDERS_AUDIENCE,
            &[
                ("read:orders", "See orders"),
                ("write:orders", "Create and change orders"),
                ("refund:orders", "Refund orders"),
            ],
        ),
        api(
            "6553f0a1c2d4e5f6a7b8c9d2",
            "Reports API",
            REPORTS_AUDIENCE,
            &[
                ("read:reports", "Read reports"),
                ("export:reports", "Export reports"),
            ],
        ),
        api(
            "6553f0a1c2d4e5f6a7b8c9d3",
            "Billing API",
            BILLING_AUDIENCE,
            &[
                ("read:invoices", "Read invoices"),
                ("write:invoices", "Issue invoices"),
            ],
        ),
        management,
    ]
}

fn permissions(api: &str, names: &[&str]) -> Vec<Permission> {
    names
        .iter()
        .map(|name| Permission {
            api: api.to_owned(),
            name: (*name).to_owned(),
        })
        .collect()
}

fn role(id: &str, name: &str, description: &str, permissions: Vec<Permission>) -> Role {
    Role {
        id: id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        permissions,
    }
}

/// The roles. The first three keep their places: the documented users and
/// the crowd's Support and Auditor members refer to them by index.
pub(crate) fn roles() -> Vec<Role> {
    let all_idlens = [
        "read:users",
        "read:roles",
        "read:graph",
        "write:graph",
        "read:tokens",
        "run:audit",
    ];
    vec![
        role(
            "rol_Adm1nSandbox0001",
            "Admin",
            "Full access to IdLens",
            permissions(API_AUDIENCE, &all_idlens),
        ),
        role(
            "rol_Supp0rtSandbox02",
            "Support",
            "Support desk: users and tokens",
            permissions(API_AUDIENCE, &["read:users", "read:tokens"]),
        ),
        role(
            "rol_Aud1torSandbox03",
            "Auditor",
            "Read-only audits",
            permissions(
                API_AUDIENCE,
                &["read:users", "read:roles", "read:graph", "run:audit"],
            ),
        ),
        role(
            EVERYONE_ROLE_ID,
            "Everyone",
            "Every customer: see their orders",
            permissions(ORDERS_AUDIENCE, &["read:orders"]),
        ),
        role(
            "rol_0rdersMgrSandbx05",
            "Orders Manager",
            "Change and refund orders",
            permissions(
                ORDERS_AUDIENCE,
                &["read:orders", "write:orders", "refund:orders"],
            ),
        ),
        role(
            "rol_Rep0rtViewSndbx06",
            "Report Viewer",
            "Reads reports, including the retired legacy ones",
            permissions(REPORTS_AUDIENCE, &["read:reports", "read:legacy-reports"]),
        ),
        role(
            "rol_Unus3dRoleSndbx07",
            "Unused Role",
            "Made for a project that never started",
            permissions(ORDERS_AUDIENCE, &["refund:orders"]),
        ),
        role(
            "rol_3mptyRoleSndbx08",
            "Empty Role",
            "No permissions yet",
            Vec::new(),
        ),
    ]
}

/// Gives the crowd its other roles and a few direct permissions, from a
/// random stream of its own (so the users themselves stay as they were).
pub(crate) fn assign(seed: u64, users: &mut [User], roles: &[Role]) {
    let mut rng = SeedRng::new(seed ^ 0x7262_6163_2d73_6565);
    let id = |name: &str| {
        roles
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.id.clone())
            .expect("a seeded role")
    };
    let (everyone, orders, reports, empty) = (
        id("Everyone"),
        id("Orders Manager"),
        id("Report Viewer"),
        id("Empty Role"),
    );
    // The documented sign-in users keep exactly the roles their page names.
    for user in users.iter_mut().skip(super::people::DOCUMENTED_USERS) {
        if rng.chance(88) {
            user.role_ids.push(everyone.clone());
        }
        if rng.chance(3) {
            user.role_ids.push(orders.clone());
        }
        if rng.chance(2) {
            user.role_ids.push(reports.clone());
        }
        if rng.chance(1) {
            user.role_ids.push(empty.clone());
        }
        if rng.chance(1) {
            user.direct_permissions
                .extend(permissions(ORDERS_AUDIENCE, &["write:orders"]));
        }
    }
}
