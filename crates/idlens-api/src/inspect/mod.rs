//! The token inspector: one token (the Inspector screen, `idlens inspect`)
//! or many (`idlens inspect --batch`), verified against the keys the
//! settings name. GUI and CLI go through the same code, so keys that are not
//! valid, or cannot be fetched, give the same verdict in both: the `key`
//! check fails with the reason, and everything else is still explained. A
//! key *file* that cannot be read is an error (`io` or `invalidInput`): the
//! user named a file, and it is not there or not keys.

pub mod types;

use std::num::NonZeroUsize;
use std::time::Duration;

use idlens_token::{InspectOptions, KeyError, KeySet, Keys, RemoteKeys, Report};

use crate::types::{InspectRequest, InspectSettings, KeySourceInput};
use crate::{non_empty, Api, ApiError};

/// The longest `--max-len` (1 MiB): past it, nothing is a token.
pub const MAX_INPUT_LEN: u32 = 1024 * 1024;

/// Where the keys are, once the settings are read.
enum Source {
    /// Given here: a set, none (decode only), or one that failed to load.
    Local(Result<Option<KeySet>, KeyError>),
    /// Fetched (through the process's cache) when a token needs them.
    Remote(RemoteKeys),
}

/// Settings resolved once, keys included, for any number of inputs.
pub struct PreparedInspect {
    opts: InspectOptions,
    keys: Result<Option<KeySet>, KeyError>,
}

impl PreparedInspect {
    fn keys(&self) -> Keys<'_> {
        match &self.keys {
            Ok(keys) => keys.as_ref().into(),
            Err(error) => error.into(),
        }
    }

    /// Why the keys could not be had, when they could not: every verdict's
    /// `key` check then fails with it.
    pub fn keys_unavailable(&self) -> Option<&KeyError> {
        self.keys.as_ref().err()
    }

    /// The longest input read whole (the batch line limit).
    pub fn max_len(&self) -> usize {
        self.opts.max_len
    }

    /// One input, as read.
    pub fn inspect(&self, input: &[u8]) -> Report {
        idlens_token::inspect_bytes(input, &self.opts, self.keys())
    }

    /// Many inputs on `threads` threads; `each` gets every report in input
    /// order, as soon as it is its turn.
    pub fn inspect_each<S: AsRef<[u8]> + Sync>(
        &self,
        inputs: &[S],
        threads: NonZeroUsize,
        each: impl FnMut(usize, Report),
    ) {
        idlens_token::inspect_batch_each(inputs, &self.opts, self.keys(), threads, each);
    }
}

impl Api {
    /// Decodes, explains and verifies one token. Never sends the token
    /// anywhere; key problems come back as failed checks in the report, and
    /// inputs that are not signed tokens are answered without any fetch.
    pub async fn token_inspect(&self, request: InspectRequest) -> Result<Report, ApiError> {
        let token = request.token.expose().trim().as_bytes();
        self.token_inspect_input(token, request.settings).await
    }

    /// [`token_inspect`](Self::token_inspect) for input as read (bytes from
    /// a pipe or file): over `max_len` it is "too large", not UTF-8 it is
    /// "malformed", in both cases without any key fetch.
    pub async fn token_inspect_input(
        &self,
        input: &[u8],
        settings: InspectSettings,
    ) -> Result<Report, ApiError> {
        let (opts, source) = self.inspect_source(settings).await?;
        Ok(match source {
            Source::Local(Ok(keys)) => idlens_token::inspect_bytes(input, &opts, keys.as_ref()),
            Source::Local(Err(error)) => idlens_token::inspect_bytes(input, &opts, &error),
            Source::Remote(remote) => match std::str::from_utf8(input) {
                Ok(text) => idlens_token::inspect_remote(text, &opts, self.jwks(), &remote).await,
                Err(_) => idlens_token::inspect_bytes(input, &opts, None),
            },
        })
    }

    /// Resolves the settings for many tokens: keys are loaded, or fetched,
    /// once. A fetch that fails makes every verdict's `key` check fail.
    pub async fn token_inspect_prepare(
        &self,
        settings: InspectSettings,
    ) -> Result<PreparedInspect, ApiError> {
        let (mut opts, source) = self.inspect_source(settings).await?;
        let keys = match source {
            Source::Local(keys) => keys,
            Source::Remote(remote) => {
                if let (RemoteKeys::Issuer(issuer), None) = (&remote, &opts.issuer) {
                    // The issuer the user chose stays the one to expect, even
                    // when its keys cannot be fetched.
                    opts.issuer = Some(issuer.clone());
                }
                self.jwks().keys(&remote).await.map(Some)
            }
        };
        Ok(PreparedInspect { opts, keys })
    }

    /// The checks' options and where the keys come from.
    async fn inspect_source(
        &self,
        settings: InspectSettings,
    ) -> Result<(InspectOptions, Source), ApiError> {
        let mut opts = options(&settings);
        let source = match settings.keys {
            KeySourceInput::None => Source::Local(Ok(None)),
            KeySourceInput::Text { text } => {
                Source::Local(KeySet::from_text(&text, "pasted keys").map(Some))
            }
            KeySourceInput::File { path } => {
                let keys = tokio::task::spawn_blocking(move || {
                    KeySet::from_file(std::path::Path::new(&path))
                })
                .await
                .map_err(|e| ApiError::new(crate::ErrorCode::Internal, e.to_string()))??;
                Source::Local(Ok(Some(keys)))
            }
            KeySourceInput::HmacSecret { secret } => {
                Source::Local(KeySet::from_hmac_secret(secret).map(Some))
            }
            KeySourceInput::Profile { name } => {
                let profile = self.load_profile(name).await?;
                if opts.audiences.is_empty() {
                    opts.audiences = profile
                        .audience
                        .iter()
                        .cloned()
                        .chain([profile.client_id.clone()])
                        .collect();
                }
                Source::Remote(RemoteKeys::Issuer(profile.issuer.to_string()))
            }
            KeySourceInput::Issuer { url } => Source::Remote(RemoteKeys::Issuer(url.trim().into())),
            KeySourceInput::JwksUrl { url } => {
                Source::Remote(RemoteKeys::JwksUrl(url.trim().into()))
            }
        };
        Ok((opts, source))
    }
}

fn options(settings: &InspectSettings) -> InspectOptions {
    let mut opts = InspectOptions {
        issuer: non_empty(settings.issuer.clone()),
        audiences: settings
            .audiences
            .iter()
            .filter_map(|a| non_empty(Some(a.clone())))
            .collect(),
        nonce: non_empty(settings.nonce.clone()),
        authorized_party: non_empty(settings.authorized_party.clone()),
        ..InspectOptions::default()
    };
    if let Some(secs) = settings.leeway_secs {
        opts.leeway = Duration::from_secs(secs.min(24 * 60 * 60));
    }
    if let Some(max) = settings.max_len {
        opts.max_len = max.clamp(1, MAX_INPUT_LEN) as usize;
    }
    opts
}
