//! Browsing the graph: the checks on connect, search pages, one user's
//! nodes beside their Auth0 user, and a search saved as a file.

use idlens_graph::{ConnectChecks, Direction, GraphError, GraphRow, MappedAs, NodeDetail};
use idlens_job::Job;
use idlens_profile::{ManagementAccess, Profile};

use crate::exports::write_rows;
use crate::types::{
    Auth0Side, ExportSaved, GraphExportRequest, GraphMappingInput, GraphNodeRequest, GraphNodeView,
    GraphPage, GraphSearchRequest, GraphStatus, GraphUserView, Neo4jTransportWarningView, NodeView,
    PropertyCheckView, PropertyView, RelationshipView,
};
use crate::{Api, ApiError};

/// Rows per page read while exporting a search.
const EXPORT_PAGE: u32 = 5_000;

impl Api {
    pub async fn graph_status(&self, profile: Option<String>) -> Result<GraphStatus, ApiError> {
        let profile = self.load_profile(profile).await?;
        let graph = self.graph(&profile).await?;
        let checks = self.graph_call(&profile, graph.checks()).await?;
        Ok(status_view(&profile, &checks, graph.mapping()))
    }

    pub async fn graph_search(&self, request: GraphSearchRequest) -> Result<GraphPage, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let graph = self.graph(&profile).await?;
        let query = request.query.trim();
        let page = self
            .graph_call(
                &profile,
                graph.search(query, request.after.as_deref(), request.limit),
            )
            .await?;
        let total = match request.after {
            None => Some(self.graph_call(&profile, graph.count(query)).await?),
            Some(_) => None,
        };
        Ok(GraphPage {
            rows: page.rows.iter().map(row_view).collect(),
            next_after: page.next_after,
            total,
        })
    }

    pub async fn graph_node(&self, request: GraphNodeRequest) -> Result<GraphNodeView, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let graph = self.graph(&profile).await?;
        let nodes = self.graph_call(&profile, graph.node(&request.id)).await?;
        Ok(GraphNodeView {
            auth0: self.auth0_side(&profile, &request.id).await,
            id: request.id,
            nodes: nodes.iter().map(node_view).collect(),
        })
    }

    /// Every user the search finds, read page by page into the file.
    pub async fn graph_export(
        &self,
        request: GraphExportRequest,
        job: Job,
    ) -> Result<ExportSaved, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let graph = self.graph(&profile).await?;
        let query = request.query.trim().to_owned();
        let total = self.graph_call(&profile, graph.count(&query)).await?;
        job.phase("Reading the graph's users", Some(total));
        let mut rows: Vec<GraphRow> = Vec::new();
        let mut after: Option<String> = None;
        loop {
            job.check()?;
            let page = self
                .graph_call(
                    &profile,
                    graph.search(&query, after.as_deref(), EXPORT_PAGE),
                )
                .await?;
            job.advance(page.rows.len() as u64);
            rows.extend(page.rows);
            match page.next_after {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        job.flush();
        let name = format!("graph users {}", profile.name);
        let columns = ["id", "email", "email_verified", "name"].map(str::to_owned);
        let format = request.format.into();
        let saved = self
            .off_executor(move |_, _| {
                write_rows(&name, format, &columns, |writer| {
                    rows.iter().try_for_each(|r| writer.row(&export_row(r)))
                })
            })
            .await?;
        Ok(saved.into())
    }

    /// Runs a graph call; a connection error, a malformed answer or more rows
    /// than asked for drops the pool so the next call reconnects.
    pub(crate) async fn graph_call<T>(
        &self,
        profile: &Profile,
        call: impl std::future::Future<Output = Result<T, GraphError>>,
    ) -> Result<T, ApiError> {
        let result = call.await;
        if let Err(
            GraphError::ConnectionLost { .. }
            | GraphError::Timeout { .. }
            | GraphError::MalformedAnswer { .. }
            | GraphError::TooManyRows { .. },
        ) = &result
        {
            self.drop_graph(profile.name.as_str());
        }
        Ok(result?)
    }

    /// The Auth0 user of a graph ID, when the profile reaches the Management API.
    async fn auth0_side(&self, profile: &Profile, id: &str) -> Auth0Side {
        if profile.management == ManagementAccess::Disabled {
            return Auth0Side::NotConfigured {
                reason: "The profile has no Management API access: add a machine-to-machine application in Settings to see the Auth0 side.".into(),
            };
        }
        let client = match self.management(profile) {
            Ok(client) => client,
            Err(e) => return Auth0Side::Failed { message: e.message },
        };
        match client.user(id, &Job::unwatched()).await {
            Ok(user) => Auth0Side::Found {
                user: crate::rbac::views::user_summary(&user),
            },
            Err(e) if e.is_not_found() => Auth0Side::NotFound,
            Err(e) => Auth0Side::Failed {
                message: ApiError::from(e).message,
            },
        }
    }
}

fn export_row(row: &GraphRow) -> [String; 4] {
    [
        row.id.clone(),
        row.email.clone().unwrap_or_default(),
        row.email_verified
            .map(|v| v.to_string())
            .unwrap_or_default(),
        row.name.clone().unwrap_or_default(),
    ]
}

pub(crate) fn row_view(row: &GraphRow) -> GraphUserView {
    GraphUserView {
        id: row.id.clone(),
        email: row.email.clone(),
        email_verified: row.email_verified,
        name: row.name.clone(),
    }
}

fn status_view(
    profile: &Profile,
    checks: &ConnectChecks,
    mapping: &idlens_audit::Mapping,
) -> GraphStatus {
    let neo4j = profile.neo4j.as_ref();
    let mut warnings = checks.problems(mapping);
    if !checks.id_unique_constraint && checks.user_nodes > 0 {
        warnings.push(format!(
            "No uniqueness constraint guards {}.{}: several nodes can hold the same user ID. Add one with CREATE CONSTRAINT FOR (u:{}) REQUIRE u.{} IS UNIQUE.",
            mapping.label, mapping.id, mapping.label, mapping.id
        ));
    }
    GraphStatus {
        profile: profile.name.to_string(),
        uri: neo4j.map(|n| n.uri.clone()).unwrap_or_default(),
        database: Some(checks.database.clone()),
        server_version: checks.server_version.clone(),
        edition: checks.edition.clone(),
        user_nodes: checks.user_nodes,
        id_unique_constraint: checks.id_unique_constraint,
        mapping: neo4j
            .map(|n| GraphMappingInput::from(&n.mapping))
            .unwrap_or_default(),
        properties: checks
            .properties
            .iter()
            .map(|p| PropertyCheckView {
                role: role_name(p.mapped_as).to_owned(),
                property: p.property.clone(),
                nodes_with_it: p.nodes_with_it,
            })
            .collect(),
        warnings,
        transport_warning: Neo4jTransportWarningView::of(neo4j),
    }
}

fn role_name(mapped_as: MappedAs) -> &'static str {
    match mapped_as {
        MappedAs::Id => "id",
        MappedAs::Email => "email",
        MappedAs::Name => "name",
        MappedAs::EmailVerified => "emailVerified",
    }
}

fn node_view(node: &NodeDetail) -> NodeView {
    NodeView {
        labels: node.labels.clone(),
        properties: node
            .properties
            .iter()
            .map(|(name, value)| PropertyView {
                name: name.clone(),
                value: value.to_string(),
            })
            .collect(),
        relationships: node
            .relationships
            .iter()
            .map(|r| RelationshipView {
                rel_type: r.rel_type.clone(),
                direction: match r.direction {
                    Direction::Outgoing => "outgoing",
                    Direction::Incoming => "incoming",
                }
                .to_owned(),
                count: r.count,
            })
            .collect(),
    }
}
