//! The test suite every language pack instantiates with `truce_lang::pack_tests!`, and the template pack it is first run on.
//!
//! `truce-lang` cannot depend on the coder or the pipeline (they depend on it), so the macro
//! only writes the tests; they compile where they are instantiated, in a crate whose tests can
//! see `truce_coding`, `truce_pipeline`, `truce_sources` and `proptest` (the pipeline's
//! `tests/packs.rs`). Each instantiation checks that the pack's dictionaries build a coder, that
//! the coder and the whole pipeline never panic on random text in that language, and that every
//! span they return slices back to its text.

use crate::LanguagePack;

#[path = "../../../lang/_template/pack.rs"]
mod template_pack;

/// The template pack (`lang/_template/`), which is not registered in `PACKS`: it is compiled
/// here so the template's files are checked by the same tests as a real language's.
pub static TEMPLATE: &LanguagePack = &template_pack::PACK;

/// Words from a pack's own dictionaries, upper case, for building random text that reaches its
/// verbs and actors rather than only noise. At most `limit` words, in file order.
pub fn dictionary_words(pack: &LanguagePack, limit: usize) -> Vec<String> {
    let mut words = Vec::new();
    let files = pack
        .verbs
        .iter()
        .chain(pack.agents)
        .chain(pack.actors)
        .chain(pack.discards);
    for file in files {
        for line in file.text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with('<') {
                continue;
            }
            let head = line
                .trim_start_matches(['+', '-', '&'])
                .split(['[', '{', '#'])
                .next()
                .unwrap_or("");
            for word in head.split(['_', ' ']) {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if word.len() > 1 && word.chars().all(char::is_alphabetic) {
                    words.push(word.to_lowercase());
                    if words.len() >= limit {
                        return words;
                    }
                }
            }
        }
    }
    words
}

/// Writes the shared tests for one pack: `pack_tests!(module_name, pack_expression)`, where the
/// expression is a `&'static LanguagePack` (`truce_lang::pack("id").unwrap()`).
///
/// The instantiating crate's tests need `truce_lang`, `truce_coding`, `truce_pipeline`,
/// `truce_sources` and `proptest`.
#[macro_export]
macro_rules! pack_tests {
    ($module:ident, $pack:expr) => {
        mod $module {
            use ::proptest::prelude::*;

            fn pack() -> &'static $crate::LanguagePack {
                $pack
            }

            /// Built once per pack: building a coder from the full English dictionaries is the
            /// expensive part, and the property tests run many cases.
            fn coder() -> &'static ::truce_coding::Coder {
                static CODER: ::std::sync::OnceLock<::truce_coding::Coder> = ::std::sync::OnceLock::new();
                CODER.get_or_init(|| match ::truce_coding::Coder::from_language_pack(pack()) {
                    Ok(coder) => coder,
                    Err(error) => panic!("pack `{}` does not build a coder: {error}", pack().code),
                })
            }

            fn pipeline() -> &'static ::truce_pipeline::Pipeline {
                static PIPELINE: ::std::sync::OnceLock<::truce_pipeline::Pipeline> = ::std::sync::OnceLock::new();
                PIPELINE.get_or_init(|| {
                    let options = ::truce_pipeline::PipelineOptions {
                        lang: Some(pack().code.to_string()),
                        ..::truce_pipeline::PipelineOptions::default()
                    };
                    match ::truce_pipeline::Pipeline::new(options) {
                        Ok(pipeline) => pipeline,
                        Err(error) => panic!("no pipeline for `{}`: {error}", pack().code),
                    }
                })
            }

            /// Random sentences mixing the pack's own words with punctuation, digits and
            /// scraps of other scripts, so verbs, actors, dates and numbers are all reached.
            fn text_strategy() -> impl Strategy<Value = String> {
                let words = $crate::testing::dictionary_words(pack(), 400);
                let word = if words.is_empty() {
                    "[a-z]{1,8}".prop_map(|word| word).boxed()
                } else {
                    prop_oneof![
                        4 => proptest::sample::select(words),
                        1 => "[a-zA-Z]{1,8}",
                        1 => "[0-9]{1,4}([.,][0-9]{3})?",
                        1 => prop_oneof![
                            Just(",".to_string()), Just(".".to_string()), Just("\n".to_string()),
                            Just("\"".to_string()), Just("-".to_string()), Just("Sumber:".to_string()),
                            Just("[iklan_2]".to_string()), Just("é".to_string()), Just("ß".to_string()),
                            Just("Москва".to_string()), Just("日本".to_string()), Just("🙂".to_string()),
                        ],
                    ]
                    .boxed()
                };
                proptest::collection::vec(word, 0..40).prop_map(|words| words.join(" "))
            }

            #[test]
            fn dictionaries_build_a_coder() {
                let coder = coder();
                assert!(!pack().code.is_empty(), "a pack needs its BCP 47 code");
                // Warnings are allowed (bundled third-party dictionaries have oddities), but
                // they must name the file and line they come from.
                for warning in &coder.warnings {
                    assert!(warning.contains(':'), "warning without a place: {warning}");
                }
            }

            #[test]
            fn resources_are_declared() {
                let pack = pack();
                assert!(!pack.english_name.is_empty());
                for file in pack.verbs.iter().chain(pack.actors).chain(pack.agents).chain(pack.discards).chain(pack.issues) {
                    assert!(!file.name.is_empty(), "a bundled file needs a name for error messages");
                }
            }

            proptest! {
                #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

                #[test]
                fn coder_spans_slice_back(text in text_strategy()) {
                    let coder = coder();
                    let coding = coder.code_sentence(&text, None);
                    for event in &coding.events {
                        prop_assert!(event.verb_span.slice(&text).is_some());
                        for actor in event.source.iter().chain(&event.target) {
                            prop_assert_eq!(actor.span.slice(&text), Some(actor.text.as_str()));
                        }
                    }
                }

                #[test]
                fn pipeline_never_panics_and_spans_slice_back(text in text_strategy()) {
                    let pipeline = pipeline();
                    let raw = ::truce_sources::document_from_text("random", "-", text);
                    let processed = pipeline.process(&raw);
                    let cleaned = &processed.article.text;
                    for sentence in &processed.sentences {
                        prop_assert!(sentence.span.slice(cleaned).is_some());
                    }
                    for mention in &processed.mentions {
                        prop_assert!(mention.span.slice(cleaned).is_some());
                    }
                    for event in &processed.events {
                        prop_assert!(!event.evidence.is_empty(), "an event without evidence");
                        for evidence in &event.evidence {
                            prop_assert_eq!(cleaned.get(evidence.start..evidence.end), Some(evidence.sentence.as_str()));
                        }
                    }
                }
            }
        }
    };
}
