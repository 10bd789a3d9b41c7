//! Reading answers with a cap: into memory, or streamed to a writer.

use idlens_bounded::Bytes;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Why an answer's body could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    /// The body goes on past `limit` bytes; IdLens stopped reading it there.
    #[error("the answer is larger than {} (IdLens stopped reading it there)", Bytes(*.limit))]
    TooLarge { limit: u64 },
    /// The connection failed mid-body (described by [`crate::describe_error`]).
    #[error("{0}")]
    Transport(String),
    /// The destination of a download could not be written.
    #[error("could not write the download ({0})")]
    Write(#[source] std::io::Error),
}

/// Reads `response`'s body into memory, at most `limit` bytes. A
/// `Content-Length` over the limit is refused before any of the body is read.
pub async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let too_large = || BodyError::TooLarge {
        limit: limit as u64,
    };
    if response
        .content_length()
        .is_some_and(|len| len > limit as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = next_chunk(&mut response).await? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Streams `response`'s body into `out`, at most `limit` bytes, calling
/// `progress` with the bytes written so far after each chunk. Returns the
/// total. On an error `out` holds a partial body: the caller deletes it (or
/// writes to a temporary file and renames it only on success).
pub async fn download<W: AsyncWrite + Unpin>(
    mut response: reqwest::Response,
    out: &mut W,
    limit: u64,
    mut progress: impl FnMut(u64),
) -> Result<u64, BodyError> {
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut written = 0u64;
    while let Some(chunk) = next_chunk(&mut response).await? {
        written += chunk.len() as u64;
        if written > limit {
            return Err(BodyError::TooLarge { limit });
        }
        out.write_all(&chunk).await.map_err(BodyError::Write)?;
        progress(written);
    }
    out.flush().await.map_err(BodyError::Write)?;
    Ok(written)
}

async fn next_chunk(response: &mut reqwest::Response) -> Result<Option<bytes::Bytes>, BodyError> {
    response
        .chunk()
        .await
        .map_err(|e| BodyError::Transport(crate::describe_error(&e)))
}
