//! The Support desk's pure logic ("why can't this customer sign in?"): no
//! I/O, no runtime. Callers hand in events and query text read through the
//! shared bounded guards.
//!
//! The modules: `facts` (what the caller gathered about one customer,
//! handed to the rules: [`Evidence`]), `codes` (every Auth0 log event type code, explained for a
//! support agent: [`LOG_CODES`], [`lookup`]), `event` (a log event as Auth0
//! sends it: [`LogEvent`]), `query` (the Lucene subset Auth0's log search
//! understands, parsed with bounds and matched locally: [`Query`]),
//! `timeline` (several event lists merged newest first, once per `log_id`,
//! saying when Auth0's search limit or the plan's retention hides older
//! events: [`timeline()`]), `who` (what support typed: an e-mail, user ID
//! or username, checked: [`Who::parse`]), `diagnosis` (the likely reasons
//! a customer cannot sign in, each citing its events and state:
//! [`diagnose`]).

#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod codes;
mod diagnosis;
mod event;
mod facts;
mod query;
#[cfg(test)]
mod testing;
mod timeline;
mod who;

pub use codes::{lookup, LogCategory, LogCode, Lookup, Outcome, LOG_CODES};
pub use diagnosis::{diagnose, Cause, CauseKind, Citation, Diagnosis, MAX_CAUSES, MAX_CITATIONS};
pub use event::{
    LogEvent, CUT_MARK, MAX_DESCRIPTION_CHARS, MAX_DETAILS_BYTES, MAX_USER_AGENT_CHARS,
};
pub use facts::{
    AccountFacts, Availability, BlockFacts, BruteForceFacts, BruteForceMode, Evidence,
    IdentityFacts, MfaMethodFacts,
};
pub use query::{
    phrase_term, prefix_term, Field, Query, QueryError, MAX_QUERY_CHARS, MAX_QUERY_DEPTH,
    MAX_QUERY_TERMS,
};
pub use timeline::{
    at_retention_edge, merge, timeline, timeline_kept, Plan, Timeline, RETENTION_EDGE,
    SEARCH_RESULT_LIMIT,
};
pub use who::{Who, WhoError, MAX_WHO_CHARS};
