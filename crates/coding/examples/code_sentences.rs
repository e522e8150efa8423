//! Codes JSON Lines records (`{"id", "text", "date"?}`) with the bundled English pack or a dictionary path, one record per sentence, printing events as JSON Lines (a developer's probe, without the article pipeline).

use std::io::{BufRead, Write};

use truce_coding::{Coder, ontology};
use truce_core::PartialDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arguments: Vec<String> = std::env::args().collect();
    let input = arguments
        .get(1)
        .ok_or("usage: code_sentences INPUT.jsonl [DICTIONARIES]")?;
    let started = std::time::Instant::now();
    let mut coder = match arguments.get(2) {
        Some(path) => Coder::load_path(std::path::Path::new(path))?,
        None => Coder::from_language_pack(truce_lang::pack("en").ok_or("no English pack")?)?,
    };
    // `TRUCE_VALIDATION=1` codes with the peer suites' settings and prints every event as
    // `SRC TGT CODE`, the way the suite tests compare them.
    let validation = std::env::var_os("TRUCE_VALIDATION").is_some();
    if validation {
        coder = coder.with_settings(truce_coding::CoderSettings::VALIDATION);
        // `TRUCE_REQUIRE_DYAD=0` also keeps events without a target, as PETRARCH's
        // `require_dyad = false` does.
        if std::env::var("TRUCE_REQUIRE_DYAD").is_ok_and(|value| value == "0") {
            coder.settings.require_target = false;
        }
    }
    eprintln!("loaded in {:?}", started.elapsed());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::BufReader::new(std::fs::File::open(input)?).lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let id = record["id"].as_str().unwrap_or("");
        let text = record["text"].as_str().unwrap_or("");
        let date = record["date"]
            .as_str()
            .and_then(|date| PartialDate::parse_iso(date).ok());
        let coding = coder.code_sentence(text, date);
        if validation {
            let codes = |actors: &Vec<truce_coding::CodedActor>| {
                actors
                    .iter()
                    .map(|actor| actor.code.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            for event in &coding.events {
                writeln!(
                    out,
                    "{id}\t{} {} {}{}",
                    codes(&event.source),
                    codes(&event.target),
                    event.cameo,
                    if event.negated { " (negated)" } else { "" }
                )?;
            }
            if coding.complex || coding.discarded {
                writeln!(
                    out,
                    "{id}\tcomplex={} discarded={}",
                    coding.complex, coding.discarded
                )?;
            }
            continue;
        }
        for event in coding.events {
            let Some(mapping) = ontology::plover_for_cameo(&event.cameo) else {
                continue;
            };
            let actors = |actors: &Vec<truce_coding::CodedActor>| {
                actors.iter().map(|actor| serde_json::json!({"code": actor.code, "country": ontology::country_and_sector(&actor.code).0})).collect::<Vec<_>>()
            };
            let row = serde_json::json!({"doc_id": id, "event": mapping.event.to_string(), "cameo": event.cameo, "actor": actors(&event.source), "recipient": actors(&event.target), "flags": {"negated": event.negated}, "evidence_verb": &text[event.verb_span.start..event.verb_span.end]});
            writeln!(out, "{row}")?;
        }
    }
    Ok(())
}
