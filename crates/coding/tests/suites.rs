//! The peer validation suites as tests: TABARI's `Validate.text` with its own dictionaries and PETRARCH-2's unit tests with the `PETR.Validate.*` dictionaries.
//!
//! Each suite prints its pass rate per category, the share of expected codings produced and
//! the share of produced codings that were not expected. A record listed in
//! `tests/ratchet/<suite>.passing.txt` must keep passing; run with `TRUCE_UPDATE_RATCHET=1` to
//! rewrite the list after an improvement (the list only ever grows in review).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use truce_coding::{Coder, CoderSettings, StoryContext};
use truce_core::{DatePrecision, PartialDate};
use truce_dictionaries::{Dialect, DictionarySet, DictionarySource};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/coding/suites/"
    ))
    .join(path)
}

/// One validation record: its id, category, date, sentence and expected `SRC TGT CODE` triples.
struct Record {
    id: String,
    category: String,
    date: Option<PartialDate>,
    text: String,
    expected: Vec<String>,
    /// Option lines the record's comment sets (`{ OPTION: SET: CODE ALL }`); TABARI applies
    /// them once the record is read, so they hold for the records after it.
    options: Vec<String>,
    /// The expected codings are not all listed: `Validate.text` writes the placeholder
    /// `-{ --- / --- / 000 }` under records whose output it does not spell out ("Output records
    /// listed below aren't complete", "generates about 32 events"). The listed codings must
    /// still be produced, but other codings cannot be told spurious and are not counted.
    incomplete: bool,
}

/// Produced codings as `SRC TGT CODE` triples, one per source × target pair; a missing actor is `---`.
fn produced(coder: &Coder, record: &Record, story: &mut StoryContext) -> Vec<String> {
    let mut triples = Vec::new();
    for event in coder
        .code_sentence_in_story(&record.text, record.date, story)
        .events
    {
        if event.negated {
            continue;
        }
        let sources: Vec<&str> = if event.source.is_empty() {
            vec!["---"]
        } else {
            event.source.iter().map(|a| a.code.as_str()).collect()
        };
        let targets: Vec<&str> = if event.target.is_empty() {
            vec!["---"]
        } else {
            event.target.iter().map(|a| a.code.as_str()).collect()
        };
        for source in &sources {
            for target in &targets {
                triples.push(format!("{source} {target} {}", event.cameo));
            }
        }
    }
    triples
}

/// Option commands of `Validate.text` that change only TABARI's output format or features
/// outside coding (output fields, the year's digits).
/// PETRARCH's `<Config>` options `stop_on_error` and `new_actor_length` (which lists unknown
/// noun phrases as candidate actors) do not change coding; its `comma_*` clause limits are
/// not modelled (its parse tree, not comma counts, decides which clauses PETRARCH-2 codes).
const IGNORED_OPTIONS: &[&str] = &[
    "OUTPUT:",
    "YYYY",
    "CONFIG: stop_on_error",
    "CONFIG: new_actor_length",
    "CONFIG: comma_",
];

struct SuiteResult {
    passing: BTreeSet<String>,
    expected: usize,
    found: usize,
    produced: usize,
    spurious: usize,
}

fn run_suite(name: &str, coder: &mut Coder, records: &[Record]) -> SuiteResult {
    let mut per_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut result = SuiteResult {
        passing: BTreeSet::new(),
        expected: 0,
        found: 0,
        produced: 0,
        spurious: 0,
    };
    // TABARI's `FORWARD:` option carries the first actor of a sentence to the next sentence
    // of the same story; the suite's ids name the story before their last `-` (`FRWD-001-002`).
    let mut forwarding = false;
    let mut story_key = String::new();
    let mut story = StoryContext::default();
    for record in records {
        let key = record.id.rsplit_once('-').map_or("", |(story, _)| story);
        if !forwarding || key != story_key {
            story = StoryContext::default();
            story_key = key.to_string();
        }
        let mut produced = produced(coder, record, &mut story);
        let mut found = 0;
        let mut missing = Vec::new();
        for expected in &record.expected {
            if let Some(position) = produced.iter().position(|triple| triple == expected) {
                produced.swap_remove(position);
                found += 1;
            } else {
                missing.push(expected.as_str());
            }
        }
        if record.incomplete {
            produced.clear();
        }
        let all_produced = found + produced.len();
        result.expected += record.expected.len();
        result.found += found;
        result.produced += all_produced;
        result.spurious += produced.len();
        let passed = found == record.expected.len() && produced.is_empty();
        // `TRUCE_SUITE_SHOW=PREFIX` prints the failing records whose id starts with PREFIX.
        if !passed
            && std::env::var("TRUCE_SUITE_SHOW").is_ok_and(|prefix| record.id.starts_with(&prefix))
        {
            println!(
                "FAIL {}: {}\n  missing {:?}\n  spurious {:?}",
                record.id, record.text, missing, produced
            );
        }
        for option in &record.options {
            if let Some(mask) = option.strip_prefix("FORWARD:") {
                forwarding = !mask.trim_end().ends_with("OFF");
                continue;
            }
            // PETRARCH's `require_dyad` (true unless a `<Config>` turns it off) keeps only
            // events with both a source and a target.
            if let Some(value) = option.strip_prefix("CONFIG: require_dyad = ") {
                coder.settings.require_target = !value.eq_ignore_ascii_case("false");
                continue;
            }
            assert!(
                coder.apply_option_line(option)
                    || IGNORED_OPTIONS
                        .iter()
                        .any(|ignored| option.contains(ignored)),
                "{}: option `{option}` not understood",
                record.id
            );
        }
        let tally = per_category.entry(record.category.clone()).or_default();
        tally.1 += 1;
        if passed {
            tally.0 += 1;
            result.passing.insert(record.id.clone());
        }
    }
    println!(
        "{name}: {} of {} records pass",
        result.passing.len(),
        records.len()
    );
    for (category, (passed, total)) in &per_category {
        println!(
            "  {category:<12} {passed:>4}/{total:<4} {:>5.1}%",
            100.0 * *passed as f64 / *total as f64
        );
    }
    println!(
        "  expected codings produced: {}/{} = {:.1}%; spurious: {}/{} = {:.1}%",
        result.found,
        result.expected,
        100.0 * result.found as f64 / result.expected.max(1) as f64,
        result.spurious,
        result.produced,
        100.0 * result.spurious as f64 / result.produced.max(1) as f64
    );
    result
}

fn check_ratchet(suite: &str, passing: &BTreeSet<String>) {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ratchet"))
        .join(format!("{suite}.passing.txt"));
    if std::env::var_os("TRUCE_UPDATE_RATCHET").is_some() {
        let text: String = passing.iter().map(|id| format!("{id}\n")).collect();
        std::fs::write(&path, text).expect("the ratchet list is writable");
        return;
    }
    let listed = std::fs::read_to_string(&path).unwrap_or_default();
    let regressions: Vec<&str> = listed
        .lines()
        .filter(|id| !id.is_empty() && !passing.contains(*id))
        .collect();
    assert!(
        regressions.is_empty(),
        "{suite}: records that passed before now fail: {regressions:?}"
    );
}

/// Reads `Validate.text`: records start with `YYMMDD  ID`, the sentence follows, and the
/// comment after `/*` holds expected codings `{ SRC / TGT / CODE }` (a leading `-` marks a coding
/// that needs options the suite leaves off).
fn tabari_records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let mut parts = line.split_whitespace();
        let header = match (parts.next(), parts.next()) {
            (Some(date), Some(id)) if is_tabari_header(line) => Some((date, id)),
            _ => None,
        };
        let Some((date, id)) = header else {
            index += 1;
            continue;
        };
        if id.starts_with("FINAL") {
            break;
        }
        index += 1;
        let mut sentence = String::new();
        while index < lines.len() && !lines[index].contains("/*") {
            sentence.push_str(lines[index].trim());
            sentence.push(' ');
            index += 1;
        }
        // The comment may open at the end of the sentence's last line (`community./*`).
        if let Some(line) = lines.get(index)
            && let Some((before, _)) = line.split_once("/*")
        {
            sentence.push_str(before.trim());
        }
        let mut comment = String::new();
        // A comment left unclosed (`{ FOR / GON / 045 }   /*`) ends where the next record's
        // header line begins.
        while index < lines.len() && (comment.is_empty() || !is_tabari_header(lines[index])) {
            comment.push_str(lines[index]);
            comment.push('\n');
            if lines[index].contains("*/") {
                break;
            }
            index += 1;
        }
        let mut expected = Vec::new();
        let mut options = Vec::new();
        let incomplete = comment
            .split_whitespace()
            .collect::<String>()
            .contains("-{---/---/000}");
        for piece in comment.split("OPTION:").skip(1) {
            // The option runs to the closing brace, or to the comment's end when the brace is missing.
            let option = piece.split(['}', '*']).next().unwrap_or("").trim();
            if !option.is_empty() {
                options.push(option.to_string());
            }
        }
        let mut rest = comment.as_str();
        while let Some(open) = rest.find('{') {
            let negative = rest[..open].ends_with('-');
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inside = &rest[open + 1..open + close];
            let fields: Vec<&str> = inside.split('/').map(str::trim).collect();
            if !negative && fields.len() == 3 && !inside.contains("OPTION") {
                expected.push(format!("{} {} {}", fields[0], fields[1], fields[2]));
            }
            rest = &rest[open + close + 1..];
        }
        let year: i32 = date[..2].parse().unwrap_or(0);
        let year = if year < 30 { 2000 + year } else { 1900 + year };
        let date = PartialDate {
            year,
            month: date[2..4].parse().ok(),
            day: date[4..6].parse().ok(),
            precision: DatePrecision::Day,
        };
        let category = id.split('-').next().unwrap_or(id).to_string();
        records.push(Record {
            id: id.to_string(),
            category,
            date: Some(date),
            text: sentence.trim().to_string(),
            expected,
            options,
            incomplete,
        });
    }
    records
}

/// A record header of `Validate.text`: a six-digit date and the record's id, nothing else.
fn is_tabari_header(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(date), Some(_), None) if date.len() == 6 && date.chars().all(|c| c.is_ascii_digit())
    )
}

/// Reads PETRARCH-2's unit test XML: `<Sentence date id category>`, `<EventCoding>` lines, `<Text>`.
fn petrarch_records(text: &str) -> Vec<Record> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].to_string())
    };
    let mut records = Vec::new();
    for chunk in text.split("<Sentence ").skip(1) {
        let Some(tag_end) = chunk.find('>') else {
            continue;
        };
        let tag = &chunk[..tag_end];
        let Some(id) = attribute(tag, "id") else {
            continue;
        };
        let body = &chunk[tag_end..chunk.find("</Sentence>").unwrap_or(chunk.len())];
        let mut expected = Vec::new();
        for coding in body.split("<EventCoding").skip(1) {
            let coding = &coding[..coding.find('>').unwrap_or(coding.len())];
            if let (Some(source), Some(target), Some(code)) = (
                attribute(coding, "sourcecode"),
                attribute(coding, "targetcode"),
                attribute(coding, "eventcode"),
            ) {
                expected.push(format!("{source} {target} {code}"));
            }
        }
        let sentence = body
            .split("<Text>")
            .nth(1)
            .and_then(|rest| rest.split("</Text>").next())
            .unwrap_or("");
        let date = attribute(tag, "date").and_then(|date| {
            PartialDate::parse_iso(&format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..8])).ok()
        });
        let category = attribute(tag, "category").unwrap_or_default();
        // `<Config option="require_dyad" value="false">` lines between records hold for the
        // records after them, as the suite's option lines do.
        let after_record = chunk.split("</Sentence>").nth(1).unwrap_or("");
        let options = after_record
            .split("<Config ")
            .skip(1)
            .filter_map(|config| {
                let config = &config[..config.find('>').unwrap_or(config.len())];
                Some(format!(
                    "CONFIG: {} = {}",
                    attribute(config, "option")?,
                    attribute(config, "value")?
                ))
            })
            .collect();
        records.push(Record {
            id,
            category,
            date,
            text: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            expected,
            options,
            incomplete: false,
        });
    }
    records
}

#[test]
fn tabari_validation_suite() {
    let mut coder = Coder::load_path(&shared("tabari/Validate.project"))
        .expect("the TABARI project loads")
        .with_settings(CoderSettings::VALIDATION);
    let text = std::fs::read(shared("tabari/Validate.text")).expect("Validate.text");
    let records = tabari_records(&String::from_utf8_lossy(&text));
    assert!(records.len() > 400, "parsed {} records", records.len());
    let result = run_suite("TABARI Validate.text", &mut coder, &records);
    assert!(
        result.expected > 450,
        "parsed {} expected codings",
        result.expected
    );
    check_ratchet("tabari", &result.passing);
}

#[test]
fn petrarch2_unit_tests() {
    let mut set = DictionarySet::default();
    for (source, file) in [
        (DictionarySource::Verbs, "PETR.Validate.verbs.txt"),
        (DictionarySource::Actors, "PETR.Validate.actors.txt"),
        (DictionarySource::Agents, "PETR.Validate.agents.txt"),
        (DictionarySource::Discards, "PETR.Validate.discards.txt"),
    ] {
        let text = std::fs::read_to_string(shared(&format!("petrarch2/{file}"))).expect(file);
        set.add_text(source, file, &text, Dialect::Petrarch)
            .expect(file);
    }
    let mut coder = Coder::from_dictionaries(set)
        .expect("the PETRARCH validation dictionaries compile")
        .with_settings(CoderSettings::VALIDATION);
    let text =
        std::fs::read_to_string(shared("petrarch2/PETR.UnitTest.records.xml")).expect("unit tests");
    let records = petrarch_records(&text);
    assert!(records.len() > 250, "parsed {} records", records.len());
    let result = run_suite("PETRARCH-2 unit tests", &mut coder, &records);
    check_ratchet("petrarch", &result.passing);
}
