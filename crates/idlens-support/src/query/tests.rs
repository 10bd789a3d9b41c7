use super::*;

fn event(json: serde_json::Value) -> LogEvent {
    serde_json::from_value(json).expect("an event")
}

/// The events the table tests search.
fn events() -> Vec<(&'static str, LogEvent)> {
    vec![
        (
            "jane-fp",
            event(serde_json::json!({
                "log_id": "1", "type": "fp", "date": "2026-12-01T09:30:00.000Z",
                "user_name": "Jane Doe", "user_id": "auth0|jane", "ip": "203.0.113.7",
                "connection": "Username-Password-Authentication", "client_name": "Web App",
                "description": "Wrong email or password.", "strategy": "auth0",
                "user_agent": "Firefox 140.0.0 / Linux 0.0.0"
            })),
        ),
        (
            "jane-s",
            event(serde_json::json!({
                "log_id": "2", "type": "s", "date": "2026-12-07T23:59:59.000Z",
                "user_name": "Jane Doe", "user_id": "auth0|jane", "ip": "203.0.113.7",
                "client_name": "Web App", "organization_id": "org_1"
            })),
        ),
        (
            "bob-limit",
            event(serde_json::json!({
                "log_id": "3", "type": "limit_wc", "date": "2026-12-08T00:00:00.000Z",
                "user_name": "bob@example.com", "ip": "198.51.100.9",
                "description": "Blocked account after too many failed logins"
            })),
        ),
        (
            "admin-sapi",
            event(serde_json::json!({
                "log_id": "4", "type": "sapi", "date": "2026-11-30T10:00:00Z",
                "client_id": "mgmt", "description": "Update a user"
            })),
        ),
    ]
}

fn matching(query: &str) -> Vec<&'static str> {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    events()
        .into_iter()
        .filter(|(_, e)| query.matches(e))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn queries_select_the_events_they_describe() {
    let table: &[(&str, &[&str])] = &[
        ("type:fp", &["jane-fp"]),
        ("type:FP", &[]),
        ("type:fp OR type:s", &["jane-fp", "jane-s"]),
        ("user_name:\"jane doe\"", &["jane-fp", "jane-s"]),
        ("user_name:jane", &[]),
        ("user_name:jane*", &["jane-fp", "jane-s"]),
        ("user_name:jane* type:s", &["jane-s"]),
        ("user_name:jane* AND NOT type:s", &["jane-fp"]),
        ("NOT type:fp", &["jane-s", "bob-limit", "admin-sapi"]),
        (
            "(type:fp OR type:limit_wc) AND ip:203.0.113.7",
            &["jane-fp"],
        ),
        ("type:fp OR type:limit_wc AND ip:203.0.113.7", &["jane-fp"]),
        ("description:\"failed logins\"", &["bob-limit"]),
        ("description:WRONG", &["jane-fp"]),
        ("user_id:auth0\\|jane", &["jane-fp", "jane-s"]),
        ("user_id:auth0|jane", &["jane-fp", "jane-s"]),
        ("client_name:\"web app\"", &["jane-fp", "jane-s"]),
        ("connection:Username-Password-Authentication", &["jane-fp"]),
        ("client_id:mgmt", &["admin-sapi"]),
        ("log_id:3", &["bob-limit"]),
        ("strategy:auth0", &["jane-fp"]),
        ("organization_id:org_1", &["jane-s"]),
        ("user_agent:firefox*", &["jane-fp"]),
        // Dates: inclusive days take in the whole upper day.
        ("date:[2026-12-01 TO 2026-12-07]", &["jane-fp", "jane-s"]),
        ("date:{2026-12-01 TO 2026-12-08]", &["jane-s", "bob-limit"]),
        ("date:[2026-12-01 TO 2026-12-08}", &["jane-fp", "jane-s"]),
        ("date:[2026-12-01T10:00:00Z TO *]", &["jane-s", "bob-limit"]),
        ("date:[* TO 2026-12-01T09:30:00Z}", &["admin-sapi"]),
        (
            "date:[* TO 2026-12-01T09:30:00Z]",
            &["jane-fp", "admin-sapi"],
        ),
        ("date:2026-12-08", &["bob-limit"]),
        (
            "date:[2026-12-01T10:00:00+01:00 TO 2026-12-01T09:30:00]",
            &["jane-fp"],
        ),
        ("  type:s  ", &["jane-s"]),
    ];
    for (query, expected) in table {
        assert_eq!(matching(query), expected.to_vec(), "{query}");
    }
}

#[test]
fn an_event_without_the_field_never_matches_a_term() {
    assert_eq!(matching("organization_id:org*"), vec!["jane-s"]);
    assert_eq!(
        matching("NOT organization_id:org*"),
        vec!["jane-fp", "bob-limit", "admin-sapi"]
    );
    let undated = event(serde_json::json!({"type": "fp", "date": "not a date"}));
    let query = Query::parse("date:[* TO *]").expect("a query");
    assert!(!query.matches(&undated));
    assert!(query.matches(&events()[0].1));
}

fn error(query: &str) -> QueryError {
    Query::parse(query).expect_err(query)
}

#[test]
fn bad_queries_say_where_and_what_was_expected() {
    let table: &[(&str, &str)] = &[
        ("", "at character 1: expected a search term such as type:fp, found the end of the search."),
        ("type", "at character 5: expected \":\" after the field name type, found the end of the search."),
        ("type:", "at character 6: expected a value after type:, found the end of the search."),
        ("(type:fp", "at character 9: expected a closing ), found the end of the search."),
        ("type:fp)", "at character 8: expected AND, OR, NOT, a term or the end of the search, found \")\"."),
        ("type:fp AND", "at character 12: expected a search term such as type:fp, found the end of the search."),
        ("OR type:fp", "at character 1: expected a search term such as type:fp, found \"OR\"."),
        ("user_name:\"jane", "at character 11: expected a closing \" for the phrase that starts here, found the end of the search."),
        ("user_name:\"\"", "at character 11: expected a phrase between the quotes"),
        ("date:[2026-12-01 2026-12-07]", "at character 18: expected TO between the two ends of the range"),
        ("date:[2026-12-01 TO 2026-12-07", "at character 31: expected ] or } to close the range"),
        ("date:[2026-13-01 TO *]", "at character 7: \"2026-13-01\" is not a date."),
        ("date:yesterday", "at character 6: \"yesterday\" is not a date."),
        ("date:2026*", "a date cannot end in *"),
        ("type:[a TO b]", "at character 6: ranges work only on date, not on type."),
        ("user_name:*jane", "at character 11: a wildcard works only at the end of a value"),
        ("user_name:ja?ne", "at character 13: a wildcard works only at the end of a value"),
        ("user_name:ja(ne", "at character 13: ( cannot appear inside a value"),
        ("email:jane", "at character 1: \"email\" is not a field it searches. Use one of: type, user_id,"),
        (":fp", "at character 1: expected a search term such as type:fp, found \":fp\"."),
    ];
    for (query, expected) in table {
        let message = error(query).to_string();
        assert!(message.contains(expected), "{query:?}: {message}");
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}type:fp{}", "(".repeat(1000), ")".repeat(1000));
    assert_eq!(
        error(&deep),
        QueryError::TooDeep {
            position: MAX_QUERY_DEPTH + 1,
            max: MAX_QUERY_DEPTH
        }
    );
    let nots = format!("{}type:fp", "NOT ".repeat(500));
    assert!(matches!(error(&nots), QueryError::TooDeep { .. }));
    // At the limit it parses.
    let ok = format!(
        "{}type:fp{}",
        "(".repeat(MAX_QUERY_DEPTH),
        ")".repeat(MAX_QUERY_DEPTH)
    );
    assert_eq!(matching(&ok), vec!["jane-fp"]);
}

#[test]
fn long_queries_and_many_terms_are_refused() {
    let long = "x".repeat(MAX_QUERY_CHARS + 1);
    assert_eq!(
        error(&long),
        QueryError::TooLong {
            chars: MAX_QUERY_CHARS + 1,
            max: MAX_QUERY_CHARS
        }
    );
    let many = vec!["ip:1"; MAX_QUERY_TERMS + 1].join(" OR ");
    assert!(many.chars().count() <= MAX_QUERY_CHARS);
    assert_eq!(
        error(&many),
        QueryError::TooManyTerms {
            max: MAX_QUERY_TERMS
        }
    );
}

/// A small deterministic generator (xorshift), so the fuzz-ish test needs
/// no dependency and fails the same way every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

#[test]
fn random_input_parses_or_fails_cleanly() {
    let pieces = [
        "type",
        "user_name",
        "date",
        ":",
        "fp",
        "\"",
        "jane doe",
        "*",
        "?",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        " TO ",
        " AND ",
        " OR ",
        "NOT ",
        "\\",
        " ",
        "2026-12-01",
        "2026-12-01T10:00:00Z",
        "é",
        "🙂",
        "\u{0}",
        "-",
        "ip",
        "::1",
        "email",
        "type:fp",
        "type:s ",
        "user_name:jane* ",
        "user_name:\"jane doe\" ",
        "date:[2026-12-01 TO *] ",
        " AND ",
        " OR ",
        "NOT ",
    ];
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut parsed, mut refused) = (0, 0);
    for _ in 0..20_000 {
        let len = random.next() % 12;
        let query: String = (0..len).map(|_| random.pick(&pieces)).collect();
        match Query::parse(&query) {
            Ok(q) => {
                parsed += 1;
                for (_, e) in events() {
                    q.matches(&e);
                }
            }
            Err(e) => {
                refused += 1;
                let message = e.to_string();
                assert!(
                    message.starts_with("The log search"),
                    "{query:?}: {message}"
                );
                if let QueryError::Syntax { position, .. } | QueryError::Invalid { position, .. } =
                    e
                {
                    assert!(
                        position >= 1 && position <= query.chars().count() + 1,
                        "{query:?}: {e}"
                    );
                }
            }
        }
    }
    assert!(
        parsed > 100 && refused > 100,
        "parsed {parsed}, refused {refused}"
    );
}

#[test]
fn phrase_terms_stay_one_phrase_whatever_the_value() {
    let hostile = r#"a" OR type:s OR user_name:"b\"#;
    let term = phrase_term(Field::UserName, hostile);
    let query = Query::parse(&term).expect("a quoted phrase parses");
    let named =
        |name: &str| event(serde_json::json!({"log_id": "9", "type": "s", "user_name": name}));
    assert!(query.matches(&named(hostile)), "{term}");
    assert!(
        !query.matches(&named("b")),
        "the value added no term: {term}"
    );
    assert_eq!(phrase_term(Field::Ip, "203.0.113.7"), r#"ip:"203.0.113.7""#);
}

#[test]
fn prefix_terms_match_what_starts_with_the_value_and_nothing_else() {
    let named =
        |name: &str| event(serde_json::json!({"log_id": "9", "type": "fu", "user_name": name}));
    let term = prefix_term(Field::UserName, "mia.kim@");
    let query = Query::parse(&term).expect("a prefix parses");
    assert!(query.matches(&named("mia.kim@mmail.test")), "{term}");
    assert!(!query.matches(&named("mia.kimberly@mail.test")));
    let hostile = prefix_term(Field::UserName, "a) OR (type:s");
    let query = Query::parse(&hostile).expect("escaped text parses");
    assert!(query.matches(&named("a) OR (type:s and more")), "{hostile}");
    assert!(
        !query.matches(&named("b")),
        "the value added no term: {hostile}"
    );
}
