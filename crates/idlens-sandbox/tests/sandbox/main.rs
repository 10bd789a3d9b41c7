//! The sandbox tenant over real HTTP on 127.0.0.1: every flow a sign-in
//! client relies on, and the tokens verified by IdLens's own token core.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod support;

mod account;
mod brute_force;
mod conformance;
mod device;
mod discovery;
mod exports;
mod limits;
mod log_search;
mod logs;
mod m2m;
mod management;
mod mfa;
mod pkce;
mod refresh;
mod sessions;
mod tokens;
