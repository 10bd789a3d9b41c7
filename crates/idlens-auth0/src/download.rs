//! Downloading a users export's file from the link Auth0 gave.
//!
//! The link (and where it redirects) comes from the tenant's answer, so it
//! may reach only public addresses, unless the tenant itself is on this
//! machine (the sandbox): see `idlens_http::reach`. No token goes with it:
//! the link is signed.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use idlens_http::Reach;
use idlens_job::Job;
use tokio::io::AsyncWrite;

use crate::{ExportError, ManagementError};

/// The longest an export file's download may take.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(3600);

/// The client for export files, and where it may go.
pub(crate) struct Downloads {
    http: reqwest::Client,
    reach: Reach,
}

/// A download written whole: its size and whether it starts as gzip does.
pub(crate) struct Fetched {
    pub bytes: u64,
    pub gzip: bool,
}

impl Downloads {
    /// For the links the tenant at `base` (its Management API) hands out.
    pub fn for_tenant(base: &url::Url) -> Result<Self, String> {
        let reach = Reach::for_links_from(base);
        let http = idlens_http::client(&idlens_http::Policy {
            timeout: DOWNLOAD_TIMEOUT,
            redirects: idlens_http::Redirects::FollowSafe,
            reach,
        })?;
        Ok(Self { http, reach })
    }

    /// One download of `location` into `out`, at most `max_bytes`:
    /// `Ok(None)` when the link is refused with `403` (expired).
    pub async fn fetch<W: AsyncWrite + Unpin>(
        &self,
        job_id: &str,
        location: &str,
        out: &mut W,
        max_bytes: u64,
        job: &Job,
    ) -> Result<Option<Fetched>, ExportError> {
        let fail = |detail: String| ExportError::Download {
            job_id: job_id.to_owned(),
            detail,
        };
        let url = url::Url::parse(location)
            .map_err(|e| fail(format!("Auth0 gave a link that is not a URL ({e})")))?;
        idlens_http::check_url_for(&url, self.reach)
            .map_err(|p| fail(format!("IdLens does not follow the link Auth0 gave: {p}")))?;
        let response = tokio::select! {
            r = self.http.get(url).send() => r,
            _ = job.cancelled() => return Err(ManagementError::Cancelled.into()),
        }
        .map_err(|e| fail(idlens_http::describe_error(&e)))?;
        match response.status().as_u16() {
            200 => {}
            403 => return Ok(None),
            status => return Err(fail(format!("the file's storage answered {status}"))),
        }
        job.set_total(response.content_length());
        let mut sniff = Sniff {
            inner: out,
            head: Vec::with_capacity(2),
        };
        let mut reported = 0u64;
        let bytes = tokio::select! {
            r = idlens_http::download(response, &mut sniff, max_bytes, |n| {
                job.advance(n - reported);
                reported = n;
            }) => r,
            _ = job.cancelled() => return Err(ManagementError::Cancelled.into()),
        }
        .map_err(|e| fail(e.to_string()))?;
        Ok(Some(Fetched {
            bytes,
            gzip: sniff.head == [0x1f, 0x8b],
        }))
    }
}

/// Passes writes on, keeping the first two bytes.
struct Sniff<'a, W> {
    inner: &'a mut W,
    head: Vec<u8>,
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Sniff<'_, W> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut *this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled {
            let want = 2usize.saturating_sub(this.head.len()).min(n);
            this.head.extend_from_slice(&buf[..want]);
        }
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    use super::*;

    /// A service on this machine that counts the requests it gets.
    async fn local_service() -> (std::net::SocketAddr, Arc<AtomicU64>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(AtomicU64::new(0));
        let counter = hits.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut request = [0u8; 1024];
                let _ = stream.read(&mut request).await;
                let _ = stream
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret")
                    .await;
            }
        });
        (addr, hits)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_remote_tenants_link_to_this_machine_is_never_fetched() {
        let (addr, hits) = local_service().await;
        let remote =
            Downloads::for_tenant(&"https://acme.eu.auth0.com/api/v2/".parse().unwrap()).unwrap();
        let job = Job::unwatched();
        for location in [
            format!("http://127.0.0.1:{}/secret", addr.port()),
            format!("http://localhost:{}/secret", addr.port()),
        ] {
            let mut out = Vec::new();
            let err = remote
                .fetch("job_1", &location, &mut out, 1024, &job)
                .await
                .err()
                .expect("the link is refused");
            let text = err.to_string();
            assert!(text.contains("job_1"), "{text}");
            assert!(
                text.contains("a loopback address (this machine), and this request may go only to public addresses"),
                "{location}: {text}"
            );
            assert!(out.is_empty());
        }
        assert_eq!(
            hits.load(Ordering::SeqCst),
            0,
            "the local service was reached"
        );

        // The sandbox's own links stay on this machine.
        let sandbox =
            Downloads::for_tenant(&"http://127.0.0.1:4000/api/v2/".parse().unwrap()).unwrap();
        let mut out = Vec::new();
        let fetched = sandbox
            .fetch(
                "job_2",
                &format!("http://127.0.0.1:{}/secret", addr.port()),
                &mut out,
                1024,
                &job,
            )
            .await
            .unwrap()
            .expect("a 200");
        assert_eq!((fetched.bytes, out.as_slice()), (6, &b"secret"[..]));
        assert_eq!(hits.load(Ordering::SeqCst), 1);
    }
}
