//! Listing newest first and exporting as CSV and JSON.

use idlens_actions::{export, list, Action, ActionLogError, Outcome};
use idlens_export::Format;

use crate::support::{record, TestLog};

#[test]
fn a_page_lists_the_newest_first() {
    let t = TestLog::new();
    t.append(5);
    let page = list(&t.log, 1, 2).unwrap();
    assert_eq!(page.total, 5);
    let lines: Vec<u64> = page.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 3]);
    let record = page.entries[0].record.as_ref().unwrap();
    assert_eq!(record.target.user_id.as_deref(), Some("auth0|4"));
    assert_eq!(list(&t.log, 4, 10).unwrap().entries.len(), 1);
    assert!(list(&t.log, 10, 10).unwrap().entries.is_empty());
}

#[test]
fn a_missing_log_lists_nothing() {
    let t = TestLog::new();
    let page = list(&t.log, 0, 10).unwrap();
    assert_eq!(page.total, 0);
    assert!(page.entries.is_empty());
}

#[test]
fn an_unreadable_line_is_listed_as_such_not_dropped() {
    let t = TestLog::new();
    t.append(2);
    let mut lines = t.lines();
    lines.push("garbage".into());
    t.write_lines(&lines);
    let page = list(&t.log, 0, 10).unwrap();
    assert_eq!(page.entries.len(), 3);
    assert_eq!(page.entries[0].line, 3);
    assert!(page.entries[0].record.is_err());
}

#[test]
fn csv_export_holds_every_record_with_formulas_made_inert() {
    let t = TestLog::new();
    let mut new = record(Action::AssignRole, "auth0|1");
    new.changes = "=HYPERLINK(\"http://evil.test\")".into();
    new.result = Outcome::Error {
        code: "forbidden".into(),
        message: "missing create:role_members".into(),
    };
    t.log.append(&t.keychain, new).unwrap();
    t.append(1);
    let (bytes, rows) = export(&t.log, Format::Csv, Vec::new()).unwrap();
    assert_eq!(rows, 2);
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "seq,at,profile,credential,action,what,userId,identifier,changes,result,errorCode,errorMessage,prev,hash"
    );
    assert!(
        lines[1].contains(",assignRole,assigned a role,auth0|1,,\"'=HYPERLINK(\"\"http://evil.test\"\")\",error,forbidden,missing create:role_members,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(",unblock,unblocked the user,auth0|1,,"),
        "{}",
        lines[2]
    );
}

#[test]
fn json_export_is_an_array_of_every_record() {
    let t = TestLog::new();
    t.append(3);
    let (bytes, rows) = export(&t.log, Format::Json, Vec::new()).unwrap();
    assert_eq!(rows, 3);
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), 3);
    assert_eq!(array[2]["seq"], "3");
    assert_eq!(array[2]["credential"], "M2M client m2m-client");
    assert_eq!(array[0]["result"], "ok");
}

#[test]
fn an_export_stops_at_an_unreadable_line_and_names_it() {
    let t = TestLog::new();
    t.append(2);
    let mut lines = t.lines();
    lines.insert(1, "garbage".into());
    t.write_lines(&lines);
    let err = export(&t.log, Format::Csv, Vec::new()).unwrap_err();
    assert!(
        matches!(err, ActionLogError::Unreadable { line: 2, .. }),
        "{err}"
    );
}
