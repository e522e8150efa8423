//! Runs the data-driven recognition cases in `tests/cases/<lang>.toml` for every language.
//!
//! Each file holds `[[number]]`, `[[flags]]` and `[[quantities]]` cases. Every field a case
//! leaves out is expected to be absent, so a case pins the whole answer, not part of it.

use serde::Deserialize;
use truce_core::{EventFlags, Fatalities, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    number: Vec<NumberCase>,
    #[serde(default)]
    flags: Vec<FlagsCase>,
    #[serde(default)]
    quantities: Vec<QuantitiesCase>,
}

/// `parse_number_phrase(text)`; `none = true` when the text is not a number phrase.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberCase {
    text: String,
    #[serde(default)]
    none: bool,
    best: Option<u64>,
    low: Option<u64>,
    high: Option<u64>,
}

/// `flags_for_published(sentence, verb)`: `expect` lists the flags that must be set; the others
/// must be clear.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagsCase {
    sentence: String,
    verb: String,
    #[serde(default = "first")]
    occurrence: usize,
    expect: Vec<String>,
    publication_year: Option<i32>,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFatalities {
    best: Option<u64>,
    low: Option<u64>,
    high: Option<u64>,
}

/// `quantities_for(sentence, verb)`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantitiesCase {
    sentence: String,
    verb: String,
    #[serde(default = "first")]
    occurrence: usize,
    fatalities: Option<ExpectedFatalities>,
    size: Option<u64>,
    #[serde(default)]
    note: String,
}

fn first() -> usize {
    1
}

/// The byte span of the `occurrence`-th appearance of `verb` in `sentence`.
fn verb_span(sentence: &str, verb: &str, occurrence: usize) -> Span {
    let start = sentence
        .match_indices(verb)
        .nth(occurrence - 1)
        .map(|(start, _)| start)
        .unwrap_or_else(|| {
            panic!("verb {verb:?} (occurrence {occurrence}) is not in {sentence:?}")
        });
    Span::new(start, start + verb.len())
}

fn flag_names(flags: EventFlags) -> Vec<&'static str> {
    let mut names = Vec::new();
    for (set, name) in [
        (flags.negated, "negated"),
        (flags.future, "future"),
        (flags.hypothetical, "hypothetical"),
        (flags.historical, "historical"),
    ] {
        if set {
            names.push(name);
        }
    }
    names
}

fn run_language(lang: &str, text: &str) -> (usize, Vec<String>) {
    let cases: CaseFile =
        toml::from_str(text).unwrap_or_else(|error| panic!("cases/{lang}.toml: {error}"));
    let mut failures = Vec::new();
    for case in &cases.number {
        let got = truce_recognise::parse_number_phrase(&case.text, lang);
        let expected = if case.none {
            None
        } else {
            Some(truce_recognise::NumberEstimate {
                best: case.best,
                low: case.low,
                high: case.high,
            })
        };
        if got != expected {
            failures.push(format!(
                "[{lang}] number {:?}: expected {expected:?}, got {got:?}",
                case.text
            ));
        }
    }
    for case in &cases.flags {
        let span = verb_span(&case.sentence, &case.verb, case.occurrence);
        let got =
            truce_recognise::flags_for_published(&case.sentence, lang, span, case.publication_year);
        let mut expected: Vec<&str> = case.expect.iter().map(String::as_str).collect();
        expected.sort();
        let mut got_names = flag_names(got);
        got_names.sort();
        if got_names != expected {
            failures.push(format!(
                "[{lang}] flags for {:?} in {:?}: expected {expected:?}, got {got_names:?} ({})",
                case.verb, case.sentence, case.note
            ));
        }
    }
    for case in &cases.quantities {
        let span = verb_span(&case.sentence, &case.verb, case.occurrence);
        let got = truce_recognise::quantities_for(&case.sentence, lang, span);
        let expected_fatalities = case.fatalities.as_ref().map(|expected| Fatalities {
            best: expected.best,
            low: expected.low,
            high: expected.high,
        });
        if got.fatalities != expected_fatalities || got.size != case.size {
            failures.push(format!(
                "[{lang}] quantities for {:?} in {:?}: expected fatalities {expected_fatalities:?} size {:?}, got {got:?} ({})",
                case.verb, case.sentence, case.size, case.note
            ));
        }
    }
    (
        cases.number.len() + cases.flags.len() + cases.quantities.len(),
        failures,
    )
}

#[test]
fn every_language_passes_its_cases() {
    let languages = [
        ("en", include_str!("cases/en.toml")),
        ("id", include_str!("cases/id.toml")),
        ("es", include_str!("cases/es.toml")),
    ];
    let mut all_failures = Vec::new();
    for (lang, text) in languages {
        let (count, failures) = run_language(lang, text);
        assert!(count >= 20, "cases/{lang}.toml has only {count} cases");
        all_failures.extend(failures);
    }
    assert!(
        all_failures.is_empty(),
        "{} failing cases:\n{}",
        all_failures.len(),
        all_failures.join("\n")
    );
}
