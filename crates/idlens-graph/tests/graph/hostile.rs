//! A hostile Bolt server (issue 16): malformed answers, endless messages and
//! endless records end in a `GraphError`, never a panic, an abort or memory
//! without limit: a message is not read past its cap, a batch of records past
//! what was pulled or its budget, a query's rows past what it returns.

use idlens_graph::{GraphError, MAX_BOLT_MESSAGE};

use crate::bolt_server::{tiny_string, HostileBolt, Script, MAX_CHUNK};

/// `Graph::connect` against a server that answers its check query with
/// `script`, in a task of its own so a panic is reported, not propagated.
async fn connect_to(script: Script) -> Result<GraphError, String> {
    let outcome = tokio::spawn(async move {
        let server = HostileBolt::start(script).await;
        server.connect().await.map(|_| ())
    })
    .await;
    match outcome {
        Ok(Err(error)) => Ok(error),
        Ok(Ok(())) => Err("connected as if the answer were fine".into()),
        Err(join) if join.is_panic() => Err(format!("panicked: {}", panic_text(join))),
        Err(join) => Err(format!("the task failed: {join}")),
    }
}

fn panic_text(join: tokio::task::JoinError) -> String {
    let payload = join.into_panic();
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

fn assert_malformed(case: &str, outcome: Result<GraphError, String>) {
    match outcome {
        Ok(GraphError::MalformedAnswer { .. }) => {}
        Ok(other) => panic!("{case}: expected a malformed answer, got {other:?}"),
        Err(problem) => panic!("{case}: {problem}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hello_answer_claiming_a_map_entry_it_lacks_is_an_error() {
    // SUCCESS {<one entry>} with no entry.
    let outcome = connect_to(Script::HelloAnswer(vec![0xB1, 0x70, 0xA1])).await;
    assert_malformed("SUCCESS with a missing map entry", outcome);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_of_four_billion_entries_is_an_error_not_an_abort() {
    // SUCCESS {a: LIST32 of 2^32-1 entries, none present}.
    let mut body = vec![0xB1, 0x70, 0xA1];
    body.extend_from_slice(&tiny_string("a"));
    body.extend_from_slice(&[0xD6, 0xFF, 0xFF, 0xFF, 0xFF]);
    assert_malformed("LIST32", connect_to(Script::RunAnswer(body)).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_string_longer_than_what_was_sent_is_an_error() {
    // SUCCESS {a: STRING32 of 2^32-1 bytes, 10 present}.
    let mut body = vec![0xB1, 0x70, 0xA1];
    body.extend_from_slice(&tiny_string("a"));
    body.extend_from_slice(&[0xD2, 0xFF, 0xFF, 0xFF, 0xFF]);
    body.extend_from_slice(b"0123456789");
    assert_malformed("STRING32", connect_to(Script::RunAnswer(body)).await);
}

/// Every Bolt value kind, cut short or with a size it does not have, as the
/// one value of a RECORD.
const BROKEN_VALUES: &[(&str, &[u8])] = &[
    ("null, then a missing list item", &[0x92, 0xC0]),
    ("boolean, then a missing list item", &[0x92, 0xC3]),
    ("INT8 without its byte", &[0xC8]),
    ("INT16 cut", &[0xC9, 0x01]),
    ("INT32 cut", &[0xCA, 0x01, 0x02]),
    ("INT64 cut", &[0xCB, 0x01, 0x02, 0x03]),
    ("FLOAT cut", &[0xC1, 0x3F, 0xF0]),
    ("tiny string cut", &[0x85, 0x61, 0x62]),
    ("STRING8 without its size", &[0xD0]),
    ("STRING8 cut", &[0xD0, 0x10, 0x61]),
    ("STRING16 without its size", &[0xD1, 0x01]),
    ("STRING16 cut", &[0xD1, 0x01, 0x00, 0x61]),
    ("STRING32 without its size", &[0xD2, 0x00, 0x00]),
    (
        "STRING32 of 2^32-1 bytes",
        &[0xD2, 0xFF, 0xFF, 0xFF, 0xFF, 0x61],
    ),
    ("STRING not UTF-8", &[0x82, 0xC3, 0x28]),
    ("BYTES8 without its size", &[0xCC]),
    ("BYTES8 cut", &[0xCC, 0x05, 0x01]),
    ("BYTES16 cut", &[0xCD, 0x01, 0x00, 0x01]),
    ("BYTES32 without its size", &[0xCE, 0x00]),
    (
        "BYTES32 of 2^32-1 bytes",
        &[0xCE, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
    ),
    ("tiny list cut", &[0x93, 0x01]),
    ("LIST8 of 255", &[0xD4, 0xFF, 0x01]),
    ("LIST16 of 65,535", &[0xD5, 0xFF, 0xFF, 0x01]),
    ("LIST32 without its size", &[0xD6, 0x00, 0x00, 0x00]),
    ("LIST32 of 2^32-1", &[0xD6, 0xFF, 0xFF, 0xFF, 0xFF]),
    ("tiny map cut", &[0xA2, 0x81, 0x61, 0x01]),
    ("tiny map with a key and no value", &[0xA1, 0x81, 0x61]),
    ("map with a key that is not a string", &[0xA1, 0x01, 0x01]),
    ("MAP8 of 255", &[0xD8, 0xFF]),
    ("MAP16 of 65,535", &[0xD9, 0xFF, 0xFF]),
    ("MAP32 without its size", &[0xDA, 0xFF]),
    ("MAP32 of 2^32-1", &[0xDA, 0xFF, 0xFF, 0xFF, 0xFF]),
    ("an unknown marker", &[0xE0]),
    ("a reserved marker", &[0xC4]),
    ("STRUCT8 (not in Bolt 4)", &[0xDC, 0x01, 0x4E]),
    ("a structure of an unknown tag", &[0xB1, 0x99, 0x01]),
    ("node cut after its id", &[0xB3, 0x4E, 0x01]),
    (
        "node with a LIST32 of labels",
        &[0xB3, 0x4E, 0x01, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    (
        "node with a MAP32 of properties",
        &[0xB3, 0x4E, 0x01, 0x90, 0xDA, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    (
        "node whose id is a string",
        &[0xB3, 0x4E, 0x81, 0x61, 0x90, 0xA0],
    ),
    ("node with a field too few", &[0xB2, 0x4E, 0x01, 0x90]),
    ("relationship cut", &[0xB5, 0x52, 0x01, 0x02, 0x03]),
    (
        "relationship with a STRING32 type",
        &[0xB5, 0x52, 0x01, 0x02, 0x03, 0xD2, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    ("unbound relationship cut", &[0xB3, 0x72, 0x01]),
    ("path cut", &[0xB3, 0x50, 0x91]),
    (
        "path with a LIST32 of relationships",
        &[0xB3, 0x50, 0x90, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    ("2D point cut", &[0xB3, 0x58, 0x01, 0xC1, 0x00, 0x00]),
    (
        "2D point with integer coordinates",
        &[0xB3, 0x58, 0x01, 0x01, 0x01],
    ),
    (
        "3D point cut",
        &[0xB4, 0x59, 0x01, 0xC1, 0, 0, 0, 0, 0, 0, 0, 0, 0xC1],
    ),
    ("date cut", &[0xB1, 0x44]),
    ("date with a cut INT64", &[0xB1, 0x44, 0xCB, 0x01]),
    ("time cut", &[0xB2, 0x54, 0x01]),
    ("local time cut", &[0xB1, 0x74]),
    ("datetime (offset) cut", &[0xB3, 0x46, 0x01, 0x02]),
    (
        "datetime (zone id) cut",
        &[0xB3, 0x66, 0x01, 0x02, 0xD0, 0x09, 0x45],
    ),
    ("local datetime cut", &[0xB2, 0x64, 0x01]),
    ("duration cut", &[0xB4, 0x45, 0x01, 0x02, 0x03]),
];

#[tokio::test(flavor = "multi_thread")]
async fn every_value_kind_cut_short_or_with_an_absurd_size_is_an_error() {
    let mut problems = Vec::new();
    for (case, bytes) in BROKEN_VALUES {
        match connect_to(Script::value(*bytes)).await {
            Ok(GraphError::MalformedAnswer { .. }) => {}
            Ok(other) => problems.push(format!("{case}: {other:?}")),
            Err(problem) => problems.push(format!("{case}: {problem}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn values_nested_past_the_depth_limit_are_an_error_not_a_stack_overflow() {
    let mut nested = vec![0x91; 200_000];
    nested.push(0xC0);
    assert_malformed(
        "200,000 nested lists",
        connect_to(Script::value(nested)).await,
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_endless_message_is_refused_once_it_passes_the_cap() {
    // Past the cap by two chunks, then nothing: a reader without a cap would
    // wait for the rest until the answer timeout. The error says the cap.
    let chunks = MAX_BOLT_MESSAGE / MAX_CHUNK + 2;
    let error = connect_to(Script::EndlessChunks { chunks })
        .await
        .expect("an error");
    assert!(
        matches!(error, GraphError::MalformedAnswer { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains(&format!("larger than {} MiB", MAX_BOLT_MESSAGE >> 20)),
        "{text}"
    );
    assert!(text.contains("bolt+s://"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_just_under_the_cap_is_read() {
    let size = MAX_BOLT_MESSAGE - 64;
    let mut value = vec![0xD2];
    value.extend_from_slice(&(size as u32).to_be_bytes());
    value.resize(value.len() + size, b'x');
    let server = HostileBolt::start(Script::value(value)).await;
    server
        .connect()
        .await
        .expect("a large but well-formed answer");
}

#[tokio::test(flavor = "multi_thread")]
async fn absurd_temporal_values_in_a_node_are_shown_not_a_panic() {
    // props: [["t", <local time of i64::MAX ns>, "x"], ["u", <time at offset
    // i64::MAX s>, "y"]], as Graph::node reads them.
    let mut props = vec![0x92, 0x93];
    props.extend_from_slice(&tiny_string("t"));
    props.extend_from_slice(&[
        0xB1, 0x74, 0xCB, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    props.extend_from_slice(&tiny_string("x"));
    props.push(0x93);
    props.extend_from_slice(&tiny_string("u"));
    props.extend_from_slice(&[
        0xB2, 0x54, 0x00, 0xCB, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    props.extend_from_slice(&tiny_string("y"));
    let mut values = vec![0x90]; // labels
    values.extend_from_slice(&props);
    values.push(0x90); // rels
    let server = HostileBolt::start_after_connect(Script::Record {
        fields: &["labels", "props", "rels"],
        values,
    })
    .await;
    let graph = server.connect().await.expect("connect");
    let outcome = tokio::spawn(async move { graph.node("auth0|1").await }).await;
    let nodes = match outcome {
        Ok(result) => result.expect("a node"),
        Err(join) => panic!("panicked: {}", panic_text(join)),
    };
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0].properties["t"], "x");
    assert_eq!(nodes[0].properties["u"], "y");
}

#[tokio::test(flavor = "multi_thread")]
async fn endless_records_are_refused_past_the_rows_one_pull_asked_for() {
    // RECORDs without end and never the summary: a reader that keeps every
    // record of a batch until its summary holds them all until the answer
    // timeout. The driver asks for 1,000 rows a batch and reads no more.
    let script = Script::small_records(None);
    let error = connect_to(script).await.expect("an error");
    assert!(
        matches!(error, GraphError::MalformedAnswer { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains("more than the 1000 records PULL asked for"),
        "{text}"
    );
    assert!(text.contains("bolt+s://"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn records_of_many_tiny_values_are_refused_past_the_batch_budget() {
    // Records of one list of tiny integers, each just under the values of
    // one message (the record, its list, the integers' list and the field's
    // name count too): four fit in a batch's values budget, the fifth does
    // not. Each is 256 KiB on the wire and about 25 MB decoded.
    let integers = neo4rs::MAX_MESSAGE_VALUES - 8;
    let mut value = vec![0xD6];
    value.extend_from_slice(&(integers as u32).to_be_bytes());
    value.resize(value.len() + integers, 0x01);
    let script = Script::Records {
        value,
        times: Some(neo4rs::MAX_BATCH_VALUES / (integers + 4) + 1),
    };
    let error = connect_to(script).await.expect("an error");
    assert!(
        matches!(error, GraphError::MalformedAnswer { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    let budget = format!("more than {} values", neo4rs::MAX_BATCH_VALUES);
    assert!(text.contains(&budget), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn more_rows_than_a_query_asks_for_are_refused() {
    // `RETURN 1 AS ok`, which Graph::connect checks the connection with,
    // answered with two rows.
    let script = Script::small_records(Some(2));
    let error = connect_to(script).await.expect("an error");
    assert!(
        matches!(error, GraphError::TooManyRows { limit: 1, .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("more rows than the query asks for"), "{text}");
    assert!(text.contains("bolt+s://"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_page_longer_than_its_limit_is_refused() {
    let server = HostileBolt::start_after_connect(Script::small_records(Some(4))).await;
    let graph = server.connect().await.expect("connect");
    let error = graph.search("", None, 3).await.unwrap_err();
    assert!(
        matches!(error, GraphError::TooManyRows { limit: 3, .. }),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_count_of_more_than_one_row_is_refused() {
    // The audit's stream counts the users first, in its transaction (the
    // first query after Graph::connect), and reads the count from one row.
    let server = HostileBolt::start_after_connect(Script::small_records(Some(2))).await;
    let graph = server.connect().await.expect("connect");
    let job = idlens_job::Job::unwatched();
    let error = graph.stream_users(&job, |_| {}).await.unwrap_err();
    assert!(
        matches!(error, GraphError::TooManyRows { limit: 1, .. }),
        "{error:?}"
    );
}
