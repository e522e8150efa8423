//! The data-driven date suite: every case in `tests/cases/<lang>.toml` run through `find_time_expressions`.
//!
//! A case gives a text, an optional publication date and the expressions expected in text order,
//! each as its words, its ISO date prefix and its precision (and, optionally, whether it is
//! absolute or relative). An empty `expect` is a negative case: nothing there is a date. All
//! failures are collected and reported together so one run shows every broken rule.

use serde::Deserialize;
use truce_core::PartialDate;
use truce_dates::{TimeExpressionKind, find_time_expressions};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    publication: Option<String>,
    expect: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    date: String,
    precision: String,
    kind: Option<String>,
}

fn run_cases(lang: &str, file_text: &str) {
    let cases: CaseFile = toml::from_str(file_text).expect("the case file is valid TOML");
    assert!(
        cases.case.len() >= 25,
        "{lang}: the suite should keep at least 25 cases, has {}",
        cases.case.len()
    );
    let mut failures = Vec::new();
    for case in &cases.case {
        let publication = case
            .publication
            .as_deref()
            .map(|date| PartialDate::parse_iso(date).expect("publication dates are ISO"));
        let found = find_time_expressions(&case.text, lang, publication);
        let actual: Vec<Expected> = found
            .iter()
            .map(|expression| {
                let words = expression
                    .span
                    .slice(&case.text)
                    .expect("every span slices the text");
                assert!(expression.clause.contains(&expression.span));
                Expected {
                    text: words.to_string(),
                    date: expression.date.to_iso_prefix(),
                    precision: expression.date.precision.as_str().to_string(),
                    kind: Some(
                        match expression.kind {
                            TimeExpressionKind::Absolute => "absolute",
                            TimeExpressionKind::Relative => "relative",
                        }
                        .to_string(),
                    ),
                }
            })
            .collect();
        // The kind is compared only where a case states it.
        let matches = actual.len() == case.expect.len()
            && actual.iter().zip(&case.expect).all(|(found, expected)| {
                found.text == expected.text
                    && found.date == expected.date
                    && found.precision == expected.precision
                    && (expected.kind.is_none() || found.kind == expected.kind)
            });
        if !matches {
            failures.push(format!(
                "{lang}: {:?} (published {:?})\n  expected {:?}\n  found    {:?}",
                case.text, case.publication, case.expect, actual
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn english_cases() {
    run_cases("en", include_str!("cases/en.toml"));
}

#[test]
fn indonesian_cases() {
    run_cases("id", include_str!("cases/id.toml"));
}

#[test]
fn spanish_cases() {
    run_cases("es", include_str!("cases/es.toml"));
}

#[test]
fn every_bundled_pack_loads() {
    for pack in truce_lang::all_packs() {
        let rules = truce_dates::date_rules(pack.code)
            .unwrap_or_else(|error| panic!("{}: {error}", pack.code));
        assert!(
            rules.expression_count() > 0,
            "{} has no date expressions",
            pack.code
        );
    }
    let template = include_str!("../../../lang/_template/dates.toml");
    let rules = truce_dates::DateRules::from_toml("lang/_template/dates.toml", template)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(rules.expression_count() > 0);
}

/// The project's seed article, published 2024-06-12: every date it gives, and nothing from its
/// quantities ("2.000 pasukan") or durations ("tiga dekade").
#[test]
fn the_seed_article_gives_its_dates() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/karabakh-withdrawal.id.txt"
    ));
    let publication = PartialDate::day(2024, 6, 12);
    let found: Vec<(String, String)> = find_time_expressions(text, "id", publication)
        .iter()
        .map(|expression| {
            (
                expression.span.slice(text).unwrap_or_default().to_string(),
                format!("{} {}", expression.date, expression.date.precision.as_str()),
            )
        })
        .collect();
    let expected = [
        ("12 Juni", "2024-06-12 day"),
        ("bulan April", "2024-04 month"),
        ("bulan September 2023", "2023-09 month"),
        ("tahun 2020", "2020 year"),
        ("November 2020", "2020-11 month"),
        ("tahun 2025", "2025 year"),
        ("bulan Mei", "2024-05 month"),
        ("tahun 1990-an", "1990 decade"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(words, date)| (words.to_string(), date.to_string()))
        .collect();
    assert_eq!(found, expected);
}
