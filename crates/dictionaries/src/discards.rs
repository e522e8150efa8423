//! Discard lists: phrases whose presence means a sentence (or, with `+`, a whole story) is not coded.

use crate::lines::meaningful_lines;
use crate::words::Phrase;
use crate::{Dialect, DictionaryError, Warning};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// Matched as a stem unless the dictionary ends it with `_`, in both dialects.
    pub phrase: Phrase,
    pub whole_story: bool,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct DiscardDictionary {
    pub entries: Vec<DiscardEntry>,
}

pub fn parse_discards(
    file: &str,
    text: &str,
) -> Result<(DiscardDictionary, Vec<Warning>), DictionaryError> {
    let mut dictionary = DiscardDictionary::default();
    let mut warnings = Vec::new();
    for line in meaningful_lines(text) {
        if line.text.starts_with('<') {
            continue;
        }
        let (whole_story, phrase_text) = match line.text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, line.text),
        };
        let phrase_text = phrase_text.split('[').next().unwrap_or("");
        let phrase = Phrase::parse(phrase_text, Dialect::Tabari);
        if phrase.is_empty() {
            warnings.push(Warning {
                file: file.to_string(),
                line: line.number,
                message: "an empty discard phrase; skipped".to_string(),
            });
            continue;
        }
        dictionary.entries.push(DiscardEntry {
            phrase,
            whole_story,
            line: line.number,
        });
    }
    Ok((dictionary, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_and_sentence_discards() {
        let (dictionary, _) =
            parse_discards("d", "+5K RUN #  ELH\nWORLD CUP\nBASEBALL_\n").unwrap();
        assert!(dictionary.entries[0].whole_story);
        assert!(!dictionary.entries[1].whole_story);
        assert!(dictionary.entries[1].phrase.words[1].stem);
        assert!(!dictionary.entries[2].phrase.words[0].stem);
    }
}
