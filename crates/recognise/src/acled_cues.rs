//! A language's `acled.toml`: the words that tell ACLED's sub-event types apart, found in a sentence.

use std::collections::BTreeMap;

use serde::Deserialize;
use truce_core::{AcledCue, AcledCues};

use crate::RecogniseError;
use crate::words::{Phrase, PhraseTable, Token};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AcledFile {
    #[serde(default)]
    cues: BTreeMap<String, Vec<String>>,
}

/// Every cue phrase of a language, each with its class.
#[derive(Debug, Default)]
pub(crate) struct AcledCueTable {
    phrases: PhraseTable<AcledCue>,
}

impl AcledCueTable {
    pub fn parse(file: &'static str, text: &str) -> Result<AcledCueTable, RecogniseError> {
        let parsed: AcledFile = toml::from_str(text).map_err(|error| RecogniseError::Toml {
            file,
            message: error.to_string(),
        })?;
        let mut entries = Vec::new();
        for (class_name, phrases) in &parsed.cues {
            let class =
                class_name
                    .parse::<AcledCue>()
                    .map_err(|error| RecogniseError::Invalid {
                        file,
                        what: error.to_string(),
                    })?;
            for phrase in phrases {
                let parsed_phrase =
                    Phrase::parse(phrase, false).ok_or_else(|| RecogniseError::Invalid {
                        file,
                        what: format!("empty cue in class {class_name}"),
                    })?;
                entries.push((parsed_phrase, class));
            }
        }
        Ok(AcledCueTable {
            phrases: entries.into_iter().collect(),
        })
    }

    /// The classes whose phrases occur anywhere in the tokens.
    pub fn cues_in(&self, tokens: &[Token]) -> AcledCues {
        let mut found = AcledCues::default();
        for start in 0..tokens.len() {
            for (_, &class) in self.phrases.matches_at(tokens, start) {
                found.insert(class);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::tokenize;

    #[test]
    fn multiword_cues_and_accents_are_matched_as_whole_words() {
        let table = AcledCueTable::parse(
            "acled.toml",
            "[cues]\nair = [\"air strike\"]\ngrenade = [\"granada\"]\nremote_explosive = [\"explosión\"]",
        )
        .unwrap();
        let cues = table.cues_in(&tokenize("An Air Strike hit the town; una explosion"));
        assert!(cues.contains(AcledCue::Air));
        assert!(cues.contains(AcledCue::RemoteExplosive));
        assert!(!cues.contains(AcledCue::Grenade));
        // Part of a word is not the word: "airstrikes" is not "air strike", "granadas" not
        // "granada".
        let cues = table.cues_in(&tokenize("airstrikes and granadas"));
        assert!(cues.is_empty());
    }

    #[test]
    fn an_unknown_class_is_named_in_the_error() {
        let error = AcledCueTable::parse("acled.toml", "[cues]\nairplane = [\"jet\"]").unwrap_err();
        assert!(error.to_string().contains("airplane"), "{error}");
        let error = AcledCueTable::parse("acled.toml", "[cues]\nair = [\"\"]").unwrap_err();
        assert!(error.to_string().contains("empty cue"), "{error}");
    }
}
