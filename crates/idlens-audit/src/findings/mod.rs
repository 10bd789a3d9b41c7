//! The six findings of docs/audit.md: their kinds as the report holds them,
//! the audit in progress that judges each graph row against the index, the
//! finished audit's sorted findings and each one built for the report, and
//! the rules they follow (e-mail normalisation, field drift, the primary of
//! a duplicate account).

pub(crate) mod drift;
pub(crate) mod email_rule;
pub(crate) mod finished;
pub(crate) mod in_progress;
pub(crate) mod kinds;
pub(crate) mod per_kind;
pub(crate) mod primary;
