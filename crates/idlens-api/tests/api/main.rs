//! Integration tests of `idlens_api`: the operations as the GUI and CLI call
//! them, and the generated TypeScript boundary.

mod bindings;
mod ops;
mod session;
