//! What the commands say about odd inputs: long numeric ids kept exactly, one cause per error, counts in the right number, limits that cannot work refused.

// These tests run only inside tests, where a panic is the failure report we want.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn truce(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .current_dir(dir)
        .env_remove("TRUCE_DB")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn two_long_numeric_ids_stay_two_articles() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(
        dir.join("records.jsonl"),
        concat!(
            r#"{"id": 100000000000000000000000000000000000000001, "text": "Police detained dozens of demonstrators in Tbilisi on Monday.", "lang": "en"}"#,
            "\n",
            r#"{"id": 100000000000000000000000000000000000000002, "text": "Egypt opened the Rafah crossing for aid trucks on Tuesday.", "lang": "en"}"#,
            "\n",
        ),
    )
    .unwrap();
    let output = truce(dir, &["extract", "records.jsonl"]);
    assert_eq!(output.status.code(), Some(0));
    let ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "100000000000000000000000000000000000000001",
            "100000000000000000000000000000000000000002"
        ]
    );
}

#[test]
fn a_file_that_is_not_a_store_is_named_with_its_cause_said_once() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("notes.db"), "x".repeat(4096)).unwrap();
    let output = truce(dir, &["stats", "--db", "notes.db"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("notes.db"), "{stderr}");
    assert_eq!(
        stderr.matches("file is not a database").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn one_failed_input_is_one_input_and_a_zero_page_limit_is_refused() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let output = truce(dir, &["ingest", "empty.txt", "--db", "news.db"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(", 1 input failed"), "{stderr}");

    let refused = truce(dir, &["extract", "--max-page-bytes", "0", "empty.txt"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--max-page-bytes"));
}
