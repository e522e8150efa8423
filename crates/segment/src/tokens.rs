//! Tokens inside a sentence: words, numbers and punctuation runs as byte spans, with their normalised forms.

use truce_core::{Span, Token};
use unicode_normalization::char::is_combining_mark;

use crate::abbreviations::Abbreviations;
use crate::normalize::normalize;

fn is_word_character(character: char) -> bool {
    character.is_alphanumeric() || is_combining_mark(character)
}

/// Characters that join two word characters into one token: `Nagorno-Karabakh`, `Georgia's`.
fn joins_words(character: char) -> bool {
    matches!(character, '-' | '‐' | '\'' | '’' | '_')
}

/// Characters that join two digits into one number: `2.000`, `1,500`, `12/06/2024`, `10:30`.
fn joins_digits(character: char) -> bool {
    matches!(character, '.' | ',' | '/' | ':')
}

/// The tokens of `text` (spans relative to `text`), in order. Every character that is not white
/// space belongs to exactly one token.
pub fn tokenize(text: &str, abbreviations: &Abbreviations) -> Vec<Token> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |index: usize| characters.get(index).map_or(text.len(), |(byte, _)| *byte);
    let character_at = |index: usize| characters.get(index).map(|(_, character)| *character);
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index].1;
        if character.is_whitespace() {
            index += 1;
            continue;
        }
        let start = index;
        if is_word_character(character) {
            // Letters since the last inner full stop, to join `U.S` but not `Kompas.com`.
            let mut letters_since_stop = 1;
            index += 1;
            while let Some(current) = character_at(index) {
                if is_word_character(current) {
                    letters_since_stop += 1;
                    index += 1;
                    continue;
                }
                let (Some(previous), Some(next)) =
                    (character_at(index - 1), character_at(index + 1))
                else {
                    break;
                };
                let joins = (joins_words(current) && is_word_character(next))
                    || (joins_digits(current)
                        && previous.is_ascii_digit()
                        && next.is_ascii_digit())
                    || (current == '.'
                        && letters_since_stop == 1
                        && previous.is_alphabetic()
                        && next.is_alphabetic());
                if !joins {
                    break;
                }
                letters_since_stop = if current == '.' {
                    0
                } else {
                    letters_since_stop
                };
                index += 1;
            }
            // A full stop that belongs to an abbreviation or an initial is part of the token.
            if character_at(index) == Some('.') {
                let word = &text[byte_at(start)..byte_at(index)];
                let with_stop = &text[byte_at(start)..byte_at(index + 1)];
                let is_initial = word.chars().count() == 1 && character.is_uppercase();
                let is_dotted = word.contains('.') && letters_since_stop == 1;
                if abbreviations.contains(with_stop) || is_initial || is_dotted {
                    index += 1;
                }
            }
        } else {
            index += 1;
            while character_at(index) == Some(character) {
                index += 1;
            }
        }
        let span = Span::new(byte_at(start), byte_at(index));
        tokens.push(Token {
            span,
            normalized: normalize(&text[span.start..span.end]),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_texts(text: &str, abbreviations: &Abbreviations) -> Vec<String> {
        tokenize(text, abbreviations)
            .into_iter()
            .map(|token| text[token.span.start..token.span.end].to_string())
            .collect()
    }

    #[test]
    fn numbers_keep_their_separators_and_words_their_hyphens() {
        let none = Abbreviations::default();
        assert_eq!(
            token_texts(
                "Hampir 2.000 pasukan, 1,500 troops; 3.5% on 12/06/2024 at 10:30 in Nagorno-Karabakh.",
                &none
            ),
            [
                "Hampir",
                "2.000",
                "pasukan",
                ",",
                "1,500",
                "troops",
                ";",
                "3.5",
                "%",
                "on",
                "12/06/2024",
                "at",
                "10:30",
                "in",
                "Nagorno-Karabakh",
                "."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_dotted_capitals_keep_their_full_stop() {
        let abbreviations = Abbreviations::parse("Gen.\n");
        assert_eq!(
            token_texts("Gen. J. Smith of the U.S. said so...", &abbreviations),
            [
                "Gen.", "J.", "Smith", "of", "the", "U.S.", "said", "so", "..."
            ]
        );
        assert_eq!(
            token_texts("Kompas.com (Georgia's) «sí»", &Abbreviations::default()),
            ["Kompas", ".", "com", "(", "Georgia's", ")", "«", "sí", "»"]
        );
    }

    #[test]
    fn normalised_forms_are_lower_case_without_accents() {
        let tokens = tokenize("Bogotá PÉREZ", &Abbreviations::default());
        let forms: Vec<&str> = tokens
            .iter()
            .map(|token| token.normalized.as_str())
            .collect();
        assert_eq!(forms, ["bogota", "perez"]);
    }
}
