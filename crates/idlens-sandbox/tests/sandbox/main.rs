//! The sandbox tenant over real HTTP on 127.0.0.1: every flow a sign-in
//! client relies on, and the tokens verified by IdLens's own token core.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines)]

mod support;

mod conformance;
mod device;
mod discovery;
mod exports;
mod limits;
/// The login page played over HTTP, shared with the other crates' tests.
#[path = "../../testing/login_page.rs"]
mod login_page;
mod m2m;
mod management;
mod pkce;
mod refresh;
/// Real tokens for tests (PKCE challenges, client credentials), shared with the other crates' tests.
#[path = "../../testing/tenant_tokens.rs"]
mod tenant_tokens;
mod tokens;
