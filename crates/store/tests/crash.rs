//! Kills an ingest with SIGKILL half-way, reopens the store and finishes the ingest: the file
//! must pass SQLite's integrity check, hold only whole batches, and end with every article once.

// The helpers below run only inside this test, where a panic is the failure report we want;
// clippy's test exemption covers `#[test]` functions but not their helpers.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use truce_store::Store;

const N_ARTICLES: u64 = 6_000;
const BATCH_SIZE: u64 = 25;

/// The `ingest_forever` example, which `cargo test` builds next to the test binaries
/// (`target/<profile>/examples/`); built on demand when only this test target was compiled.
fn ingest_forever_binary() -> PathBuf {
    let test_binary = std::env::current_exe().unwrap();
    let profile_dir = test_binary.parent().unwrap().parent().unwrap();
    let example = profile_dir
        .join("examples")
        .join(format!("ingest_forever{}", std::env::consts::EXE_SUFFIX));
    if !example.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--example", "ingest_forever", "-p", "truce-store"])
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "building the ingest_forever example failed"
        );
    }
    example
}

/// The `key=value` numbers of the line starting with `prefix`.
fn field(line: &str, key: &str) -> u64 {
    line.split_whitespace()
        .find_map(|word| word.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key}= in `{line}`"))
        .parse()
        .unwrap()
}

fn stored_doc_ids(database: &Path) -> (u64, BTreeSet<String>) {
    let connection = rusqlite::Connection::open(database).unwrap();
    let mut statement = connection.prepare("SELECT doc_id FROM documents").unwrap();
    let doc_ids: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (doc_ids.len() as u64, doc_ids.into_iter().collect())
}

#[test]
fn an_ingest_killed_half_way_resumes_to_every_article_exactly_once() {
    let scratch = std::env::temp_dir().join(format!("truce-store-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let database = scratch.join("truce.db");
    let binary = ingest_forever_binary();
    let arguments = [
        database.as_os_str().to_owned(),
        N_ARTICLES.to_string().into(),
        BATCH_SIZE.to_string().into(),
    ];

    // Run until half the batches are announced as committed, then SIGKILL: the child is most
    // likely inside its next transaction when it dies.
    let n_batches = N_ARTICLES.div_ceil(BATCH_SIZE);
    let mut child = Command::new(&binary)
        .args(&arguments)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last_announced_batch = 0;
    while last_announced_batch < n_batches / 2 {
        let line = lines
            .next()
            .expect("the ingest ended before half its batches were committed")
            .unwrap();
        assert!(line.starts_with("committed"), "{line}");
        last_announced_batch = field(&line, "batch");
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the child finished before it was killed");

    let n_stored_after_kill = {
        let store = Store::open(&database).unwrap();
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
        let stats = store.stats().unwrap();
        assert!(
            stats.articles >= last_announced_batch * BATCH_SIZE,
            "a batch announced as committed was lost"
        );
        assert!(
            stats.articles < N_ARTICLES,
            "the kill came too late to interrupt anything"
        );
        assert_eq!(stats.articles % BATCH_SIZE, 0, "a batch was stored in part");
        eprintln!(
            "killed after batch {last_announced_batch} of {n_batches} was announced; \
             {} articles were stored",
            stats.articles
        );
        stats.articles
    };

    // Run the same ingest again to completion.
    let output = Command::new(&binary).args(&arguments).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let done = stdout.lines().last().unwrap();
    assert!(done.starts_with("done"), "{done}");
    assert_eq!(field(done, "new"), N_ARTICLES - n_stored_after_kill);
    assert_eq!(field(done, "duplicates"), n_stored_after_kill);

    let store = Store::open(&database).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, N_ARTICLES);
    assert_eq!(stats.sentences, field(done, "sentences"));
    assert_eq!(stats.reports, field(done, "events"));
    assert_eq!(stats.mentions, field(done, "mentions"));
    let (n_documents, distinct_doc_ids) = stored_doc_ids(&database);
    let expected_doc_ids: BTreeSet<String> = (0..N_ARTICLES)
        .map(|article_idx| format!("synthetic-{article_idx}"))
        .collect();
    assert_eq!(n_documents, N_ARTICLES, "some article was stored twice");
    assert_eq!(distinct_doc_ids, expected_doc_ids);
    drop(store);
    let _ = std::fs::remove_dir_all(&scratch);
}
