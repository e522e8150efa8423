//! Phrases as dictionaries write them (`AMNESTY_INTERNATIONAL`, `ARGENTIN`) and the word normal form.

use unicode_normalization::UnicodeNormalization;

/// The form every word is compared in: upper case, accents removed, curly apostrophes straightened.
pub fn normalize_word(word: &str) -> String {
    if word.is_ascii() {
        // Most dictionary and news words are ASCII: no decomposition needed.
        let mut normalized = word.to_ascii_uppercase();
        if normalized.contains('`') {
            normalized = normalized.replace('`', "'");
        }
        return normalized;
    }
    let mut normalized = String::with_capacity(word.len());
    for character in word.nfd() {
        if unicode_normalization::char::is_combining_mark(character) {
            continue;
        }
        match character {
            '\u{2019}' | '\u{2018}' | '`' => normalized.push('\''),
            _ => normalized.extend(character.to_uppercase()),
        }
    }
    normalized
}

/// One word of a phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhraseWord {
    pub text: String,
    /// A stem matches any word that starts with it (TABARI's default for undecorated words).
    pub stem: bool,
}

/// A sequence of words, consecutive unless `gaps` says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Phrase {
    pub words: Vec<PhraseWord>,
    /// The indices of the words that other words may separate from the word before them:
    /// TABARI's actor phrases written with a blank (`PRINCE DOL_AMROTH` matches "Prince of
    /// Dol_Amroth", `AL GORE` "Al 'The Weasel' Gore"), where an underscore joins words.
    /// Always empty for PETRARCH, whose blanks and underscores both join.
    pub gaps: Vec<usize>,
}

impl Phrase {
    /// Reads `WORD_WORD WORD` or `WORD WORD_`: blanks and underscores both separate words.
    /// In the TABARI dialect the last word is a stem unless the phrase ends with `_`, and a
    /// blank lets other words come between (see `gaps`); in PETRARCH every word is exact and
    /// the words are consecutive.
    pub fn parse(text: &str, dialect: crate::Dialect) -> Phrase {
        let trimmed = text.trim();
        let ends_exact = trimmed.ends_with('_');
        let tabari = dialect == crate::Dialect::Tabari;
        let mut words = Vec::new();
        let mut gaps = Vec::new();
        for (group_index, group) in trimmed.split_whitespace().enumerate() {
            for (piece_index, piece) in group.split('_').filter(|w| !w.is_empty()).enumerate() {
                if tabari && group_index > 0 && piece_index == 0 && !words.is_empty() {
                    gaps.push(words.len());
                }
                words.push(PhraseWord {
                    text: normalize_word(piece),
                    stem: false,
                });
            }
        }
        if tabari
            && !ends_exact
            && let Some(last) = words.last_mut()
        {
            last.stem = true;
        }
        Phrase { words, gaps }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The phrase with an English regular plural of its last word, as PETRARCH generates for
    /// agents and synsets: `-S`, `-IES` after a consonant and `Y`, `-ES` after `SS`, `SH`, `CH`, `X`.
    pub fn regular_plural(&self) -> Option<Phrase> {
        let last = self.words.last()?;
        let plural = english_plural(&last.text)?;
        let mut words = self.words.clone();
        if let Some(last_word) = words.last_mut() {
            last_word.text = plural;
        }
        Some(Phrase {
            words,
            gaps: self.gaps.clone(),
        })
    }
}

pub(crate) fn english_plural(word: &str) -> Option<String> {
    if word.is_empty()
        || !word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    {
        return None;
    }
    let bytes = word.as_bytes();
    let last = bytes[bytes.len() - 1];
    let before_last = if bytes.len() > 1 {
        bytes[bytes.len() - 2]
    } else {
        b' '
    };
    if last == b'Y' && !b"AEIOU".contains(&before_last) {
        return Some(format!("{}IES", &word[..word.len() - 1]));
    }
    if word.ends_with("SS") || word.ends_with("SH") || word.ends_with("CH") || word.ends_with('X') {
        return Some(format!("{word}ES"));
    }
    if last == b'S' {
        return None;
    }
    Some(format!("{word}S"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;

    #[test]
    fn tabari_last_word_is_a_stem_unless_underscored() {
        let stem = Phrase::parse("ARGENTIN", Dialect::Tabari);
        assert!(stem.words[0].stem);
        let exact = Phrase::parse("AMNESTY_INTERNATIONAL_", Dialect::Tabari);
        assert_eq!(exact.words.len(), 2);
        assert!(!exact.words[1].stem);
        assert!(!Phrase::parse("ARNOR", Dialect::Petrarch).words[0].stem);
    }

    #[test]
    fn tabari_blanks_allow_words_between_and_underscores_do_not() {
        let prince = Phrase::parse("PRINCE DOL_AMROTH", Dialect::Tabari);
        assert_eq!(prince.words.len(), 3);
        assert_eq!(prince.gaps, vec![1]);
        let group = Phrase::parse("GROUP OF 77", Dialect::Tabari);
        assert_eq!(group.gaps, vec![1, 2]);
        assert!(
            Phrase::parse("AMNESTY_INTERNATIONAL", Dialect::Tabari)
                .gaps
                .is_empty()
        );
        assert!(
            Phrase::parse("GROUP OF 77", Dialect::Petrarch)
                .gaps
                .is_empty()
        );
    }

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(normalize_word("Ereván"), "EREVAN");
        assert_eq!(normalize_word("don’t"), "DON'T");
    }

    #[test]
    fn plurals_follow_petrarch_rules() {
        let plural = |word: &str| {
            Phrase::parse(word, Dialect::Petrarch)
                .regular_plural()
                .map(|p| p.words[0].text.clone())
        };
        assert_eq!(plural("ARMY").as_deref(), Some("ARMIES"));
        assert_eq!(plural("BOSS").as_deref(), Some("BOSSES"));
        assert_eq!(plural("TROOP").as_deref(), Some("TROOPS"));
        assert_eq!(plural("DAY").as_deref(), Some("DAYS"));
    }
}
