//! The coder's own word tokens for one sentence: byte spans, normalised text, and the joined string the automata scan.

use truce_core::Span;
use truce_dictionaries::normalize_word;

use crate::lexicon::WordId;

#[derive(Debug, Clone)]
pub(crate) struct CoderToken {
    pub span: Span,
    /// Upper case, accents removed: the form dictionaries are compared in.
    pub text: String,
    /// Starts with an upper-case letter in the original text.
    pub capitalized: bool,
    pub is_punctuation: bool,
    /// The pack says the word as written can only be a verb (Spanish `retiró`): it names no
    /// actor or agent.
    pub verb_only: bool,
    /// The text's number in the coder's vocabulary; [`WordId::UNKNOWN`] until
    /// [`crate::lexicon::Vocabulary::identify`] gives it.
    pub word: WordId,
}

/// Splits a sentence into words, numbers and punctuation. English clitics are separate tokens
/// (`Arnor's` → `ARNOR` `'S`, `didn't` → `DID` `N'T`), as the dictionaries expect.
pub(crate) fn tokenize(sentence: &str) -> Vec<CoderToken> {
    let mut tokens = Vec::new();
    let mut characters = sentence.char_indices().peekable();
    while let Some((start, character)) = characters.next() {
        // An underscore joins words the way a blank does (`Dol_Amroth`, as TABARI's texts
        // and dictionaries write multi-word names).
        if character.is_whitespace() || character == '_' {
            continue;
        }
        if character.is_alphanumeric() {
            let mut end = start + character.len_utf8();
            while let Some(&(position, next)) = characters.peek() {
                let after = sentence[position + next.len_utf8()..].chars().next();
                let so_far = &sentence[start..position];
                let continues = next.is_alphanumeric()
                    || match next {
                        // Apostrophes and hyphens join letters.
                        '\'' | '\u{2019}' | '-' => after.is_some_and(char::is_alphanumeric),
                        // Points and commas join digits (`2.000`, `1,500`).
                        ',' => {
                            after.is_some_and(|c| c.is_ascii_digit())
                                && so_far.ends_with(|c: char| c.is_ascii_digit())
                        }
                        '.' if after.is_some_and(|c| c.is_ascii_digit())
                            && so_far.ends_with(|c: char| c.is_ascii_digit()) =>
                        {
                            true
                        }
                        // Points join the letters of an acronym (`U.N.`, `U.S.`), the last one included.
                        '.' => {
                            is_acronym_so_far(so_far)
                                && after.is_none_or(|c| !c.is_alphanumeric() || c.is_uppercase())
                        }
                        _ => false,
                    };
                if !continues {
                    break;
                }
                end = position + next.len_utf8();
                characters.next();
            }
            push_word(sentence, start, end, &mut tokens);
        } else {
            let end = start + character.len_utf8();
            tokens.push(CoderToken {
                span: Span::new(start, end),
                text: normalize_word(&sentence[start..end]),
                capitalized: false,
                is_punctuation: true,
                verb_only: false,
                word: WordId::UNKNOWN,
            });
        }
    }
    tokens
}

/// `U`, `U.N`, `U.S.A`: single letters, each after a point.
fn is_acronym_so_far(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

fn push_word(sentence: &str, start: usize, end: usize, tokens: &mut Vec<CoderToken>) {
    let word = &sentence[start..end];
    // `Armenia-Azerbaijan`, `US-PRC`: names joined by a hyphen are separate names, so the
    // hyphen becomes its own token (the phrase tables hold hyphenated names both ways).
    if word.contains('-')
        && word
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase))
    {
        let mut part_start = start;
        for (index, part) in word.split('-').enumerate() {
            if index > 0 {
                tokens.push(CoderToken {
                    span: Span::new(part_start - 1, part_start),
                    text: "-".to_string(),
                    capitalized: false,
                    is_punctuation: false,
                    verb_only: false,
                    word: WordId::UNKNOWN,
                });
            }
            push_plain_word(sentence, part_start, part_start + part.len(), tokens);
            part_start += part.len() + 1;
        }
        return;
    }
    push_plain_word(sentence, start, end, tokens);
}

fn push_plain_word(sentence: &str, start: usize, end: usize, tokens: &mut Vec<CoderToken>) {
    let word = &sentence[start..end];
    let normalized = normalize_word(word);
    // Split the English possessive and negative clitics off so `ARNOR` and `N'T` match alone.
    let clitic_characters = if normalized.ends_with("N'T") && normalized.len() > 3 {
        3
    } else if normalized.ends_with("'S") && normalized.len() > 2 {
        2
    } else {
        0
    };
    let split_at = if clitic_characters == 0 {
        None
    } else {
        word.char_indices()
            .rev()
            .nth(clitic_characters - 1)
            .map(|(index, _)| index)
    };
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    match split_at {
        Some(split) if split > 0 && split < word.len() && word.is_char_boundary(split) => {
            tokens.push(CoderToken {
                span: Span::new(start, start + split),
                text: normalize_word(&word[..split]),
                capitalized,
                is_punctuation: false,
                verb_only: false,
                word: WordId::UNKNOWN,
            });
            tokens.push(CoderToken {
                span: Span::new(start + split, end),
                text: normalize_word(&word[split..]),
                capitalized: false,
                is_punctuation: false,
                verb_only: false,
                word: WordId::UNKNOWN,
            });
        }
        _ => tokens.push(CoderToken {
            span: Span::new(start, end),
            text: normalized,
            capitalized,
            is_punctuation: false,
            verb_only: false,
            word: WordId::UNKNOWN,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sentence: &str) -> Vec<String> {
        tokenize(sentence)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn clitics_numbers_and_punctuation() {
        assert_eq!(
            texts("Arnor's envoy didn't go."),
            vec!["ARNOR", "'S", "ENVOY", "DID", "N'T", "GO", "."]
        );
        assert_eq!(
            texts("hampir 2.000 pasukan, 1,500 troops"),
            vec!["HAMPIR", "2.000", "PASUKAN", ",", "1,500", "TROOPS"]
        );
        assert_eq!(texts("Nagorno-Karabakh"), vec!["NAGORNO", "-", "KARABAKH"]);
        assert_eq!(texts("anti-tank"), vec!["ANTI-TANK"]);
        assert_eq!(texts("Moscú"), vec!["MOSCU"]);
        assert_eq!(texts("the U.N. said"), vec!["THE", "U.N.", "SAID"]);
        assert_eq!(texts("in the U.S."), vec!["IN", "THE", "U.S."]);
        assert_eq!(texts("Plan B. Then"), vec!["PLAN", "B.", "THEN"]);
    }

    #[test]
    fn spans_slice_back() {
        let sentence = "Yerevan’s troops “withdrew” from the area—again.";
        for token in tokenize(sentence) {
            assert!(token.span.slice(sentence).is_some());
        }
    }
}
