//! The whole log, oldest first, by checkpoint (`GET logs?from=&take=`):
//! a stream of bounded batches that goes past the search's 1,000.
//!
//! Invariants:
//! - A batch holds at most one page (`take` 100); the stream keeps only
//!   its checkpoint and a bounded window of recent `log_id`s, never the
//!   events it handed out.
//! - The next page is the `from` of the answer's `Link: <…>; rel="next"`,
//!   asked of this client's own tenant address: the link's host, path and
//!   other parameters are not followed (a token never goes where the
//!   tenant's answer points). Without a usable link, the next `from` is the
//!   page's last `log_id` (Auth0's checkpoint).
//! - An empty page ends the stream ("caught up"); [`LogStream::checkpoint`]
//!   is where to resume later.
//! - An event seen within the window is not handed out twice. A page of
//!   only such events, or a next page that is the checkpoint just read
//!   (after a page with data), ends the stream with
//!   [`ManagementError::CheckpointStuck`], after two requests.
//! - Every request goes through the client: paced by the rate-limit
//!   headers, its waits reported on the job, and a cancel of the job ends
//!   the stream before the next request or during a wait.

use std::collections::{HashSet, VecDeque};

use idlens_job::Job;
use idlens_support::LogEvent;

use crate::client::{endpoint, PAGE_SIZE};
use crate::error::Endless;
use crate::logs::event_identity;
use crate::{ManagementClient, ManagementError, TokenSource};

/// How many recent events the stream remembers to drop repeats (hashes:
/// 8 bytes each, plus the set's overhead).
pub const DEDUP_WINDOW: usize = 10_000;

/// The log read by checkpoint: [`LogStream::next_batch`] until it gives
/// `None` (caught up).
pub struct LogStream<'c, T> {
    client: &'c ManagementClient<T>,
    /// The `from` of the next request; `None`: the oldest event kept.
    from: Option<String>,
    recent: RecentIds,
    pages: u64,
    events: u64,
    caught_up: bool,
}

/// The identities of the last `capacity` events, oldest forgotten first:
/// the stream's de-duplication window, and any reader's that must drop an
/// event a later page brings again (a newest-first search whose pages
/// shift as new events come).
pub struct RecentIds {
    order: VecDeque<u64>,
    set: HashSet<u64>,
    capacity: usize,
}

impl RecentIds {
    pub fn new(capacity: usize) -> Self {
        Self {
            order: VecDeque::new(),
            set: HashSet::new(),
            capacity: capacity.max(1),
        }
    }

    /// Remembers `event`; `false` when it was already remembered (by its
    /// `log_id`, or without one the whole event).
    pub fn first_time(&mut self, event: &LogEvent) -> bool {
        self.insert(event_identity(event))
    }

    /// Remembers `id`; `false` when it was already remembered.
    fn insert(&mut self, id: u64) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        true
    }
}

impl<T: TokenSource> ManagementClient<T> {
    /// The log from just after the event `from` (a `log_id`; `None`: from
    /// the oldest event the tenant keeps), by checkpoint (scope
    /// `read:logs`).
    pub fn log_stream(&self, from: Option<&str>) -> LogStream<'_, T> {
        LogStream {
            client: self,
            from: from.filter(|f| !f.is_empty()).map(str::to_owned),
            recent: RecentIds::new(DEDUP_WINDOW),
            pages: 0,
            events: 0,
            caught_up: false,
        }
    }
}

impl<T: TokenSource> LogStream<'_, T> {
    /// The next batch of events not handed out before, oldest first;
    /// `None` once caught up (an empty page). Progress advances by the
    /// events handed out.
    pub async fn next_batch(
        &mut self,
        job: &Job,
    ) -> Result<Option<Vec<LogEvent>>, ManagementError> {
        if self.caught_up {
            return Ok(None);
        }
        let (page, link_from) = self.fetch(job).await?;
        if page.is_empty() {
            self.caught_up = true;
            return Ok(None);
        }
        self.pages += 1;
        let next = link_from
            .or_else(|| page.iter().rev().find_map(|e| e.log_id.clone()))
            .ok_or_else(|| self.no_checkpoint())?;
        if self.from.as_deref() == Some(next.as_str()) {
            return Err(self.stuck(Endless::CheckpointUnchanged));
        }
        let fresh: Vec<LogEvent> = page
            .into_iter()
            .filter(|e| self.recent.insert(event_identity(e)))
            .collect();
        if fresh.is_empty() {
            return Err(self.stuck(Endless::RepeatedItems));
        }
        self.from = Some(next);
        self.events += fresh.len() as u64;
        job.advance(fresh.len() as u64);
        Ok(Some(fresh))
    }

    /// After catching up, asks again from the checkpoint at the next
    /// [`LogStream::next_batch`] (a tail polling for new events), keeping
    /// the window of recent events so none is handed out twice.
    pub fn resume(&mut self) {
        self.caught_up = false;
    }

    /// Pages read so far (empty ones not counted).
    pub fn pages_read(&self) -> u64 {
        self.pages
    }

    /// Where the stream is: the `from` of its next request, to resume a
    /// later stream from ([`ManagementClient::log_stream`]).
    pub fn checkpoint(&self) -> Option<&str> {
        self.from.as_deref()
    }

    /// New events handed out so far.
    pub fn events_read(&self) -> u64 {
        self.events
    }

    /// One page, and the `from` its `Link` rel=next names.
    async fn fetch(&self, job: &Job) -> Result<(Vec<LogEvent>, Option<String>), ManagementError> {
        let mut query = vec![("take", PAGE_SIZE.to_string())];
        if let Some(from) = &self.from {
            query.push(("from", from.clone()));
        }
        let method = reqwest::Method::GET;
        let name = endpoint(&["logs"]);
        let response = self
            .client
            .exchange(method, &["logs"], &query, None, job)
            .await?;
        let link_from = response
            .headers()
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(next_from);
        let page = self.client.parse(&name, response).await?;
        Ok((page, link_from))
    }

    fn stuck(&self, problem: Endless) -> ManagementError {
        ManagementError::CheckpointStuck {
            endpoint: endpoint(&["logs"]),
            events: self.events,
            pages: self.pages,
            problem,
        }
    }

    fn no_checkpoint(&self) -> ManagementError {
        crate::client::bad_response(
            &endpoint(&["logs"]),
            "a checkpoint page names no next page: no `Link` rel=next and no `log_id`".to_owned(),
        )
    }
}

/// The `from` of the `rel="next"` link in a `Link` header value
/// (`<https://…/api/v2/logs?from=…&take=…>; rel="next"`, possibly among
/// others); `None` when there is none, or it names no non-empty `from`.
fn next_from(header: &str) -> Option<String> {
    header.split(',').find_map(|link| {
        let (target, params) = link.trim().strip_prefix('<')?.split_once('>')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim().to_ascii_lowercase();
            p == "rel=\"next\"" || p == "rel=next"
        });
        if !is_next {
            return None;
        }
        let query = target.split_once('?')?.1;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "from")
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_gives_its_from_and_nothing_else() {
        let header = r#"<https://t.example/api/v2/logs?from=90020%2Bx&take=100>; rel="next""#;
        assert_eq!(next_from(header).as_deref(), Some("90020+x"));
        let two = r#"<https://t/api/v2/logs?from=a>; rel="prev", <https://t/api/v2/logs?take=5&from=b>; rel=next"#;
        assert_eq!(next_from(two).as_deref(), Some("b"));
        for none in [
            "",
            "garbage",
            r#"<https://t/api/v2/logs?from=a>; rel="prev""#,
            r#"<https://t/api/v2/logs?take=5>; rel="next""#,
            r#"<https://t/api/v2/logs?from=>; rel="next""#,
            r#"https://t/api/v2/logs?from=a; rel="next""#,
        ] {
            assert_eq!(next_from(none), None, "{none:?}");
        }
    }

    #[test]
    fn the_window_forgets_the_oldest_past_its_capacity() {
        let mut recent = RecentIds::new(3);
        assert!(recent.insert(1) && recent.insert(2) && recent.insert(3));
        assert!(!recent.insert(1), "remembered");
        assert!(recent.insert(4), "new");
        assert!(recent.insert(1), "1 was forgotten when 4 came");
        assert_eq!(recent.set.len(), 3);
        assert_eq!(recent.order.len(), 3);
    }
}
