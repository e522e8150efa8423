//! The seed article through `truce ingest` and `truce events --format jsonl`, scored against its gold events like the pipeline's own seed test.
//!
//! This is the path an analyst takes; it must give the same events as `truce code --text`
//! (issue 4 asks for both). The scorer is the pipeline tests' copy of `../shared/eval/score.py`.

#[path = "../../pipeline/tests/scoring/mod.rs"]
mod scoring;

use std::process::Command;

use serde_json::Value;

const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/karabakh-withdrawal.id.txt"
);
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/gold/karabakh-withdrawal.id.events.jsonl"
);

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("JSON Lines"))
        .collect()
}

#[test]
fn seed_stored_and_queried_scores_like_the_pipeline() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let database = folder.path().join("seed.db");
    let ingest = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["ingest", ARTICLE, "--db"])
        .arg(&database)
        .output()
        .expect("truce ingest runs");
    assert!(
        ingest.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let events = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["events", "--format", "jsonl", "--db"])
        .arg(&database)
        .output()
        .expect("truce events runs");
    assert!(
        events.status.success(),
        "events failed: {}",
        String::from_utf8_lossy(&events.stderr)
    );
    let stored = json_lines(&String::from_utf8_lossy(&events.stdout));
    let gold = json_lines(&std::fs::read_to_string(GOLD).expect("the seed gold is in ../shared"));
    let score = scoring::score_document(&gold, &stored);
    println!(
        "seed through the store: core F1 {:.3}, full F1 {:.3}",
        score.core.f1(),
        score.full.f1()
    );
    assert!(score.core.f1() >= 0.9, "core F1 {:.3}", score.core.f1());
    assert!(score.full.f1() >= 0.8, "full F1 {:.3}", score.full.f1());

    // The same events as `truce code --text`.
    let coded = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["code", "--text", ARTICLE])
        .output()
        .expect("truce code runs");
    let mut coded_ids: Vec<String> = json_lines(&String::from_utf8_lossy(&coded.stdout))
        .iter()
        .map(|event| event["id"].to_string())
        .collect();
    // One article alone: every real-world event has that article's one report, listed by
    // `--reports` under the report's own id.
    assert!(stored.iter().all(|event| event["reports"] == 1));
    let reports = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["events", "--reports", "--format", "jsonl", "--db"])
        .arg(&database)
        .output()
        .expect("truce events --reports runs");
    let reports = json_lines(&String::from_utf8_lossy(&reports.stdout));
    let mut stored_ids: Vec<String> = reports
        .iter()
        .map(|event| event["id"].to_string())
        .collect();
    coded_ids.sort();
    stored_ids.sort();
    assert_eq!(coded_ids, stored_ids);
}
