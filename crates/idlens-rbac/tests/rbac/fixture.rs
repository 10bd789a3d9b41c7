//! A small tenant with every situation the logic distinguishes.

use idlens_rbac::{
    ApiDef, Member, PermissionRef, RoleDef, RoleGrant, ScopeDef, Snapshot, UserAccess, UserGrants,
};

pub const ORDERS: &str = "https://orders.test/";
pub const REPORTS: &str = "https://reports.test/";
pub const BILLING: &str = "https://billing.test/";
pub const MANAGEMENT: &str = "https://t.test/api/v2/";

fn api(identifier: &str, name: &str, scopes: &[&str], system: bool) -> ApiDef {
    ApiDef {
        identifier: identifier.to_owned(),
        name: name.to_owned(),
        system,
        scopes: scopes
            .iter()
            .map(|s| ScopeDef {
                value: (*s).to_owned(),
                description: String::new(),
            })
            .collect(),
    }
}

fn role(id: &str, name: &str, permissions: &[(&str, &str)], members: &[&str]) -> RoleDef {
    RoleDef {
        id: id.to_owned(),
        name: name.to_owned(),
        description: String::new(),
        permissions: permissions
            .iter()
            .map(|(api, name)| PermissionRef::new(api, name))
            .collect(),
        members: members
            .iter()
            .map(|u| Member {
                user_id: (*u).to_owned(),
                email: Some(format!("{}@example.test", u.trim_start_matches("auth0|"))),
                name: None,
            })
            .collect(),
    }
}

pub fn snapshot() -> Snapshot {
    Snapshot::new(
        "https://t.test/",
        "2026-11-26T00:00:00Z",
        vec![
            api(
                ORDERS,
                "Orders",
                &["read:orders", "write:orders", "refund:orders"],
                false,
            ),
            api(
                REPORTS,
                "Reports",
                &["read:reports", "export:reports"],
                false,
            ),
            api(BILLING, "Billing", &["read:invoices"], false),
            api(MANAGEMENT, "Auth0 Management API", &["read:users"], true),
        ],
        vec![
            role(
                "rol_every",
                "Everyone",
                &[(ORDERS, "read:orders")],
                &["auth0|u1", "auth0|u2"],
            ),
            role(
                "rol_mgr",
                "Manager",
                &[
                    (ORDERS, "read:orders"),
                    (ORDERS, "write:orders"),
                    (ORDERS, "refund:orders"),
                ],
                &["auth0|u2"],
            ),
            role(
                "rol_legacy",
                "Legacy",
                &[(REPORTS, "read:reports"), (REPORTS, "read:legacy")],
                &["auth0|u3"],
            ),
            role("rol_unused", "Unused", &[(ORDERS, "refund:orders")], &[]),
            role("rol_empty", "Empty", &[], &["auth0|u1"]),
        ],
        Some(vec![
            UserGrants {
                user_id: "auth0|u4".to_owned(),
                email: Some("u4@example.test".to_owned()),
                direct: vec![PermissionRef::new(ORDERS, "write:orders")],
            },
            // Checked, and nothing given directly: no finding.
            UserGrants {
                user_id: "auth0|u1".to_owned(),
                email: Some("u1@example.test".to_owned()),
                direct: Vec::new(),
            },
        ]),
    )
}

/// A user's access as the snapshot has it (roles by membership, direct grants).
pub fn user(snapshot: &Snapshot, user_id: &str) -> UserAccess {
    UserAccess {
        user_id: user_id.to_owned(),
        roles: snapshot
            .roles
            .iter()
            .filter(|r| r.members.iter().any(|m| m.user_id == user_id))
            .map(|r| RoleGrant {
                id: r.id.clone(),
                name: r.name.clone(),
                permissions: r.permissions.clone(),
            })
            .collect(),
        direct: snapshot
            .users
            .iter()
            .flatten()
            .filter(|u| u.user_id == user_id)
            .flat_map(|u| u.direct.clone())
            .collect(),
    }
}
