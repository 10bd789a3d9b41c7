//! The action log through its public API: appends, verification and each
//! kind of tampering, concurrent appends from threads and processes,
//! hostile lines, secrets kept out, listing and exports.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod concurrency;
mod support;
mod tampering;
mod views;
