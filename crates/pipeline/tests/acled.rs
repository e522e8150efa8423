//! ACLED sub-event types on whole articles: the weapon a paragraph names, the word classes of each language.

use truce_pipeline::{Pipeline, PipelineOptions};

fn acled_types(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
    let pipeline = Pipeline::new(PipelineOptions {
        lang: Some(lang.to_string()),
        ..PipelineOptions::default()
    })
    .expect("the bundled packs load");
    let raw =
        truce_sources::document_from_text("article", "article.txt".to_string(), text.to_string());
    pipeline
        .process(&raw)
        .events
        .into_iter()
        .map(|event| {
            let sentence = event
                .evidence
                .first()
                .map(|evidence| evidence.sentence.clone())
                .unwrap_or_default();
            (sentence, event.acled)
        })
        .collect()
}

/// The sub-event type of the killing told after "A suicide bomber attacked a market…", with
/// `between` separating the two sentences.
fn type_of_the_killing(between: &str) -> Option<String> {
    let types = acled_types(
        &format!(
            "A suicide bomber attacked a market in Maiduguri on Monday, the police said.{between}\
             Eight civilians were killed and 20 others were wounded."
        ),
        "en",
    );
    types
        .iter()
        .find(|(sentence, _)| sentence.starts_with("Eight civilians"))
        .unwrap_or_else(|| panic!("the killing is coded: {types:?}"))
        .1
        .clone()
}

#[test]
fn a_later_sentence_of_the_paragraph_keeps_the_weapon_of_the_first() {
    assert_eq!(type_of_the_killing(" ").as_deref(), Some("SUIC_BOMB"));
}

#[test]
fn a_new_paragraph_does_not_inherit_the_weapon() {
    assert_ne!(type_of_the_killing("\n\n").as_deref(), Some("SUIC_BOMB"));
}

#[test]
fn the_packs_words_tell_protests_from_air_strikes_in_spanish_and_indonesian() {
    let spanish = acled_types(
        "Los estudiantes de la Universidad Nacional realizaron una manifestación frente al Congreso.",
        "es",
    );
    assert!(
        spanish
            .iter()
            .any(|(_, acled)| acled.as_deref() == Some("PEACE_PROTEST")),
        "{spanish:?}"
    );
    let indonesian = acled_types(
        "Pesawat tempur Israel menyerang kamp pengungsi di Gaza pada Selasa malam.",
        "id",
    );
    assert!(
        indonesian
            .iter()
            .any(|(_, acled)| acled.as_deref() == Some("AIR_STRIKE")),
        "{indonesian:?}"
    );
}
