use thiserror::Error;

/// Why keys could not be loaded or fetched. Every message is a full sentence
/// that says what to do next.
///
/// For the API boundary: `Invalid`, `Url`, `Discovery` and `IssuerMismatch`
/// are the user's input; `Io` is a file; `Fetch` and `Status` are the network.
#[derive(Debug, Error)]
pub enum KeyError {
    #[error("The keys from {source_name} cannot be used: {problem}.")]
    Invalid {
        source_name: String,
        problem: String,
    },

    #[error("Could not read {path}: {source}. Check the path and that IdLens may read the file.")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("IdLens does not fetch keys from {url}: {problem}.")]
    Url { url: String, problem: String },

    #[error("Could not fetch {url}: {detail}. Check the address and the network connection.")]
    Fetch { url: String, detail: String },

    #[error("{url} answered HTTP {status}. Check that the issuer or JWKS address is right.")]
    Status { url: String, status: u16 },

    #[error("The discovery document at {url} cannot be used: {problem}.")]
    Discovery { url: String, problem: String },

    #[error(
        "The discovery document at {url} names the issuer {found:?}, not {expected:?}. {hint}"
    )]
    IssuerMismatch {
        url: String,
        expected: String,
        found: String,
        hint: String,
    },
}
