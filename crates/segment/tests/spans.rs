//! Span invariants on random Unicode text, and the seed article segmented end to end.

use proptest::prelude::*;
use truce_segment::segment;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/karabakh-withdrawal.id.txt"
);

/// Check every invariant `segment` promises for `text`, returning the first one broken.
fn check_invariants(text: &str, lang: &str) -> Result<(), String> {
    let sentences = segment(text, lang);
    let mut covered = vec![false; text.len()];
    let mut previous_sentence_end = 0;
    for sentence in &sentences {
        let sentence_text = sentence
            .span
            .slice(text)
            .ok_or_else(|| format!("sentence {:?} does not slice", sentence.span))?;
        if sentence_text.is_empty() || sentence_text.trim() != sentence_text {
            return Err(format!("sentence {sentence_text:?} is empty or untrimmed"));
        }
        if sentence.span.start < previous_sentence_end {
            return Err(format!(
                "sentence {:?} overlaps the one before",
                sentence.span
            ));
        }
        previous_sentence_end = sentence.span.end;
        let mut previous_token_end = sentence.span.start;
        for token in &sentence.tokens {
            let token_text = token
                .span
                .slice(text)
                .ok_or_else(|| format!("token {:?} does not slice", token.span))?;
            if token_text.is_empty() || !sentence.span.contains(&token.span) {
                return Err(format!(
                    "token {token_text:?} is empty or outside its sentence"
                ));
            }
            if token.span.start < previous_token_end {
                return Err(format!("token {token_text:?} overlaps the one before"));
            }
            previous_token_end = token.span.end;
            covered[token.span.start..token.span.end].fill(true);
        }
    }
    for (byte, character) in text.char_indices() {
        if !character.is_whitespace() && !covered[byte] {
            return Err(format!("{character:?} at byte {byte} is in no token"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_unicode_text_keeps_every_invariant(text in "\\PC{0,200}", lang in prop_oneof![Just("en"), Just("id"), Just("es"), Just("xx")]) {
        prop_assert_eq!(check_invariants(&text, lang), Ok(()));
    }

    #[test]
    fn random_text_rich_in_boundaries_keeps_every_invariant(
        text in "([A-Za-zÀ-ÿ0-9]{1,6}|[ \n\t]|[.!?…,:;'\"“”()«»-]|Gen\\.|U\\.S\\.|2\\.000|\u{301}|\r){0,80}"
    ) {
        prop_assert_eq!(check_invariants(&text, "en"), Ok(()));
    }
}

#[test]
fn the_seed_article_splits_into_its_sentences() {
    let text = std::fs::read_to_string(SEED).unwrap();
    check_invariants(&text, "id").unwrap();
    let sentences = segment(&text, "id");
    let first = sentences[0].span.slice(&text).unwrap();
    assert!(first.starts_with("\"Proses penarikan") && first.ends_with("Azerbaijan."));
    let with_number = sentences
        .iter()
        .find(|sentence| {
            sentence
                .span
                .slice(&text)
                .unwrap()
                .contains("2.000 pasukan")
        })
        .unwrap();
    assert!(
        with_number
            .tokens
            .iter()
            .any(|token| token.span.slice(&text) == Some("2.000"))
    );
    // The caption line, having no full stop, is a sentence of its own rather than glued to the next.
    assert!(sentences.iter().any(|sentence| sentence.span.slice(&text)
        == Some("Tentara Rusia dan kendaraan lapis baja di wilayah Nagorno-Karabakh")));
}
