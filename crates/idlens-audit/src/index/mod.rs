//! The Auth0 side held for the audit, compactly: every user's fields in
//! one arena, user numbers in hash tables keyed by id, e-mail and linked
//! secondary id, timestamps packed, connection names interned; and the
//! store of the graph rows the audit must keep.

pub(crate) mod arena;
pub(crate) mod auth0_users;
pub(crate) mod interner;
pub(crate) mod row_store;
pub(crate) mod secondaries;
pub(crate) mod tagged_table;
pub(crate) mod timestamp;
pub(crate) mod user_record;
