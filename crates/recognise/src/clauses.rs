//! Clause boundaries around a verb, so that a cue in one clause does not reach a verb in another.
//!
//! A clause ends at strong punctuation (`;`, brackets, quotes), before a contrastive or
//! subordinating conjunction ("but", "tetapi", "pero"), and at a comma followed by a
//! conjunction (", and", ", yang", ", y"). A bare comma does not end a clause: news sentences
//! put commas around dates and appositions ("meletus pada tahun 2020, menewaskan ribuan orang").

use crate::words::{PhraseTable, Token, TokenKind};
use std::ops::Range;

/// The clause rules of one language, from its `flags.toml`.
#[derive(Debug, Default)]
pub(crate) struct ClauseRules {
    /// Punctuation marks that always end a clause.
    pub boundary_punctuation: Vec<String>,
    /// Words that always start a new clause.
    pub conjunctions: PhraseTable<()>,
    /// Words that start a new clause when a comma stands right before them.
    pub comma_conjunctions: PhraseTable<()>,
}

/// The verb's position in the token stream: the tokens its span overlaps, or the gap it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VerbPosition {
    /// First token of the verb (or the first token after an empty verb span).
    pub first: usize,
    /// One past the last token of the verb (equal to `first` when the span covers no token).
    pub end: usize,
}

impl VerbPosition {
    pub fn locate(tokens: &[Token], verb_start: usize, verb_end: usize) -> VerbPosition {
        let first = tokens
            .iter()
            .position(|token| token.span.end > verb_start)
            .unwrap_or(tokens.len());
        let mut end = first;
        while end < tokens.len() && tokens[end].span.start < verb_end {
            end += 1;
        }
        VerbPosition { first, end }
    }
}

impl ClauseRules {
    fn starts_clause(&self, tokens: &[Token], index: usize) -> bool {
        let Some(token) = tokens.get(index) else {
            return false;
        };
        if self.conjunctions.any_match_at(tokens, index) {
            return true;
        }
        let Some(previous) = index
            .checked_sub(1)
            .and_then(|previous| tokens.get(previous))
        else {
            return false;
        };
        if previous.kind == TokenKind::Punctuation && self.is_boundary_mark(previous) {
            return true;
        }
        previous.kind == TokenKind::Punctuation
            && previous.written == ","
            && token.kind != TokenKind::Punctuation
            && self.comma_conjunctions.any_match_at(tokens, index)
    }

    fn is_boundary_mark(&self, token: &Token) -> bool {
        self.boundary_punctuation.contains(&token.written)
    }

    /// The token range of the clause holding the verb. Boundaries inside the verb's own tokens
    /// are ignored, so a verb phrase is never cut in two.
    pub fn clause_of(&self, tokens: &[Token], verb: VerbPosition) -> Range<usize> {
        let mut start = verb.first.min(tokens.len());
        while start > 0 && !self.starts_clause(tokens, start) {
            start -= 1;
        }
        let mut end = verb.end.max(verb.first + 1).min(tokens.len());
        while end < tokens.len()
            && !self.starts_clause(tokens, end)
            && !self.is_boundary_mark(&tokens[end])
        {
            end += 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Phrase;
    use crate::words::tokenize;

    fn rules() -> ClauseRules {
        ClauseRules {
            boundary_punctuation: vec![";".into(), "(".into(), ")".into()],
            conjunctions: Phrase::parse("but", false).into_iter().collect(),
            comma_conjunctions: Phrase::parse("and", false).into_iter().collect(),
        }
    }

    fn clause_text(text: &str, verb: &str) -> String {
        let tokens = tokenize(text);
        let start = text.find(verb).unwrap();
        let position = VerbPosition::locate(&tokens, start, start + verb.len());
        let range = rules().clause_of(&tokens, position);
        tokens[range]
            .iter()
            .map(|token| token.written.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn clauses_end_at_conjunctions_semicolons_and_comma_conjunctions() {
        assert_eq!(
            clause_text("They will stay, but troops withdrew", "withdrew"),
            "but troops withdrew"
        );
        assert_eq!(
            clause_text("They will stay, but troops withdrew", "stay"),
            "They will stay ,"
        );
        assert_eq!(
            clause_text("It broke out in 2020, killing thousands; talks", "killing"),
            "It broke out in 2020 , killing thousands"
        );
        assert_eq!(
            clause_text("No one came, and troops withdrew", "withdrew"),
            "and troops withdrew"
        );
    }

    #[test]
    fn a_verb_outside_every_token_still_gets_a_clause() {
        let tokens = tokenize("a b");
        let position = VerbPosition::locate(&tokens, 10, 10);
        assert_eq!(position, VerbPosition { first: 2, end: 2 });
        assert_eq!(rules().clause_of(&tokens, position), 0..2);
    }
}
