//! `truce code --conventions petrarch`: an analyst's PETRARCH dictionaries coded the way PETRARCH-2 codes them.

// These tests run only inside tests, where a panic is the failure report we want.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn petrarch_dictionaries() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/coding/suites/petrarch2"
    ))
}

fn code(conventions: &str, records: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("code")
        .arg("--dictionaries")
        .arg(petrarch_dictionaries())
        .args(["--conventions", conventions])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(records.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `(doc, source codes, target codes, cameo)` of each printed event.
fn dyads(output: &Output) -> Vec<(String, Vec<String>, Vec<String>, String)> {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| {
            let event: serde_json::Value = serde_json::from_str(line).unwrap();
            let codes = |field: &str| -> Vec<String> {
                event[field]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|actor| actor["code"].as_str().unwrap().to_string())
                    .collect()
            };
            (
                event["doc_id"].as_str().unwrap().to_string(),
                codes("actor"),
                codes("recipient"),
                event["cameo"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const RECORDS: &str = concat!(
    r#"{"id":"dyad","text":"Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy.","date":"1995-01-01","lang":"en"}"#,
    "\n",
    r#"{"id":"no-target","text":"Gondor soldiers accused Arnor on Tuesday and the Osgiliath government welcomed the decision.","date":"1995-01-01","lang":"en"}"#,
    "\n",
);

#[test]
fn petrarch_conventions_keep_dyads_only() {
    let petrarch = dyads(&code("petrarch", RECORDS));
    assert!(
        petrarch.contains(&(
            "dyad".to_string(),
            vec!["ARN".to_string()],
            vec!["GON".to_string()],
            "064".to_string()
        )),
        "{petrarch:?}"
    );
    assert!(
        petrarch
            .iter()
            .all(|(_, sources, targets, _)| !sources.is_empty() && !targets.is_empty()),
        "PETRARCH-2 requires a source and a target: {petrarch:?}"
    );
    // truce's own conventions keep the welcome that names no one welcomed.
    let product = dyads(&code("truce", RECORDS));
    assert!(
        product
            .iter()
            .any(|(doc, _, targets, _)| doc == "no-target" && targets.is_empty()),
        "{product:?}"
    );
}

#[test]
fn an_unknown_convention_is_refused_with_the_choices() {
    let output = code("gdelt", RECORDS);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("petrarch") && stderr.contains("tabari"),
        "{stderr}"
    );
}
