//! The words of a text with their byte spans, case and position, as place recognition reads them.
//!
//! A word is a run of letters, digits and combining marks; an apostrophe or a period inside it
//! stays part of it when a letter follows ("O'Hare", "U.S."), so abbreviations keep their shape
//! for the gazetteer. Everything else that is not space is a one-character punctuation token.

/// One token of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Lower-case form (Unicode rules).
    pub lower: String,
    pub kind: WordKind,
    /// The first letter is upper case.
    pub capitalised: bool,
    /// Every letter is upper case and there are at least two.
    pub all_caps: bool,
    /// The first word of a sentence or of a line, where case says nothing about a name.
    pub sentence_start: bool,
    /// A line break lies between this token and the one before.
    pub line_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters (possibly with digits, apostrophes and inner periods).
    Letters,
    /// Digits only (with inner periods, commas or colons: "17.30", "2,000").
    Number,
    /// One punctuation character.
    Punctuation(char),
}

impl Word {
    pub fn is_word(&self) -> bool {
        self.kind == WordKind::Letters
    }

    pub fn is_punctuation(&self, character: char) -> bool {
        self.kind == WordKind::Punctuation(character)
    }

    /// A dash of any kind: `-`, `–`, `—`.
    pub fn is_dash(&self) -> bool {
        matches!(
            self.kind,
            WordKind::Punctuation('-' | '–' | '—' | '‒' | '―')
        )
    }
}

fn is_word_character(character: char) -> bool {
    if character.is_ascii() {
        character.is_ascii_alphanumeric()
    } else {
        character.is_alphanumeric() || is_combining_mark(character)
    }
}

/// Combining marks of the scripts truce's packs write (Latin accents given apart, Arabic
/// harakat, Devanagari and Thai vowel signs): they belong to the letter before them.
fn is_combining_mark(character: char) -> bool {
    matches!(character as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether a word's first letter is upper case, and whether all of its letters are and it has
/// at least two.
fn letter_case(surface: &str) -> (bool, bool) {
    // Each letter as (upper case, lower case); ASCII words skip the Unicode tables.
    if surface.is_ascii() {
        case_of_letters(
            surface
                .bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|letter| (letter.is_ascii_uppercase(), letter.is_ascii_lowercase())),
        )
    } else {
        case_of_letters(
            surface
                .chars()
                .filter(|character| character.is_alphabetic())
                .map(|letter| (letter.is_uppercase(), letter.is_lowercase())),
        )
    }
}

fn case_of_letters(mut letters: impl Iterator<Item = (bool, bool)>) -> (bool, bool) {
    let Some((first_upper, first_lower)) = letters.next() else {
        return (false, false);
    };
    let mut letter_count = 1;
    let mut any_lower_case = first_lower;
    for (_, lower) in letters {
        letter_count += 1;
        any_lower_case |= lower;
    }
    (first_upper, letter_count >= 2 && !any_lower_case)
}

/// The character starting at byte `at` (a character boundary), read without the UTF-8
/// decoder when it is ASCII, as most characters of most news are.
fn character_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Splits `text` into words and punctuation, marking sentence and line starts.
pub fn words(text: &str) -> Vec<Word> {
    // News averages a token every five or six bytes.
    let mut tokens: Vec<Word> = Vec::with_capacity(text.len() / 5);
    let mut saw_newline = true;
    let mut at_sentence_start = true;
    let mut position = 0;
    while let Some(character) = character_at(text, position) {
        let start = position;
        position += character.len_utf8();
        if character.is_whitespace() {
            if character == '\n' || character == '\r' {
                saw_newline = true;
                at_sentence_start = true;
            }
            continue;
        }
        if is_word_character(character) {
            let mut end = position;
            let mut all_digits = character.is_numeric();
            while let Some(next) = character_at(text, end) {
                if is_word_character(next) {
                    all_digits &= next.is_numeric();
                    end += next.len_utf8();
                    continue;
                }
                // An apostrophe, a period, or (between digits) a comma or colon stays inside
                // the word when a word character follows it.
                let joins =
                    matches!(next, '\'' | '’' | '.') || (all_digits && matches!(next, ',' | ':'));
                if !joins {
                    break;
                }
                match character_at(text, end + next.len_utf8()) {
                    Some(following) if is_word_character(following) => {
                        if all_digits && !following.is_numeric() {
                            break;
                        }
                        end += next.len_utf8();
                    }
                    _ => {
                        // "U.S." keeps its final period when it is an abbreviation of
                        // single letters; a sentence's last period stays punctuation.
                        if next == '.' && is_dotted_abbreviation(&text[start..end]) {
                            end += 1;
                        }
                        break;
                    }
                }
            }
            position = end;
            let surface = &text[start..end];
            let (capitalised, all_caps) = letter_case(surface);
            tokens.push(Word {
                start,
                end,
                lower: if surface.is_ascii() {
                    surface.to_ascii_lowercase()
                } else {
                    surface.to_lowercase()
                },
                kind: if all_digits {
                    WordKind::Number
                } else {
                    WordKind::Letters
                },
                capitalised,
                all_caps,
                sentence_start: at_sentence_start,
                line_start: saw_newline,
            });
            at_sentence_start = false;
            saw_newline = false;
            continue;
        }
        tokens.push(Word {
            start,
            end: position,
            lower: character.to_string(),
            kind: WordKind::Punctuation(character),
            capitalised: false,
            all_caps: false,
            sentence_start: at_sentence_start,
            line_start: saw_newline,
        });
        saw_newline = false;
        match character {
            '.' | '!' | '?' | '…' | '。' => at_sentence_start = true,
            // An opening quote or bracket keeps a sentence start for the word after it.
            '"' | '“' | '«' | '(' | '[' | '\'' | '‘' | '¿' | '¡' => {}
            _ => at_sentence_start = false,
        }
    }
    tokens
}

/// "U.S", "U.K", "D.C": single letters joined by periods, waiting for their last period.
fn is_dotted_abbreviation(surface: &str) -> bool {
    let parts: Vec<&str> = surface.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|part| part.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        words(text)
            .iter()
            .map(|word| &text[word.start..word.end])
            .collect()
    }

    #[test]
    fn abbreviations_apostrophes_and_numbers_stay_whole() {
        assert_eq!(
            surfaces("The U.S. and O'Hare, pukul 17.30 WIB, 2,000 troops."),
            [
                "The", "U.S.", "and", "O'Hare", ",", "pukul", "17.30", "WIB", ",", "2,000",
                "troops", "."
            ]
        );
        assert_eq!(surfaces("Nagorno-Karabakh"), ["Nagorno", "-", "Karabakh"]);
    }

    #[test]
    fn case_and_starts_are_marked() {
        let tokens = words("JAKARTA — Polisi menangkap.\nDi Bogotá (AFP) se marchó");
        let jakarta = &tokens[0];
        assert!(jakarta.all_caps && jakarta.capitalised && jakarta.sentence_start);
        let polisi = &tokens[2];
        assert!(polisi.capitalised && !polisi.sentence_start);
        let di = &tokens[5];
        assert!(di.line_start && di.sentence_start);
        let bogota = &tokens[6];
        assert_eq!(bogota.lower, "bogotá");
        assert!(!bogota.sentence_start && !bogota.all_caps);
    }

    #[test]
    fn spans_slice_back_on_any_text() {
        for text in [
            "",
            "  ",
            "é\u{301}x",
            "a.b.",
            "9:",
            "’’",
            "—x",
            "الحرب في غزة",
        ] {
            for word in words(text) {
                assert!(text.get(word.start..word.end).is_some(), "{text:?}");
                assert!(word.start < word.end);
            }
        }
    }
}
