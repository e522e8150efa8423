//! End-to-end tests of `truce ingest`, `truce events` and `truce stats`, run as the built binary in a scratch folder.

// The helpers below run only inside these tests, where a panic is the failure report we want;
// clippy's test exemption covers `#[test]` functions but not their helpers.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use truce_core::EventRecord;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Run `truce` in `dir` with `args`, with no `TRUCE_DB` from the environment leaking in.
fn truce(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(dir)
        .env_remove("TRUCE_DB")
        .output()
        .unwrap()
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json_stdout(output: &Output) -> serde_json::Value {
    serde_json::from_str(stdout_of(output).trim()).unwrap_or_else(|error| {
        panic!(
            "stdout is not one JSON value ({error}): {}\nstderr: {}",
            stdout_of(output),
            stderr_of(output)
        )
    })
}

fn stats(dir: &Path, db: &str) -> serde_json::Value {
    let output = truce(dir, &["stats", "--db", db, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    json_stdout(&output)
}

fn count(json: &serde_json::Value, key: &str) -> u64 {
    json[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no count `{key}` in {json}"))
}

/// Ingest the example articles into `db` in `dir` and return the `--format json` report.
fn ingest_examples(dir: &Path, db: &str) -> serde_json::Value {
    let examples = examples_dir();
    let output = truce(
        dir,
        &[
            "ingest",
            examples.to_str().unwrap(),
            "--db",
            db,
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    json_stdout(&output)
}

#[test]
fn ingesting_the_examples_stores_them_and_reingesting_adds_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let n_example_files = std::fs::read_dir(examples_dir())
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|extension| extension == "txt")
        })
        .count() as u64;

    let first = ingest_examples(dir, "store.db");
    assert_eq!(count(&first, "new_articles"), n_example_files);
    assert_eq!(count(&first, "documents"), n_example_files);
    assert_eq!(count(&first, "duplicates"), 0);
    assert_eq!(count(&first, "inputs_failed"), 0);
    let after_first = stats(dir, "store.db");
    assert_eq!(count(&after_first, "articles"), n_example_files);
    // The ingest counts reports; `stats` counts them as reports and real-world events as events.
    assert_eq!(count(&after_first, "reports"), count(&first, "events"));
    assert!(count(&after_first, "events") <= count(&after_first, "reports"));
    assert_eq!(count(&after_first, "sentences"), count(&first, "sentences"));

    let second = ingest_examples(dir, "store.db");
    assert_eq!(count(&second, "new_articles"), 0);
    assert_eq!(count(&second, "events"), 0);
    assert_eq!(count(&second, "duplicates"), n_example_files);
    let after_second = stats(dir, "store.db");
    assert_eq!(
        count(&after_second, "articles"),
        count(&after_first, "articles")
    );
    assert_eq!(
        count(&after_second, "events"),
        count(&after_first, "events")
    );
    assert_eq!(
        count(&after_second, "mentions"),
        count(&after_first, "mentions")
    );
    assert_eq!(
        count(&after_second, "duplicates"),
        count(&after_first, "duplicates") + n_example_files
    );
}

#[test]
fn the_summary_line_goes_to_stderr_and_the_store_path_comes_from_truce_db() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let examples = examples_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["ingest", examples.to_str().unwrap()])
        .current_dir(dir)
        .env("TRUCE_DB", dir.join("from-env.db"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).is_empty(),
        "text format prints nothing on stdout"
    );
    let summary = stderr_of(&output);
    assert!(
        summary.contains(" new articles, ")
            && summary.contains(" 0 duplicates ")
            && summary.contains(" 0 inputs failed"),
        "{summary}"
    );
    assert!(dir.join("from-env.db").exists());
    assert!(!dir.join("truce.db").exists());
}

#[test]
fn events_come_out_as_jsonl_csv_and_a_table_with_filters_applied() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    ingest_examples(dir, "truce.db");
    let n_events = count(&stats(dir, "truce.db"), "events");
    assert!(n_events > 0, "the examples should yield events");

    let jsonl = truce(dir, &["events", "--format", "jsonl"]);
    assert_eq!(jsonl.status.code(), Some(0), "{}", stderr_of(&jsonl));
    let events: Vec<EventRecord> = stdout_of(&jsonl)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(events.len() as u64, n_events);
    assert!(events.iter().all(|event| !event.evidence.is_empty()));

    let csv = truce(dir, &["events", "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr_of(&csv));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header.first().map(String::as_str), Some("id"));
    for column in [
        "date",
        "event",
        "cameo",
        "actor_codes",
        "recipient_codes",
        "evidence_sentence",
    ] {
        assert!(
            header.iter().any(|name| name == column),
            "no {column} in {header:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, n_events);
    assert!(rows.iter().all(|row| row.len() == header.len()));
    let csv_ids: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    let jsonl_ids: Vec<&str> = events.iter().map(|event| event.id.as_str()).collect();
    assert_eq!(
        csv_ids, jsonl_ids,
        "both formats list the same events in the same order"
    );

    // The ACLED export holds exactly the events with a sub-event type, in ACLED's words.
    let acled = truce(dir, &["events", "--format", "acled-csv"]);
    assert_eq!(acled.status.code(), Some(0), "{}", stderr_of(&acled));
    let mut reader = csv::Reader::from_reader(acled.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|column| column == name).unwrap();
    let acled_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let with_type: Vec<&EventRecord> = events
        .iter()
        .filter(|event| event.acled.is_some())
        .collect();
    assert!(
        !with_type.is_empty(),
        "the examples should yield events ACLED records"
    );
    assert_eq!(acled_rows.len(), with_type.len());
    for (row, event) in acled_rows.iter().zip(&with_type) {
        assert_eq!(&row[column("event_id_cnty")], event.id.as_str());
        assert_eq!(Some(&row[column("sub_event_code")]), event.acled.as_deref());
        assert!(!row[column("sub_event_type")].contains('_'), "{row:?}");
        assert!(!row[column("event_type")].is_empty(), "{row:?}");
    }

    let table = truce(dir, &["events"]);
    assert_eq!(table.status.code(), Some(0), "{}", stderr_of(&table));
    let table_text = stdout_of(&table);
    let mut table_lines = table_text.lines();
    assert!(table_lines.next().unwrap().starts_with("date"));
    assert_eq!(table_lines.count() as u64, n_events);

    let limited = truce(dir, &["events", "--format", "jsonl", "--limit", "1"]);
    assert_eq!(stdout_of(&limited).lines().count(), 1);

    let wanted_type = events[0].event;
    let by_type = truce(
        dir,
        &[
            "events",
            "--format",
            "jsonl",
            "--type",
            wanted_type.as_str(),
        ],
    );
    let typed: Vec<EventRecord> = stdout_of(&by_type)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let expected = events
        .iter()
        .filter(|event| event.event == wanted_type)
        .count();
    assert_eq!(typed.len(), expected);
    assert!(typed.iter().all(|event| event.event == wanted_type));

    let word = events[0].evidence[0]
        .sentence
        .split_whitespace()
        .max_by_key(|word| word.len())
        .unwrap()
        .to_uppercase();
    let by_text = truce(dir, &["events", "--format", "jsonl", "--text", &word]);
    let texted: Vec<EventRecord> = stdout_of(&by_text)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(texted.iter().any(|event| event.id == events[0].id));
    assert!(texted.iter().all(|event| {
        event
            .evidence
            .iter()
            .any(|evidence| evidence.sentence.to_uppercase().contains(&word))
    }));
}

#[test]
fn queries_refuse_a_missing_store_and_unsupported_formats() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    for command in [&["events"][..], &["stats"][..]] {
        let mut args = command.to_vec();
        args.extend(["--db", "missing.db"]);
        let output = truce(dir, &args);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr_of(&output).contains("missing.db"),
            "{}",
            stderr_of(&output)
        );
        assert!(
            !dir.join("missing.db").exists(),
            "a query must not create a store"
        );
    }
    ingest_examples(dir, "truce.db");
    let output = truce(dir, &["events", "--format", "parquet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("not supported yet"),
        "{}",
        stderr_of(&output)
    );
    let bad_filter = truce(dir, &["events", "--from", "June 2024"]);
    assert_eq!(bad_filter.status.code(), Some(2));
}

#[test]
fn bad_inputs_are_named_on_stderr_and_the_good_ones_are_still_stored() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    ingest_examples(dir, "truce.db");
    let before = stats(dir, "truce.db");

    let inputs = dir.join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "The army withdrew from the northern province on Monday, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        inputs.join("binary.txt"),
        b"GIF89a\x00\x01\x02\x03 not text",
    )
    .unwrap();
    std::fs::write(
        inputs.join("latin1.txt"),
        b"Protesters marched in Bogot\xe1 on Friday.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), b"").unwrap();
    std::fs::write(
        inputs.join("records.jsonl"),
        concat!(
            r#"{"id": "r1", "text": "Police detained dozens of demonstrators in Tbilisi.", "lang": "en"}"#,
            "\n",
            r#"{"id": "r2", "text": "an unterminated string}"#,
            "\n",
            r#"{"id": "r3", "text": "Egypt opened the Rafah crossing for aid trucks.", "lang": "en"}"#,
            "\n",
        ),
    )
    .unwrap();

    let output = truce(dir, &["ingest", "inputs", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    for expected in [
        "binary.txt: binary data",
        // Not refused: read in the encoding its bytes look like, and said so.
        "latin1.txt: read as windows-125",
        "empty.txt: empty file",
        "records.jsonl:2: malformed JSON",
    ] {
        assert!(
            stderr.contains(expected),
            "`{expected}` missing from:\n{stderr}"
        );
    }
    assert!(!stderr.contains("good.txt"), "{stderr}");
    assert!(stderr.contains("3 inputs failed"), "{stderr}");
    let report = json_stdout(&output);
    assert_eq!(count(&report, "new_articles"), 4);
    assert_eq!(count(&report, "inputs_failed"), 3);

    let after = stats(dir, "truce.db");
    assert_eq!(count(&after, "articles"), count(&before, "articles") + 4);
    assert!(count(&after, "events") >= count(&before, "events"));
}

#[test]
fn stats_check_reports_a_sound_file() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    ingest_examples(dir, "truce.db");
    let output = truce(dir, &["stats", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    assert!(text.contains("integrity   ok"), "{text}");
    let json = truce(dir, &["stats", "--check", "--format", "json"]);
    assert_eq!(json_stdout(&json)["integrity"], "ok");
}

#[test]
fn search_indexes_an_interrupted_ingest_left_out_are_built_by_the_next_ingest() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    ingest_examples(dir, "truce.db");
    // What an ingest killed while it wrote without its search indexes leaves behind.
    let connection = rusqlite::Connection::open(dir.join("truce.db")).unwrap();
    connection
        .execute_batch("DROP INDEX events_date; DROP INDEX event_actors_code;")
        .unwrap();
    drop(connection);
    let missing = |dir: &Path| {
        truce_store::Store::open_existing(&dir.join("truce.db"))
            .unwrap()
            .missing_search_indexes()
            .unwrap()
    };
    assert_eq!(missing(dir), ["events_date", "event_actors_code"]);

    // Queries still answer, only without the indexes' help.
    let events = truce(dir, &["events", "--from", "2000", "--format", "jsonl"]);
    assert_eq!(events.status.code(), Some(0), "{}", stderr_of(&events));

    std::fs::write(
        dir.join("small.txt"),
        "Rebels attacked an army convoy near Goma on Tuesday, officials said.\n",
    )
    .unwrap();
    let output = truce(dir, &["ingest", "small.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(missing(dir).is_empty());
}

#[test]
fn located_events_come_out_as_geojson_and_by_distance() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    ingest_examples(dir, "truce.db");
    let output = truce(dir, &["events", "--format", "geojson"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let collection: serde_json::Value =
        serde_json::from_str(&stdout_of(&output)).expect("geojson is one JSON document");
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().expect("features");
    assert!(!features.is_empty(), "the examples have located events");
    for feature in features {
        assert_eq!(feature["type"], "Feature");
        assert_eq!(feature["geometry"]["type"], "Point");
        let point = feature["geometry"]["coordinates"]
            .as_array()
            .expect("a point");
        let location = &feature["properties"]["location"];
        assert_eq!(point[0], location["lon"], "GeoJSON puts longitude first");
        assert_eq!(point[1], location["lat"]);
        assert!(location["precision"].is_string(), "{location}");
    }
    let first = &features[0]["properties"]["location"];
    let (lat, lon) = (
        first["lat"].as_f64().unwrap(),
        first["lon"].as_f64().unwrap(),
    );
    let near_circle = format!("{lat},{lon},25");
    let near = truce(
        dir,
        &["events", "--near", &near_circle, "--format", "jsonl"],
    );
    assert_eq!(near.status.code(), Some(0), "{}", stderr_of(&near));
    let nearby: Vec<serde_json::Value> = stdout_of(&near)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert!(!nearby.is_empty());
    assert!(nearby.len() <= features.len());
    for event in &nearby {
        let location = &event["location"];
        let distance = truce_core::great_circle_km(
            lat,
            lon,
            location["lat"].as_f64().unwrap(),
            location["lon"].as_f64().unwrap(),
        );
        assert!(distance <= 25.0, "{distance} km: {event}");
    }
    let counts = stats(dir, "truce.db");
    let located = &counts["located_events"];
    let total: u64 = ["place", "admin2", "admin1", "country"]
        .iter()
        .map(|precision| located[precision].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, features.len());
    assert!(count(&counts, "place_mentions") > 0);
}

#[test]
fn an_article_in_a_language_without_a_pack_is_stored_reported_and_not_coded() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    // Arabic, with no `lang`: identified, and truce has no Arabic pack. The English record is
    // coded as usual.
    let records = concat!(
        r#"{"id":"ar-1","text":"قالت الشرطة إن مسلحين هاجموا نقطة تفتيش في شمال البلاد وقتلوا ثلاثة جنود يوم الثلاثاء.","date":"2024-06-12"}"#,
        "\n",
        r#"{"id":"en-1","text":"Russian troops withdrew from Nagorno-Karabakh on Tuesday, the defence ministry said.","date":"2024-06-12"}"#,
        "\n"
    );
    std::fs::write(dir.join("mixed.jsonl"), records).unwrap();

    let coded = truce(dir, &["code", "mixed.jsonl"]);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr_of(&coded));
    let events: Vec<serde_json::Value> = stdout_of(&coded)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(
        events.iter().all(|event| event["doc_id"] == "en-1"),
        "{events:?}"
    );
    assert!(!events.is_empty());
    let stderr = stderr_of(&coded);
    assert!(
        stderr.contains("mixed.jsonl:1") && stderr.contains("`ar`"),
        "{stderr}"
    );
    assert!(stderr.contains("1 article not coded"), "{stderr}");

    let ingested = truce(dir, &["ingest", "mixed.jsonl"]);
    assert_eq!(ingested.status.code(), Some(0), "{}", stderr_of(&ingested));
    assert!(
        stderr_of(&ingested).contains("stored but not coded"),
        "{}",
        stderr_of(&ingested)
    );
    let json = stats(dir, "truce.db");
    assert_eq!(count(&json, "articles"), 2);
    assert_eq!(count(&json, "uncoded_articles"), 1);
    assert_eq!(json["articles_by_language"]["ar"], 1);
    assert_eq!(json["articles_by_language"]["en"], 1);
    let text = stdout_of(&truce(dir, &["stats"]));
    assert!(text.contains("uncoded     1"), "{text}");
}
