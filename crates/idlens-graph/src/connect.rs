//! [`Graph`]: a checked connection pool, and the one bounded way reads run.

use std::future::Future;
use std::time::Duration;

use idlens_audit::Mapping;
use neo4rs::{ConfigBuilder, Query, Row};

use crate::error::Context;
use crate::{ConnectionSettings, GraphError, Timeouts};

/// Rows per PULL.
const FETCH_SIZE: usize = 1000;
/// The largest Bolt message IdLens reads (4 MiB, far above any user node):
/// a longer one is refused as it arrives and its connection dropped. It is
/// the patched driver's cap (crates/vendor/neo4rs/IDLENS.md).
pub const MAX_BOLT_MESSAGE: usize = neo4rs::MAX_MESSAGE_SIZE;
/// The rows [`Graph::read`] takes from a query that returns one row (an
/// aggregate, `RETURN 1`).
pub(crate) const ONE_ROW: usize = 1;
/// The rows [`Graph::read`] takes from a query that returns a few (one per
/// server component).
pub(crate) const A_HANDFUL: usize = 16;
/// Connections per graph: the app reads one stream and a few pages at a time.
const MAX_CONNECTIONS: usize = 4;

/// A connection to one Neo4j database through one [`Mapping`]. Cheap to
/// clone (clones share the pool).
#[derive(Clone)]
pub struct Graph {
    pub(crate) driver: neo4rs::Graph,
    pub(crate) mapping: Mapping,
    address: String,
    user: String,
    database: Option<String>,
    pub(crate) timeouts: Timeouts,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph")
            .field("address", &self.address)
            .field("user", &self.user)
            .field("database", &self.database)
            .finish_non_exhaustive()
    }
}

impl Graph {
    /// Connects with [`Timeouts::default`].
    pub async fn connect(
        settings: ConnectionSettings,
        mapping: Mapping,
    ) -> Result<Graph, GraphError> {
        Self::connect_with(settings, mapping, Timeouts::default()).await
    }

    /// Opens the pool and runs `RETURN 1`, so an unreachable server, a wrong
    /// password or an unknown database fails here, within `timeouts.connect`.
    pub async fn connect_with(
        settings: ConnectionSettings,
        mapping: Mapping,
        timeouts: Timeouts,
    ) -> Result<Graph, GraphError> {
        let database = settings
            .database
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        let mut graph = Graph {
            driver: build_driver(&settings, database.as_deref(), timeouts)?,
            mapping,
            address: settings.address(),
            user: settings.user.clone(),
            database,
            timeouts,
        };
        let ping = graph.timeouts;
        graph.timeouts.answer = ping.connect;
        graph
            .read("connecting", neo4rs::query("RETURN 1 AS ok"), ONE_ROW)
            .await?;
        graph.timeouts = ping;
        Ok(graph)
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// The database asked for (`None`: the server's default).
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    pub(crate) fn context(&self, during: &'static str) -> Context<'_> {
        Context {
            address: &self.address,
            user: &self.user,
            database: self.database.as_deref(),
            during,
        }
    }

    /// Runs `work` within `after`, turning driver errors and the timeout into
    /// [`GraphError`]s.
    pub(crate) async fn bounded<T>(
        &self,
        during: &'static str,
        after: Duration,
        work: impl Future<Output = Result<T, neo4rs::Error>>,
    ) -> Result<T, GraphError> {
        match tokio::time::timeout(after, work).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(self.context(during).error(error)),
            Err(_) => Err(GraphError::Timeout { during, after }),
        }
    }

    /// A read-only auto-commit query (read mode, enforced by the server), all
    /// its rows within `timeouts.answer`. The caller says how many rows the
    /// query returns at most: one more is [`GraphError::TooManyRows`], and
    /// the rest is not read. With the driver's budget per batch of rows, what
    /// a server can make IdLens hold for one query is bounded.
    pub(crate) async fn read(
        &self,
        during: &'static str,
        query: Query,
        max_rows: usize,
    ) -> Result<Vec<Row>, GraphError> {
        let work = async {
            let mut stream = self.driver.execute_read(query).await?;
            let mut rows = Vec::new();
            while let Some(row) = stream.next().await? {
                if rows.len() == max_rows {
                    return Ok(None);
                }
                rows.push(row);
            }
            Ok(Some(rows))
        };
        let rows = self.bounded(during, self.timeouts.answer, work).await?;
        rows.ok_or_else(|| self.context(during).too_many_rows(max_rows))
    }
}

fn build_driver(
    settings: &ConnectionSettings,
    database: Option<&str>,
    timeouts: Timeouts,
) -> Result<neo4rs::Graph, GraphError> {
    let address = settings.address();
    let context = Context {
        address: &address,
        user: &settings.user,
        database,
        during: "connecting",
    };
    // neo4rs keeps its own copy of the password (a plain String) for the
    // pool's later connections.
    let mut config = ConfigBuilder::default()
        .uri(settings.driver_uri()?)
        .user(settings.user.as_str())
        .password(settings.password.expose())
        .fetch_size(FETCH_SIZE)
        .max_connections(MAX_CONNECTIONS)
        .connection_timeout(timeouts.connect);
    if let Some(database) = database {
        config = config.db(database);
    }
    let config = config.build().map_err(|e| context.error(e))?;
    neo4rs::Graph::connect(config).map_err(|e| context.error(e))
}
