//! A query's answer is read no further than what was asked for, on every path
//! that receives records: a query's `DetachedRowStream` (its first PULL
//! pipelined with RUN), a transaction's `RowStream` (its PULLs sent when rows
//! are wanted), every later batch, and `run`'s DISCARD. The server is a
//! scripted Bolt 4.4 server on 127.0.0.1.

#![allow(deprecated)]

use crate::{ConfigBuilder, Error, Graph, query};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const HELLO: u8 = 0x01;
const GOODBYE: u8 = 0x02;
const RUN: u8 = 0x10;
const DISCARD: u8 = 0x2F;
const PULL: u8 = 0x3F;

/// What the server answers a query with.
#[derive(Clone, Default)]
struct Answers {
    /// The records answering each PULL in turn, as message bodies; every
    /// batch but the last ends in `SUCCESS {has_more: true}`.
    pulls: Vec<Vec<Vec<u8>>>,
    /// Records answering a DISCARD (a server that follows Bolt sends none).
    discarded: Vec<Vec<u8>>,
}

/// A scripted server, stopped when dropped.
struct Server {
    port: u16,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    async fn start(answers: Answers) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, answers.clone()));
            }
        });
        Server { port, task }
    }

    /// A driver that pulls `fetch_size` records at a time.
    fn graph(&self, fetch_size: usize) -> Graph {
        let config = ConfigBuilder::default()
            .uri(format!("bolt://127.0.0.1:{}", self.port))
            .user("neo4j")
            .password("pull-budget-test")
            .fetch_size(fetch_size)
            .build()
            .unwrap();
        Graph::connect(config).unwrap()
    }
}

async fn serve(mut socket: TcpStream, answers: Answers) {
    let mut handshake = [0; 20];
    if socket.read_exact(&mut handshake).await.is_err()
        || socket.write_all(&[0, 0, 4, 4]).await.is_err()
    {
        return;
    }
    let mut pulls = answers.pulls.into_iter();
    while let Some(request) = read_message(&mut socket).await {
        let mut out = Vec::new();
        match request.get(1).copied() {
            Some(GOODBYE) | None => return,
            Some(HELLO) => out.push(success(&[
                entry("server", &tiny("Neo4j/5.26.0")),
                entry("connection_id", &tiny("bolt-1")),
            ])),
            Some(RUN) => out.push(success(&[entry(
                "fields",
                &[&[0x91], &tiny("x")[..]].concat(),
            )])),
            Some(PULL) => {
                out.extend(pulls.next().unwrap_or_default());
                if pulls.len() > 0 {
                    out.push(success(&[entry("has_more", &[0xC3])]));
                } else {
                    out.push(success(&[]));
                }
            }
            Some(DISCARD) => {
                out.extend(answers.discarded.iter().cloned());
                out.push(success(&[]));
            }
            // BEGIN, COMMIT, ROLLBACK, RESET.
            Some(_) => out.push(success(&[])),
        }
        for message in out {
            if write_message(&mut socket, &message).await.is_err() {
                return;
            }
        }
    }
}

/// `SUCCESS` with a map of these entries (at most 15).
fn success(entries: &[Vec<u8>]) -> Vec<u8> {
    let mut body = vec![0xB1, 0x70, 0xA0 | entries.len() as u8];
    body.extend(entries.concat());
    body
}

/// A map entry: its key, then its value's bytes.
fn entry(key: &str, value: &[u8]) -> Vec<u8> {
    [&tiny(key)[..], value].concat()
}

/// A string of at most 15 bytes.
fn tiny(text: &str) -> Vec<u8> {
    [&[0x80 | text.len() as u8][..], text.as_bytes()].concat()
}

/// A record of `count` tiny integers: `count + 2` values in all (the record
/// and its list count too).
fn record_of(count: usize) -> Vec<u8> {
    let mut body = vec![0xB1, 0x71, 0xD6];
    body.extend_from_slice(&(count as u32).to_be_bytes());
    body.resize(body.len() + count, 0x01);
    body
}

/// A record of one small value.
fn record() -> Vec<u8> {
    vec![0xB1, 0x71, 0x91, 0x01]
}

fn records(count: usize) -> Vec<Vec<u8>> {
    vec![record(); count]
}

async fn write_message(socket: &mut TcpStream, body: &[u8]) -> std::io::Result<()> {
    let mut framed = Vec::with_capacity(body.len() + body.len() / 65_535 * 2 + 4);
    for chunk in body.chunks(65_535) {
        framed.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        framed.extend_from_slice(chunk);
    }
    framed.extend_from_slice(&[0, 0]);
    socket.write_all(&framed).await
}

async fn read_message(socket: &mut TcpStream) -> Option<Vec<u8>> {
    let mut message = Vec::new();
    loop {
        let size = usize::from(socket.read_u16().await.ok()?);
        if size == 0 {
            if message.is_empty() {
                continue;
            }
            return Some(message);
        }
        let start = message.len();
        message.resize(start + size, 0);
        socket.read_exact(&mut message[start..]).await.ok()?;
    }
}

/// How a query's rows were read: how many, and the error that ended them.
#[derive(Debug)]
struct Read {
    rows: usize,
    error: Option<Error>,
}

/// `Graph::execute`: the first PULL is pipelined with RUN.
async fn read_detached(answers: Answers, fetch_size: usize) -> Read {
    let server = Server::start(answers).await;
    let mut stream = server
        .graph(fetch_size)
        .execute(query("RETURN 1"))
        .await
        .unwrap();
    let mut rows = 0;
    loop {
        match stream.next().await {
            Ok(Some(_)) => rows += 1,
            Ok(None) => return Read { rows, error: None },
            Err(error) => {
                return Read {
                    rows,
                    error: Some(error),
                };
            }
        }
    }
}

/// `Txn::execute`: every PULL is sent when rows are wanted.
async fn read_in_transaction(answers: Answers, fetch_size: usize) -> Read {
    let server = Server::start(answers).await;
    let mut txn = server.graph(fetch_size).start_txn().await.unwrap();
    let mut stream = txn.execute(query("RETURN 1")).await.unwrap();
    let mut rows = 0;
    loop {
        match stream.next(txn.handle()).await {
            Ok(Some(_)) => rows += 1,
            Ok(None) => return Read { rows, error: None },
            Err(error) => {
                return Read {
                    rows,
                    error: Some(error),
                };
            }
        }
    }
}

fn assert_refused(read: &Read, rows: usize, detail: &str) {
    assert_eq!(read.rows, rows, "{read:?}");
    let error = read.error.as_ref().expect("an error");
    assert!(matches!(error, Error::AnswerTooLarge(_)), "{error:?}");
    assert!(error.to_string().contains(detail), "{error}");
}

#[tokio::test]
async fn exactly_the_records_each_pull_asked_for_are_read() {
    let answers = Answers {
        pulls: vec![records(2), records(2), records(1)],
        ..Answers::default()
    };
    for read in [
        read_detached(answers.clone(), 2).await,
        read_in_transaction(answers, 2).await,
    ] {
        assert!(read.error.is_none(), "{read:?}");
        assert_eq!(read.rows, 5);
    }
}

#[tokio::test]
async fn a_first_batch_with_more_records_than_pulled_is_refused() {
    let answers = Answers {
        pulls: vec![records(3)],
        ..Answers::default()
    };
    let detached = read_detached(answers.clone(), 2).await;
    assert_refused(&detached, 0, "more than the 2 records PULL asked for");
    let in_transaction = read_in_transaction(answers, 2).await;
    assert_refused(&in_transaction, 0, "more than the 2 records PULL asked for");
}

#[tokio::test]
async fn a_later_batch_with_more_records_than_pulled_is_refused() {
    let answers = Answers {
        pulls: vec![records(2), records(3)],
        ..Answers::default()
    };
    let detached = read_detached(answers.clone(), 2).await;
    assert_refused(&detached, 2, "more than the 2 records PULL asked for");
    let in_transaction = read_in_transaction(answers, 2).await;
    assert_refused(&in_transaction, 2, "more than the 2 records PULL asked for");
}

#[tokio::test]
async fn records_in_answer_to_discard_are_refused() {
    let answers = Answers {
        discarded: records(1),
        ..Answers::default()
    };
    let server = Server::start(answers).await;
    let graph = server.graph(2);
    let error = graph.run(query("RETURN 1")).await.unwrap_err();
    assert!(matches!(error, Error::AnswerTooLarge(_)), "{error:?}");
    assert!(error.to_string().contains("DISCARD"), "{error}");

    let mut txn = graph.start_txn().await.unwrap();
    let error = txn.run(query("RETURN 1")).await.unwrap_err();
    assert!(matches!(error, Error::AnswerTooLarge(_)), "{error:?}");
}

/// Records of `MAX_MESSAGE_VALUES` values each (the field's name counts
/// once per row): the default values budget of a batch takes four of them,
/// the last one three values short, so that they add up to it exactly.
fn records_up_to_the_values_budget() -> Vec<Vec<u8>> {
    let per_row = crate::MAX_MESSAGE_VALUES + 1;
    let full = crate::MAX_BATCH_VALUES / per_row;
    let last = crate::MAX_BATCH_VALUES - full * per_row;
    let mut batch = vec![record_of(crate::MAX_MESSAGE_VALUES - 2); full];
    batch.push(record_of(last - 3));
    batch
}

#[tokio::test]
async fn a_batch_of_exactly_the_values_budget_is_read() {
    let answers = Answers {
        pulls: vec![records_up_to_the_values_budget()],
        ..Answers::default()
    };
    let read = read_detached(answers, 1000).await;
    assert!(read.error.is_none(), "{read:?}");
    assert_eq!(
        read.rows,
        crate::MAX_BATCH_VALUES / (crate::MAX_MESSAGE_VALUES + 1) + 1
    );
}

#[tokio::test]
async fn a_batch_past_the_values_budget_is_refused() {
    let mut batch = records_up_to_the_values_budget();
    batch.push(record());
    let answers = Answers {
        pulls: vec![batch],
        ..Answers::default()
    };
    let read = read_detached(answers, 1000).await;
    let budget = format!("more than {} values", crate::MAX_BATCH_VALUES);
    assert_refused(&read, 0, &budget);
}

#[tokio::test]
async fn a_record_past_the_values_of_one_message_is_refused() {
    let answers = Answers {
        pulls: vec![vec![record_of(crate::MAX_MESSAGE_VALUES - 1)]],
        ..Answers::default()
    };
    let read = read_detached(answers, 1000).await;
    let cap = format!(
        "more than {} values in one message",
        crate::MAX_MESSAGE_VALUES
    );
    assert_refused(&read, 0, &cap);
}
