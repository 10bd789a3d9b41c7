//! Search mode over HTTP: `GET /api/v2/logs?q=` (and `search=`, the name
//! node-auth0 v7 sends) filters the seeded support stories with
//! idlens-support's query language before paging, so the 1,000-result cap
//! counts matching events; a bad query answers 400 with the parser's
//! message, a too-long one 414; `fields` picks what each event shows.

use idlens_sandbox::{RunningSandbox, M2M_CLIENT_ID};
use serde_json::Value;

use crate::management::m2m_token;
use crate::support::*;

/// GETs `api/v2/logs` with these query parameters: the status and body.
async fn search(sb: &RunningSandbox, token: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let response = http()
        .get(url(sb, "api/v2/logs"))
        .bearer_auth(token)
        .query(query)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// The events of a search that answered 200 (every page of up to 100).
async fn found(sb: &RunningSandbox, token: &str, q: &str) -> Vec<Value> {
    let (status, body) = search(sb, token, &[("q", q), ("per_page", "100")]).await;
    assert_eq!(status, 200, "{q}: {body}");
    body.as_array().unwrap().clone()
}

fn field<'a>(events: &'a [Value], name: &str) -> Vec<&'a str> {
    events.iter().map(|e| e[name].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_search_finds_the_stories_events_by_type_name_date_and_boolean_terms() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let locked = story(&sb, "locked_out");

    // By type: only fp events, the locked-out story's ten among them.
    let fp = found(&sb, &t, "type:fp").await;
    assert!(field(&fp, "type").iter().all(|k| *k == "fp"), "{fp:#?}");
    let theirs = fp
        .iter()
        .filter(|e| e["user_id"] == locked.user_id.as_str());
    assert_eq!(theirs.count(), 10);

    // A quoted user_name, whatever its case: only that user's events.
    let q = format!("user_name:\"{}\"", locked.email.to_uppercase());
    let named = found(&sb, &t, &q).await;
    assert!(!named.is_empty());
    assert!(field(&named, "user_name")
        .iter()
        .all(|n| *n == locked.email));

    // AND narrows, OR widens.
    let q = format!("type:fp AND user_id:\"{}\"", locked.user_id);
    assert_eq!(found(&sb, &t, &q).await.len(), 10);
    let q = format!(
        "(type:fp OR type:limit_wc) AND user_id:\"{}\"",
        locked.user_id
    );
    let both = found(&sb, &t, &q).await;
    assert_eq!(both.len(), 11);
    assert_eq!(field(&both, "type")[0], "limit_wc", "newest first");

    // A date range: the story happened two hours ago; a range that ends
    // three hours ago does not hold it, one over the last three does.
    let at = |hours_ago: u64| {
        chrono::DateTime::<chrono::Utc>::from(
            sb.now() - std::time::Duration::from_secs(hours_ago * 3_600),
        )
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let q = format!(
        "type:fp AND user_id:\"{}\" AND date:[{} TO *]",
        locked.user_id,
        at(3)
    );
    assert_eq!(found(&sb, &t, &q).await.len(), 10);
    let q = format!(
        "type:fp AND user_id:\"{}\" AND date:[* TO {}]",
        locked.user_id,
        at(3)
    );
    assert!(found(&sb, &t, &q).await.is_empty());

    // `search`, the name node-auth0 v7 sends, filters the same way.
    let q = format!("type:fp AND user_id:\"{}\"", locked.user_id);
    let (status, body) = search(&sb, &t, &[("search", &q)]).await;
    assert_eq!(
        (status, body.as_array().unwrap().len()),
        (200, 10),
        "{body}"
    );
}

#[tokio::test]
async fn a_bad_query_answers_400_with_the_parsers_message_and_a_long_one_414() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    for q in ["type:", "user_email:jane@example.com", "type:fp AND (ip:1"] {
        let (status, body) = search(&sb, &t, &[("q", q)]).await;
        assert_eq!(
            (status, &body["errorCode"]),
            (400, &Value::from("invalid_query_string")),
            "{q}: {body}"
        );
        let expected = idlens_support::Query::parse(q).unwrap_err().to_string();
        assert_eq!(body["message"], expected.as_str());
    }
    let long = format!("type:{}", "f".repeat(idlens_support::MAX_QUERY_CHARS));
    let (status, body) = search(&sb, &t, &[("q", &long)]).await;
    assert_eq!(
        (status, body["statusCode"].as_u64()),
        (414, Some(414)),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("Shorten it"));
}

#[tokio::test]
async fn the_1000_result_cap_counts_matching_events_only() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    // Over a thousand successful sign-ins match: the eleventh hundred is refused.
    let (status, body) = search(
        &sb,
        &t,
        &[("q", "type:s"), ("page", "9"), ("per_page", "100")],
    )
    .await;
    assert_eq!((status, body.as_array().map(Vec::len)), (200, Some(100)));
    let (status, body) = search(
        &sb,
        &t,
        &[("q", "type:s"), ("page", "10"), ("per_page", "100")],
    )
    .await;
    assert_eq!(
        (status, &body["errorCode"]),
        (400, &Value::from("invalid_paging"))
    );
    // Oldest first, the story's wrong passwords lie past the thousandth
    // event of the whole log, but they are among the first of the search's.
    let (_, all) = search(
        &sb,
        &t,
        &[
            ("sort", "date:1"),
            ("per_page", "1"),
            ("include_totals", "true"),
        ],
    )
    .await;
    assert!(all["total"].as_u64().unwrap() > 1_000, "{all}");
    let locked = story(&sb, "locked_out");
    let q = format!("type:fp AND user_id:\"{}\"", locked.user_id);
    let (status, body) = search(
        &sb,
        &t,
        &[("q", &q), ("sort", "date:1"), ("include_totals", "true")],
    )
    .await;
    assert_eq!((status, &body["total"]), (200, &Value::from(10)), "{body}");
}

#[tokio::test]
async fn fields_picks_what_each_event_shows() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let base = [("q", "type:fp"), ("per_page", "5")];
    let keys = |body: &Value| -> Vec<Vec<String>> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    let (status, only) = search(
        &sb,
        &t,
        &[
            base[0],
            base[1],
            ("fields", "type,log_id"),
            ("include_fields", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        keys(&only).iter().all(|k| k == &["log_id", "type"]),
        "{only}"
    );
    let (_, without) = search(
        &sb,
        &t,
        &[
            base[0],
            base[1],
            ("fields", "details,ip"),
            ("include_fields", "false"),
        ],
    )
    .await;
    for event_keys in keys(&without) {
        assert!(event_keys.contains(&"type".to_owned()), "{event_keys:?}");
        assert!(!event_keys.iter().any(|k| k == "ip" || k == "details"));
    }
    let (status, _) = search(
        &sb,
        &t,
        &[base[0], ("fields", "type"), ("include_fields", "maybe")],
    )
    .await;
    assert_eq!(status, 400);
}
