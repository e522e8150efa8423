//! Unit tests of the fetcher against a small HTTP server on the loopback interface, written here.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

/// A request as the test server saw it.
#[derive(Debug, Clone)]
struct SeenRequest {
    path: String,
    headers: Vec<(String, String)>,
}

impl SeenRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A response the test server sends: status line, extra headers and body. `None` means the
/// server keeps the connection open and says nothing (for timeouts).
type Answer = Option<(u16, Vec<(String, String)>, Vec<u8>)>;

/// An HTTP/1.1 server on 127.0.0.1 that answers every request with `handler` and closes the
/// connection; it records what it was asked. It runs until the test process ends.
struct TestServer {
    port: u16,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
}

impl TestServer {
    fn start(
        handler: impl Fn(&SeenRequest, usize) -> Answer + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let seen_by_server = Arc::clone(&seen);
        let handler = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen_by_server);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || serve_one(stream, &seen, handler.as_ref()));
            }
        });
        TestServer { port, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn paths(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|request| request.path.clone())
            .collect()
    }

    fn requests(&self) -> Vec<SeenRequest> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve_one(
    stream: TcpStream,
    seen: &Mutex<Vec<SeenRequest>>,
    handler: &(dyn Fn(&SeenRequest, usize) -> Answer + Send + Sync),
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let request = SeenRequest { path, headers };
    let n_before = {
        let mut seen = seen.lock().unwrap();
        let n_same_path = seen.iter().filter(|old| old.path == request.path).count();
        seen.push(request.clone());
        n_same_path
    };
    let Some((status, extra_headers, body)) = handler(&request, n_before) else {
        std::thread::sleep(Duration::from_secs(5));
        return;
    };
    let mut stream = stream;
    let mut head = format!("HTTP/1.1 {status} Whatever\r\nConnection: close\r\n");
    let sends_length = !extra_headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("X-No-Length"));
    if sends_length {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (name, value) in &extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

fn ok(body: &str) -> Answer {
    Some((200, vec![], body.as_bytes().to_vec()))
}

fn not_found() -> Answer {
    Some((404, vec![], b"no".to_vec()))
}

/// Options for talking to the loopback server quickly.
fn local_options() -> FetchOptions {
    FetchOptions {
        allow_private: true,
        host_delay: Duration::ZERO,
        backoff_base: Duration::from_millis(10),
        ..FetchOptions::default()
    }
}

fn page_body(fetched: Fetched) -> Vec<u8> {
    match fetched {
        Fetched::Page(page) => page.body,
        Fetched::NotModified(_) => panic!("expected a page"),
    }
}

#[test]
fn loopback_and_private_addresses_are_refused_without_a_request_unless_allowed() {
    let server = TestServer::start(|request, _| match request.path.as_str() {
        "/robots.txt" => not_found(),
        _ => ok("hello"),
    });
    let careful = Fetcher::new(FetchOptions {
        allow_private: false,
        ..local_options()
    });
    for url in [
        server.url("/page"),
        format!("http://localhost:{}/page", server.port),
        format!("http://[::ffff:127.0.0.1]:{}/page", server.port),
        "http://10.0.0.1/page".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
    ] {
        let error = careful.get(&url, &Validators::default()).unwrap_err();
        assert!(
            matches!(error, FetchError::PrivateAddress { .. }),
            "{url}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.starts_with(&url), "{message}");
        assert!(message.contains("--allow-private"), "{message}");
    }
    assert!(server.paths().is_empty(), "{:?}", server.paths());
    let allowed = Fetcher::new(local_options());
    let body = page_body(
        allowed
            .get(&server.url("/page"), &Validators::default())
            .unwrap(),
    );
    assert_eq!(body, b"hello");
}

#[test]
fn only_http_and_https_urls_are_fetched() {
    let fetcher = Fetcher::new(local_options());
    for url in ["file:///etc/passwd", "ftp://example.org/x", "not a url"] {
        assert!(matches!(
            fetcher.get(url, &Validators::default()),
            Err(FetchError::InvalidUrl { .. })
        ));
    }
}

#[test]
fn redirects_are_followed_up_to_the_limit() {
    // /hop/N redirects to /hop/N-1; /hop/0 is the page. Relative and absolute Locations mix.
    let server = TestServer::start(move |request, _| {
        let Some(n) = request
            .path
            .strip_prefix("/hop/")
            .and_then(|n| n.parse::<u32>().ok())
        else {
            return not_found();
        };
        if n == 0 {
            return ok("arrived");
        }
        let location = if n % 2 == 0 {
            format!("/hop/{}", n - 1)
        } else {
            format!("{}", n - 1)
        };
        Some((302, vec![("Location".to_string(), location)], vec![]))
    });
    let fetcher = Fetcher::new(FetchOptions {
        max_redirects: 3,
        ..local_options()
    });
    match fetcher.get(&server.url("/hop/3"), &Validators::default()) {
        Ok(Fetched::Page(page)) => {
            assert_eq!(page.body, b"arrived");
            assert_eq!(page.requested_url, server.url("/hop/3"));
            assert_eq!(page.final_url, server.url("/hop/0"));
        }
        other => panic!("{other:?}"),
    }
    let error = fetcher
        .get(&server.url("/hop/4"), &Validators::default())
        .unwrap_err();
    assert_eq!(
        error,
        FetchError::TooManyRedirects {
            url: server.url("/hop/4"),
            limit: 3
        }
    );
}

#[test]
fn a_redirect_to_another_scheme_is_refused() {
    let server = TestServer::start(|request, _| match request.path.as_str() {
        "/robots.txt" => not_found(),
        _ => Some((
            301,
            vec![("Location".to_string(), "file:///etc/passwd".to_string())],
            vec![],
        )),
    });
    let error = Fetcher::new(local_options())
        .get(&server.url("/a"), &Validators::default())
        .unwrap_err();
    assert!(matches!(error, FetchError::InvalidUrl { .. }), "{error:?}");
}

#[test]
fn bodies_over_the_limit_are_refused_with_or_without_a_declared_length() {
    let big = "x".repeat(5_000);
    let server = TestServer::start(move |request, _| match request.path.as_str() {
        "/declared" => Some((200, vec![], big.clone().into_bytes())),
        "/undeclared" => Some((
            200,
            vec![("X-No-Length".to_string(), "1".to_string())],
            big.clone().into_bytes(),
        )),
        "/small" => ok("small"),
        _ => not_found(),
    });
    let fetcher = Fetcher::new(FetchOptions {
        max_body_bytes: 1_000,
        ..local_options()
    });
    for path in ["/declared", "/undeclared"] {
        let error = fetcher
            .get(&server.url(path), &Validators::default())
            .unwrap_err();
        assert_eq!(
            error,
            FetchError::BodyTooLarge {
                url: server.url(path),
                limit: 1_000
            }
        );
    }
    let body = page_body(
        fetcher
            .get(&server.url("/small"), &Validators::default())
            .unwrap(),
    );
    assert_eq!(body, b"small");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_bodies_are_decoded_and_the_limit_counts_decoded_bytes() {
    let text = "Ribuan warga mengungsi. ".repeat(200);
    let compressed = gzip(text.as_bytes());
    let server = TestServer::start(move |_, _| {
        Some((
            200,
            vec![
                ("Content-Encoding".to_string(), "gzip".to_string()),
                (
                    "Content-Type".to_string(),
                    "text/html; charset=utf-8".to_string(),
                ),
            ],
            compressed.clone(),
        ))
    });
    let fetcher = Fetcher::new(FetchOptions {
        respect_robots: false,
        ..local_options()
    });
    match fetcher
        .get(&server.url("/page"), &Validators::default())
        .unwrap()
    {
        Fetched::Page(page) => {
            assert_eq!(page.body, text.as_bytes());
            assert_eq!(page.media_type().as_deref(), Some("text/html"));
            assert_eq!(page.charset(), Some("utf-8"));
        }
        other => panic!("{other:?}"),
    }
    let accept_encoding = server.requests()[0]
        .header("Accept-Encoding")
        .unwrap_or("")
        .to_string();
    assert!(accept_encoding.contains("gzip"), "{accept_encoding}");
    assert!(accept_encoding.contains("br"), "{accept_encoding}");
    let strict = Fetcher::new(FetchOptions {
        respect_robots: false,
        max_body_bytes: 1_000,
        ..local_options()
    });
    assert!(matches!(
        strict.get(&server.url("/page"), &Validators::default()),
        Err(FetchError::BodyTooLarge { .. })
    ));
}

#[test]
fn a_matching_etag_or_date_gives_not_modified() {
    let server = TestServer::start(|request, _| {
        if request.path == "/robots.txt" {
            return not_found();
        }
        let validators = vec![
            ("ETag".to_string(), "\"v1\"".to_string()),
            (
                "Last-Modified".to_string(),
                "Tue, 05 Mar 2024 10:00:00 GMT".to_string(),
            ),
        ];
        let fresh = request.header("If-None-Match") == Some("\"v1\"")
            || request.header("If-Modified-Since") == Some("Tue, 05 Mar 2024 10:00:00 GMT");
        if fresh {
            Some((304, validators, vec![]))
        } else {
            Some((200, validators, b"<rss/>".to_vec()))
        }
    });
    let fetcher = Fetcher::new(local_options());
    let validators = match fetcher
        .get(&server.url("/feed"), &Validators::default())
        .unwrap()
    {
        Fetched::Page(page) => page.validators,
        other => panic!("{other:?}"),
    };
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    let again = fetcher.get(&server.url("/feed"), &validators).unwrap();
    assert_eq!(again, Fetched::NotModified(validators.clone()));
    let by_date = Validators {
        etag: None,
        last_modified: validators.last_modified.clone(),
    };
    assert!(matches!(
        fetcher.get(&server.url("/feed"), &by_date).unwrap(),
        Fetched::NotModified(_)
    ));
    let user_agent = server.requests()[1]
        .header("User-Agent")
        .unwrap_or("")
        .to_string();
    assert!(user_agent.starts_with("truce/"), "{user_agent}");
}

#[test]
fn server_errors_are_retried_with_backoff_and_client_errors_are_not() {
    let server = TestServer::start(|request, n_before| match request.path.as_str() {
        "/robots.txt" => not_found(),
        "/flaky" if n_before < 2 => Some((503, vec![("Retry-After".into(), "0".into())], vec![])),
        "/flaky" => ok("third time"),
        "/busy" => Some((429, vec![("Retry-After".into(), "3600".into())], vec![])),
        "/broken" => Some((500, vec![], vec![])),
        _ => not_found(),
    });
    let fetcher = Fetcher::new(FetchOptions {
        retries: 2,
        ..local_options()
    });
    let started = Instant::now();
    let body = page_body(
        fetcher
            .get(&server.url("/flaky"), &Validators::default())
            .unwrap(),
    );
    assert_eq!(body, b"third time");
    // Backoff: 10 ms, then 20 ms.
    assert!(started.elapsed() >= Duration::from_millis(30));

    let broken = fetcher
        .get(&server.url("/broken"), &Validators::default())
        .unwrap_err();
    assert!(matches!(
        broken,
        FetchError::Status {
            status: 500,
            attempts: 3,
            ..
        }
    ));
    assert!(broken.to_string().contains("after 3 attempts"), "{broken}");
    assert!(broken.is_transient());

    // A Retry-After beyond the longest wait ends the fetch at once, carrying the wait.
    let busy = fetcher
        .get(&server.url("/busy"), &Validators::default())
        .unwrap_err();
    assert_eq!(busy.retry_after(), Some(Duration::from_secs(3600)));

    let missing = fetcher
        .get(&server.url("/missing"), &Validators::default())
        .unwrap_err();
    assert!(matches!(
        missing,
        FetchError::Status {
            status: 404,
            attempts: 1,
            ..
        }
    ));
    assert!(!missing.is_transient());
    let count = |path: &str| server.paths().iter().filter(|seen| *seen == path).count();
    assert_eq!(count("/flaky"), 3);
    assert_eq!(count("/broken"), 3);
    assert_eq!(count("/busy"), 1);
    assert_eq!(count("/missing"), 1);
}

#[test]
fn robots_txt_is_read_once_per_host_and_obeyed() {
    let server = TestServer::start(|request, _| match request.path.as_str() {
        "/robots.txt" => ok("User-agent: *\nDisallow: /private/\n"),
        _ => ok("page"),
    });
    let fetcher = Fetcher::new(local_options());
    let error = fetcher
        .get(&server.url("/private/secret.html"), &Validators::default())
        .unwrap_err();
    assert_eq!(
        error,
        FetchError::DisallowedByRobots {
            url: server.url("/private/secret.html")
        }
    );
    assert!(
        error.to_string().contains("/private/secret.html"),
        "{error}"
    );
    fetcher
        .get(&server.url("/public.html"), &Validators::default())
        .unwrap();
    fetcher
        .get(&server.url("/other.html"), &Validators::default())
        .unwrap();
    assert_eq!(
        server.paths(),
        ["/robots.txt", "/public.html", "/other.html"]
    );
}

#[test]
fn a_robots_txt_that_fails_with_a_server_error_keeps_the_host_off_limits() {
    let server = TestServer::start(|request, _| match request.path.as_str() {
        "/robots.txt" => Some((503, vec![], vec![])),
        _ => ok("page"),
    });
    let fetcher = Fetcher::new(FetchOptions {
        retries: 0,
        ..local_options()
    });
    let error = fetcher
        .get(&server.url("/page.html"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(error, FetchError::RobotsUnavailable { .. }),
        "{error:?}"
    );
    assert!(error.is_transient());
    // The verdict is cached: no second robots.txt request, and the page is never asked for.
    assert!(
        fetcher
            .get(&server.url("/other.html"), &Validators::default())
            .is_err()
    );
    assert_eq!(server.paths(), ["/robots.txt"]);
}

#[test]
fn requests_to_one_host_are_spaced_by_the_politeness_delay() {
    let server = TestServer::start(|_, _| ok("page"));
    let fetcher = Fetcher::new(FetchOptions {
        host_delay: Duration::from_millis(300),
        respect_robots: false,
        ..local_options()
    });
    let started = Instant::now();
    for path in ["/a", "/b", "/c"] {
        fetcher
            .get(&server.url(path), &Validators::default())
            .unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(|_, _| None);
    let fetcher = Fetcher::new(FetchOptions {
        read_timeout: Duration::from_millis(300),
        retries: 0,
        respect_robots: false,
        ..local_options()
    });
    let started = Instant::now();
    let error = fetcher
        .get(&server.url("/slow"), &Validators::default())
        .unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn retry_after_is_read_in_seconds_or_as_a_date() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_632_800);
    assert_eq!(
        parse_retry_after("120", now),
        Some(Duration::from_secs(120))
    );
    // 2024-03-05T10:02:00Z is two minutes after `now`.
    assert_eq!(
        parse_retry_after("Tue, 05 Mar 2024 10:02:00 GMT", now),
        Some(Duration::from_secs(120))
    );
    assert_eq!(
        parse_retry_after("Tue, 05 Mar 2024 09:00:00 GMT", now),
        Some(Duration::ZERO)
    );
    assert_eq!(parse_retry_after("soon", now), None);
}
