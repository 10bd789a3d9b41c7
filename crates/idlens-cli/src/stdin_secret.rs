//! Secrets (client secrets, passwords, tokens) piped into the CLI: read from
//! standard input with a limit that holds while reading, held zeroized, and
//! checked to be text. Arguments are never the place for them: other users
//! see them in the process list.

use idlens_api::{ApiError, ErrorCode};
use zeroize::Zeroizing;

/// Standard input, up to `max` bytes, as text; `what` names it in errors
/// ("the secret", "the token").
pub fn read(what: &str, max: usize) -> Result<Zeroizing<String>, ApiError> {
    let bytes = idlens_bounded::read_to_end(std::io::stdin().lock(), max)
        .map(Zeroizing::new)
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!("could not read {what} from standard input: {e}"),
            )
        })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{what} on standard input is not UTF-8 text"),
        )
    })?;
    Ok(Zeroizing::new(text.to_owned()))
}
