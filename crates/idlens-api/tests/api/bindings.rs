//! The checked-in TypeScript bindings must match the Rust types, and name
//! no type they do not declare.

use std::collections::BTreeSet;

#[test]
fn ui_bindings_are_current() {
    expect_test::expect_file!["../../../../ui/src/bindings.ts"]
        .assert_eq(&idlens_api::typescript::bindings());
}

/// The declarations are walked from the command table, so a type a
/// signature names, however deep, is declared; this checks the result
/// without trusting the walk (a `#[ts(type = "…")]` override, for one,
/// names types ts-rs cannot see).
#[test]
fn every_type_the_bindings_name_is_declared() {
    let text = code_only(&idlens_api::typescript::bindings());
    let mut known: BTreeSet<&str> = ["Array", "Record", "Promise"].into();
    for line in text.lines() {
        let Some(rest) = line
            .strip_prefix("export type ")
            .or_else(|| line.strip_prefix("export const "))
        else {
            continue;
        };
        let head = rest.split([' ', '=', ':']).next().unwrap_or_default();
        let (name, params) = head.split_once('<').unwrap_or((head, ""));
        known.insert(name);
        known.extend(params.trim_end_matches('>').split(',').map(str::trim));
    }
    let undeclared: BTreeSet<&str> = identifiers(&text)
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|name| !known.contains(name))
        .collect();
    assert!(
        undeclared.is_empty(),
        "bindings.ts names types it does not declare: {undeclared:?}"
    );
}

/// The text without comments and string literals (keys, tags and values).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['/', '"']) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let skip = if tail.starts_with("/*") {
            tail.find("*/").map_or(tail.len(), |end| end + 2)
        } else if tail.starts_with("//") {
            tail.find('\n').unwrap_or(tail.len())
        } else if tail.starts_with('"') {
            closing_quote(tail).map_or(tail.len(), |end| end + 1)
        } else {
            out.push('/');
            1
        };
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out
}

/// Where the string literal at the start of `tail` ends.
fn closing_quote(tail: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in tail.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
}
