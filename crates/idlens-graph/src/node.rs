//! One user's node(s) in full: labels, every property, relationships by type.

use std::collections::BTreeMap;

use neo4rs::{query, BoltType, Row};
use serde::Serialize;

use crate::value::{column, text, to_json};
use crate::{user_query, Graph, GraphError};

/// The most nodes sharing one id that IdLens shows: duplicates are a handful.
const MAX_NODES_PER_ID: usize = 1000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeDetail {
    pub labels: Vec<String>,
    /// Every property; temporal and spatial values as Neo4j prints them.
    pub properties: BTreeMap<String, serde_json::Value>,
    /// Relationship counts by type and direction, sorted.
    pub relationships: Vec<RelationshipCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RelationshipCount {
    pub rel_type: String,
    pub direction: Direction,
    pub count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outgoing,
    Incoming,
}

impl Graph {
    /// Every user node with this id (more than one is a duplicate the audit
    /// reports); empty when there is none.
    pub async fn node(&self, id: &str) -> Result<Vec<NodeDetail>, GraphError> {
        let statement = format!(
            "MATCH {} WHERE {} = $id \
             OPTIONAL MATCH (u)-[r]-() \
             WITH u, type(r) AS t, startNode(r) = u AS out, count(r) AS n \
             WITH u, collect(CASE WHEN n > 0 THEN [t, out, n] END) AS rels \
             RETURN labels(u) AS labels, \
                    [k IN keys(u) | [k, u[k], toStringOrNull(u[k])]] AS props, rels",
            user_query::user_pattern(&self.mapping),
            user_query::property(&self.mapping.id),
        );
        let q = query(&statement).param("id", id);
        let rows = self
            .read("reading a user node", q, MAX_NODES_PER_ID)
            .await?;
        Ok(rows.iter().map(detail).collect())
    }
}

fn detail(row: &Row) -> NodeDetail {
    let labels = list(column(row, "labels"))
        .into_iter()
        .filter_map(text)
        .collect();
    let properties = list(column(row, "props"))
        .into_iter()
        .filter_map(|entry| {
            let mut entry = list(entry).into_iter();
            let key = text(entry.next()?)?;
            let value = entry.next()?;
            let shown = entry.next().and_then(text);
            let json =
                to_json(value).unwrap_or_else(|| shown.map_or(serde_json::Value::Null, Into::into));
            Some((key, json))
        })
        .collect();
    let mut relationships: Vec<RelationshipCount> = list(column(row, "rels"))
        .into_iter()
        .filter_map(relationship)
        .collect();
    relationships.sort();
    NodeDetail {
        labels,
        properties,
        relationships,
    }
}

fn relationship(entry: BoltType) -> Option<RelationshipCount> {
    let mut entry = list(entry).into_iter();
    let rel_type = text(entry.next()?)?;
    let direction = match entry.next()? {
        BoltType::Boolean(b) if b.value => Direction::Outgoing,
        _ => Direction::Incoming,
    };
    let count = match entry.next()? {
        BoltType::Integer(i) => u64::try_from(i.value).ok()?,
        _ => return None,
    };
    Some(RelationshipCount {
        rel_type,
        direction,
        count,
    })
}

fn list(value: BoltType) -> Vec<BoltType> {
    match value {
        BoltType::List(list) => list.value,
        _ => Vec::new(),
    }
}
