//! Every bundled cleanup rule and URL date pattern checked against the examples its data file gives, plus the seed and example articles end to end.

use proptest::prelude::*;
use truce_core::{DateSource, PartialDate};
use truce_extract::cleanup::{RuleScope, compile_rule};
use truce_extract::{CleanupRules, UrlDateTable, extract_article};
use truce_sources::read_sources;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/karabakh-withdrawal.id.txt"
);
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn rules() -> &'static CleanupRules {
    match CleanupRules::bundled() {
        Ok(rules) => rules,
        Err(error) => panic!("the bundled cleanup rules do not load: {error}"),
    }
}

#[test]
fn every_cleanup_rule_removes_its_examples_and_leaves_its_keeps() {
    let mut n_examples = 0;
    for file in &rules().files {
        for rule in &file.leftovers {
            let regex = compile_rule(rule).unwrap();
            assert!(
                !rule.examples.is_empty(),
                "{}: {:?} rule `{}` has no example",
                file.name,
                rule.kind,
                rule.pattern
            );
            for example in &rule.examples {
                n_examples += 1;
                assert!(
                    regex.is_match(example),
                    "{}: `{}` does not match its example `{example}`",
                    file.name,
                    rule.pattern
                );
                let text = format!("First paragraph.\n\n{example}\n\nSecond paragraph.");
                let cleaned = rules().clean(&text).text;
                match rule.scope {
                    RuleScope::Line => assert_eq!(
                        cleaned, "First paragraph.\n\nSecond paragraph.",
                        "{}: `{example}`",
                        file.name
                    ),
                    RuleScope::Inline => {
                        let matched = regex.find(example).unwrap().as_str();
                        assert!(
                            !cleaned.contains(matched),
                            "{}: `{matched}` survived in {cleaned:?}",
                            file.name
                        );
                    }
                }
            }
            for keep in &rule.keeps {
                assert!(
                    !regex.is_match(keep),
                    "{}: `{}` matches its keep `{keep}`",
                    file.name,
                    rule.pattern
                );
                let text = format!("First paragraph.\n\n{keep}\n\nSecond paragraph.");
                assert_eq!(
                    rules().clean(&text).text,
                    text,
                    "{}: the bundled rules remove `{keep}`",
                    file.name
                );
            }
        }
    }
    assert!(n_examples >= 60, "only {n_examples} examples were checked");
}

#[test]
fn every_bundled_language_pack_contributes_rules_and_credit_labels() {
    for pack in truce_lang::all_packs() {
        let file_name = format!("lang/{}/cleanup.toml", pack.code);
        let file = rules()
            .files
            .iter()
            .find(|file| file.name == file_name)
            .unwrap();
        assert!(!file.leftovers.is_empty(), "{file_name} has no rules");
    }
    for (line, name) in [
        ("Sumber: Reuters", "Reuters"),
        ("Source: AP", "AP"),
        ("Fuente: EFE", "EFE"),
        ("Nguồn: TTXVN", "TTXVN"),
        ("Источник: ТАСС", "ТАСС"),
    ] {
        let cleaned = rules().clean(&format!("Body.\n{line}"));
        assert_eq!(cleaned.text, "Body.");
        assert_eq!(cleaned.credits[0].names, [name], "{line}");
    }
}

#[test]
fn every_url_date_pattern_gives_its_examples() {
    let table = UrlDateTable::bundled().unwrap();
    for pattern in &table.patterns {
        assert!(
            !pattern.examples.is_empty(),
            "`{}` has no example",
            pattern.name
        );
        for example in &pattern.examples {
            let expected =
                (!example.date.is_empty()).then(|| PartialDate::parse_iso(&example.date).unwrap());
            assert_eq!(
                table.date_in_url(&example.url),
                expected,
                "`{}` on {}",
                pattern.name,
                example.url
            );
        }
    }
}

#[test]
fn the_seed_article_is_cleaned_and_dated_from_its_credited_url() {
    let raw = read_sources(&[SEED.into()]).next().unwrap().unwrap();
    let article = extract_article(&raw).unwrap();
    for leftover in ["[iklan_2]", "Komentar (0)", "Sumber:", "thanhnien.vn"] {
        assert!(
            !article.text.contains(leftover),
            "`{leftover}` is still in the text"
        );
    }
    assert!(!article.text.contains("\n\n\n"));
    assert!(
        article
            .text
            .starts_with("\"Proses penarikan seluruh personel")
    );
    assert!(
        article
            .text
            .ends_with("memicu gelombang protes di dalam negeri.")
    );
    // The unpunctuated photo caption between two paragraphs is gone too.
    assert!(
        !article
            .text
            .contains("Tentara Rusia dan kendaraan lapis baja")
    );
    assert_eq!(
        article.source_url.as_deref(),
        Some(
            "https://thanhnien.vn/nga-rut-toan-bo-luc-luong-gin-giu-hoa-binh-khoi-nagorno-karabakh-185240612223242498.htm"
        )
    );
    assert_eq!(article.credited_sources, ["thanhnien.vn"]);
    assert_eq!(article.date, PartialDate::day(2024, 6, 12));
    assert_eq!(article.date_source, Some(DateSource::Url));
    assert_eq!(article.id, "karabakh-withdrawal.id");
    let (lang, _confidence) = truce_language::identify(&article.text).unwrap();
    assert_eq!(lang, "id");
}

#[test]
fn the_example_articles_lose_their_leftovers_and_keep_their_credits() {
    let expectations: &[(&str, &[&str], &[&str])] = &[
        (
            "bantuan-gaza.id.txt",
            &["[iklan_1]", "Bagikan artikel ini", "Komentar (0)"],
            &[],
        ),
        (
            "colombia-eln.es.txt",
            &["Compartir en Facebook", "Comentarios (2)"],
            &[],
        ),
        ("protests.en.txt", &["Photo: Protesters"], &[]),
        (
            "sudan-talks.en.txt",
            &["Share this article", "Comments (3)"],
            &[],
        ),
        ("ukraina-tahanan.id.txt", &["Sumber:"], &["Reuters"]),
        ("venezuela-protestas.es.txt", &["Fuente:"], &["EFE"]),
    ];
    for (file_name, leftovers, credits) in expectations {
        let path = std::path::Path::new(EXAMPLES).join(file_name);
        let raw = read_sources(&[path]).next().unwrap().unwrap();
        let article = extract_article(&raw).unwrap();
        for leftover in *leftovers {
            assert!(
                !article.text.contains(leftover),
                "{file_name}: `{leftover}` survived"
            );
        }
        assert_eq!(article.credited_sources, *credits, "{file_name}");
        // The headline and the paragraphs are kept, separated by paragraph breaks.
        let first_line = raw.text.lines().next().unwrap();
        assert!(article.text.starts_with(first_line), "{file_name}");
        assert!(
            article.text.matches("\n\n").count() >= 3,
            "{file_name}: {:?}",
            article.text
        );
    }
}

proptest! {
    /// Cleaning never panics, and its output has no blank-line runs and no outer white space.
    #[test]
    fn cleaning_random_text_never_panics(text in "(\\PC|\n|\r|\\[iklan_[0-9]\\]|Komentar \\(0\\)|Sumber: |https://a.test/2024/06/12/){0,80}") {
        let cleaned = rules().clean(&text);
        prop_assert!(!cleaned.text.contains("\n\n\n"));
        prop_assert_eq!(cleaned.text.trim(), cleaned.text.as_str());
    }
}

#[test]
#[ignore = "prints the cleaned example articles for a reader to inspect"]
fn print_cleaned_examples() {
    let mut paths: Vec<std::path::PathBuf> = vec![SEED.into(), EXAMPLES.into()];
    paths.sort();
    for raw in read_sources(&paths).flatten() {
        let article = extract_article(&raw).unwrap();
        println!(
            "=== {} {:?} {:?} {:?}\n{}\n",
            article.id, article.date, article.source_url, article.credited_sources, article.text
        );
    }
}
