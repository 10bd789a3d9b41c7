//! [`ConnectChecks`]: what a profile's connection and mapping find in the
//! graph, so a typo in a property name shows before an audit runs.

use idlens_audit::{Identifier, Mapping};
use neo4rs::{query, BoltType};
use serde::Serialize;

use crate::connect::{A_HANDFUL, ONE_ROW};
use crate::value::{column, count, text};
use crate::{user_query, Graph, GraphError};

/// The most constraints IdLens reads looking for the id's: `SHOW
/// CONSTRAINTS` lists every label's, and a schema holds a few per label.
const MAX_CONSTRAINTS: usize = 1000;

/// What the connection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectChecks {
    pub server_version: String,
    /// `community` or `enterprise`.
    pub edition: String,
    /// The database the queries ran on (the server's default when none was asked for).
    pub database: String,
    /// Nodes with the mapping's label.
    pub user_nodes: u64,
    /// A uniqueness constraint (or a node key) on exactly the label's id property.
    pub id_unique_constraint: bool,
    pub properties: Vec<PropertyCheck>,
}

/// How many user nodes have a mapped property (non-null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PropertyCheck {
    pub property: String,
    pub mapped_as: MappedAs,
    pub nodes_with_it: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MappedAs {
    Id,
    Email,
    Name,
    EmailVerified,
}

impl MappedAs {
    pub fn as_str(self) -> &'static str {
        match self {
            MappedAs::Id => "id",
            MappedAs::Email => "e-mail",
            MappedAs::Name => "name",
            MappedAs::EmailVerified => "e-mail verified",
        }
    }
}

impl ConnectChecks {
    /// One sentence per thing to fix in the mapping or the graph (empty when
    /// all is well), e.g. "no User node has property auth0id (mapped as id)".
    pub fn problems(&self, mapping: &Mapping) -> Vec<String> {
        if self.user_nodes == 0 {
            return vec![format!(
                "no node has the label {}: check the label in the mapping (labels are case-sensitive)",
                mapping.label
            )];
        }
        self.properties
            .iter()
            .filter(|p| p.nodes_with_it == 0)
            .map(|p| {
                format!(
                    "no {} node has property {} (mapped as {}): check the mapping (names are case-sensitive)",
                    mapping.label,
                    p.property,
                    p.mapped_as.as_str()
                )
            })
            .collect()
    }
}

impl Graph {
    /// The server, the database, and what the mapping finds in it.
    pub async fn checks(&self) -> Result<ConnectChecks, GraphError> {
        let (server_version, edition) = self.server().await?;
        let database = self.database_name().await?;
        let (user_nodes, properties) = self.property_counts().await?;
        Ok(ConnectChecks {
            server_version,
            edition,
            database,
            user_nodes,
            id_unique_constraint: self.id_is_unique().await?,
            properties,
        })
    }

    async fn server(&self) -> Result<(String, String), GraphError> {
        let q = query(
            "CALL dbms.components() YIELD name, versions, edition \
             RETURN versions[0] AS version, edition",
        );
        // One row per component: Neo4j has one, "Neo4j Kernel".
        let rows = self
            .read("reading the server version", q, A_HANDFUL)
            .await?;
        let row = rows.first();
        let field = |key| row.and_then(|r| text(column(r, key))).unwrap_or_default();
        Ok((field("version"), field("edition")))
    }

    async fn database_name(&self) -> Result<String, GraphError> {
        let q = query("CALL db.info() YIELD name RETURN name");
        let rows = self.read("reading the database name", q, ONE_ROW).await?;
        Ok(rows
            .first()
            .and_then(|r| text(column(r, "name")))
            .unwrap_or_default())
    }

    /// One label scan: `count(u.prop)` counts the non-null values.
    async fn property_counts(&self) -> Result<(u64, Vec<PropertyCheck>), GraphError> {
        let mapped = mapped_properties(&self.mapping);
        let counts: Vec<String> = mapped
            .iter()
            .enumerate()
            .map(|(i, (name, _))| format!("count({}) AS p{i}", user_query::property(name)))
            .collect();
        let text = format!(
            "MATCH {} RETURN count(u) AS nodes, {}",
            user_query::user_pattern(&self.mapping),
            counts.join(", ")
        );
        let rows = self
            .read("counting user properties", query(&text), ONE_ROW)
            .await?;
        let row = rows.first();
        let of = |key: &str| row.map_or(0, |r| count(r, key));
        let checks = mapped
            .iter()
            .enumerate()
            .map(|(i, (name, mapped_as))| PropertyCheck {
                property: name.to_string(),
                mapped_as: *mapped_as,
                nodes_with_it: of(&format!("p{i}")),
            })
            .collect();
        Ok((of("nodes"), checks))
    }

    /// `SHOW CONSTRAINTS` (Neo4j 4.2+), else `db.constraints()` (older).
    async fn id_is_unique(&self) -> Result<bool, GraphError> {
        let show = query("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes, properties");
        match self
            .read("reading constraints", show, MAX_CONSTRAINTS)
            .await
        {
            Ok(rows) => Ok(rows.iter().any(|row| self.is_id_constraint(row))),
            Err(GraphError::QueryFailed { .. }) => self.id_is_unique_legacy().await,
            Err(other) => Err(other),
        }
    }

    fn is_id_constraint(&self, row: &neo4rs::Row) -> bool {
        let kind = text(column(row, "type")).unwrap_or_default();
        let unique = kind.contains("UNIQUENESS") || kind == "NODE_KEY";
        let one = |key, name: &Identifier| match column(row, key) {
            BoltType::List(list) => {
                list.value.len() == 1
                    && text(list.value[0].clone()).as_deref() == Some(name.as_str())
            }
            _ => false,
        };
        unique
            && !kind.starts_with("RELATIONSHIP")
            && one("labelsOrTypes", &self.mapping.label)
            && one("properties", &self.mapping.id)
    }

    async fn id_is_unique_legacy(&self) -> Result<bool, GraphError> {
        let q = query("CALL db.constraints() YIELD description RETURN description");
        let rows = self.read("reading constraints", q, MAX_CONSTRAINTS).await?;
        let label = format!(":{}", self.mapping.label);
        let id = self.mapping.id.as_str();
        let property = |d: &str| d.contains(&format!(".{id})")) || d.contains(&format!(".{id} "));
        Ok(rows
            .iter()
            .filter_map(|r| text(column(r, "description")))
            .any(|d| {
                let d = d.replace('`', "");
                d.contains(&label)
                    && property(&d)
                    && (d.contains("IS UNIQUE") || d.contains("NODE KEY"))
            }))
    }
}

fn mapped_properties(mapping: &Mapping) -> Vec<(&Identifier, MappedAs)> {
    let mut mapped = vec![
        (&mapping.id, MappedAs::Id),
        (&mapping.email, MappedAs::Email),
    ];
    if let Some(name) = &mapping.name {
        mapped.push((name, MappedAs::Name));
    }
    if let Some(flag) = &mapping.email_verified {
        mapped.push((flag, MappedAs::EmailVerified));
    }
    mapped
}
