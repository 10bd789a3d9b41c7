//! A hostile Bolt server on 127.0.0.1: it speaks enough Bolt 4.4 to be
//! connected to (handshake, HELLO, RUN, PULL, BEGIN, RESET, GOODBYE) and then
//! sends what the test scripted, well-formed or not.

use std::time::Duration;

use idlens_graph::{ConnectionSettings, Graph, GraphError, Mapping, Timeouts};
use idlens_secret::Secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const SUCCESS: u8 = 0x70;
const RECORD: u8 = 0x71;
const HELLO: u8 = 0x01;
const GOODBYE: u8 = 0x02;
const RUN: u8 = 0x10;
const PULL: u8 = 0x3F;

/// The largest chunk Bolt allows.
pub const MAX_CHUNK: usize = 65_535;

/// What the server answers once the client has said HELLO.
#[derive(Clone, Debug)]
pub enum Script {
    /// This message body as the answer to HELLO itself.
    HelloAnswer(Vec<u8>),
    /// This message body as the answer to the first RUN.
    RunAnswer(Vec<u8>),
    /// A well-formed RUN answer naming `fields`, then one RECORD whose values
    /// (after the list's marker, which says `fields.len()`) are these bytes.
    Record {
        fields: &'static [&'static str],
        values: Vec<u8>,
    },
    /// `chunks` chunks of [`MAX_CHUNK`] bytes answering the first RUN, never
    /// the end of the message; the connection is held open afterwards.
    EndlessChunks { chunks: usize },
    /// A well-formed RUN answer naming one field, `value`, then RECORDs
    /// whose one value is these bytes: `times` of them and the summary, or
    /// (`None`) records without end, for as long as the client reads.
    Records {
        value: Vec<u8>,
        times: Option<usize>,
    },
}

impl Script {
    /// A record of one field, `value`, holding these bytes.
    pub fn value(bytes: impl Into<Vec<u8>>) -> Script {
        Script::Record {
            fields: &["value"],
            values: bytes.into(),
        }
    }

    /// Records of one small integer: `times` of them, or without end.
    pub fn small_records(times: Option<usize>) -> Script {
        Script::Records {
            value: vec![0x01],
            times,
        }
    }
}

/// A hostile server, stopped when dropped.
pub struct HostileBolt {
    port: u16,
    task: JoinHandle<()>,
}

impl Drop for HostileBolt {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl HostileBolt {
    /// Serves every connection with `script` at its first RUN (the query
    /// `Graph::connect` checks the connection with).
    pub async fn start(script: Script) -> HostileBolt {
        Self::start_at_run(script, 1).await
    }

    /// Serves every connection with `script` at its second RUN (the first
    /// query after `Graph::connect`), answering the first as Neo4j would.
    pub async fn start_after_connect(script: Script) -> HostileBolt {
        Self::start_at_run(script, 2).await
    }

    async fn start_at_run(script: Script, at_run: usize) -> HostileBolt {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("local address").port();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, script.clone(), at_run));
            }
        });
        HostileBolt { port, task }
    }

    pub fn settings(&self) -> ConnectionSettings {
        ConnectionSettings {
            uri: format!("bolt://127.0.0.1:{}", self.port),
            user: "neo4j".into(),
            password: Secret::new("hostile-test"),
            database: None,
        }
    }

    /// `Graph::connect` against this server (its check query is the RUN the
    /// script answers), with waits short enough that a hang fails the test.
    pub async fn connect(&self) -> Result<Graph, GraphError> {
        let timeouts = Timeouts {
            connect: Duration::from_secs(20),
            answer: Duration::from_secs(20),
            write: Duration::from_secs(20),
        };
        Graph::connect_with(self.settings(), Mapping::default(), timeouts).await
    }
}

/// One connection: the handshake, then request by request.
async fn serve(mut socket: TcpStream, script: Script, at_run: usize) {
    let mut handshake = [0u8; 20];
    if socket.read_exact(&mut handshake).await.is_err() {
        return;
    }
    // Bolt 4.4.
    if socket.write_all(&[0, 0, 4, 4]).await.is_err() {
        return;
    }
    let (mut runs, mut pulls) = (0, 0);
    while let Some(request) = read_message(&mut socket).await {
        let Some(&signature) = request.get(1) else {
            return;
        };
        let answers = match signature {
            HELLO => hello_answer(&script),
            GOODBYE => return,
            RUN => {
                runs += 1;
                run_answer(&script, runs == at_run)
            }
            PULL => {
                pulls += 1;
                pull_answer(&script, pulls == at_run)
            }
            // BEGIN, COMMIT, ROLLBACK, RESET, DISCARD.
            _ => vec![Answer::Message(success_empty())],
        };
        for answer in answers {
            if answer.write(&mut socket).await.is_err() {
                return;
            }
        }
    }
}

fn hello_answer(script: &Script) -> Vec<Answer> {
    match script {
        Script::HelloAnswer(body) => vec![Answer::Message(body.clone())],
        _ => vec![Answer::Message(success_empty())],
    }
}

/// The answer to a RUN; `scripted` when it is the one the script is for.
fn run_answer(script: &Script, scripted: bool) -> Vec<Answer> {
    let answer = match (script, scripted) {
        (Script::RunAnswer(body), true) => Answer::Message(body.clone()),
        (Script::EndlessChunks { chunks }, true) => Answer::Chunks(*chunks),
        (Script::Record { fields, .. }, true) => Answer::Message(success_fields(fields)),
        (Script::Records { .. }, true) => Answer::Message(success_fields(&["value"])),
        _ => Answer::Message(success_fields(&["ok"])),
    };
    vec![answer]
}

/// The answers to a PULL: its records, then `SUCCESS {}`.
fn pull_answer(script: &Script, scripted: bool) -> Vec<Answer> {
    let mut answers = Vec::new();
    match (script, scripted) {
        (Script::Record { fields, values }, true) => {
            answers.push(Answer::Message(record(fields.len(), values)));
        }
        (Script::Records { value, times }, true) => {
            let record = record(1, value);
            match times {
                Some(times) => answers.extend((0..*times).map(|_| Answer::Message(record.clone()))),
                None => return vec![Answer::Endless(record)],
            }
        }
        _ => {}
    }
    answers.push(Answer::Message(success_empty()));
    answers
}

/// A RECORD of `fields` values, these bytes.
fn record(fields: usize, values: &[u8]) -> Vec<u8> {
    [&[0xB1, RECORD, 0x90 | fields as u8][..], values].concat()
}

/// `SUCCESS {}`.
fn success_empty() -> Vec<u8> {
    vec![0xB1, SUCCESS, 0xA0]
}

/// `SUCCESS {fields: [...]}` (at most 15 short names).
fn success_fields(fields: &[&str]) -> Vec<u8> {
    let mut body = vec![0xB1, SUCCESS, 0xA1];
    body.extend_from_slice(&tiny_string("fields"));
    body.push(0x90 | fields.len() as u8);
    for field in fields {
        body.extend_from_slice(&tiny_string(field));
    }
    body
}

/// A string of at most 15 bytes.
pub fn tiny_string(text: &str) -> Vec<u8> {
    assert!(text.len() < 16);
    [&[0x80 | text.len() as u8][..], text.as_bytes()].concat()
}

enum Answer {
    /// A message body, chunked and terminated.
    Message(Vec<u8>),
    /// This many full chunks with no terminator, then silence.
    Chunks(usize),
    /// This message body again and again, until the client stops reading.
    Endless(Vec<u8>),
}

impl Answer {
    async fn write(&self, socket: &mut TcpStream) -> std::io::Result<()> {
        match self {
            Answer::Message(body) => socket.write_all(&framed(body)).await,
            Answer::Endless(body) => {
                // A thousand at a time, so the writes are not one per record.
                let many = framed(body).repeat(1000);
                loop {
                    socket.write_all(&many).await?;
                }
            }
            Answer::Chunks(count) => {
                let mut chunk = vec![0u8; MAX_CHUNK + 2];
                chunk[..2].copy_from_slice(&(MAX_CHUNK as u16).to_be_bytes());
                for _ in 0..*count {
                    socket.write_all(&chunk).await?;
                }
                // Held open: a client without a limit waits for more.
                std::future::pending::<()>().await;
                Ok(())
            }
        }
    }
}

/// A message body, chunked and terminated.
fn framed(body: &[u8]) -> Vec<u8> {
    let mut framed = Vec::with_capacity(body.len() + body.len() / MAX_CHUNK * 2 + 4);
    for chunk in body.chunks(MAX_CHUNK) {
        framed.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        framed.extend_from_slice(chunk);
    }
    framed.extend_from_slice(&[0, 0]);
    framed
}

/// The next client message, de-chunked; `None` when the client is gone.
async fn read_message(socket: &mut TcpStream) -> Option<Vec<u8>> {
    let mut message = Vec::new();
    loop {
        let size = usize::from(socket.read_u16().await.ok()?);
        if size == 0 {
            if message.is_empty() {
                continue; // a NOOP chunk
            }
            return Some(message);
        }
        let start = message.len();
        message.resize(start + size, 0);
        socket.read_exact(&mut message[start..]).await.ok()?;
    }
}
