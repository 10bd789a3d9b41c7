//! Everything that crosses the IPC boundary, gathered from the domain modules
//! that own it. Field names are camelCase on the wire; TypeScript declarations
//! are generated from these types (see [`crate::typescript`]).

pub use crate::actions::types::*;
pub use crate::audit::types::*;
pub use crate::exports::types::*;
pub use crate::graph::types::*;
pub use crate::inspect::types::*;
pub use crate::jobs::types::*;
pub use crate::logs::types::*;
pub use crate::profiles::types::*;
pub use crate::rbac::types::*;
pub use crate::session::types::*;
pub use crate::support::fix_types::*;
pub use crate::support::types::*;
pub use crate::updates::types::*;
