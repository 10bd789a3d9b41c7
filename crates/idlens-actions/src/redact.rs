//! Keeping credentials out of the log's free text.
//!
//! A password-change ticket is a URL whose query (`?ticket=…`) is the
//! credential; links in general carry tokens in their query or fragment. The
//! log keeps that a ticket was made, never the link: any URL in `changes`
//! keeps its scheme, host and path, and loses everything from `?` or `#`.

/// `text` with the query and fragment of every `http://`/`https://` URL
/// replaced by `?…`.
pub fn redact_url_queries(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        out.push_str(&rest[..start]);
        let url_and_after = &rest[start..];
        let end = url_and_after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
            .unwrap_or(url_and_after.len());
        let url = &url_and_after[..end];
        match url.find(['?', '#']) {
            Some(cut) => {
                out.push_str(&url[..cut]);
                out.push_str("?…");
            }
            None => out.push_str(url),
        }
        rest = &url_and_after[end..];
    }
    out.push_str(rest);
    out
}

fn find_url(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_and_fragments_of_links_are_dropped_the_rest_kept() {
        assert_eq!(
            redact_url_queries(
                "ticket https://acme.auth0.com/lo/reset?ticket=SECRET123# for auth0|1"
            ),
            "ticket https://acme.auth0.com/lo/reset?… for auth0|1"
        );
        assert_eq!(
            redact_url_queries("see HTTP://x.test/a#tok=abc and http://y.test/b"),
            "see HTTP://x.test/a?… and http://y.test/b"
        );
        assert_eq!(redact_url_queries("no link? here#"), "no link? here#");
    }
}
