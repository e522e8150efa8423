//! Splitting text into word, number and punctuation tokens with byte spans, for date patterns.
//!
//! Date patterns are matched on tokens rather than characters so that a pattern reads like the
//! text it describes ("{day} de {month} de {year}") and so that spacing can be checked between
//! tokens. Digits separated by `.` or `,` and followed by more digits form one grouped number
//! ("2.000", "1,500"), which is why such quantities can never be read as years or days.

use std::hash::{BuildHasherDefault, Hasher};

/// A hash map with the FNV-1a hash: the keys are short words from the language's own data
/// files, looked up once per token, where the default SipHash costs more than the lookup.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv1a>>;

/// The 64-bit FNV-1a hash.
pub(crate) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A run of letters (any script) and combining marks.
    Word,
    /// A run of ASCII digits, possibly grouped with `.` or `,` ("2.000").
    Number,
    /// One character that is neither a letter, a digit nor whitespace.
    Punct,
}

/// How a word is capitalised, so month and weekday names can be told from common words that share
/// their spelling (English "May", Spanish "Plaza de Mayo").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCase {
    Lower,
    /// First letter upper case, at least one later letter lower case: "June".
    Capitalised,
    /// Every cased letter upper case: "JUNE", as in headlines.
    Upper,
    /// Anything else: "jUNE", or letters without case.
    Mixed,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
    /// Lower-cased text for words, the digits for numbers, the normalised character for punctuation.
    pub(crate) key: String,
    /// The value of a number made only of digits (not grouped), when it fits in a `u32`.
    pub(crate) value: Option<u32>,
    /// How many digits a plain number has; 0 for anything else.
    pub(crate) digit_count: usize,
    pub(crate) case: WordCase,
    /// What the language's date words say this token is, looked up once per text.
    pub(crate) facts: TokenFacts,
}

/// A token's meaning in a language's date rules (see `DateRules::annotate`): every table is
/// consulted once per token instead of once per pattern tried there.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenFacts {
    /// Month number and whether the form is an abbreviation; set only when the case fits.
    pub(crate) month: Option<(u8, bool)>,
    /// ISO weekday number and whether the form is an abbreviation; set only when the case fits.
    pub(crate) weekday: Option<(u8, bool)>,
    pub(crate) unit: Option<crate::pattern::Unit>,
    pub(crate) count_word: Option<u32>,
    pub(crate) decade_word: Option<i32>,
    pub(crate) ordinal_suffix: bool,
}

/// Characters that continue a word: letters, and the marks and digits of scripts that write
/// combining characters separately.
fn is_word_char(character: char) -> bool {
    character.is_alphabetic() || (!character.is_ascii() && character.is_alphanumeric())
}

/// Punctuation that is written in several ways but means the same to a date pattern.
pub(crate) fn normalise_punct(character: char) -> char {
    match character {
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        other => other,
    }
}

fn word_case(word: &str) -> WordCase {
    let mut letters = word.chars().filter(|character| character.is_alphabetic());
    let Some(first) = letters.next() else {
        return WordCase::Mixed;
    };
    // One pass over the later letters, without collecting them: this runs for every word of
    // every article.
    let mut any_lower_after = false;
    let mut any_upper_after = false;
    for character in letters {
        any_lower_after |= character.is_lowercase();
        any_upper_after |= character.is_uppercase();
    }
    if first.is_lowercase() && !any_upper_after {
        WordCase::Lower
    } else if first.is_uppercase() && !any_lower_after {
        WordCase::Upper
    } else if first.is_uppercase() && !any_upper_after {
        WordCase::Capitalised
    } else {
        WordCase::Mixed
    }
}

/// Every token of `text`, in order. Whitespace separates tokens and belongs to none.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut characters = text.char_indices().peekable();
    while let Some((start, character)) = characters.next() {
        if character.is_whitespace() {
            continue;
        }
        if character.is_ascii_digit() {
            let mut end = start + 1;
            let mut grouped = false;
            while let Some(&(index, next)) = characters.peek() {
                if next.is_ascii_digit() {
                    end = index + 1;
                    characters.next();
                } else if (next == '.' || next == ',')
                    && text
                        .as_bytes()
                        .get(index + 1)
                        .is_some_and(|byte| byte.is_ascii_digit())
                {
                    grouped = true;
                    end = index + 1;
                    characters.next();
                } else {
                    break;
                }
            }
            let digits = &text[start..end];
            let value = if grouped {
                None
            } else {
                digits.parse::<u32>().ok()
            };
            tokens.push(Token {
                start,
                end,
                kind: TokenKind::Number,
                key: digits.to_string(),
                value,
                digit_count: if grouped { 0 } else { digits.len() },
                case: WordCase::Mixed,
                facts: TokenFacts::default(),
            });
        } else if is_word_char(character) {
            let mut end = start + character.len_utf8();
            while let Some(&(index, next)) = characters.peek() {
                if is_word_char(next) {
                    end = index + next.len_utf8();
                    characters.next();
                } else {
                    break;
                }
            }
            let word = &text[start..end];
            tokens.push(Token {
                start,
                end,
                kind: TokenKind::Word,
                key: word.to_lowercase(),
                value: None,
                digit_count: 0,
                case: word_case(word),
                facts: TokenFacts::default(),
            });
        } else {
            tokens.push(Token {
                start,
                end: start + character.len_utf8(),
                kind: TokenKind::Punct,
                key: normalise_punct(character).to_string(),
                value: None,
                digit_count: 0,
                case: WordCase::Mixed,
                facts: TokenFacts::default(),
            });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|token| token.key).collect()
    }

    #[test]
    fn grouped_numbers_stay_one_token_and_dates_split() {
        assert_eq!(keys("hampir 2.000 pasukan"), ["hampir", "2.000", "pasukan"]);
        assert_eq!(keys("1,500 troops."), ["1,500", "troops", "."]);
        assert_eq!(keys("2024-06-12"), ["2024", "-", "06", "-", "12"]);
        assert_eq!(keys("(11/6)"), ["(", "11", "/", "6", ")"]);
        assert_eq!(keys("1990-an"), ["1990", "-", "an"]);
        assert_eq!(keys("1990s"), ["1990", "s"]);
        let grouped = &tokenize("2.000")[0];
        assert_eq!((grouped.value, grouped.digit_count), (None, 0));
        let plain = &tokenize("2024")[0];
        assert_eq!((plain.value, plain.digit_count), (Some(2024), 4));
    }

    #[test]
    fn words_keep_their_case_and_lower_case_keys() {
        let tokens = tokenize("Juni JUNI juni miércoles");
        let cases: Vec<WordCase> = tokens.iter().map(|token| token.case).collect();
        assert_eq!(
            cases,
            [
                WordCase::Capitalised,
                WordCase::Upper,
                WordCase::Lower,
                WordCase::Lower
            ]
        );
        assert_eq!(tokens[3].key, "miércoles");
        assert_eq!(
            &"Juni JUNI juni miércoles"[tokens[3].start..tokens[3].end],
            "miércoles"
        );
    }

    #[test]
    fn typographic_variants_normalise() {
        assert_eq!(keys("’90s"), ["'", "90", "s"]);
        assert_eq!(keys("1990–an"), ["1990", "-", "an"]);
    }
}
