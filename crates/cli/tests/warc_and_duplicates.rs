//! End-to-end tests of WARC ingest (skipped records, re-runs, a kill half-way) and of near-duplicate linking, run as the built binary on archives and articles the tests build.

// The helpers below run only inside these tests, where a panic is the failure report we want;
// clippy's test exemption covers `#[test]` functions but not their helpers.
#![allow(clippy::unwrap_used)]

mod common;

use common::{copy_edits, distinct_articles, html_page, stderr_of};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many HTML pages the test archive holds.
const N_PAGES: usize = 20;

fn truce(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truce"));
    command.current_dir(dir).env_remove("TRUCE_DB");
    command
}

/// Run `truce ingest PATH --db DB --format json` and return its JSON report and stderr.
fn ingest(dir: &Path, path: &str, db: &str, extra: &[&str]) -> (serde_json::Value, String) {
    let output = truce(dir)
        .args(["ingest", path, "--db", db, "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

fn stats(dir: &Path, db: &str) -> Option<serde_json::Value> {
    let output = truce(dir)
        .args(["stats", "--db", db, "--format", "json", "--check"])
        .output()
        .unwrap();
    (output.status.code() == Some(0))
        .then(|| serde_json::from_slice(&output.stdout).ok())
        .flatten()
}

fn count(json: &serde_json::Value, key: &str) -> u64 {
    json[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no count `{key}` in {json}"))
}

/// One WARC record, compressed as its own gzip member the way CC-NEWS files are.
fn warc_record(warc_type: &str, record_id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{record_id}>\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={warc_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&record).unwrap();
    encoder.finish().unwrap()
}

fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    response
}

/// The test archive's records, gzip members in file order: a request and a response for every
/// page, with a 404 page and an image among them.
fn archive_members() -> Vec<Vec<u8>> {
    let mut members = Vec::new();
    for (page_idx, paragraphs) in distinct_articles(N_PAGES).iter().enumerate() {
        let uri = format!("https://news.example.org/2024/03/05/story-{page_idx}.html");
        members.push(warc_record(
            "request",
            &format!("request-{page_idx}"),
            &uri,
            format!(
                "GET /2024/03/05/story-{page_idx}.html HTTP/1.1\r\nHost: news.example.org\r\n\r\n"
            )
            .as_bytes(),
        ));
        let page = html_page(&format!("Story {page_idx}"), paragraphs);
        members.push(warc_record(
            "response",
            &format!("page-{page_idx}"),
            &uri,
            &http_response("200 OK", "text/html; charset=utf-8", page.as_bytes()),
        ));
        if page_idx == 5 {
            members.push(warc_record(
                "response",
                "missing",
                "https://news.example.org/gone.html",
                &http_response(
                    "404 Not Found",
                    "text/html",
                    html_page("Not found", &distinct_articles(N_PAGES + 1)[N_PAGES]).as_bytes(),
                ),
            ));
        }
        if page_idx == 12 {
            members.push(warc_record(
                "response",
                "logo",
                "https://news.example.org/logo.png",
                &http_response(
                    "200 OK",
                    "image/png",
                    b"\x89PNG\r\n\x1a\nnot really an image",
                ),
            ));
        }
    }
    members
}

#[test]
fn a_warc_archive_ingests_every_html_page_once_and_a_second_run_adds_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("news.warc.gz"), archive_members().concat()).unwrap();

    let (first, stderr) = ingest(dir, "news.warc.gz", "news.db", &[]);
    assert_eq!(count(&first, "documents"), N_PAGES as u64, "{stderr}");
    assert_eq!(count(&first, "new_articles"), N_PAGES as u64, "{stderr}");
    assert_eq!(count(&first, "linked_copies"), 0, "{stderr}");
    assert_eq!(count(&first, "inputs_failed"), 0, "{stderr}");
    assert!(
        count(&first, "events") > 0,
        "the pages' news was coded: {first}"
    );

    let (second, _) = ingest(dir, "news.warc.gz", "news.db", &[]);
    assert_eq!(count(&second, "new_articles"), 0);
    assert_eq!(count(&second, "duplicates"), N_PAGES as u64);
    assert_eq!(count(&second, "events"), 0);

    let after = stats(dir, "news.db").unwrap();
    assert_eq!(after["integrity"], "ok");
    assert_eq!(count(&after, "articles"), N_PAGES as u64);
    // The ingest counts reports; `stats` counts real-world events as events, reports as reports.
    assert_eq!(count(&after, "reports"), count(&first, "events"));

    // Each page is stored under its WARC record id, with its URL.
    let events = truce(dir)
        .args(["events", "--db", "news.db", "--format", "jsonl"])
        .output()
        .unwrap();
    let events = String::from_utf8(events.stdout).unwrap();
    assert!(events.contains("urn:uuid:page-"), "{events}");
    assert!(events.contains("https://news.example.org/2024/03/05/story-"));
}

#[test]
fn a_warc_ingest_killed_half_way_stores_every_page_exactly_once_when_run_again() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let members = archive_members();
    // The first run reads the archive from a named pipe that the test fills only half-way, so
    // the kill lands after the first half is committed and before the rest exists.
    let pipe = dir.join("news.warc.gz");
    let made = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success());
    let mut killed = truce(dir)
        .args(["ingest", "news.warc.gz", "--db", "news.db", "--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let half = members.len() / 2;
    let first_half = &members[..half];
    let n_pages_in_first_half = first_half
        .iter()
        .filter(|member| {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(member.as_slice()),
                &mut text,
            )
            .unwrap();
            text.contains("WARC-Type: response")
                && text.contains("HTTP/1.1 200 OK\r\nContent-Type: text/html")
        })
        .count() as u64;
    let mut writer = std::fs::OpenOptions::new().write(true).open(&pipe).unwrap();
    writer.write_all(&first_half.concat()).unwrap();
    writer.flush().unwrap();
    // Batches are committed at the latest every two seconds.
    let started = Instant::now();
    loop {
        if stats(dir, "news.db")
            .is_some_and(|stats| count(&stats, "articles") == n_pages_in_first_half)
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the first half was not committed in time"
        );
        assert!(
            killed.try_wait().unwrap().is_none(),
            "the ingest ended early"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    killed.kill().unwrap();
    killed.wait().unwrap();
    drop(writer);

    let at_kill = stats(dir, "news.db").unwrap();
    assert_eq!(at_kill["integrity"], "ok");
    assert_eq!(count(&at_kill, "articles"), n_pages_in_first_half);

    std::fs::remove_file(&pipe).unwrap();
    std::fs::write(&pipe, members.concat()).unwrap();
    let (resumed, stderr) = ingest(dir, "news.warc.gz", "news.db", &["--jobs", "2"]);
    assert_eq!(
        count(&resumed, "new_articles"),
        N_PAGES as u64 - n_pages_in_first_half,
        "{stderr}"
    );
    assert_eq!(count(&resumed, "duplicates"), n_pages_in_first_half);
    let after = stats(dir, "news.db").unwrap();
    assert_eq!(after["integrity"], "ok");
    assert_eq!(count(&after, "articles"), N_PAGES as u64);
    assert_eq!(
        count(&after, "reports"),
        count(&at_kill, "reports") + count(&resumed, "events")
    );
}

#[test]
fn a_malformed_warc_record_is_reported_with_its_file_and_record_and_the_rest_is_read() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let mut members = archive_members();
    members.truncate(4);
    let mut broken = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    broken
        .write_all(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n<p>lost</p>\r\n\r\n",
        )
        .unwrap();
    members.insert(2, broken.finish().unwrap());
    std::fs::write(dir.join("broken.warc.gz"), members.concat()).unwrap();
    let output = truce(dir)
        .args([
            "ingest",
            "broken.warc.gz",
            "--db",
            "broken.db",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("broken.warc.gz:3: WARC record 3 at byte "),
        "{stderr}"
    );
    assert!(
        stderr.contains("Content-Length is not a number"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(count(&report, "new_articles"), 2);
    assert_eq!(count(&report, "inputs_failed"), 1);
}

#[test]
fn near_copies_are_linked_to_their_first_copy_and_not_coded_again() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let originals: Vec<String> = distinct_articles(45)
        .into_iter()
        .map(|paragraphs| paragraphs.join("\n\n"))
        .collect();
    // Five copies, each to go after its original in the input.
    let copies = copy_edits(&originals);
    let mut records: Vec<(String, String)> = originals
        .iter()
        .enumerate()
        .map(|(article_idx, text)| (format!("article-{article_idx}"), text.clone()))
        .collect();
    // Copies go later in the input than their originals, in no particular order.
    for (copy_idx, (original_idx, text)) in copies.iter().enumerate() {
        let position = (original_idx + 1 + copy_idx * 3).min(records.len());
        records.insert(position, (format!("copy-of-{original_idx}"), text.clone()));
    }
    let write_jsonl = |name: &str, records: &[(String, String)]| {
        let mut file = std::fs::File::create(dir.join(name)).unwrap();
        for (id, text) in records {
            let line =
                serde_json::json!({"id": id, "text": text, "lang": "en", "date": "2024-03-05"});
            writeln!(file, "{line}").unwrap();
        }
    };
    write_jsonl("articles.jsonl", &records);
    let originals_only: Vec<(String, String)> = records
        .iter()
        .filter(|(id, _)| id.starts_with("article-"))
        .cloned()
        .collect();
    write_jsonl("originals.jsonl", &originals_only);

    let (report, stderr) = ingest(dir, "articles.jsonl", "news.db", &["--jobs", "2"]);
    assert_eq!(count(&report, "documents"), 50);
    assert_eq!(count(&report, "new_articles"), 45, "{stderr}");
    assert_eq!(count(&report, "linked_copies"), 5, "{stderr}");
    assert_eq!(count(&report, "near_duplicate_links"), 5, "{stderr}");
    assert_eq!(count(&report, "exact_duplicate_links"), 0, "{stderr}");

    // The copies were not coded: the store holds exactly the events of the 45 originals.
    let (originals_report, _) = ingest(dir, "originals.jsonl", "originals.db", &[]);
    assert_eq!(count(&originals_report, "new_articles"), 45);
    assert_eq!(count(&report, "events"), count(&originals_report, "events"));
    assert!(count(&report, "events") > 0);

    let stored = stats(dir, "news.db").unwrap();
    assert_eq!(
        count(&stored, "articles"),
        45,
        "copies are not articles of their own"
    );
    assert_eq!(
        count(&stored, "duplicates"),
        5,
        "the five links are counted"
    );
    assert_eq!(count(&stored, "linked_copies"), 5);

    // A second run stores nothing and records no link twice.
    let (again, _) = ingest(dir, "articles.jsonl", "news.db", &["--jobs", "2"]);
    assert_eq!(count(&again, "new_articles"), 0);
    assert_eq!(count(&again, "duplicates"), 50);
    assert_eq!(count(&again, "near_duplicate_links"), 0);
    assert_eq!(count(&again, "events"), 0);
    assert_eq!(count(&stats(dir, "news.db").unwrap(), "duplicates"), 5 + 50);

    // Copies arriving in a later run than their originals are linked to the stored originals.
    let copies_only: Vec<(String, String)> = records
        .iter()
        .filter(|(id, _)| id.starts_with("copy-of-"))
        .cloned()
        .collect();
    write_jsonl("copies.jsonl", &copies_only);
    // The originals' signatures are made to look as an older truce wrote them (format version
    // 1, which this one cannot compare): they are signed again from the stored text.
    let connection = rusqlite::Connection::open(dir.join("originals.db")).unwrap();
    let n_signatures = connection
        .execute(
            "UPDATE article_signatures SET signature = CAST(X'01' || substr(signature, 2) AS BLOB)",
            [],
        )
        .unwrap();
    assert_eq!(n_signatures, 45);
    drop(connection);
    let (later, stderr) = ingest(dir, "copies.jsonl", "originals.db", &[]);
    assert_eq!(count(&later, "new_articles"), 0, "{stderr}");
    assert_eq!(count(&later, "linked_copies"), 5, "{stderr}");
    assert_eq!(count(&later, "events"), 0);
    let later_stats = stats(dir, "originals.db").unwrap();
    assert_eq!(count(&later_stats, "articles"), 45);
    assert_eq!(count(&later_stats, "linked_copies"), 5);
    let connection = rusqlite::Connection::open(dir.join("originals.db")).unwrap();
    let still_old: i64 = connection
        .query_row(
            "SELECT count(*) FROM article_signatures WHERE substr(signature, 1, 1) = X'01'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(still_old, 0, "the re-computed signatures are stored");
}

#[test]
fn copies_that_differ_only_in_case_and_punctuation_are_linked_as_exact() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let articles = distinct_articles(2);
    let original = articles[0].join("\n\n");
    let recased = original.to_uppercase().replace(',', " ,");
    let mut file = std::fs::File::create(dir.join("articles.jsonl")).unwrap();
    for (id, text) in [
        ("original", &original),
        ("other", &articles[1].join("\n\n")),
        ("shouted", &recased),
    ] {
        writeln!(
            file,
            "{}",
            serde_json::json!({"id": id, "text": text, "lang": "en"})
        )
        .unwrap();
    }
    drop(file);
    let (report, stderr) = ingest(dir, "articles.jsonl", "news.db", &[]);
    assert_eq!(count(&report, "new_articles"), 2, "{stderr}");
    assert_eq!(count(&report, "linked_copies"), 1);
    assert_eq!(count(&report, "exact_duplicate_links"), 1);
    assert_eq!(count(&report, "near_duplicate_links"), 0);
}

#[test]
fn archives_inside_a_folder_are_ingested_and_extract_reads_archives_too() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::create_dir_all(dir.join("crawl/2024-03")).unwrap();
    std::fs::write(
        dir.join("crawl/2024-03/CC-NEWS-20240305.warc.gz"),
        archive_members().concat(),
    )
    .unwrap();

    let (report, stderr) = ingest(dir, "crawl", "news.db", &[]);
    assert_eq!(count(&report, "documents"), N_PAGES as u64, "{stderr}");
    assert_eq!(count(&report, "new_articles"), N_PAGES as u64, "{stderr}");
    assert_eq!(count(&report, "inputs_failed"), 0, "{stderr}");

    let extracted = truce(dir)
        .args(["extract", "crawl/2024-03/CC-NEWS-20240305.warc.gz"])
        .output()
        .unwrap();
    assert_eq!(
        extracted.status.code(),
        Some(0),
        "{}",
        stderr_of(&extracted)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(extracted.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), N_PAGES);
    assert!(records.iter().all(|record| {
        record["url"]
            .as_str()
            .is_some_and(|url| url.starts_with("https://news.example.org/2024/03/05/story-"))
            && record["text"].as_str().is_some_and(|text| !text.is_empty())
    }));
}
