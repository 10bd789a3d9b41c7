//! A tenant log event as Auth0's Management API sends it (`GET logs`,
//! `GET users/{id}/logs`, log streams): the fields support reads and
//! searches, unknown fields ignored. The whole body is read through the
//! shared bounded guards before it gets here; `details` (free-form, and the
//! largest part of an event) is further held to [`MAX_DETAILS_BYTES`].

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The most of an event's `details` kept, as compact JSON. Larger details
/// are replaced by `{"omitted": true, "bytes": n}`, so a view never shows
/// part of them as if it were all.
pub const MAX_DETAILS_BYTES: usize = 16 * 1024;

/// The most of an event's `description` kept, in characters; a longer one
/// is cut there and says so ([`CUT_MARK`]).
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// The most of an event's `user_agent` kept, in characters.
pub const MAX_USER_AGENT_CHARS: usize = 512;

/// What a cut text ends with, so no view shows part of it as all of it.
pub const CUT_MARK: &str = " … [cut by IdLens]";

/// One log event: the one declaration of Auth0's event shape, read by the
/// Support desk and served by the sandbox tenant. Every field is optional:
/// Auth0 leaves out what does not apply (a Management API event has no
/// `connection`), and so does serializing one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEvent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_id: Option<String>,
    /// ISO 8601, as Auth0 sends it (`2026-12-01T10:00:00.000Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The event type code (see [`crate::lookup`]).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(
        default,
        deserialize_with = "bounded_description",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(
        default,
        deserialize_with = "bounded_user_agent",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub scope: Option<Value>,
    #[serde(default, rename = "isMobile", skip_serializing_if = "Option::is_none")]
    pub is_mobile: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub location_info: Option<Value>,
    #[serde(
        default,
        deserialize_with = "bounded_details",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub details: Option<Value>,
}

impl LogEvent {
    /// The event's type explained ([`crate::lookup`]); an event without a
    /// type is an unknown code `""`.
    pub fn code(&self) -> crate::Lookup<'_> {
        crate::lookup(self.kind.as_deref().unwrap_or_default())
    }

    /// The event's date as an instant, when it is a valid RFC 3339 date.
    pub fn instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let date = self.date.as_deref()?;
        chrono::DateTime::parse_from_rfc3339(date)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    }
}

/// `details` as sent, or a marker saying how large the omitted value was.
fn bounded_details<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    let details = Option::<Value>::deserialize(deserializer)?;
    Ok(details.map(|value| bound_details(value, MAX_DETAILS_BYTES)))
}

fn bounded_description<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.map(|t| bound_text(t, MAX_DESCRIPTION_CHARS)))
}

fn bounded_user_agent<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.map(|t| bound_text(t, MAX_USER_AGENT_CHARS)))
}

/// `text` whole, or its first `limit` characters and [`CUT_MARK`].
fn bound_text(text: String, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text,
        Some((end, _)) => format!("{}{CUT_MARK}", &text[..end]),
    }
}

fn bound_details(value: Value, limit: usize) -> Value {
    let bytes = serde_json::to_string(&value).map_or(usize::MAX, |s| s.len());
    if bytes <= limit {
        value
    } else {
        serde_json::json!({ "omitted": true, "bytes": bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_or_agent_is_cut_and_says_so() {
        let event: LogEvent = serde_json::from_value(serde_json::json!({
            "description": "é".repeat(1_000_000),
            "user_agent": "a".repeat(600),
        }))
        .expect("an event");
        let description = event.description.unwrap();
        assert_eq!(
            description.chars().count(),
            MAX_DESCRIPTION_CHARS + CUT_MARK.chars().count()
        );
        assert!(description.ends_with(CUT_MARK));
        assert!(event.user_agent.unwrap().ends_with(CUT_MARK));
        let short: LogEvent =
            serde_json::from_value(serde_json::json!({"description": "Wrong email or password."}))
                .unwrap();
        assert_eq!(
            short.description.as_deref(),
            Some("Wrong email or password.")
        );
    }

    #[test]
    fn an_auth0_event_reads_with_unknown_fields_ignored() {
        let event: LogEvent = serde_json::from_value(serde_json::json!({
            "log_id": "90020261201100000000000000000000000000000000000000000001",
            "date": "2026-12-01T10:00:00.000Z",
            "type": "fp",
            "description": "Wrong email or password.",
            "connection": "Username-Password-Authentication",
            "connection_id": "con_1",
            "client_id": "abc",
            "client_name": "Web App",
            "ip": "203.0.113.7",
            "user_agent": "Firefox 140.0.0 / Linux 0.0.0",
            "user_id": "auth0|1",
            "user_name": "jane@example.com",
            "strategy": "auth0",
            "strategy_type": "database",
            "isMobile": false,
            "hostname": "tenant.example.com",
            "audience": "https://api",
            "scope": "openid",
            "location_info": {"country_code": "NL"},
            "details": {"error": {"message": "Wrong email or password."}},
            "tenant_name": "tenant",
            "$event_schema": {"version": "1.0.0"}
        }))
        .expect("an event");
        assert_eq!(event.kind.as_deref(), Some("fp"));
        assert_eq!(event.code().event(), "Failed Login (Incorrect Password)");
        assert_eq!(event.user_name.as_deref(), Some("jane@example.com"));
        assert_eq!(event.is_mobile, Some(false));
        assert_eq!(
            event.details,
            Some(serde_json::json!({"error": {"message": "Wrong email or password."}}))
        );
        assert_eq!(
            event.instant().map(|d| d.to_rfc3339()),
            Some("2026-12-01T10:00:00+00:00".to_owned())
        );
    }

    #[test]
    fn an_event_with_nothing_but_a_type_reads() {
        let event: LogEvent = serde_json::from_str(r#"{"type":"s"}"#).expect("an event");
        assert_eq!(event.kind.as_deref(), Some("s"));
        assert_eq!(event.instant(), None);
        assert_eq!(LogEvent::default().code(), crate::Lookup::Unknown(""));
    }

    #[test]
    fn an_event_serializes_without_the_fields_it_lacks() {
        let event = LogEvent {
            kind: Some("fu".to_owned()),
            user_name: Some("nobody@example.com".to_owned()),
            is_mobile: Some(false),
            ..LogEvent::default()
        };
        let json = serde_json::to_value(&event).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"type": "fu", "user_name": "nobody@example.com", "isMobile": false})
        );
        let back: LogEvent = serde_json::from_value(json).expect("an event");
        assert_eq!(back, event);
    }

    #[test]
    fn details_over_the_limit_are_replaced_by_a_marker() {
        let big = serde_json::json!({ "blob": "x".repeat(40) });
        assert_eq!(
            bound_details(big, 32),
            serde_json::json!({"omitted": true, "bytes": 51})
        );
        let small = serde_json::json!({ "a": 1 });
        assert_eq!(bound_details(small.clone(), 32), small);
        // The default, through deserialization.
        let body = format!(
            r#"{{"type":"f","details":{{"blob":"{}"}}}}"#,
            "y".repeat(MAX_DETAILS_BYTES)
        );
        let event: LogEvent = serde_json::from_str(&body).expect("an event");
        assert_eq!(event.details.expect("details")["omitted"], true);
    }
}
