//! Sentence and token segmentation: every sentence and token is a byte span into the cleaned article text.
//!
//! Sentences end at `.`, `!`, `?` and `…` (with any closing quotes or brackets after them) when
//! white space follows, at blank lines, and at single line breaks unless the next line starts
//! with a lower-case letter (then the line break is taken for a hard wrap). A full stop does not
//! end a sentence after an abbreviation from the language pack's `abbreviations.txt`, after a
//! single capital letter (an initial), inside a number (`2.000`, `3.5`), or before a lower-case
//! word. Tokens are words (with inner hyphens and apostrophes), numbers (with inner `.`, `,`,
//! `/` and `:` between digits) and punctuation runs; each carries a normalised form for look-ups.

mod abbreviations;
mod normalize;
mod sentences;
mod tokens;

use truce_core::{Sentence, Span};

pub use abbreviations::{Abbreviations, abbreviations_for};
pub use normalize::normalize;
pub use sentences::sentence_spans;
pub use tokens::tokenize;

/// Split `text` into sentences and tokens for the language `lang` (a BCP 47 tag; an unknown tag
/// uses every pack's abbreviations). Every span slices `text` exactly.
pub fn segment(text: &str, lang: &str) -> Vec<Sentence> {
    let abbreviations = abbreviations_for(lang);
    sentence_spans(text, abbreviations)
        .into_iter()
        .map(|sentence_span| Sentence {
            span: sentence_span,
            tokens: tokenize(&text[sentence_span.start..sentence_span.end], abbreviations)
                .into_iter()
                .map(|token| truce_core::Token {
                    span: token.span.shifted(sentence_span.start),
                    normalized: token.normalized,
                })
                .collect(),
        })
        .collect()
}

/// Split `text` into sentences as [`segment`] does, leaving each sentence's tokens empty, for
/// callers that need only where the sentences are.
pub fn segment_sentences(text: &str, lang: &str) -> Vec<Sentence> {
    sentence_spans(text, abbreviations_for(lang))
        .into_iter()
        .map(|span| Sentence {
            span,
            tokens: Vec::new(),
        })
        .collect()
}

/// The text a span names; a convenience for callers that hold spans from `segment`.
pub fn span_text(text: &str, span: Span) -> &str {
    span.slice(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts<'text>(text: &'text str, lang: &str) -> Vec<&'text str> {
        segment(text, lang)
            .iter()
            .map(|sentence| span_text(text, sentence.span))
            .collect()
    }

    #[test]
    fn sentences_end_at_terminators_and_paragraph_breaks() {
        let text = "Troops left. Did they?  Yes!\n\nA new paragraph… Then \"a quote.\" And (a bracket.) End";
        assert_eq!(
            sentence_texts(text, "en"),
            [
                "Troops left.",
                "Did they?",
                "Yes!",
                "A new paragraph…",
                "Then \"a quote.\"",
                "And (a bracket.)",
                "End"
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_sentences() {
        let english = "Mr. Smith met Gen. Lee in the U.S. Capitol on Jan. 5. George W. Bush spoke. It cost 3.5 million.";
        assert_eq!(
            sentence_texts(english, "en"),
            [
                "Mr. Smith met Gen. Lee in the U.S. Capitol on Jan. 5.",
                "George W. Bush spoke.",
                "It cost 3.5 million."
            ]
        );
        let indonesian = "Kol. Budi tiba di Jl. Sudirman No. 5. Moskow mengirim 2.000 pasukan.";
        assert_eq!(
            sentence_texts(indonesian, "id"),
            [
                "Kol. Budi tiba di Jl. Sudirman No. 5.",
                "Moskow mengirim 2.000 pasukan."
            ]
        );
        let spanish = "La Sra. Pérez habló con el Sr. Gómez. Luego se fue.";
        assert_eq!(
            sentence_texts(spanish, "es"),
            ["La Sra. Pérez habló con el Sr. Gómez.", "Luego se fue."]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence_unless_the_next_line_continues_it() {
        let text = "Headline without a stop\nFirst line of the body,\ncontinued here. Next.";
        assert_eq!(
            sentence_texts(text, "en"),
            [
                "Headline without a stop",
                "First line of the body,\ncontinued here.",
                "Next."
            ]
        );
    }

    #[test]
    fn sentences_alone_have_the_spans_of_full_segmentation_and_no_tokens() {
        let text = "Dr. Smith arrived.  Pasukan Rusia ditarik pada 12.06.2024.\n\nNext line";
        for lang in ["en", "id", "xx"] {
            let full = segment(text, lang);
            let alone = segment_sentences(text, lang);
            let spans =
                |sentences: &[Sentence]| sentences.iter().map(|s| s.span).collect::<Vec<_>>();
            assert_eq!(spans(&alone), spans(&full), "{lang}");
            assert!(alone.iter().all(|sentence| sentence.tokens.is_empty()));
        }
    }

    #[test]
    fn tokens_are_shifted_into_the_article_text() {
        let text = "Satu.  Pasukan Rusia ditarik.";
        let sentences = segment(text, "id");
        let second = &sentences[1];
        let token_texts: Vec<&str> = second
            .tokens
            .iter()
            .map(|token| span_text(text, token.span))
            .collect();
        assert_eq!(token_texts, ["Pasukan", "Rusia", "ditarik", "."]);
        assert!(
            second
                .tokens
                .iter()
                .all(|token| second.span.contains(&token.span))
        );
    }
}
