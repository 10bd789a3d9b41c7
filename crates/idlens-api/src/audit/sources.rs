//! Where an audit's two sides come from: the Auth0 side as NDJSON bytes (a
//! file, a users export, or the Management API's search), the graph side as
//! a file or the live connection.

use std::io::Read;
use std::path::{Path, PathBuf};

use idlens_audit::{
    Auth0Index, Auth0SourceKind, GraphSourceKind, Mapping, MappingText, ReadOptions,
};
use idlens_auth0::{AtCap, SEARCH_CAP};
use idlens_job::Job;
use idlens_profile::Profile;

use crate::graph::{mapping_text_of, neo4j_settings};
use crate::types::{AuditAuth0Source, AuditGraphSource, AuditMappingOverride, UsersExportRequest};
use crate::{Api, ApiError, ErrorCode};

/// The Auth0 side, ready to be read.
pub(super) struct Auth0Input {
    pub kind: Auth0SourceKind,
    pub name: String,
    pub bytes: Auth0Bytes,
    /// Whether the source cannot confirm it gave every user (a search
    /// whose answers carried no total).
    pub count_unconfirmed: bool,
}

pub(super) enum Auth0Bytes {
    File(PathBuf),
    /// A users export downloaded into a temporary folder (removed on drop).
    Downloaded {
        path: PathBuf,
        /// Keeps the folder until the audit has read the file.
        _folder: tempfile::TempDir,
    },
    Memory(Vec<u8>),
}

impl Auth0Bytes {
    /// The bytes as a reader; opening files is blocking work.
    pub fn open(&self) -> Result<Box<dyn Read + Send + '_>, ApiError> {
        match self {
            Auth0Bytes::File(path) | Auth0Bytes::Downloaded { path, .. } => {
                Ok(Box::new(open_file(path)?))
            }
            Auth0Bytes::Memory(bytes) => Ok(Box::new(bytes.as_slice())),
        }
    }
}

/// Reads Auth0's users from `input` (blocking work) through the job: a
/// cancel stops the reading at its next block and is the error.
pub(super) fn read_users(
    input: impl Read + Send,
    options: &ReadOptions,
    job: &Job,
) -> Result<Auth0Index, ApiError> {
    let index = Auth0Index::read(job.reader(input), options).map_err(|e| match job.check() {
        Err(cancelled) => ApiError::from(cancelled),
        Ok(()) => e.into(),
    })?;
    job.check()?;
    Ok(index)
}

pub(super) fn open_file(path: &Path) -> Result<std::fs::File, ApiError> {
    std::fs::File::open(path).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("Could not open {}: {e}. Check the path.", path.display()),
        )
    })
}

/// The graph side's format, from the file's first byte that is not space.
pub(super) fn is_json(path: &Path) -> Result<bool, ApiError> {
    let mut head = [0u8; 512];
    let read = open_file(path)?.read(&mut head).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("Could not read {}: {e}.", path.display()),
        )
    })?;
    let first = head[..read]
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
    Ok(first == Some(&b'['))
}

/// The mapping the graph side is read with: the profile's, or the default
/// when the profile has no graph (files only); for a file, with the
/// request's column names over it.
pub(super) fn audit_mapping(
    profile: Option<&Profile>,
    graph: &AuditGraphSource,
    columns: Option<&AuditMappingOverride>,
) -> Result<Mapping, ApiError> {
    let base = match (profile.and_then(|p| p.neo4j.as_ref()), graph) {
        (Some(settings), _) => mapping_text_of(settings),
        (None, AuditGraphSource::Neo4j) => {
            return Err(neo4j_settings(required(profile)?).unwrap_err())
        }
        (None, AuditGraphSource::File { .. }) => MappingText::default(),
    };
    let text = match (columns, graph) {
        (None, _) => base,
        (Some(columns), AuditGraphSource::File { .. }) => with_columns(base, columns),
        (Some(_), AuditGraphSource::Neo4j) => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "The --graph-…-property flags name the columns of a graph file; the live graph is read with the profile's mapping. Change the mapping in Settings (or with `idlens profile add NAME … --graph-id-property …`), or audit a graph export file.",
            ))
        }
    };
    Ok(Mapping::parse(&text)?)
}

/// `base` with each name `columns` gives in its place.
fn with_columns(base: MappingText, columns: &AuditMappingOverride) -> MappingText {
    let pick = |given: &Option<String>, base: String| given.clone().unwrap_or(base);
    MappingText {
        label: pick(&columns.label, base.label),
        id: pick(&columns.id_property, base.id),
        email: pick(&columns.email_property, base.email),
        name: columns.name_property.clone().or(base.name),
        email_verified: columns
            .email_verified_property
            .clone()
            .or(base.email_verified),
    }
}

/// The profile a source needs (the Management API, the graph); an audit of
/// two files runs without one.
pub(super) fn required(profile: Option<&Profile>) -> Result<&Profile, ApiError> {
    profile.ok_or_else(|| idlens_profile::StoreError::NoneInUse.into())
}

pub(super) fn graph_kind(source: &AuditGraphSource) -> GraphSourceKind {
    match source {
        AuditGraphSource::Neo4j => GraphSourceKind::Neo4j,
        AuditGraphSource::File { .. } => GraphSourceKind::File,
    }
}

impl Api {
    pub(super) async fn auth0_input(
        &self,
        profile: Option<&Profile>,
        source: &AuditAuth0Source,
        job_deadline: Option<&str>,
        job: &Job,
    ) -> Result<Auth0Input, ApiError> {
        match source {
            AuditAuth0Source::File { path } => Ok(Auth0Input {
                kind: Auth0SourceKind::File,
                name: path.clone(),
                bytes: Auth0Bytes::File(PathBuf::from(path)),
                count_unconfirmed: false,
            }),
            AuditAuth0Source::Export => {
                self.exported_users(required(profile)?, job_deadline, job)
                    .await
            }
            AuditAuth0Source::Api => self.searched_users(required(profile)?, job).await,
        }
    }

    async fn exported_users(
        &self,
        profile: &Profile,
        job_deadline: Option<&str>,
        job: &Job,
    ) -> Result<Auth0Input, ApiError> {
        let dir = tempfile::tempdir().map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!("Could not make a temporary folder for the export: {e}."),
            )
        })?;
        let path = dir.path().join("users.json.gz");
        let file = idlens_export::AtomicFile::create(&path)?;
        let request = UsersExportRequest {
            profile: None,
            connection: None,
            job_deadline: job_deadline.map(str::to_owned),
        };
        let exported = self.users_export_into(profile, &request, file, job).await?;
        Ok(Auth0Input {
            kind: Auth0SourceKind::Export,
            name: format!(
                "users export of {} ({} users)",
                profile.name, exported.users
            ),
            bytes: Auth0Bytes::Downloaded { path, _folder: dir },
            count_unconfirmed: false,
        })
    }

    /// Every user through the search, as NDJSON, whole or an error (the
    /// client's paging guard); more than the search can reach is an error
    /// that points to the export. Without a total from Auth0 the count is
    /// unconfirmed, and the report says so.
    async fn searched_users(&self, profile: &Profile, job: &Job) -> Result<Auth0Input, ApiError> {
        let client = self.management(profile)?;
        job.phase("Reading Auth0's users", None);
        let mut ndjson = Vec::new();
        let mut listing = client.users_listing("", AtCap::Fail);
        while let Some(users) = listing.next_page(job).await? {
            if let Some(total) = listing.total().filter(|t| *t > SEARCH_CAP) {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "The tenant has {total} users, more than the 1,000 a search reaches: audit with a users export instead (--auth0 export, or \"Users export\" on the screen).",
                    ),
                ));
            }
            job.set_total(listing.total());
            job.advance(users.len() as u64);
            for user in &users {
                serde_json::to_writer(&mut ndjson, user).map_err(|e| {
                    ApiError::new(
                        ErrorCode::Internal,
                        format!("a user did not serialize: {e}"),
                    )
                })?;
                ndjson.push(b'\n');
            }
        }
        Ok(Auth0Input {
            kind: Auth0SourceKind::Api,
            name: format!("Management API of {}", profile.name),
            bytes: Auth0Bytes::Memory(ndjson),
            count_unconfirmed: listing.total().is_none(),
        })
    }
}
