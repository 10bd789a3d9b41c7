//! Writes: batches of parameterised Cypher, each in one write transaction.

use idlens_job::Job;
use neo4rs::{query, BoltList, BoltType};
use serde::{Deserialize, Serialize};

use crate::value::to_bolt;
use crate::{Graph, GraphError};

/// One write: `statement` runs once with `$rows` set to `rows`, typically as
/// `UNWIND $rows AS row …`. The statement's text comes from code that quotes
/// every name (the audit's fix plan); values only ever travel in `rows`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CypherBatch {
    pub statement: String,
    pub rows: Vec<serde_json::Value>,
}

/// What [`Graph::apply`] did, batch by batch, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyLog {
    pub batches: Vec<BatchLog>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLog {
    /// Index into the batches given.
    pub batch: usize,
    pub rows: usize,
    pub outcome: BatchOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    Committed,
    /// The transaction was rolled back (or, the connection lost, never
    /// committed): none of the batch's rows were written.
    Failed(GraphError),
    /// Not run: an earlier batch failed or the job was cancelled.
    Skipped,
}

impl ApplyLog {
    pub fn committed(&self) -> usize {
        self.batches
            .iter()
            .filter(|b| b.outcome == BatchOutcome::Committed)
            .count()
    }

    /// The error that stopped the run, if one did.
    pub fn error(&self) -> Option<&GraphError> {
        self.batches.iter().find_map(|b| match &b.outcome {
            BatchOutcome::Failed(error) => Some(error),
            _ => None,
        })
    }

    pub fn is_complete(&self) -> bool {
        self.committed() == self.batches.len()
    }
}

impl Graph {
    /// Runs each batch in its own write transaction, in order: committed, or
    /// rolled back on any error. The first failure (or a cancel) stops the
    /// run, since later batches may build on earlier ones.
    pub async fn apply(&self, batches: &[CypherBatch], job: &Job) -> ApplyLog {
        job.phase("Writing to the graph", Some(batches.len() as u64));
        let mut log = ApplyLog {
            batches: Vec::new(),
        };
        let mut stopped = false;
        for (index, batch) in batches.iter().enumerate() {
            let outcome = if stopped || job.is_cancelled() {
                BatchOutcome::Skipped
            } else {
                match self.apply_one(batch).await {
                    Ok(()) => BatchOutcome::Committed,
                    Err(error) => BatchOutcome::Failed(error),
                }
            };
            stopped |= outcome != BatchOutcome::Committed;
            log.batches.push(BatchLog {
                batch: index,
                rows: batch.rows.len(),
                outcome,
            });
            job.advance(1);
        }
        job.flush();
        log
    }

    async fn apply_one(&self, batch: &CypherBatch) -> Result<(), GraphError> {
        let during = "writing a batch";
        let rows = batch
            .rows
            .iter()
            .map(|row| to_bolt(row, during))
            .collect::<Result<Vec<BoltType>, _>>()?;
        let q = query(&batch.statement).param("rows", BoltType::List(BoltList { value: rows }));
        let after = self.timeouts.write;
        let mut txn = self.bounded(during, after, self.driver.start_txn()).await?;
        match self.bounded(during, after, txn.run(q)).await {
            Ok(()) => {
                self.bounded("committing a batch", after, txn.commit())
                    .await
            }
            Err(error) => {
                let _ = tokio::time::timeout(self.timeouts.answer, txn.rollback()).await;
                Err(error)
            }
        }
    }
}
