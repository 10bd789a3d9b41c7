pub mod idp;
pub mod user_agent;

pub use idp::{Idp, Mode};
pub use user_agent::UserAgent;
