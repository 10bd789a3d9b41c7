//! Sign-in end to end against a real OpenID provider (`oidc-provider` from
//! npm, `tests/idp/server.mjs`), in its default shape and renamed to Auth0's
//! paths with `audience` mapped to a resource. The binary starts one provider
//! per mode on a free 127.0.0.1 port (tests that stop the provider start
//! their own; `idlens_testkit::idp`), and the tests play the browser over
//! HTTP. `sandbox` runs the same flows against IdLens's own sandbox tenant
//! (`idlens-sandbox`), started in-process per test.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod browser_flow;
mod device_flow;
mod failures;
mod hostile;
mod sandbox;
