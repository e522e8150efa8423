//! End-to-end tests of `truce watch` and `truce ingest URL` against a news site served by the test itself on 127.0.0.1: feeds, pages, near copies, conditional polls, and the fetcher's refusals and limits.

// The helpers below run only inside these tests, where a panic is the failure report we want;
// clippy's test exemption covers `#[test]` functions but not their helpers.
#![allow(clippy::unwrap_used)]

mod common;

use common::{copy_edits, distinct_articles, edit_words, escape_html, html_page, stderr_of};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// What the test site answers on one path.
#[derive(Debug, Clone)]
struct Route {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// When set, a request whose If-None-Match carries this tag is answered 304.
    etag: Option<String>,
}

impl Route {
    fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.into(),
            etag: None,
        }
    }

    fn status(status: u16) -> Route {
        Route {
            status,
            headers: Vec::new(),
            body: format!("status {status}").into_bytes(),
            etag: None,
        }
    }
}

/// A news site on 127.0.0.1: routes by path, a log of what was asked and answered. Paths without
/// a route (robots.txt included, unless set) answer 404. The server thread lives until the test
/// process ends; every connection is answered once and closed.
#[derive(Clone)]
struct Site {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Site {
    fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let site = Site {
            port: listener.local_addr().unwrap().port(),
            routes: Arc::new(Mutex::new(HashMap::new())),
            log: Arc::new(Mutex::new(Vec::new())),
        };
        let serving = site.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let serving = serving.clone();
                std::thread::spawn(move || serving.answer(stream));
            }
        });
        site
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn set(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    /// How many requests for `path` were answered, and with which statuses.
    fn statuses(&self, path: &str) -> Vec<u16> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|(logged, _)| logged == path)
            .map(|(_, status)| *status)
            .collect()
    }

    fn n_requests_under(&self, prefix: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .count()
    }

    fn answer(&self, stream: TcpStream) {
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
        let mut if_none_match = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("If-None-Match")
            {
                if_none_match = Some(value.trim().to_string());
            }
        }
        let route = self
            .routes
            .lock()
            .unwrap()
            .get(&path)
            .cloned()
            .unwrap_or_else(|| Route::status(404));
        let not_modified = route.etag.is_some() && route.etag == if_none_match;
        let (status, body): (u16, &[u8]) = if not_modified {
            (304, b"")
        } else {
            (route.status, &route.body)
        };
        self.log.lock().unwrap().push((path, status));
        let mut head = format!(
            "HTTP/1.1 {status} Test\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in &route.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(etag) = &route.etag {
            head.push_str(&format!("ETag: {etag}\r\n"));
        }
        head.push_str("\r\n");
        let mut stream = stream;
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
        let _ = stream.flush();
    }
}

/// One item of the test feed.
struct TestItem {
    guid: String,
    path: String,
    title: String,
    /// Minutes after 08:00 on 5 March 2024.
    minute: usize,
    summary: Option<String>,
}

/// An RSS 2.0 feed of `items`, newest first as feeds list them.
fn rss(site: &Site, items: &[TestItem]) -> String {
    let mut entries: Vec<&TestItem> = items.iter().collect();
    entries.sort_by_key(|item| std::cmp::Reverse(item.minute));
    let entries: String = entries
        .iter()
        .map(|item| {
            let description = item
                .summary
                .as_deref()
                .map(|summary| format!("<description>{}</description>", escape_html(summary)))
                .unwrap_or_default();
            format!(
                "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">{}</guid>\
                 <pubDate>Tue, 05 Mar 2024 08:{:02}:00 GMT</pubDate>{description}</item>\n",
                escape_html(&item.title),
                site.url(&item.path),
                item.guid,
                item.minute
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>The Test Gazette</title><link>{}</link><language>en</language>\n{entries}</channel></rss>\n",
        site.url("/")
    )
}

/// Serve a feed of 45 distinct articles and 5 near copies of five of them (published after all
/// the originals), each on its own page. Returns the feed's path.
fn serve_gazette(site: &Site) -> &'static str {
    let originals: Vec<Vec<String>> = distinct_articles(45);
    let original_texts: Vec<String> = originals.iter().map(|p| p.join("\n\n")).collect();
    let mut items = Vec::new();
    for (article_idx, paragraphs) in originals.iter().enumerate() {
        let path = format!("/articles/article-{article_idx}.html");
        let title = format!("Story {article_idx}");
        site.set(
            &path,
            Route::ok("text/html; charset=utf-8", html_page(&title, paragraphs)),
        );
        items.push(TestItem {
            guid: format!("article-{article_idx}"),
            path,
            title,
            minute: article_idx,
            summary: Some(paragraphs[0].clone()),
        });
    }
    for (copy_idx, (original_idx, text)) in copy_edits(&original_texts).into_iter().enumerate() {
        let path = format!("/articles/copy-of-{original_idx}.html");
        let title = format!("Story {original_idx}, as reprinted");
        let paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        site.set(
            &path,
            Route::ok("text/html; charset=utf-8", html_page(&title, &paragraphs)),
        );
        items.push(TestItem {
            guid: format!("copy-of-{original_idx}"),
            path,
            title,
            minute: 45 + copy_idx,
            summary: Some(paragraphs[0].clone()),
        });
    }
    let mut feed = Route::ok("application/rss+xml", rss(site, &items));
    feed.etag = Some("\"gazette-1\"".to_string());
    site.set("/feed.xml", feed);
    "/feed.xml"
}

fn truce(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truce"));
    command
        .current_dir(dir)
        .env_remove("TRUCE_DB")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY");
    command
}

fn write_feeds_file(dir: &Path, feed_url: &str) {
    std::fs::write(
        dir.join("feeds.toml"),
        format!("[[feed]]\nurl = \"{feed_url}\"\nname = \"Test Gazette\"\ninterval = \"15m\"\n"),
    )
    .unwrap();
}

/// `truce watch feeds.toml --once` on the loopback site, without politeness delays.
fn watch_once(dir: &Path, db: &str, extra: &[&str]) -> Output {
    truce(dir)
        .args([
            "watch",
            "feeds.toml",
            "--once",
            "--host-delay",
            "0",
            "--db",
            db,
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// What the store holds, counted so the figures hold however `truce stats` counts copies:
/// articles that were coded (they have sentences), duplicate links, and events.
struct Stored {
    coded_articles: u64,
    links: u64,
    events: u64,
    all_articles: u64,
}

fn stored(dir: &Path, db: &str) -> Stored {
    let connection = rusqlite::Connection::open(dir.join(db)).unwrap();
    let count = |sql: &str| -> u64 {
        connection
            .query_row(sql, [], |row| row.get::<_, i64>(0))
            .unwrap() as u64
    };
    Stored {
        coded_articles: count(
            "SELECT count(*) FROM articles AS article
             WHERE EXISTS (SELECT 1 FROM sentences WHERE sentences.article_pk = article.article_pk)",
        ),
        links: count("SELECT count(*) FROM duplicate_links"),
        events: count("SELECT count(*) FROM events"),
        all_articles: count("SELECT count(*) FROM articles"),
    }
}

/// Each duplicate link as (copy's document id, first copy's document id), sorted.
fn linked_pairs(dir: &Path, db: &str) -> Vec<(String, String)> {
    let store = truce_store::Store::open_existing(&dir.join(db)).unwrap();
    let id_of = |content_hash: &str| {
        store
            .load_article(content_hash)
            .unwrap()
            .unwrap()
            .article
            .id
    };
    let mut pairs: Vec<(String, String)> = store
        .duplicate_links()
        .unwrap()
        .iter()
        .map(|link| {
            (
                id_of(&link.duplicate_content_hash),
                id_of(&link.first_copy_content_hash),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

fn expected_pairs() -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = [3, 10, 17, 29, 40]
        .iter()
        .map(|idx| (format!("copy-of-{idx}"), format!("article-{idx}")))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn watch_stores_each_article_once_links_its_copies_and_a_second_poll_stores_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let feed_path = serve_gazette(&site);
    write_feeds_file(dir, &site.url(feed_path));

    let first = watch_once(dir, "news.db", &["--allow-private"]);
    let stderr = stderr_of(&first);
    assert_eq!(first.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("50 items, 50 new"), "{stderr}");
    let after_first = stored(dir, "news.db");
    assert_eq!(after_first.coded_articles, 45, "{stderr}");
    assert_eq!(after_first.links, 5, "{stderr}");
    assert_eq!(after_first.all_articles, 50);
    assert!(after_first.events > 0, "the articles' news was coded");
    assert_eq!(linked_pairs(dir, "news.db"), expected_pairs());
    assert_eq!(site.n_requests_under("/articles/"), 50);

    // The article keeps the item's link as its URL and, since the page declares no date, the
    // item's publication date.
    let connection = rusqlite::Connection::open(dir.join("news.db")).unwrap();
    let (url, date): (String, String) = connection
        .query_row(
            "SELECT url, date FROM articles WHERE article_id = 'article-7'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(url, site.url("/articles/article-7.html"));
    assert_eq!(date, "2024-03-05");

    // Second poll: the stored ETag gets a 304, and nothing is fetched or stored.
    let second = watch_once(dir, "news.db", &["--allow-private"]);
    let stderr = stderr_of(&second);
    assert_eq!(second.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("not modified"), "{stderr}");
    assert_eq!(site.statuses(feed_path), [200, 304]);
    assert_eq!(site.n_requests_under("/articles/"), 50);

    // Third poll of a feed served again in full, without an ETag: the items were read before,
    // so no page is fetched and nothing is stored twice.
    let mut unconditional = site.routes.lock().unwrap()[feed_path].clone();
    unconditional.etag = None;
    site.set(feed_path, unconditional);
    let third = watch_once(dir, "news.db", &["--allow-private"]);
    let stderr = stderr_of(&third);
    assert_eq!(third.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("50 items, 0 new"), "{stderr}");
    assert_eq!(site.statuses(feed_path), [200, 304, 200]);
    assert_eq!(site.n_requests_under("/articles/"), 50);
    let after_third = stored(dir, "news.db");
    assert_eq!(after_third.all_articles, 50);
    assert_eq!(after_third.links, 5);
    assert_eq!(after_third.events, after_first.events);
    // `truce stats` counts the 45 distinct articles and the 5 copies among the duplicates.
    let stats = stats_json(dir, "news.db");
    assert_eq!(stats["articles"], 45, "{stats}");
    assert_eq!(stats["linked_copies"], 5, "{stats}");
    assert_eq!(stats["duplicates"], 5, "{stats}");

    // A later round brings a near copy of an article stored in the first round: it is linked to
    // the stored original (its signature was kept), not coded again.
    let original_20 = distinct_articles(45)[20].join("\n\n");
    let late_copy: Vec<String> = edit_words(&original_20, 35)
        .split("\n\n")
        .map(str::to_string)
        .collect();
    site.set(
        "/articles/late-copy-of-20.html",
        Route::ok(
            "text/html; charset=utf-8",
            html_page("Story 20, a day later", &late_copy),
        ),
    );
    let mut with_late_copy = site.routes.lock().unwrap()[feed_path].clone();
    let late_item = format!(
        "<item><title>Story 20, a day later</title><link>{}</link>\
         <guid isPermaLink=\"false\">late-copy-of-20</guid>\
         <pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate></item>\n</channel>",
        site.url("/articles/late-copy-of-20.html")
    );
    let feed_text = String::from_utf8(with_late_copy.body.clone()).unwrap();
    with_late_copy.body = feed_text.replacen("</channel>", &late_item, 1).into_bytes();
    site.set(feed_path, with_late_copy);
    let fourth = watch_once(dir, "news.db", &["--allow-private"]);
    let stderr = stderr_of(&fourth);
    assert_eq!(fourth.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("51 items, 1 new"), "{stderr}");
    let after_fourth = stored(dir, "news.db");
    assert_eq!(after_fourth.coded_articles, 45, "{stderr}");
    assert_eq!(after_fourth.links, 6, "{stderr}");
    assert_eq!(after_fourth.events, after_first.events);
    assert!(
        linked_pairs(dir, "news.db")
            .contains(&("late-copy-of-20".to_string(), "article-20".to_string()))
    );
}

/// `truce stats --format json` on `db`.
fn stats_json(dir: &Path, db: &str) -> serde_json::Value {
    let output = truce(dir)
        .args(["stats", "--db", db, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn ingest_of_a_feed_url_stores_its_items_and_a_page_url_stores_the_page() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let feed_path = serve_gazette(&site);
    let output = truce(dir)
        .args(["ingest", &site.url(feed_path), "--allow-private"])
        .args(["--host-delay", "0", "--db", "feed.db"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let from_feed = stored(dir, "feed.db");
    assert_eq!(from_feed.coded_articles, 45, "{stderr}");
    assert_eq!(from_feed.links, 5, "{stderr}");
    assert_eq!(linked_pairs(dir, "feed.db"), expected_pairs());

    let page_url = site.url("/articles/article-12.html");
    let output = truce(dir)
        .args(["ingest", &page_url, "--allow-private", "--db", "page.db"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let connection = rusqlite::Connection::open(dir.join("page.db")).unwrap();
    let (article_id, url, title): (String, String, String) = connection
        .query_row("SELECT article_id, url, title FROM articles", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .unwrap();
    assert_eq!(article_id, page_url);
    assert_eq!(url, page_url);
    assert_eq!(title, "Story 12");
}

#[test]
fn a_private_address_is_refused_without_allow_private_and_the_url_is_named() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    site.set("/page.html", Route::ok("text/html", "<p>never served</p>"));
    let url = site.url("/page.html");
    let output = truce(dir)
        .args(["ingest", &url, "--db", "news.db"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&url), "{stderr}");
    assert!(stderr.contains("refused"), "{stderr}");
    assert!(stderr.contains("--allow-private"), "{stderr}");

    // A host name that resolves to the loopback address is refused the same way.
    write_feeds_file(dir, &format!("http://localhost:{}/feed.xml", site.port));
    let output = watch_once(dir, "news.db", &[]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("localhost"), "{stderr}");
    assert!(stderr.contains("not a public address"), "{stderr}");
    assert!(
        site.log.lock().unwrap().is_empty(),
        "nothing reached the site"
    );
    // The failure is remembered, so the next poll backs off.
    let store = truce_store::Store::open_existing(&dir.join("news.db")).unwrap();
    let state = store
        .feed_poll_state(&format!("http://localhost:{}/feed.xml", site.port))
        .unwrap()
        .unwrap();
    assert_eq!(state.consecutive_failures, 1);
    assert!(state.last_error.unwrap().contains("refused"));
}

/// Ingest one URL from the site into `db`; returns the exit code and stderr.
fn ingest_url(dir: &Path, url: &str, db: &str, extra: &[&str]) -> (Option<i32>, String) {
    let output = truce(dir)
        .args([
            "ingest",
            url,
            "--allow-private",
            "--host-delay",
            "0",
            "--db",
            db,
        ])
        .args(extra)
        .output()
        .unwrap();
    (output.status.code(), stderr_of(&output))
}

fn article_page(site: &Site, path: &str, article: &[String]) {
    site.set(path, Route::ok("text/html", html_page("A story", article)));
}

#[test]
fn redirects_are_followed_up_to_the_limit() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let articles = distinct_articles(2);
    article_page(&site, "/story.html", &articles[0]);
    // /hop/N redirects to /hop/N-1, and /hop/0 to the story.
    for hop in 0..8 {
        let target = if hop == 0 {
            "/story.html".to_string()
        } else {
            format!("/hop/{}", hop - 1)
        };
        let mut route = Route::status(302);
        route.headers.push(("Location".to_string(), target));
        site.set(&format!("/hop/{hop}"), route);
    }
    let (code, stderr) = ingest_url(dir, &site.url("/hop/2"), "near.db", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stored(dir, "near.db").all_articles, 1);

    // Eight redirects are more than the five allowed.
    let far = site.url("/hop/7");
    let (code, stderr) = ingest_url(dir, &far, "far.db", &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{far}: more than 5 redirects")),
        "{stderr}"
    );
    assert_eq!(site.statuses("/hop/1"), [302], "the chain was cut short");
}

#[test]
fn a_page_over_the_size_limit_is_refused_and_a_gzip_page_is_decoded() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let articles = distinct_articles(2);
    article_page(&site, "/big.html", &articles[0]);
    let big = site.url("/big.html");
    let (code, stderr) = ingest_url(dir, &big, "limit.db", &["--max-page-bytes", "300"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{big}: the body is larger than the limit of 300 bytes"
        )),
        "{stderr}"
    );

    let page = html_page("Compressed story", &articles[1]);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(page.as_bytes()).unwrap();
    let mut route = Route::ok("text/html; charset=utf-8", encoder.finish().unwrap());
    route
        .headers
        .push(("Content-Encoding".to_string(), "gzip".to_string()));
    site.set("/compressed.html", route);
    let (code, stderr) = ingest_url(dir, &site.url("/compressed.html"), "gzip.db", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let connection = rusqlite::Connection::open(dir.join("gzip.db")).unwrap();
    let text: String = connection
        .query_row("SELECT text FROM articles", [], |row| row.get(0))
        .unwrap();
    assert!(text.contains(&articles[1][0]), "{text}");
    // The limit counts decoded bytes: the same page compressed below 300 bytes is still too big.
    let (code, stderr) = ingest_url(
        dir,
        &site.url("/compressed.html"),
        "gzip-limit.db",
        &["--max-page-bytes", "300"],
    );
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn robots_txt_disallow_is_respected_for_pages_and_feed_items() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let articles = distinct_articles(2);
    site.set(
        "/robots.txt",
        Route::ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
    );
    article_page(&site, "/private/secret.html", &articles[0]);
    let secret = site.url("/private/secret.html");
    let (code, stderr) = ingest_url(dir, &secret, "page.db", &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{secret}: robots.txt does not allow truce to fetch this page"
        )),
        "{stderr}"
    );

    // In a feed, the disallowed page is not fetched and the item's own summary stands in.
    let items = [TestItem {
        guid: "private-1".to_string(),
        path: "/private/secret.html".to_string(),
        title: "Secret".to_string(),
        minute: 0,
        summary: Some(articles[1].join("\n\n")),
    }];
    site.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss(&site, &items)),
    );
    let (code, stderr) = ingest_url(dir, &site.url("/feed.xml"), "feed.db", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("own text is used instead"), "{stderr}");
    assert!(site.statuses("/private/secret.html").is_empty());
    assert_eq!(site.statuses("/robots.txt"), [200, 200], "once per run");
    let connection = rusqlite::Connection::open(dir.join("feed.db")).unwrap();
    let text: String = connection
        .query_row("SELECT text FROM articles", [], |row| row.get(0))
        .unwrap();
    assert!(text.contains(&articles[1][0]), "{text}");
}

#[test]
fn a_server_error_on_one_item_s_page_does_not_stop_the_others() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let site = Site::start();
    let articles = distinct_articles(5);
    let mut items = Vec::new();
    for (item_idx, paragraphs) in articles.iter().enumerate() {
        let path = format!("/articles/{item_idx}.html");
        article_page(&site, &path, paragraphs);
        items.push(TestItem {
            guid: format!("item-{item_idx}"),
            path,
            title: format!("Item {item_idx}"),
            minute: item_idx,
            // Item 4 has no summary: without its page there is nothing to store.
            summary: (item_idx != 4).then(|| paragraphs.join("\n\n")),
        });
    }
    site.set("/articles/1.html", Route::status(500));
    site.set("/articles/4.html", Route::status(503));
    site.set(
        "/feed.xml",
        Route::ok("application/rss+xml", rss(&site, &items)),
    );
    write_feeds_file(dir, &site.url("/feed.xml"));

    let output = watch_once(dir, "news.db", &["--allow-private", "--retries", "1"]);
    let stderr = stderr_of(&output);
    // Item 4 gave no article, which counts as a failed input.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: HTTP 500 after 2 attempts; the feed item's own text is used instead",
            site.url("/articles/1.html")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("1 to try again next poll"), "{stderr}");
    assert_eq!(site.statuses("/articles/1.html"), [500, 500]);
    assert_eq!(stored(dir, "news.db").all_articles, 4);

    // Next poll, the page is back: only item 4, whose failure may pass, is fetched again.
    article_page(&site, "/articles/4.html", &articles[4]);
    let output = watch_once(dir, "news.db", &["--allow-private", "--retries", "1"]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("5 items, 1 new"), "{stderr}");
    assert_eq!(stored(dir, "news.db").all_articles, 5);
    assert_eq!(site.statuses("/articles/1.html").len(), 2);
    assert_eq!(site.statuses("/articles/0.html").len(), 1);
}
