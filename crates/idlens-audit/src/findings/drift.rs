//! The `field_drift` rule: which fields of an id's first graph row differ
//! from its Auth0 user (docs/audit.md).

use serde_json::Value;

use crate::findings::email_rule::normalize_opt;
use crate::findings::kinds::{DriftField, FieldDiff};
use crate::index::user_record::UserView;
use crate::read::graph_row::GraphRowRef;

/// Which mapped fields are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Compared {
    pub name: bool,
    pub email_verified: bool,
}

/// A set of [`DriftField`]s (no allocation on the per-row path).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DriftSet(u8);

impl DriftSet {
    const ORDER: [DriftField; 3] = [
        DriftField::Email,
        DriftField::EmailVerified,
        DriftField::Name,
    ];

    fn add(&mut self, field: DriftField) {
        self.0 |= 1 << field as u8;
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields, in the order email, email_verified, name.
    pub fn fields(self) -> impl Iterator<Item = DriftField> {
        Self::ORDER
            .into_iter()
            .filter(move |f| self.0 & (1 << *f as u8) != 0)
    }
}

/// The fields of `row` (an id's first graph row) that differ from `user`.
pub(crate) fn drifted(user: &UserView<'_>, row: &GraphRowRef<'_>, compared: Compared) -> DriftSet {
    let mut set = DriftSet::default();
    // `email_norm` is the user's normalised e-mail (None: no e-mail).
    if user.email_norm != normalize_opt(row.email).as_deref() {
        set.add(DriftField::Email);
    }
    // The graph's e-mail-verified counts only when set; then an Auth0 user
    // without `email_verified` (null) differs from both true and false.
    if compared.email_verified
        && row.email_verified.is_some()
        && row.email_verified != user.email_verified
    {
        set.add(DriftField::EmailVerified);
    }
    if compared.name && user.name != row.name {
        set.add(DriftField::Name);
    }
    set
}

/// Whether the row holds exactly what the graph would hold for `user`
/// under the mapping: then the engine need not keep it.
pub(crate) fn is_projection(
    user: &UserView<'_>,
    row: &GraphRowRef<'_>,
    compared: Compared,
) -> bool {
    row.email == user.email
        && row.name == if compared.name { user.name } else { None }
        && row.email_verified
            == if compared.email_verified {
                user.email_verified
            } else {
                None
            }
}

/// The graph row that [`is_projection`] accepts for `user`.
pub(crate) fn projection<'a>(user: &UserView<'a>, compared: Compared) -> GraphRowRef<'a> {
    GraphRowRef {
        id: user.user_id,
        email: user.email,
        name: if compared.name { user.name } else { None },
        email_verified: if compared.email_verified {
            user.email_verified
        } else {
            None
        },
    }
}

/// Each differing field with both sides' raw values.
pub(crate) fn diffs(
    user: &UserView<'_>,
    row: &GraphRowRef<'_>,
    fields: DriftSet,
) -> Vec<FieldDiff> {
    let text = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
    let flag = |v: Option<bool>| v.map_or(Value::Null, Value::Bool);
    fields
        .fields()
        .map(|field| {
            let (auth0, graph) = match field {
                DriftField::Email => (text(user.email), text(row.email)),
                DriftField::EmailVerified => (flag(user.email_verified), flag(row.email_verified)),
                DriftField::Name => (text(user.name), text(row.name)),
            };
            FieldDiff {
                field,
                auth0,
                graph,
            }
        })
        .collect()
}
