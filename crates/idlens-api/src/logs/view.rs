//! A tenant's log event as the boundary shows it: explained by its code,
//! each text field held to a limit (a hostile tenant's megabyte of
//! description reaches no screen or pipe whole), and a cut field named.

use idlens_support::LogEvent;

use super::types::LogEventView;

/// The most of a description kept, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// The most of any other text field kept (IDs, names, IPs, user agents).
pub const MAX_FIELD_CHARS: usize = 512;

impl From<LogEvent> for LogEventView {
    fn from(event: LogEvent) -> Self {
        let code = event.code();
        let mut truncated = Vec::new();
        let mut keep = |name: &'static str, value: Option<String>, max: usize| {
            value.map(|text| match cut(&text, max) {
                Some(kept) => {
                    truncated.push(name.to_owned());
                    kept
                }
                None => text,
            })
        };
        Self {
            code: cut(code.code(), MAX_FIELD_CHARS).unwrap_or_else(|| code.code().to_owned()),
            event: code.event().chars().take(MAX_FIELD_CHARS).collect(),
            explanation: code.known().copied(),
            log_id: keep("logId", event.log_id, MAX_FIELD_CHARS),
            date: keep("date", event.date, MAX_FIELD_CHARS),
            description: keep("description", event.description, MAX_DESCRIPTION_CHARS),
            user_id: keep("userId", event.user_id, MAX_FIELD_CHARS),
            user_name: keep("userName", event.user_name, MAX_FIELD_CHARS),
            ip: keep("ip", event.ip, MAX_FIELD_CHARS),
            client_id: keep("clientId", event.client_id, MAX_FIELD_CHARS),
            client_name: keep("clientName", event.client_name, MAX_FIELD_CHARS),
            connection: keep("connection", event.connection, MAX_FIELD_CHARS),
            user_agent: keep("userAgent", event.user_agent, MAX_FIELD_CHARS),
            details: event.details,
            truncated,
        }
    }
}

/// The first `max` characters of `text` when it is longer; `None` when it
/// fits.
fn cut(text: &str, max: usize) -> Option<String> {
    let (end, _) = text.char_indices().nth(max)?;
    Some(text[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_code_is_explained_and_an_unknown_one_kept_raw() {
        let view = LogEventView::from(LogEvent {
            kind: Some("fp".to_owned()),
            ..LogEvent::default()
        });
        assert_eq!(view.code, "fp");
        assert_eq!(view.event, "Failed Login (Incorrect Password)");
        assert!(view.explanation.is_some_and(|e| !e.next_step.is_empty()));
        let raw = LogEventView::from(LogEvent {
            kind: Some("zz_new_code".to_owned()),
            ..LogEvent::default()
        });
        assert_eq!(raw.code, "zz_new_code");
        assert_eq!(raw.event, "Unknown event type \"zz_new_code\"");
        assert_eq!(raw.explanation, None);
    }

    #[test]
    fn long_text_is_cut_and_named_short_text_kept_whole() {
        let view = LogEventView::from(LogEvent {
            kind: Some("f".to_owned()),
            description: Some("é".repeat(1_000_000)),
            ip: Some("203.0.113.7".to_owned()),
            user_agent: Some("a".repeat(MAX_FIELD_CHARS)),
            ..LogEvent::default()
        });
        let description = view.description.expect("kept");
        assert_eq!(description.chars().count(), MAX_DESCRIPTION_CHARS);
        assert_eq!(view.truncated, vec!["description"]);
        assert_eq!(view.ip.as_deref(), Some("203.0.113.7"));
        assert_eq!(view.user_agent.map(|a| a.len()), Some(MAX_FIELD_CHARS));
    }
}
