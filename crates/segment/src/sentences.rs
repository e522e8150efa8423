//! Sentence boundaries: terminators followed by white space, blank lines and line breaks, with the exceptions abbreviations and numbers need.

use truce_core::Span;

use crate::abbreviations::Abbreviations;

fn is_terminator(character: char) -> bool {
    matches!(character, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Quotes and brackets that close what a terminator ended: they belong to the sentence.
fn is_closer(character: char) -> bool {
    matches!(
        character,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}'
    )
}

/// Quotes and brackets that may open a word; stripped before looking a word up as an abbreviation.
fn is_opener(character: char) -> bool {
    matches!(
        character,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡'
    )
}

/// The spans of the sentences of `text`, in order, each trimmed of surrounding white space.
pub fn sentence_spans(text: &str, abbreviations: &Abbreviations) -> Vec<Span> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |index: usize| characters.get(index).map_or(text.len(), |(byte, _)| *byte);
    let mut spans = Vec::new();
    let mut sentence_start: Option<usize> = None;
    let mut index = 0;
    while index < characters.len() {
        let (byte, character) = characters[index];
        let Some(start) = sentence_start else {
            if !character.is_whitespace() {
                sentence_start = Some(byte);
            }
            index += 1;
            continue;
        };
        if character == '\n' {
            let mut after = index + 1;
            let mut n_line_breaks = 1;
            while after < characters.len() && characters[after].1.is_whitespace() {
                n_line_breaks += usize::from(characters[after].1 == '\n');
                after += 1;
            }
            let next_is_lowercase = characters
                .get(after)
                .is_some_and(|(_, next)| next.is_lowercase());
            if n_line_breaks >= 2 || !next_is_lowercase {
                let end = start + text[start..byte].trim_end().len();
                spans.push(Span::new(start, end));
                sentence_start = None;
            }
            index = after;
            continue;
        }
        if !is_terminator(character) {
            index += 1;
            continue;
        }
        let mut after = index + 1;
        while after < characters.len() && is_terminator(characters[after].1) {
            after += 1;
        }
        let terminator_run_length = after - index;
        while after < characters.len() && is_closer(characters[after].1) {
            after += 1;
        }
        let followed_by_space_or_end =
            after == characters.len() || characters[after].1.is_whitespace();
        if followed_by_space_or_end
            && ends_sentence(
                text,
                start,
                byte,
                character,
                terminator_run_length,
                &characters[after..],
                abbreviations,
            )
        {
            spans.push(Span::new(start, byte_at(after)));
            sentence_start = None;
        }
        index = after;
    }
    if let Some(start) = sentence_start {
        let end = start + text[start..].trim_end().len();
        spans.push(Span::new(start, end));
    }
    spans
}

/// Whether the terminator at `terminator_byte` ends the sentence that began at `sentence_start`.
fn ends_sentence(
    text: &str,
    sentence_start: usize,
    terminator_byte: usize,
    terminator: char,
    terminator_run_length: usize,
    following: &[(usize, char)],
    abbreviations: &Abbreviations,
) -> bool {
    let next_visible = following
        .iter()
        .map(|(_, character)| *character)
        .find(|character| !character.is_whitespace());
    // A lower-case word after a terminator continues the sentence ("…and 3 p.m. on Monday").
    if next_visible.is_some_and(char::is_lowercase) {
        return false;
    }
    if terminator != '.' || terminator_run_length != 1 {
        return true;
    }
    let before = &text[sentence_start..terminator_byte];
    let word_start = before.rfind(char::is_whitespace).map_or(0, |space_byte| {
        space_byte
            + before[space_byte..]
                .chars()
                .next()
                .map_or(1, char::len_utf8)
    });
    let word = before[word_start..].trim_start_matches(is_opener);
    if word.is_empty() {
        return true;
    }
    let word_with_stop = &text[sentence_start + (before.len() - word.len())..=terminator_byte];
    if abbreviations.contains(word_with_stop) {
        return false;
    }
    let mut word_characters = word.chars();
    let is_initial = matches!(
        (word_characters.next(), word_characters.next()),
        (Some(letter), None) if letter.is_uppercase()
    );
    !is_initial
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split<'text>(text: &'text str, abbreviations: &Abbreviations) -> Vec<&'text str> {
        sentence_spans(text, abbreviations)
            .into_iter()
            .map(|span| &text[span.start..span.end])
            .collect()
    }

    #[test]
    fn an_abbreviation_in_brackets_or_quotes_is_still_found() {
        let abbreviations = Abbreviations::parse("Gen.\n");
        assert_eq!(
            split("Led by (Gen. Aliyev) troops. Done.", &abbreviations),
            ["Led by (Gen. Aliyev) troops.", "Done."]
        );
    }

    #[test]
    fn a_full_stop_inside_a_word_or_number_is_not_a_boundary() {
        let none = Abbreviations::default();
        assert_eq!(
            split("Visit Kompas.com for 1.500 stories.Then stop.", &none),
            ["Visit Kompas.com for 1.500 stories.Then stop."]
        );
    }

    #[test]
    fn ellipses_and_mixed_terminators_end_once() {
        let none = Abbreviations::default();
        assert_eq!(
            split("Really?! Yes... and then... Nothing.", &none),
            ["Really?!", "Yes... and then...", "Nothing."]
        );
    }

    #[test]
    fn white_space_only_text_has_no_sentences() {
        assert!(sentence_spans(" \n\n\t ", &Abbreviations::default()).is_empty());
        assert!(sentence_spans("", &Abbreviations::default()).is_empty());
    }
}
