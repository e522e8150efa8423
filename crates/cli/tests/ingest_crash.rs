//! Kills `truce ingest` with SIGKILL half-way through and runs it again: every article must end up stored exactly once in a sound file.

// The helpers below run only inside these tests, where a panic is the failure report we want;
// clippy's test exemption covers `#[test]` functions but not their helpers.
#![allow(clippy::unwrap_used)]

#[path = "../examples/generate_articles.rs"]
mod generate_articles;

use generate_articles::{ArticlePools, default_dev_dir, default_example_dirs};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const N_ARTICLES: u64 = 3_000;

/// How long to wait for the first batch before concluding the ingest is stuck.
const FIRST_COMMIT_TIMEOUT: Duration = Duration::from_secs(120);

fn truce(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truce"));
    command.current_dir(dir).env_remove("TRUCE_DB");
    command
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The store's counts, or `None` while the store cannot be read yet (not created).
fn try_stats(dir: &Path, db: &str, check: bool) -> Option<serde_json::Value> {
    let mut command = truce(dir);
    command.args(["stats", "--db", db, "--format", "json"]);
    if check {
        command.arg("--check");
    }
    let output = command.output().unwrap();
    if output.status.code() != Some(0) {
        return None;
    }
    serde_json::from_slice(&output.stdout).ok()
}

/// The search indexes `db` lacks (an ingest sets them aside while it writes a large input).
fn missing_search_indexes(dir: &Path, db: &str) -> Vec<&'static str> {
    truce_store::Store::open_existing(&dir.join(db))
        .unwrap()
        .missing_search_indexes()
        .unwrap()
}

fn count(json: &serde_json::Value, key: &str) -> u64 {
    json[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no count `{key}` in {json}"))
}

#[test]
fn an_ingest_killed_half_way_resumes_and_stores_every_article_exactly_once() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let pools = ArticlePools::load(&default_example_dirs(), &default_dev_dir()).unwrap();
    let mut distinct_texts: HashSet<String> = HashSet::new();
    {
        let mut input =
            std::io::BufWriter::new(std::fs::File::create(dir.join("articles.jsonl")).unwrap());
        for article_idx in 0..N_ARTICLES {
            let article = pools.article(article_idx, 7);
            writeln!(input, "{}", article.to_json_line()).unwrap();
            distinct_texts.insert(article.text);
        }
        input.flush().unwrap();
    }
    let n_distinct = distinct_texts.len() as u64;
    assert!(
        n_distinct > N_ARTICLES / 2,
        "the generator should make mostly distinct articles"
    );

    let mut killed = truce(dir)
        .args([
            "ingest",
            "articles.jsonl",
            "--db",
            "crash.db",
            "--jobs",
            "2",
        ])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("killed.stderr")).unwrap())
        .spawn()
        .unwrap();
    // Kill as soon as the first batch is committed: the run is then certainly half-way, with
    // work in every stage (read, being coded, waiting to be written).
    let started = Instant::now();
    loop {
        if try_stats(dir, "crash.db", false).is_some_and(|stats| count(&stats, "articles") > 0) {
            break;
        }
        assert!(
            started.elapsed() < FIRST_COMMIT_TIMEOUT,
            "no batch committed within {FIRST_COMMIT_TIMEOUT:?}"
        );
        if let Some(status) = killed.try_wait().unwrap() {
            let stderr = std::fs::read_to_string(dir.join("killed.stderr")).unwrap_or_default();
            panic!("the ingest ended ({status}) before it could be killed: {stderr}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    killed.kill().unwrap();
    killed.wait().unwrap();

    let at_kill = try_stats(dir, "crash.db", true).expect("the killed store still opens");
    assert_eq!(at_kill["integrity"], "ok");
    // The input is large beside the new store, so the killed run wrote without the search
    // indexes; the run that resumes must leave them built.
    assert_eq!(
        missing_search_indexes(dir, "crash.db").len(),
        truce_store::SEARCH_INDEXES.len(),
        "the killed ingest should have set the search indexes aside"
    );
    // Every distinct text is stored once: as an article, or as a copy linked to its first copy.
    let stored =
        |stats: &serde_json::Value| count(stats, "articles") + count(stats, "linked_copies");
    let stored_at_kill = stored(&at_kill);
    assert!(
        stored_at_kill > 0 && stored_at_kill < n_distinct,
        "the kill should land half-way: {stored_at_kill} of {n_distinct} stored"
    );

    let resumed = truce(dir)
        .args([
            "ingest",
            "articles.jsonl",
            "--db",
            "crash.db",
            "--jobs",
            "2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr_of(&resumed));
    let report: serde_json::Value = serde_json::from_slice(&resumed.stdout).unwrap();
    assert_eq!(
        count(&report, "new_articles") + count(&report, "linked_copies"),
        n_distinct - stored_at_kill
    );
    assert_eq!(
        count(&report, "duplicates"),
        N_ARTICLES - (n_distinct - stored_at_kill)
    );

    let after = try_stats(dir, "crash.db", true).expect("the resumed store opens");
    assert_eq!(after["integrity"], "ok");
    assert!(missing_search_indexes(dir, "crash.db").is_empty());
    assert_eq!(stored(&after), n_distinct);
    assert_eq!(
        count(&after, "reports"),
        count(&at_kill, "reports") + count(&report, "events"),
        "events of the articles stored before the kill are neither lost nor stored again"
    );
}
