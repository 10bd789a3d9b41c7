use expect_test::{expect, Expect};
use idlens_rbac::{
    check_token, diff, effective, explain, findings, Explanation, NotGranted, Source,
};
use serde_json::json;

use crate::fixture::*;

fn source(s: &Source) -> String {
    match s {
        Source::Direct => "direct".to_owned(),
        Source::Role { name, .. } => format!("role {name}"),
    }
}

fn render(explanations: &[Explanation]) -> String {
    explanations
        .iter()
        .map(|e| match e {
            Explanation::Granted {
                permission,
                paths,
                defined,
            } => format!(
                "granted on {}{}: {}",
                permission.api,
                if *defined {
                    ""
                } else {
                    " (the API no longer defines it)"
                },
                paths.iter().map(source).collect::<Vec<_>>().join(", ")
            ),
            Explanation::NotGranted { permission, reason } => format!(
                "not granted on {}: {}",
                if permission.api.is_empty() {
                    "any API"
                } else {
                    &permission.api
                },
                match reason {
                    NotGranted::NoSuchApi => "no API has this identifier".to_owned(),
                    NotGranted::NotDefined => "the API does not define it".to_owned(),
                    NotGranted::AssignedToNobody =>
                        "it exists but is assigned to nobody".to_owned(),
                    NotGranted::NoRoleOfTheUser { roles } => format!(
                        "no role of the user grants it (roles that do: {})",
                        roles
                            .iter()
                            .map(|r| r.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            ),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn check_explain(cases: &[(&str, &str, Option<&str>)], expected: Expect) {
    let snapshot = snapshot();
    let out: Vec<String> = cases
        .iter()
        .map(|(user_id, permission, api)| {
            let user = user(&snapshot, user_id);
            format!(
                "{user_id} {permission} {}: {}",
                api.unwrap_or("(any API)"),
                render(&explain(&user, &snapshot, permission, *api))
            )
        })
        .collect();
    expected.assert_eq(&out.join("\n"));
}

#[test]
fn explain_gives_every_path_or_the_reason_why_not() {
    check_explain(
        &[
            ("auth0|u2", "read:orders", Some(ORDERS)),
            ("auth0|u4", "write:orders", Some(ORDERS)),
            ("auth0|u1", "write:orders", Some(ORDERS)),
            ("auth0|u1", "export:reports", Some(REPORTS)),
            ("auth0|u1", "read:invoices", None),
            ("auth0|u3", "read:legacy", None),
            ("auth0|u1", "fly:planes", None),
            ("auth0|u1", "read:orders", Some("https://nowhere.test/")),
            ("auth0|u1", "delete:orders", Some(ORDERS)),
        ],
        expect![[r#"
            auth0|u2 read:orders https://orders.test/: granted on https://orders.test/: role Everyone, role Manager
            auth0|u4 write:orders https://orders.test/: granted on https://orders.test/: direct
            auth0|u1 write:orders https://orders.test/: not granted on https://orders.test/: no role of the user grants it (roles that do: Manager)
            auth0|u1 export:reports https://reports.test/: not granted on https://reports.test/: it exists but is assigned to nobody
            auth0|u1 read:invoices (any API): not granted on https://billing.test/: it exists but is assigned to nobody
            auth0|u3 read:legacy (any API): granted on https://reports.test/ (the API no longer defines it): role Legacy
            auth0|u1 fly:planes (any API): not granted on any API: the API does not define it
            auth0|u1 read:orders https://nowhere.test/: not granted on https://nowhere.test/: no API has this identifier
            auth0|u1 delete:orders https://orders.test/: not granted on https://orders.test/: the API does not define it"#]],
    );
}

#[test]
fn effective_permissions_carry_every_source() {
    let snapshot = snapshot();
    let out: Vec<String> = [
        "auth0|u1",
        "auth0|u2",
        "auth0|u3",
        "auth0|u4",
        "auth0|nobody",
    ]
    .iter()
    .map(|id| {
        let listed: Vec<String> = effective(&user(&snapshot, id), &snapshot.apis)
            .iter()
            .map(|e| {
                format!(
                    "{}{} [{}]",
                    e.permission.name,
                    if e.defined { "" } else { " (undefined)" },
                    e.sources.iter().map(source).collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        format!("{id}: {}", listed.join("; "))
    })
    .collect();
    expect![[r#"
        auth0|u1: read:orders [role Everyone]
        auth0|u2: read:orders [role Everyone, role Manager]; refund:orders [role Manager]; write:orders [role Manager]
        auth0|u3: read:legacy (undefined) [role Legacy]; read:reports [role Legacy]
        auth0|u4: write:orders [direct]
        auth0|nobody: "#]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn token_check_tells_matching_missing_and_revoked_permissions() {
    let snapshot = snapshot();
    let now = 1_800_000_000;
    let cases = [
        (
            "matches",
            "auth0|u2",
            json!({"sub": "auth0|u2", "aud": ORDERS, "exp": now + 600, "permissions": ["read:orders", "refund:orders", "write:orders"]}),
        ),
        (
            "granted since",
            "auth0|u2",
            json!({"sub": "auth0|u2", "aud": ORDERS, "exp": now + 600, "permissions": ["read:orders"]}),
        ),
        (
            "revoked since",
            "auth0|u1",
            json!({"sub": "auth0|u1", "aud": ORDERS, "exp": now + 3600, "permissions": ["read:orders", "write:orders"]}),
        ),
        (
            "scope only",
            "auth0|u1",
            json!({"sub": "auth0|u1", "aud": ORDERS, "exp": now - 5, "scope": "openid profile read:orders refund:orders"}),
        ),
        (
            "undefined scope",
            "auth0|u3",
            json!({"sub": "auth0|u3", "aud": REPORTS, "exp": now + 60, "permissions": ["read:legacy", "read:reports"]}),
        ),
    ];
    let out: Vec<String> = cases
        .iter()
        .map(|(name, user_id, claims)| {
            let granted = effective(&user(&snapshot, user_id), &snapshot.apis);
            let api = claims["aud"].as_str().unwrap();
            let check = check_token(claims.as_object().unwrap(), api, &granted, now);
            format!(
                "{name}: from {}; matching {:?}; missing {:?}; extra {:?}; expires in {:?}; stale {}; matches {}",
                check.from_claim, check.matching, check.missing, check.extra, check.expires_in, check.stale(), check.matches()
            )
        })
        .collect();
    expect![[r#"
        matches: from permissions; matching ["read:orders", "refund:orders", "write:orders"]; missing []; extra []; expires in Some(600); stale false; matches true
        granted since: from permissions; matching ["read:orders"]; missing ["refund:orders", "write:orders"]; extra []; expires in Some(600); stale false; matches false
        revoked since: from permissions; matching ["read:orders"]; missing []; extra ["write:orders"]; expires in Some(3600); stale true; matches false
        scope only: from scope; matching ["read:orders"]; missing []; extra ["refund:orders"]; expires in Some(-5); stale false; matches false
        undefined scope: from permissions; matching ["read:reports"]; missing []; extra ["read:legacy"]; expires in Some(60); stale true; matches false"#]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn findings_name_every_kind() {
    let out: Vec<String> = findings(&snapshot())
        .iter()
        .map(|f| format!("{:?} {}: {}", f.kind, f.subject, f.items.join(", ")))
        .collect();
    expect![[r#"
        RoleWithoutMembers Unused: 
        RoleWithoutPermissions Empty: 
        DirectPermission auth0|u4: write:orders (https://orders.test/)
        UndefinedPermission Legacy: read:legacy (https://reports.test/)
        UngrantedScopes Billing: read:invoices
        UngrantedScopes Reports: export:reports"#]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn diff_of_two_days_and_of_two_tenants() {
    let before = snapshot();
    let mut after = snapshot();
    after.apis.retain(|a| a.identifier != BILLING);
    after.apis[0].scopes.push(idlens_rbac::ScopeDef {
        value: "cancel:orders".into(),
        description: String::new(),
    });
    let manager = after
        .roles
        .iter_mut()
        .find(|r| r.name == "Manager")
        .unwrap();
    manager.permissions.retain(|p| p.name != "refund:orders");
    manager.members.push(idlens_rbac::Member {
        user_id: "auth0|u9".into(),
        email: Some("U9@Example.test".into()),
        name: None,
    });
    after.roles.retain(|r| r.name != "Unused");
    let same_tenant = diff(&before, &after);
    assert!(!same_tenant.is_empty());
    assert!(diff(&before, &before).is_empty());

    let mut other = after.clone();
    other.tenant = "https://staging.test/".into();
    for role in &mut other.roles {
        role.id = format!("{}_staging", role.id);
        for m in &mut role.members {
            m.user_id = format!("{}_staging", m.user_id);
        }
    }
    let across = diff(&before, &other);
    expect![[r#"
        {
          "apisAdded": [],
          "apisRemoved": [
            "https://billing.test/"
          ],
          "apisChanged": [
            {
              "api": "https://orders.test/",
              "scopesAdded": [
                "cancel:orders"
              ],
              "scopesRemoved": [],
              "renamedFrom": null
            }
          ],
          "rolesAdded": [],
          "rolesRemoved": [
            "Unused"
          ],
          "rolesChanged": [
            {
              "role": "Manager",
              "permissionsAdded": [],
              "permissionsRemoved": [
                "refund:orders (https://orders.test/)"
              ],
              "membersAdded": [
                "auth0|u9"
              ],
              "membersRemoved": [],
              "descriptionChanged": false
            }
          ]
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&same_tenant).unwrap());
    // Across tenants members are matched by e-mail: only the new one differs.
    let manager = across
        .roles_changed
        .iter()
        .find(|r| r.role == "Manager")
        .unwrap();
    assert_eq!(manager.members_added, vec!["u9@example.test"]);
    assert!(manager.members_removed.is_empty());
    assert_eq!(across.roles_changed.len(), 1, "{across:#?}");
}

#[test]
fn a_snapshot_is_the_same_text_whatever_the_order_it_was_fetched_in() {
    let a = snapshot();
    let mut apis = a.apis.clone();
    apis.reverse();
    let mut roles = a.roles.clone();
    roles.reverse();
    for r in &mut roles {
        r.members.reverse();
        r.permissions.reverse();
    }
    let b = idlens_rbac::Snapshot::new(&a.tenant, &a.taken_at, apis, roles, a.users.clone());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let text = serde_json::to_string(&a).unwrap();
    let back: idlens_rbac::Snapshot = serde_json::from_str(&text).unwrap();
    assert_eq!(back, a);
}
