//! The readers: bad lines and rows with their numbers, skipping, gzip,
//! headers and JSON shapes.

use expect_test::expect;
use idlens_audit::{
    audit, read_graph_csv, read_graph_json, Auth0Index, GraphInput, GraphRow, Mapping, ReadOptions,
};

use std::sync::atomic::Ordering;

use crate::fixture::*;

fn index(bytes: &[u8], skip: bool) -> Result<Auth0Index, String> {
    let mut options = ReadOptions::new("users.json.gz");
    options.skip_bad_lines = skip;
    options.max_record = 200;
    Auth0Index::read(bytes, &options).map_err(|e| e.to_string())
}

fn bad_input() -> String {
    let mut lines = vec![
        user("auth0|1", None, None, None, ""),
        String::new(),
        "   ".to_owned(),
        r#"{"user_id": 12}"#.to_owned(),
        r#"["auth0|2"]"#.to_owned(),
        format!(r#"{{"user_id":"auth0|3","name":"{}"}}"#, "x".repeat(300)),
        "{\"user_id\":\"auth0|4\"".to_owned(),
        user("auth0|5", None, None, None, ""),
    ];
    lines.push(String::new());
    lines.join("\r\n")
}

#[test]
fn a_bad_line_is_reported_with_its_number() {
    expect![[r#"line 4 of users.json.gz is not a user object: it is not valid JSON (invalid type: integer `12`, expected a string at line 1 column 14). Fix or remove the line, or run again with --skip-bad-lines"#]]
        .assert_eq(&index(bad_input().as_bytes(), false).unwrap_err());
}

#[test]
fn skipping_bad_lines_counts_them() {
    for input in [bad_input().into_bytes(), gzip(bad_input().as_bytes())] {
        let index = index(&input, true).unwrap();
        let stats = index.stats();
        assert_eq!((stats.users, stats.bad_lines), (2, 4), "{stats:?}");
        assert!(index.find("auth0|5").is_some());
    }
}

#[test]
fn an_over_long_line_is_a_bad_line() {
    let input = format!(
        "{}\n{}",
        user("auth0|1", None, None, None, ""),
        bad_input().lines().nth(5).unwrap()
    );
    expect![[r#"line 2 of users.json.gz is not a user object: it is longer than 200 bytes. Fix or remove the line, or run again with --skip-bad-lines"#]]
        .assert_eq(&index(input.as_bytes(), false).unwrap_err());
}

#[test]
fn a_truncated_gzip_says_the_download_was_cut_off() {
    let lines: Vec<String> = (0..2000)
        .map(|n| user(&format!("auth0|{n}"), Some("a@x.test"), None, None, ""))
        .collect();
    let whole = gzip(lines.join("\n").as_bytes());
    assert_eq!(index(&whole, false).unwrap().len(), 2000);
    for cut in [whole.len() / 2, whole.len() - 4, 5] {
        expect![[
            r#"users.json.gz ends early: was the download cut off? Download or export it again"#
        ]]
        .assert_eq(&index(&whole[..cut], false).unwrap_err());
    }
    let mut corrupt = whole.clone();
    corrupt[40] ^= 0xff;
    corrupt[41] ^= 0xff;
    let err = index(&corrupt, false).unwrap_err();
    assert!(err.contains("is not a valid gzip file"), "{err}");
}

fn csv_rows(csv: &str, mapping: &Mapping, skip: bool) -> Result<(Vec<GraphRow>, u64), String> {
    let mut options = ReadOptions::new("graph.csv");
    options.skip_bad_lines = skip;
    let mut rows = Vec::new();
    let stats = read_graph_csv(csv.as_bytes(), mapping, &options, |r| {
        rows.push(r.to_owned_row())
    })
    .map_err(|e| e.to_string())?;
    assert_eq!(stats.rows, rows.len() as u64);
    Ok((rows, stats.bad_lines))
}

#[test]
fn csv_columns_may_be_named_as_browser_exports_them() {
    let (rows, _) = csv_rows(
        "\u{feff}u.email_verified,u.name,u.sub,u.email\nTRUE,\"Ann, A\",auth0|1,a@x.test\n,,auth0|2,\n",
        &Mapping::default(),
        false,
    )
    .unwrap();
    expect![[r#"
        [
            GraphRow {
                id: "auth0|1",
                email: Some(
                    "a@x.test",
                ),
                email_verified: Some(
                    true,
                ),
                name: Some(
                    "Ann, A",
                ),
            },
            GraphRow {
                id: "auth0|2",
                email: None,
                email_verified: None,
                name: None,
            },
        ]
    "#]]
    .assert_debug_eq(&rows);
}

#[test]
fn a_wrong_csv_header_names_what_it_found_and_needs() {
    expect!["graph.csv has the wrong header: the columns are `id`, `mail`, but the mapping needs `sub`, `email` (as `sub` or `u.sub`). Export with a query that returns these properties, or change the mapping (the profile's, or with `idlens audit --graph-id-property …`)"]
        .assert_eq(&csv_rows("id,mail\nauth0|1,a@x.test\n", &Mapping::default(), false).unwrap_err());
}

#[test]
fn bad_csv_rows_have_their_line_and_can_be_skipped() {
    let csv = "sub,email,name,email_verified\nauth0|1,a@x.test,,true\n,b@x.test,,\nauth0|3,c@x.test,,yes\nauth0|4,d\nauth0|5,e@x.test,,false\n";
    expect!["line 3 of graph.csv is not a user node: its id is empty. Fix or remove it, or run again with --skip-bad-lines"]
        .assert_eq(&csv_rows(csv, &Mapping::default(), false).unwrap_err());
    let without_first = csv.replacen(",b@x.test,,\n", "", 1);
    expect![[r#"line 3 of graph.csv is not a user node: its e-mail-verified value "yes" is not true or false. Fix or remove it, or run again with --skip-bad-lines"#]]
        .assert_eq(&csv_rows(&without_first, &Mapping::default(), false).unwrap_err());
    let (rows, bad) = csv_rows(csv, &Mapping::default(), true).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!((ids, bad), (vec!["auth0|1", "auth0|5"], 3));
}

fn json_rows(json: &str, skip: bool) -> Result<(Vec<GraphRow>, u64), String> {
    let mut options = ReadOptions::new("graph.json");
    options.skip_bad_lines = skip;
    let mut rows = Vec::new();
    let stats = read_graph_json(json.as_bytes(), &Mapping::default(), &options, |r| {
        rows.push(r.to_owned_row())
    })
    .map_err(|e| e.to_string())?;
    Ok((rows, stats.bad_lines))
}

#[test]
fn json_arrays_may_be_flat_or_wrap_one_node() {
    let json = r#"[
        {"sub": "auth0|flat", "email": "a@x.test", "name": null, "email_verified": true},
        {"u.sub": "auth0|dotted", "u.email": "b@x.test"},
        {"u": {"sub": "auth0|wrapped", "email_verified": "FALSE"}},
        {"u": {"identity": 7, "labels": ["User"], "properties": {"sub": "auth0|node", "name": "N"}, "elementId": "4:x:7"}},
        {"sub": 12345}
    ]"#;
    let (rows, _) = json_rows(json, false).unwrap();
    let shown: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {:?} {:?} {:?}", r.id, r.email, r.name, r.email_verified))
        .collect();
    expect![[r#"
        auth0|flat Some("a@x.test") None Some(true)
        auth0|dotted Some("b@x.test") None None
        auth0|wrapped None None Some(false)
        auth0|node None Some("N") None
        12345 None None None"#]]
    .assert_eq(&shown.join("\n"));
}

#[test]
fn bad_json_elements_have_their_position() {
    let json = r#"[{"sub": "auth0|1"}, 5, {"email": "x"}, {"sub": ""}, {"sub": "auth0|2", "email": 3}, {"sub": "auth0|3"}]"#;
    expect!["element 2 of graph.json is not a user node: it is not a JSON object. Fix or remove it, or run again with --skip-bad-lines"].assert_eq(&json_rows(json, false).unwrap_err());
    let (rows, bad) = json_rows(json, true).unwrap();
    assert_eq!((rows.len(), bad), (2, 4));
    expect!["graph.json is not a JSON array of user objects: invalid type: map, expected an array of objects at line 1 column 1. Export the graph from Neo4j Browser as JSON, or as CSV"].assert_eq(&json_rows(r#"{"sub": "auth0|1"}"#, false).unwrap_err());
    expect!["graph.json is not a JSON array of user objects: EOF while parsing a list at line 1 column 19. Export the graph from Neo4j Browser as JSON, or as CSV"].assert_eq(&json_rows(r#"[{"sub": "auth0|1"}"#, false).unwrap_err());
}

#[test]
fn rows_can_be_pushed_directly() {
    let users = user("auth0|1", Some("a@x.test"), Some(true), None, "");
    let rows = vec![GraphRow {
        id: "auth0|2".into(),
        email: None,
        email_verified: None,
        name: None,
    }];
    let mut out = Vec::new();
    let summary = audit(
        users.as_bytes(),
        GraphInput::Rows(Box::new(rows.into_iter())),
        &options(),
        &mut out,
    )
    .unwrap();
    assert_eq!((summary.missing_in_graph, summary.orphan_in_graph), (1, 1));
}

#[test]
fn a_csv_line_past_the_limit_stops_the_read_with_its_number_even_when_skipping() {
    // One quoted field of 2 MiB: the csv crate would hold it whole.
    let huge = "x".repeat(2 << 20);
    let csv =
        format!("sub,email,name,email_verified\nauth0|1,a@x.test,,true\nauth0|2,\"{huge}\",,\n");
    for skip in [false, true] {
        let err = csv_rows(&csv, &Mapping::default(), skip).unwrap_err();
        assert!(
            err.starts_with("the record that begins on line 3 of graph.csv is longer than 1 MiB"),
            "{err}"
        );
    }
}

/// A source that serves `head`, then `filler` over and over until `total`
/// bytes, counting what was taken: a reader that stops at its cap takes
/// little of it.
struct Served {
    head: Vec<u8>,
    filler: &'static [u8],
    left: usize,
    served: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Served {
    fn new(head: &str, filler: &'static [u8], total: usize) -> Self {
        Served {
            head: head.as_bytes().to_vec(),
            filler,
            left: total,
            served: Default::default(),
        }
    }
}

impl std::io::Read for Served {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left);
        let at = self.served.load(Ordering::Relaxed);
        for (i, byte) in buf[..n].iter_mut().enumerate() {
            let pos = at + i;
            *byte = match self.head.get(pos) {
                Some(b) => *b,
                None => self.filler[(pos - self.head.len()) % self.filler.len()],
            };
        }
        self.left -= n;
        self.served.store(at + n, Ordering::Relaxed);
        Ok(n)
    }
}

fn capped(name: &str, cap: usize, skip: bool) -> ReadOptions {
    let mut options = ReadOptions::new(name);
    options.skip_bad_lines = skip;
    options.max_record = cap;
    options
}

fn read_csv_capped(
    input: impl std::io::Read + Send,
    cap: usize,
    skip: bool,
) -> Result<u64, String> {
    let options = capped("graph.csv", cap, skip);
    read_graph_csv(input, &Mapping::default(), &options, |_| {})
        .map(|stats| stats.rows)
        .map_err(|e| e.to_string())
}

#[test]
fn a_quoted_csv_field_over_many_short_lines_is_capped_as_one_record() {
    // Every line is short, but the quote opened on line 3 never closes:
    // the csv crate would hold the whole field until the end of the file.
    let csv = format!(
        "sub,email,name,email_verified\nauth0|1,a@x.test,,true\n\"{}",
        "a\n".repeat(5000)
    );
    for skip in [false, true] {
        expect!["the record that begins on line 3 of graph.csv is longer than 1000 bytes, more than a user node takes: is it the right file? Check it, or export the graph again"]
            .assert_eq(&read_csv_capped(csv.as_bytes(), 1000, skip).unwrap_err());
    }
    // Quoted line breaks, escaped quotes and CRLF within the cap are one
    // record each, and the next record's line is counted past them.
    let ok = "sub,email,name,email_verified\r\nauth0|1,a@x.test,\"Ann\r\n\"\"A\"\"\nB\",true\r\nauth0|2,\"b@x.test\",x\"y and more text here,\n";
    assert_eq!(read_csv_capped(ok.as_bytes(), 45, false), Ok(2));
    expect!["the record that begins on line 5 of graph.csv is longer than 40 bytes, more than a user node takes: is it the right file? Check it, or export the graph again"]
        .assert_eq(&read_csv_capped(ok.as_bytes(), 40, false).unwrap_err());
}

#[test]
fn an_endless_quoted_csv_field_stops_the_reading_near_the_cap() {
    let source = Served::new(
        "sub,email,name,email_verified\nauth0|1,a@x.test,,true\n\"",
        b"a\n",
        8 << 20,
    );
    let served = source.served.clone();
    let err = read_csv_capped(source, 16 << 10, true).unwrap_err();
    assert!(
        err.contains("line 3 of graph.csv is longer than 16 KiB"),
        "{err}"
    );
    // The csv reader's buffer (128 KiB) past the cap, not the 8 MiB.
    assert!(
        served.load(Ordering::Relaxed) < 512 << 10,
        "read {} bytes",
        served.load(Ordering::Relaxed)
    );
}

fn read_json_capped(input: impl std::io::Read, cap: usize, skip: bool) -> Result<u64, String> {
    let options = capped("graph.json", cap, skip);
    read_graph_json(input, &Mapping::default(), &options, |_| {})
        .map(|stats| stats.rows)
        .map_err(|e| e.to_string())
}

#[test]
fn a_json_element_past_the_cap_stops_the_read_with_its_position_even_when_skipping() {
    let big = format!(
        r#"[{{"sub": "auth0|1"}}, {{"sub": "auth0|2", "name": "{}"}}, {{"sub": "auth0|3"}}]"#,
        "x".repeat(5000)
    );
    for skip in [false, true] {
        expect!["element 2 of graph.json is longer than 1000 bytes, more than a user node takes: is it the right file? Check it, or export the graph again"]
            .assert_eq(&read_json_capped(big.as_bytes(), 1000, skip).unwrap_err());
    }
    assert_eq!(read_json_capped(big.as_bytes(), 6000, false), Ok(3));
}

#[test]
fn an_endless_json_element_stops_the_reading_at_the_cap() {
    let source = Served::new(r#"[{"sub": "auth0|1"}, {"sub": ""#, b"a", 8 << 20);
    let served = source.served.clone();
    let err = read_json_capped(source, 16 << 10, false).unwrap_err();
    assert!(
        err.starts_with("element 2 of graph.json is longer than 16 KiB"),
        "{err}"
    );
    assert!(
        served.load(Ordering::Relaxed) < 512 << 10,
        "read {} bytes",
        served.load(Ordering::Relaxed)
    );
}

#[test]
fn a_byte_order_mark_is_ignored_in_every_input_format() {
    const BOM: &str = "\u{feff}";
    let users = format!(
        "{BOM}{}\n{}\n",
        user("auth0|1", Some("a@x.test"), None, None, ""),
        user("auth0|2", None, None, None, "")
    );
    for input in [users.clone().into_bytes(), gzip(users.as_bytes())] {
        let index = index(&input, false).unwrap();
        assert_eq!(index.len(), 2);
        assert!(index.find("auth0|1").is_some());
    }
    let json = format!(r#"{BOM}[{{"sub": "auth0|1"}}, {{"sub": "auth0|2"}}]"#);
    assert_eq!(read_json_capped(json.as_bytes(), 1000, false), Ok(2));
    let csv = format!("{BOM}sub,email,name,email_verified\nauth0|1,,,\n");
    assert_eq!(read_csv_capped(csv.as_bytes(), 1000, false), Ok(1));
}
