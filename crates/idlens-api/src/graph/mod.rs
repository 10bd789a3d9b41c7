//! The profile's Neo4j user graph: connection, checks, browsing. One pool
//! per profile is kept while its settings stay the same, so paging does not
//! reconnect.

mod browse;
pub mod types;

use std::collections::HashMap;
use std::sync::Mutex;

use idlens_audit::{Mapping, MappingText};
use idlens_graph::{ConnectionSettings, Graph};
use idlens_profile::{Neo4jSettings, Profile, SecretKind};

use crate::error::{ApiError, ErrorCode};
use crate::Api;

/// Open connections, by profile, with the settings they were opened with.
#[derive(Default)]
pub(crate) struct Connections {
    by_profile: Mutex<HashMap<String, (Neo4jSettings, Graph)>>,
}

/// The profile's mapping, validated as Cypher identifiers.
pub(crate) fn mapping_of(settings: &Neo4jSettings) -> Result<Mapping, ApiError> {
    Ok(Mapping::parse(&mapping_text_of(settings))?)
}

/// The profile's mapping as it is stored, before validation.
pub(crate) fn mapping_text_of(settings: &Neo4jSettings) -> MappingText {
    let m = &settings.mapping;
    MappingText {
        label: m.label.clone(),
        id: m.id_property.clone(),
        email: m.email_property.clone(),
        name: Some(m.name_property.clone()),
        email_verified: Some(m.email_verified_property.clone()),
    }
}

pub(crate) fn neo4j_settings(profile: &Profile) -> Result<&Neo4jSettings, ApiError> {
    profile.neo4j.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "The profile {} has no Neo4j graph: add its URI and user in Settings (or `idlens profile add {} … --neo4j-uri URI --neo4j-user USER`).",
                profile.name, profile.name
            ),
        )
        .with_field("neo4jUri")
    })
}

impl Api {
    /// The profile's graph: the open pool, or a new connection (password
    /// from the keychain, read off the executor).
    pub(crate) async fn graph(&self, profile: &Profile) -> Result<Graph, ApiError> {
        let settings = neo4j_settings(profile)?.clone();
        let name = profile.name.to_string();
        if let Some(graph) = self.open_graph(&name, &settings) {
            return Ok(graph);
        }
        let mapping = mapping_of(&settings)?;
        let password = self.neo4j_password(profile).await?;
        let connection = ConnectionSettings {
            uri: settings.uri.clone(),
            user: settings.user.clone(),
            password,
            database: settings.database.clone(),
        };
        let graph = Graph::connect(connection, mapping).await?;
        crate::lock(&self.graphs.by_profile).insert(name, (settings, graph.clone()));
        Ok(graph)
    }

    fn open_graph(&self, profile: &str, settings: &Neo4jSettings) -> Option<Graph> {
        let open = crate::lock(&self.graphs.by_profile);
        open.get(profile)
            .filter(|(opened_with, _)| opened_with == settings)
            .map(|(_, graph)| graph.clone())
    }

    /// Forgets the profile's pool (after a connection error, so the next
    /// call reconnects, e.g. with a new password).
    pub(crate) fn drop_graph(&self, profile: &str) {
        crate::lock(&self.graphs.by_profile).remove(profile);
    }

    async fn neo4j_password(&self, profile: &Profile) -> Result<idlens_secret::Secret, ApiError> {
        let name = profile.name.clone();
        let password = self
            .off_executor(move |_, keychain| Ok(keychain.get(&name, SecretKind::Neo4jPassword)?))
            .await?;
        password.ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "No Neo4j password is stored for {}: store it in Settings (or `idlens profile set-secret {} neo4j-password`, reading it from standard input).",
                    profile.name, profile.name
                ),
            )
            .with_field("neo4jPassword")
        })
    }
}
