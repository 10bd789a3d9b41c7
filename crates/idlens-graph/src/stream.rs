//! Every user node's mapped values, streamed in one transaction and checked
//! against a count taken in the same transaction.

use idlens_job::Job;
use neo4rs::{query, RowStream, Txn};
use serde::Serialize;

use crate::connect::ONE_ROW;
use crate::value::{count, graph_row};
use crate::{user_query, Graph, GraphError, GraphRow};

/// Progress and cancel checks every this many rows.
const STEP: u64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StreamSummary {
    /// Rows given to the sink.
    pub rows: u64,
    /// User nodes without an id, counted but not given to the sink.
    pub without_id: u64,
}

impl Graph {
    /// Gives `sink` every user node that is not an alias (no outgoing
    /// `HAS_ALIAS` to a user node), in storage order. Counts them first in the
    /// same transaction (the job's total) and fails with
    /// [`GraphError::StreamCountMismatch`] when the stream brought a different
    /// number (neo4rs issue #281, or writes meanwhile). Each wait for rows is
    /// bounded by `timeouts.answer`: a server that dies mid-stream ends in an
    /// error, never in a shorter result.
    pub async fn stream_users(
        &self,
        job: &Job,
        mut sink: impl FnMut(GraphRow),
    ) -> Result<StreamSummary, GraphError> {
        job.phase("Reading the graph's users", None);
        let during = "starting a read transaction";
        let mut txn = self
            .bounded(during, self.timeouts.answer, self.driver.start_txn())
            .await?;
        let result = self.stream_in(&mut txn, job, &mut sink).await;
        // Read-only: nothing to commit. A broken connection is discarded by the pool.
        let _ = tokio::time::timeout(self.timeouts.answer, txn.rollback()).await;
        let summary = result?;
        job.flush();
        Ok(summary)
    }

    async fn stream_in(
        &self,
        txn: &mut Txn,
        job: &Job,
        sink: &mut impl FnMut(GraphRow),
    ) -> Result<StreamSummary, GraphError> {
        let counted = self.count_in(txn).await?;
        job.set_total(Some(counted));
        let statement = format!(
            "MATCH {} WHERE {} RETURN {}",
            user_query::user_pattern(&self.mapping),
            user_query::not_an_alias(&self.mapping),
            user_query::returned_row(&self.mapping),
        );
        let during = "streaming users";
        let mut stream = self
            .bounded(during, self.timeouts.answer, txn.execute(query(&statement)))
            .await?;
        let mut summary = StreamSummary {
            rows: 0,
            without_id: 0,
        };
        while let Some(row) = self.next_row(&mut stream, txn).await? {
            match graph_row(&row) {
                Some(row) => {
                    summary.rows += 1;
                    sink(row);
                }
                None => summary.without_id += 1,
            }
            let seen = summary.rows + summary.without_id;
            if seen.is_multiple_of(STEP) {
                job.advance(STEP);
                job.check()?;
            }
        }
        job.advance((summary.rows + summary.without_id) % STEP);
        let streamed = summary.rows + summary.without_id;
        if streamed != counted {
            return Err(GraphError::StreamCountMismatch { counted, streamed });
        }
        Ok(summary)
    }

    async fn count_in(&self, txn: &mut Txn) -> Result<u64, GraphError> {
        let statement = format!(
            "MATCH {} WHERE {} RETURN count(u) AS n",
            user_query::user_pattern(&self.mapping),
            user_query::not_an_alias(&self.mapping),
        );
        let during = "counting users";
        let mut stream = self
            .bounded(during, self.timeouts.answer, txn.execute(query(&statement)))
            .await?;
        let mut counted = None;
        while let Some(row) = self.next_row(&mut stream, txn).await? {
            // One row: more would keep this loop going for as long as a
            // server sends them.
            if counted.is_some() {
                return Err(self.context(during).too_many_rows(ONE_ROW));
            }
            counted = Some(count(&row, "n"));
        }
        counted.ok_or(GraphError::UnexpectedValue {
            during,
            detail: "the count query returned no row".into(),
        })
    }

    async fn next_row(
        &self,
        stream: &mut RowStream,
        txn: &mut Txn,
    ) -> Result<Option<neo4rs::Row>, GraphError> {
        self.bounded(
            "streaming users",
            self.timeouts.answer,
            stream.next(txn.handle()),
        )
        .await
    }
}
