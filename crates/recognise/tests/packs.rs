//! Every bundled pack's recognition data loads, the template pack parses, and no input makes
//! the public functions panic.

use proptest::prelude::*;
use truce_core::Span;

#[test]
fn every_registered_pack_loads_its_numbers_and_flags() {
    for pack in truce_lang::all_packs() {
        truce_recognise::check_language(pack.code).unwrap_or_else(|error| panic!("{error}"));
    }
}

#[test]
fn the_template_pack_parses_so_a_copy_starts_valid() {
    let numbers = include_str!("../../../lang/_template/numbers.toml");
    let flags = include_str!("../../../lang/_template/flags.toml");
    truce_recognise::check_pack_texts(numbers, flags).unwrap_or_else(|error| panic!("{error}"));
    let acled = include_str!("../../../lang/_template/acled.toml");
    truce_recognise::check_acled_text(acled).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn every_pack_names_every_acled_cue_class_the_template_documents() {
    // A class a pack leaves out silently never fires for that language: the packs list them
    // all, even where a class is still empty.
    let template: toml::Table = toml::from_str(include_str!("../../../lang/_template/acled.toml"))
        .expect("template acled.toml");
    let classes: Vec<String> = template["cues"]
        .as_table()
        .expect("[cues]")
        .keys()
        .cloned()
        .collect();
    assert_eq!(classes.len(), truce_core::AcledCue::ALL.len());
    for pack in truce_lang::all_packs() {
        let cues: toml::Table = toml::from_str(pack.acled).expect("pack acled.toml");
        let listed = cues["cues"].as_table().expect("[cues]");
        for class in &classes {
            assert!(
                listed.contains_key(class),
                "lang/{}/acled.toml has no {class}",
                pack.code
            );
        }
    }
}

#[test]
fn acled_cues_are_found_in_a_sentence_of_the_pack_language() {
    let sentence = truce_recognise::RecognisedSentence::new(
        "Militants threw a grenade at a police checkpoint, wounding two civilians.",
        "en",
    );
    let cues = sentence.acled_cues();
    assert!(cues.contains(truce_core::AcledCue::Grenade));
    assert!(cues.contains(truce_core::AcledCue::Civilians));
    assert!(!cues.contains(truce_core::AcledCue::Air));
    let unknown = truce_recognise::RecognisedSentence::new("a grenade", "xx");
    assert!(unknown.acled_cues().is_empty());
}

#[test]
fn unknown_languages_and_bad_spans_give_empty_answers() {
    assert!(matches!(
        truce_recognise::check_language("xx"),
        Err(truce_recognise::RecogniseError::UnknownLanguage { .. })
    ));
    let sentence = "Russia did not withdraw.";
    assert_eq!(
        truce_recognise::flags_for(sentence, "xx", Span::new(15, 23)),
        Default::default()
    );
    assert_eq!(
        truce_recognise::flags_for(sentence, "en", Span { start: 20, end: 3 }),
        Default::default()
    );
    assert_eq!(
        truce_recognise::quantities_for(sentence, "en", Span::new(0, 400)),
        Default::default()
    );
    assert!(truce_recognise::flags_for(sentence, "en", Span::new(15, 23)).negated);
}

#[test]
fn a_broken_pack_file_is_reported_with_its_file_name() {
    let error = truce_recognise::check_pack_texts("units = 3", "").unwrap_err();
    assert!(error.to_string().starts_with("numbers.toml:"), "{error}");
    let error = truce_recognise::check_pack_texts("", "[negated]\ncues = [\"\"]").unwrap_err();
    assert!(error.to_string().starts_with("flags.toml:"), "{error}");
}

/// Text made of each language's own vocabulary and digits, so that the number reader and the
/// cue matcher are exercised far more than random characters would manage.
fn vocabulary_soup() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "two",
        "hundred",
        "and",
        "twenty-five",
        "thousand",
        "of",
        "thousands",
        "tens",
        "a",
        "at",
        "least",
        "killed",
        "troops",
        "not",
        "will",
        "if",
        "may",
        "May",
        "since",
        "the",
        "1990s",
        "until",
        "2025",
        "dua",
        "ratus",
        "belas",
        "puluh",
        "ribu",
        "ribuan",
        "hampir",
        "2.000",
        "1,5",
        "juta",
        "menewaskan",
        "orang",
        "pasukan",
        "tidak",
        "pernah",
        "akan",
        "tetapi",
        "sejak",
        "tahun",
        "1990-an",
        "hingga",
        "mil",
        "millones",
        "decenas",
        "de",
        "miles",
        "y",
        "treinta",
        "un",
        "cerca",
        "casi",
        "muertos",
        "no",
        "si",
        "sí",
        "retirará",
        "podría",
        ",",
        ";",
        "-",
        "10-20",
        "99999999999999999999",
        "0,0",
        "1.000.000.000.000.000",
        "%",
        "persen",
        "entre",
        "antara",
        "dan",
        "between",
    ]);
    prop::collection::vec(words, 0..16).prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn random_text_and_spans_never_panic(text in "\\PC{0,60}", start in 0usize..80, length in 0usize..20) {
        for lang in ["en", "id", "es", "xx"] {
            let span = Span { start, end: start + length };
            let _ = truce_recognise::flags_for(&text, lang, span);
            let _ = truce_recognise::flags_for_published(&text, lang, span, Some(2024));
            let _ = truce_recognise::quantities_for(&text, lang, span);
            let _ = truce_recognise::parse_number_phrase(&text, lang);
        }
    }

    #[test]
    fn vocabulary_soup_never_panics_and_bounds_stay_ordered(text in vocabulary_soup(), start in 0usize..120, length in 0usize..30) {
        for lang in ["en", "id", "es"] {
            let span = Span { start, end: start + length };
            let _ = truce_recognise::flags_for_published(&text, lang, span, Some(2024));
            let quantities = truce_recognise::quantities_for(&text, lang, span);
            if let Some(fatalities) = quantities.fatalities
                && let (Some(low), Some(high)) = (fatalities.low, fatalities.high)
            {
                prop_assert!(low <= high);
            }
            if let Some(estimate) = truce_recognise::parse_number_phrase(&text, lang)
                && let (Some(low), Some(high)) = (estimate.low, estimate.high)
            {
                prop_assert!(low <= high);
            }
        }
    }
}
