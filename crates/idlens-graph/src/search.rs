//! Search and count the user nodes, in pages by keyset (never SKIP).

use neo4rs::query;
use serde::Serialize;

use crate::connect::ONE_ROW;
use crate::value::{count, graph_row};
use crate::{user_query, Graph, GraphError, GraphRow};

/// The most rows one page returns.
pub const MAX_PAGE: u32 = 10_000;

/// One page of a search, in id order (nodes sharing an id in the order of
/// their internal ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchPage {
    pub rows: Vec<GraphRow>,
    /// Pass as `after` for the next page; `None` on the last page. Opaque:
    /// the last row's id and its node's internal id, so a page that ends
    /// between two nodes of one id goes on with the second.
    pub next_after: Option<String>,
}

/// Where a page starts: after this (id, internal node id).
struct Cursor<'a> {
    id: &'a str,
    node: i64,
}

impl<'a> Cursor<'a> {
    /// `NODE:ID`; a bare id (no node part) starts after every node of it.
    fn parse(text: &'a str) -> Self {
        match text.split_once(':') {
            Some((node, id)) if node.parse::<i64>().is_ok() => Cursor {
                id,
                node: node.parse().unwrap_or(i64::MAX),
            },
            _ => Cursor {
                id: text,
                node: i64::MAX,
            },
        }
    }
}

impl Graph {
    /// User nodes whose id starts with `text` (case-sensitive, as ids are) or
    /// whose e-mail starts with it ignoring case; an empty `text` matches
    /// every node with an id. Ordered by id, then by internal node id (`id()`,
    /// which Neo4j 4.4 and 5.x both have); `after` is the previous page's
    /// `next_after`. Nodes without an id are never listed. The e-mail match
    /// reads every node of the label (no index serves it); the id order can
    /// come from the id's index when there is one.
    pub async fn search(
        &self,
        text: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<SearchPage, GraphError> {
        let limit = limit.clamp(1, MAX_PAGE);
        let id = user_query::property(&self.mapping.id);
        let statement = format!(
            "MATCH {} WHERE {} RETURN {}, id(u) AS node ORDER BY {id}, node LIMIT $limit",
            user_query::user_pattern(&self.mapping),
            self.filter(text, after.is_some()),
            user_query::returned_row(&self.mapping),
        );
        let cursor = after.map(Cursor::parse);
        let q = query(&statement)
            .param("prefix", text)
            .param("lower", text.to_lowercase())
            .param("after", cursor.as_ref().map_or("", |c| c.id))
            .param("after_node", cursor.as_ref().map_or(0, |c| c.node))
            .param("limit", i64::from(limit));
        let found = self.read("searching users", q, limit as usize).await?;
        let mut rows = Vec::with_capacity(found.len());
        let mut last_node = 0;
        for row in &found {
            if let Some(graph_row) = graph_row(row) {
                rows.push(graph_row);
                last_node = count(row, "node") as i64;
            }
        }
        let full = found.len() == limit as usize;
        let next_after = full
            .then(|| rows.last().map(|r| format!("{last_node}:{}", r.id)))
            .flatten();
        Ok(SearchPage { rows, next_after })
    }

    /// How many user nodes [`Graph::search`] would list for `text`.
    pub async fn count(&self, text: &str) -> Result<u64, GraphError> {
        let statement = format!(
            "MATCH {} WHERE {} RETURN count(u) AS n",
            user_query::user_pattern(&self.mapping),
            self.filter(text, false),
        );
        let q = query(&statement)
            .param("prefix", text)
            .param("lower", text.to_lowercase());
        let rows = self.read("counting users", q, ONE_ROW).await?;
        Ok(rows.first().map_or(0, |r| count(r, "n")))
    }

    fn filter(&self, text: &str, paged: bool) -> String {
        let id = user_query::property(&self.mapping.id);
        let mut filter = if paged {
            format!("({id} > $after OR ({id} = $after AND id(u) > $after_node))")
        } else {
            format!("{id} IS NOT NULL")
        };
        if !text.is_empty() {
            let email = user_query::property(&self.mapping.email);
            filter.push_str(&format!(
                " AND ({id} STARTS WITH $prefix OR toLower(toString({email})) STARTS WITH $lower)"
            ));
        }
        filter
    }
}
