//! The capped body reads and downloads against a real HTTP server on
//! 127.0.0.1: an answer that never ends, one that announces a huge size, a
//! small one, and redirects to places IdLens does not go; public-only
//! clients that never reach a local service, by name, by address or by
//! redirect.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use idlens_http::{BodyError, Policy, Reach, Redirects};

const CHUNK: usize = 64 * 1024;

struct Server {
    addr: SocketAddr,
    /// Bytes the endless route has produced so far.
    served: Arc<AtomicU64>,
    _task: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start() -> Self {
        let served = Arc::new(AtomicU64::new(0));
        let counter = served.clone();
        let router = Router::new()
            .route(
                "/endless",
                get(move || {
                    let counter = counter.clone();
                    async move {
                        let chunks = futures_util::stream::repeat_with(move || {
                            counter.fetch_add(CHUNK as u64, Ordering::Relaxed);
                            Ok::<_, Infallible>(Bytes::from(vec![b'{'; CHUNK]))
                        });
                        Body::from_stream(chunks)
                    }
                }),
            )
            .route("/small", get(|| async { "hello" }))
            .route(
                "/to-elsewhere",
                get(|| async {
                    (
                        axum::http::StatusCode::FOUND,
                        [(header::LOCATION, "http://example.invalid/jwks")],
                    )
                        .into_response()
                }),
            );
        let (addr, task) = serve(router).await;
        Self {
            addr,
            served,
            _task: task,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn with_credentials(&self, path: &str) -> String {
        format!("http://user:pw@{}{path}", self.addr)
    }
}

/// Serves `router` on 127.0.0.1 until the task is dropped with the test.
async fn serve(router: Router) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (addr, task)
}

fn policy(redirects: Redirects, reach: Reach) -> Policy {
    Policy {
        timeout: Duration::from_secs(10),
        redirects,
        reach,
    }
}

fn client(redirects: Redirects) -> reqwest::Client {
    idlens_http::client(&policy(redirects, Reach::Any)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_answer_is_read_only_to_the_limit() {
    let server = Server::start().await;
    let response = client(Redirects::Refuse)
        .get(server.url("/endless"))
        .send()
        .await
        .unwrap();
    let err = idlens_http::read_body(response, 512 * 1024)
        .await
        .unwrap_err();
    assert!(
        matches!(err, BodyError::TooLarge { limit } if limit == 512 * 1024),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "the answer is larger than 512 KiB (IdLens stopped reading it there)"
    );
    // The server got only as far as the socket buffers let it: nowhere near
    // what an unbounded read would have taken.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let served = server.served.load(Ordering::Relaxed);
    assert!(served < 64 << 20, "the server sent {served} bytes");
}

/// A raw server whose answer announces 1 GiB and sends two bytes, then
/// waits: hyper would not let a handler lie about its length.
async fn announcing_server() -> SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n{}";
        let _ = stream.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announced_size_over_the_limit_is_refused_unread() {
    let addr = announcing_server().await;
    let response = client(Redirects::Refuse)
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let err = idlens_http::read_body(response, 1024).await.unwrap_err();
    assert!(matches!(err, BodyError::TooLarge { limit: 1024 }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_answer_is_read_whole() {
    let server = Server::start().await;
    let response = client(Redirects::Refuse)
        .get(server.url("/small"))
        .send()
        .await
        .unwrap();
    assert_eq!(idlens_http::read_body(response, 5).await.unwrap(), b"hello");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_stream_to_disk_and_stop_at_their_limit() {
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let http = client(Redirects::Refuse);

    let path = dir.path().join("small");
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let mut seen = Vec::new();
    let response = http.get(server.url("/small")).send().await.unwrap();
    let written = idlens_http::download(response, &mut file, 100, |n| seen.push(n))
        .await
        .unwrap();
    assert_eq!(written, 5);
    assert_eq!(seen.last(), Some(&5));
    assert_eq!(std::fs::read(&path).unwrap(), b"hello");

    let path = dir.path().join("endless");
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let response = http.get(server.url("/endless")).send().await.unwrap();
    let err = idlens_http::download(response, &mut file, 4 << 20, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, BodyError::TooLarge { .. }), "{err}");
    let on_disk = std::fs::metadata(&path).unwrap().len();
    assert!(on_disk <= 4 << 20, "{on_disk} bytes written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_go_only_where_requests_may_go() {
    let server = Server::start().await;
    let err = client(Redirects::FollowSafe)
        .get(server.url("/to-elsewhere"))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_redirect(), "{err}");
    let described = idlens_http::describe_error(&err);
    assert!(
        described.starts_with("a redirect was refused"),
        "{described}"
    );
    assert!(described.contains("only https://"), "{described}");

    // Refuse hands the redirect itself back.
    let response = client(Redirects::Refuse)
        .get(server.url("/to-elsewhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);

    // The checker the callers run before sending refuses credentials.
    let url = url::Url::parse(&server.with_credentials("/small")).unwrap();
    assert_eq!(
        idlens_http::check_url(&url),
        Err(idlens_http::UrlProblem::Credentials)
    );
}

/// A local service that counts the requests it gets (what a blind request
/// would reach: an admin port, a metadata service).
struct LocalService {
    addr: SocketAddr,
    hits: Arc<AtomicU64>,
    _task: tokio::task::JoinHandle<()>,
}

impl LocalService {
    async fn start() -> Self {
        let hits = Arc::new(AtomicU64::new(0));
        let counter = hits.clone();
        let router = Router::new().route(
            "/secret",
            get(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                async { "secret" }
            }),
        );
        let (addr, task) = serve(router).await;
        Self {
            addr,
            hits,
            _task: task,
        }
    }

    fn hits(&self) -> u64 {
        self.hits.load(Ordering::SeqCst)
    }
}

/// A server that answers every request with a redirect to `target`.
async fn redirecting_to(target: String) -> SocketAddr {
    let router = Router::new().fallback(get(move || {
        let target = target.clone();
        async move { (axum::http::StatusCode::FOUND, [(header::LOCATION, target)]).into_response() }
    }));
    serve(router).await.0
}

/// A public-only client that finds `storage.test` at `addr`: it stands for
/// a public server (an override bypasses the resolver, as public DNS would
/// answer), since none can be reached offline.
fn public_only_with_storage_at(addr: SocketAddr) -> reqwest::Client {
    idlens_http::client_builder(&policy(Redirects::FollowSafe, Reach::PublicOnly))
        .resolve("storage.test", addr)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_only_client_never_connects_to_a_name_on_this_machine() {
    let service = LocalService::start().await;
    let url = format!("http://localhost:{}/secret", service.addr.port());
    let public_only = idlens_http::client(&policy(Redirects::Refuse, Reach::PublicOnly)).unwrap();
    let err = public_only.get(&url).send().await.unwrap_err();
    let described = idlens_http::describe_error(&err);
    assert!(
        described.starts_with("IdLens refused to connect: localhost resolves to "),
        "{described}"
    );
    assert!(
        described.contains(
            "a loopback address (this machine), and this request may go only to public addresses"
        ),
        "{described}"
    );
    assert_eq!(service.hits(), 0, "the local service was reached");

    // The same request with Any reaches it: the guard is what stopped it.
    let any = client(Redirects::Refuse);
    assert_eq!(any.get(&url).send().await.unwrap().status(), 200);
    assert_eq!(service.hits(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_only_client_follows_no_redirect_to_this_machine() {
    let service = LocalService::start().await;
    let port = service.addr.port();
    for target in [
        format!("http://127.0.0.1:{port}/secret"),
        format!("http://localhost:{port}/secret"),
    ] {
        let storage = redirecting_to(target.clone()).await;
        let public_only = public_only_with_storage_at(storage);
        let err = public_only
            .get(format!("http://storage.test:{}/file", storage.port()))
            .send()
            .await
            .unwrap_err();
        let described = idlens_http::describe_error(&err);
        assert!(
            described.contains("may go only to public addresses"),
            "{target}: {described}"
        );
        assert_eq!(service.hits(), 0, "{target} reached the local service");

        // Any follows the same redirect (http:// on loopback is allowed).
        let any = client(Redirects::FollowSafe);
        let before = service.hits();
        let followed = any
            .get(format!("http://127.0.0.1:{}/file", storage.port()))
            .send()
            .await
            .unwrap();
        assert_eq!(followed.status(), 200, "{target}");
        assert_eq!(service.hits(), before + 1);
        service.hits.store(0, Ordering::SeqCst);
    }

    // An https link to the cloud metadata address: refused by the reach
    // itself, not by the scheme.
    let storage = redirecting_to("https://169.254.169.254/latest/meta-data/".to_owned()).await;
    let err = public_only_with_storage_at(storage)
        .get(format!("http://storage.test:{}/file", storage.port()))
        .send()
        .await
        .unwrap_err();
    let described = idlens_http::describe_error(&err);
    assert!(
        described.contains("it goes to 169.254.169.254, a link-local address"),
        "{described}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_path_check_refuses_local_ip_literals_under_public_only() {
    let service = LocalService::start().await;
    let url = url::Url::parse(&format!("http://127.0.0.1:{}/secret", service.addr.port())).unwrap();
    let refused = idlens_http::check_url_for(&url, Reach::PublicOnly).unwrap_err();
    assert!(
        matches!(
            refused,
            idlens_http::UrlProblem::NotPublic {
                kind: idlens_http::AddressKind::Loopback,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(idlens_http::check_url_for(&url, Reach::Any), Ok(()));
    assert_eq!(service.hits(), 0);
}
