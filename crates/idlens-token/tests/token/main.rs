//! Integration tests of the token core: interoperability with PyJWT, the
//! attack suite, classification and explanations, the JWKS cache against a
//! local server, and the batch API.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod attacks;
mod batch;
mod cache;
mod fuzz_seeds;
mod interop;
mod kinds;
mod support;
