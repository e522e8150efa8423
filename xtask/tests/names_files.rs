//! Checks the committed `lang/<code>/names.actors.txt` files: PETRARCH shape, no ambiguous names, and the actors every language must know.

use std::collections::BTreeSet;

use xtask::names_check::{NameRecord, ambiguous_phrases, parse_names_file};

fn names_file(language: &str) -> String {
    let path = format!(
        "{}/../lang/{language}/names.actors.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn records(language: &str) -> Vec<NameRecord> {
    parse_names_file(&names_file(language)).unwrap_or_else(|problems| {
        panic!("lang/{language}/names.actors.txt is malformed: {problems:#?}")
    })
}

/// The phrases that an undated code owns in one language.
fn phrases_for(records: &[NameRecord], code: &str) -> BTreeSet<String> {
    records
        .iter()
        .filter(|record| record.code.as_deref() == Some(code) && record.dated_codes.is_empty())
        .flat_map(|record| record.phrases.iter().cloned())
        .collect()
}

/// Per language, the codes to look up and the phrases each must own.
type Expectations = [(
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
)];

fn assert_has(records: &[NameRecord], code: &str, expected: &[&str], language: &str) {
    let phrases = phrases_for(records, code);
    for phrase in expected {
        assert!(
            phrases.contains(*phrase),
            "{language}: {code} lacks {phrase}; it has {phrases:?}"
        );
    }
}

#[test]
fn every_generated_file_has_the_petrarch_shape_and_no_ambiguous_name() {
    for language in ["en", "id", "es", "_template"] {
        let records = records(language);
        assert_eq!(
            ambiguous_phrases(&records),
            Vec::<String>::new(),
            "{language}: phrases with two codes"
        );
        let generated_by_script = names_file(language)
            .lines()
            .next()
            .is_some_and(|line| line.starts_with('#'));
        assert!(
            generated_by_script,
            "{language}: the file must open with its provenance comment"
        );
    }
}

#[test]
fn the_three_languages_hold_at_least_every_country_and_many_leaders() {
    for language in ["en", "id", "es"] {
        let records = records(language);
        let country_codes: BTreeSet<&str> = records
            .iter()
            .filter_map(|record| record.code.as_deref())
            .filter(|code| code.len() == 3)
            .collect();
        assert!(
            country_codes.len() >= 240,
            "{language}: only {} country codes",
            country_codes.len()
        );
        let leaders = records
            .iter()
            .filter(|record| !record.dated_codes.is_empty())
            .count();
        assert!(
            leaders >= 1000,
            "{language}: only {leaders} leaders with dated roles"
        );
    }
}

#[test]
fn russia_armenia_and_azerbaijan_are_named_in_every_language() {
    let expected: &Expectations = &[
        (
            "en",
            &[
                ("RUS", &["RUSSIA_", "RUSSIAN_", "RUSSIANS_"]),
                ("ARM", &["ARMENIA_", "ARMENIAN_"]),
                ("AZE", &["AZERBAIJAN_", "AZERBAIJANI_"]),
                ("RUSGOV", &["MOSCOW_", "KREMLIN_"]),
                ("ARMGOV", &["YEREVAN_", "YEREVEN_"]),
                ("AZEGOV", &["BAKU_"]),
            ],
        ),
        (
            "id",
            &[
                ("RUS", &["RUSIA_"]),
                ("ARM", &["ARMENIA_"]),
                ("AZE", &["AZERBAIJAN_"]),
                ("RUSGOV", &["MOSKOW_", "MOSKWA_", "KREMLIN_"]),
                ("ARMGOV", &["YEREVAN_", "YEREVEN_"]),
                ("AZEGOV", &["BAKU_"]),
            ],
        ),
        (
            "es",
            &[
                ("RUS", &["RUSIA_", "RUSO_", "RUSA_", "RUSOS_", "RUSAS_"]),
                ("ARM", &["ARMENIA_", "ARMENIO_", "ARMENIOS_"]),
                ("AZE", &["AZERBAIYÁN_", "AZERBAIYANO_", "AZERÍ_"]),
                ("RUSGOV", &["MOSCÚ_", "KREMLIN_"]),
                ("ARMGOV", &["EREVÁN_", "YEREVAN_"]),
                ("AZEGOV", &["BAKÚ_"]),
            ],
        ),
    ];
    for (language, codes) in expected.iter().copied() {
        let records = records(language);
        for (code, phrases) in codes {
            assert_has(&records, code, phrases, language);
        }
    }
}

#[test]
fn organisations_have_their_names_in_each_language() {
    let expected: &Expectations = &[
        (
            "en",
            &[
                ("IGOUNO", &["UNITED_NATIONS_"]),
                ("IGOWSTNAT", &["NATO_"]),
                ("PSEREBHMS", &["HAMAS_"]),
            ],
        ),
        (
            "id",
            &[
                ("IGOUNO", &["PBB_"]),
                ("IGOWSTNAT", &["NATO_"]),
                ("IGOEUREEC", &["UNI_EROPA_"]),
            ],
        ),
        (
            "es",
            &[
                ("IGOUNO", &["ONU_", "NACIONES_UNIDAS_"]),
                ("IGOWSTNAT", &["OTAN_"]),
                ("COLREB", &["FARC_", "ELN_"]),
            ],
        ),
    ];
    for (language, codes) in expected.iter().copied() {
        let records = records(language);
        for (code, phrases) in codes {
            assert_has(&records, code, phrases, language);
        }
    }
}

#[test]
fn leaders_carry_dated_government_roles() {
    for language in ["en", "id", "es"] {
        let records = records(language);
        let putin = records
            .iter()
            .find(|record| {
                record
                    .phrases
                    .iter()
                    .any(|phrase| phrase == "VLADIMIR_PUTIN_")
            })
            .unwrap_or_else(|| panic!("{language}: no VLADIMIR_PUTIN_"));
        assert!(
            putin
                .dated_codes
                .iter()
                .any(|(code, restriction)| code == "RUSGOV" && restriction == "19991231-20080507"),
            "{language}: {putin:?}"
        );
        assert_eq!(
            putin.code.as_deref(),
            Some("RUSELI"),
            "{language}: outside office a leader is elite"
        );
    }
}

#[test]
fn stop_listed_ordinary_words_are_not_names() {
    // These are words of the language that must never code an actor (see scripts/names/data/stoplist.tsv).
    for (language, word) in [
        ("en", "US_"),
        ("en", "WHO_"),
        ("en", "MALE_"),
        ("id", "AS_"),
        ("id", "LIMA_"),
        ("es", "LIMA_"),
        ("es", "UN_"),
    ] {
        let records = records(language);
        assert!(
            !records
                .iter()
                .any(|record| record.phrases.iter().any(|phrase| phrase == word)),
            "{language}: {word} must not be a name"
        );
    }
}
