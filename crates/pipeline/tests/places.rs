//! Domestic events with unnamed actors, in every pack's language: the event is located at the
//! place the sentence names (or the dateline's), and the police, students and protesters take
//! that place's country (`country_source: "location"`). Cases are in
//! `tests/data/places-domestic.jsonl`.

use serde_json::Value;
use truce_pipeline::{Pipeline, PipelineOptions};
use truce_sources::document_from_text;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/places-domestic.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the cases file is readable")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("each case is JSON"))
        .collect()
}

#[test]
fn domestic_events_take_the_country_of_their_place() {
    let mut failures = Vec::new();
    let mut languages = std::collections::BTreeSet::new();
    for case in cases() {
        let id = case["id"].as_str().expect("id");
        let lang = case["lang"].as_str().expect("lang");
        languages.insert(lang.to_string());
        let expect = &case["expect"];
        let pipeline = Pipeline::new(PipelineOptions {
            lang: Some(lang.to_string()),
            date: truce_core::PartialDate::parse_iso(case["date"].as_str().expect("date")).ok(),
            ..PipelineOptions::default()
        })
        .expect("the pipeline builds");
        let raw = document_from_text(
            id.to_string(),
            "places-domestic.jsonl".to_string(),
            case["text"].as_str().expect("text").to_string(),
        );
        let processed = pipeline.process(&raw);
        let wanted_event = expect["event"].as_str().expect("event");
        let Some(event) = processed
            .events
            .iter()
            .find(|event| event.event.as_str() == wanted_event)
        else {
            failures.push(format!(
                "{id}: no {wanted_event} event in {:?}",
                processed.events
            ));
            continue;
        };
        let location = event.location.as_ref();
        let got_location = (
            location.map(|location| location.name.as_str()),
            location.and_then(|location| location.country.as_deref()),
            location.and_then(|location| location.precision.map(|precision| precision.as_str())),
        );
        let wanted_location = (
            expect["location"].as_str(),
            expect["country"].as_str(),
            expect["precision"].as_str(),
        );
        if got_location != wanted_location {
            failures.push(format!(
                "{id}: location {got_location:?}, expected {wanted_location:?}"
            ));
        }
        let actors: Vec<&truce_core::ActorRef> =
            event.actor.iter().chain(&event.recipient).collect();
        let codes: Vec<&str> = actors.iter().map(|actor| actor.code.as_str()).collect();
        let wanted_codes: Vec<&str> = expect["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if codes != wanted_codes {
            failures.push(format!("{id}: codes {codes:?}, expected {wanted_codes:?}"));
        }
        let wanted_source = expect["country_source"].as_str();
        for actor in &actors {
            let source = actor.country_source.map(|source| source.as_str());
            if source != wanted_source {
                failures.push(format!(
                    "{id}: {} has country_source {source:?}, expected {wanted_source:?}",
                    actor.code
                ));
            }
        }
    }
    assert_eq!(
        languages.into_iter().collect::<Vec<_>>(),
        ["en", "es", "id"],
        "every pack has cases"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
