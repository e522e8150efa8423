//! Time expressions resolved to absolute dates with precision, per language.
//!
//! Each language pack's `dates.toml` lists its month and weekday names, unit and count words and
//! the patterns dates are written in (see `lang/_template/dates.toml` for the schema). The
//! finder matches every pattern on the text's tokens, keeps the longest non-overlapping matches,
//! and resolves each against the publication date (`resolve` says how). Spans are byte ranges into
//! the text given, so they slice back to the words they name.

mod calendar;
mod error;
mod pattern;
mod resolve;
mod rules;
mod tokens;

pub use error::DatesError;
pub use rules::DateRules;

use std::sync::LazyLock;
use truce_core::{PartialDate, Span};

/// Whether the text alone fixes the date, or it was worked out from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeExpressionKind {
    /// The expression carries its year or decade: "12 June 2024", "the 1990s".
    Absolute,
    /// The expression needs the publication date: "yesterday", "12 Juni", "on Tuesday".
    Relative,
}

/// A time expression found in a text and the date it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeExpression {
    /// The expression's words, without cues such as "in" or "pada" that only admit it.
    pub span: truce_core::Span,
    pub date: truce_core::PartialDate,
    pub kind: TimeExpressionKind,
    /// The clause the expression sits in: the text around it up to the nearest `,` `;` `:`
    /// dash, sentence end or line break on each side. `governing_date` uses it to prefer an
    /// expression in the same clause as the event.
    pub clause: truce_core::Span,
}

/// Every language's compiled rules, built on first use; a pack whose file does not load keeps
/// its error so `date_rules` can report it.
static RULES: LazyLock<Vec<(&'static str, Result<DateRules, DatesError>)>> = LazyLock::new(|| {
    truce_lang::all_packs()
        .map(|pack| {
            let file = format!("lang/{}/dates.toml", pack.code);
            (pack.code, DateRules::from_toml(&file, pack.dates))
        })
        .collect()
});

/// The compiled date rules of the pack for `lang` (a BCP 47 tag; `id-ID` finds `id`).
pub fn date_rules(lang: &str) -> Result<&'static DateRules, DatesError> {
    let unknown = || DatesError::UnknownLanguage {
        lang: lang.to_string(),
    };
    let pack = truce_lang::pack(lang).ok_or_else(unknown)?;
    let (_, rules) = RULES
        .iter()
        .find(|(code, _)| *code == pack.code)
        .ok_or_else(unknown)?;
    rules.as_ref().map_err(Clone::clone)
}

/// Every time expression in `text` whose date can be known, in text order. Relative expressions
/// and day-months without a year need `publication`; without it they are left out. A language
/// without a pack, or whose `dates.toml` does not load, finds nothing.
pub fn find_time_expressions(
    text: &str,
    lang: &str,
    publication: Option<truce_core::PartialDate>,
) -> Vec<TimeExpression> {
    match date_rules(lang) {
        Ok(rules) => rules.find(text, publication),
        Err(_) => Vec::new(),
    }
}

/// A match before it is chosen over the others it overlaps.
struct Candidate {
    expression_index: usize,
    found: pattern::PatternMatch,
}

impl DateRules {
    /// Every time expression in `text` under these rules (see `find_time_expressions`).
    pub fn find(&self, text: &str, publication: Option<PartialDate>) -> Vec<TimeExpression> {
        let mut tokens = tokens::tokenize(text);
        self.annotate(&mut tokens);
        let mut candidates = Vec::new();
        let mut starting = Vec::new();
        for (position, token) in tokens.iter().enumerate() {
            self.starts.starting_at(token, &mut starting);
            for &expression_index in &starting {
                let expression = &self.expressions[expression_index];
                if let Some(found) =
                    self.match_pattern(text, &expression.elements, &tokens, position)
                {
                    candidates.push(Candidate {
                        expression_index,
                        found,
                    });
                }
            }
        }
        // The longest expression wins an overlap ("12 Juni 2024" over "Juni 2024"); among equals
        // the earlier one, then the one listed first in the file, which is how a file says that
        // "minggu lalu" is last week before it is last Sunday.
        candidates.sort_by_key(|candidate| {
            (
                std::cmp::Reverse(candidate.found.span_end - candidate.found.span_start),
                candidate.found.span_start,
                candidate.expression_index,
            )
        });
        let mut chosen: Vec<&Candidate> = Vec::new();
        // The chosen spans never overlap, so the one starting last before a candidate ends is
        // the only one that can overlap it: a lookup, not a scan, keeps long texts linear.
        let mut chosen_spans: std::collections::BTreeMap<usize, usize> =
            std::collections::BTreeMap::new();
        for candidate in &candidates {
            let (start, end) = (candidate.found.span_start, candidate.found.span_end);
            let overlaps = chosen_spans
                .range(..end)
                .next_back()
                .is_some_and(|(_, &other_end)| other_end > start);
            if !overlaps {
                chosen_spans.insert(start, end);
                chosen.push(candidate);
            }
        }
        chosen.sort_by_key(|candidate| candidate.found.span_start);
        chosen
            .into_iter()
            .filter_map(|candidate| {
                let expression = &self.expressions[candidate.expression_index];
                let date =
                    self.resolve(expression, &candidate.found.captures, publication.as_ref())?;
                let span = Span::new(candidate.found.span_start, candidate.found.span_end);
                Some(TimeExpression {
                    span,
                    date,
                    kind: if expression.absolute {
                        TimeExpressionKind::Absolute
                    } else {
                        TimeExpressionKind::Relative
                    },
                    clause: clause_around(text, span),
                })
            })
            .collect()
    }
}

/// Whether the character at byte `index` of `text` ends a clause. Commas and full stops between
/// digits are part of a number ("1,500"), and a full stop ends a clause only before whitespace or
/// the end of the text, so abbreviations such as "U.S." keep their clause.
fn ends_clause(text: &str, index: usize, character: char) -> bool {
    let digit_before = text[..index]
        .chars()
        .next_back()
        .is_some_and(|before| before.is_ascii_digit());
    let after = text[index + character.len_utf8()..].chars().next();
    let digit_after = after.is_some_and(|after| after.is_ascii_digit());
    match character {
        ',' => !(digit_before && digit_after),
        '.' => after.is_none_or(char::is_whitespace),
        ';' | ':' | '!' | '?' | '\n' | '\r' | '\u{2014}' | '\u{2013}' => true,
        _ => false,
    }
}

/// The clause around `span`: from just after the nearest clause boundary before it to the
/// nearest one after it.
fn clause_around(text: &str, span: Span) -> Span {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(index, character)| ends_clause(text, index, character))
        .map_or(0, |(index, character)| index + character.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(index, character)| ends_clause(text, span.end + index, character))
        .map_or(text.len(), |(index, _)| span.end + index);
    Span::new(start, end)
}

/// The expressions that start inside `span`, by binary search over `expressions` in text
/// order (as [`DateRules::find`] returns them); one may still run past the span's end.
pub fn expressions_starting_within(
    expressions: &[TimeExpression],
    span: truce_core::Span,
) -> &[TimeExpression] {
    let first = expressions.partition_point(|expression| expression.span.start < span.start);
    let after = &expressions[first..];
    let count = after.partition_point(|expression| expression.span.start < span.end);
    &after[..count]
}

/// The expression that governs the clause around byte offset `anchor` (usually the event verb)
/// inside `sentence`: one that contains the anchor; else the nearest one before the anchor with
/// no clause boundary between them; else the nearest one anywhere in the sentence (before the
/// anchor on a tie). `None` when the sentence has no expression.
pub fn governing_date(
    expressions: &[TimeExpression],
    sentence: truce_core::Span,
    anchor: usize,
) -> Option<&TimeExpression> {
    let in_sentence = || {
        expressions_starting_within(expressions, sentence)
            .iter()
            .filter(move |expression| sentence.contains(&expression.span))
    };
    if let Some(containing) = in_sentence()
        .find(|expression| expression.span.start <= anchor && anchor < expression.span.end)
    {
        return Some(containing);
    }
    let same_clause_before = in_sentence()
        .filter(|expression| expression.span.end <= anchor && anchor < expression.clause.end)
        .max_by_key(|expression| expression.span.end);
    if same_clause_before.is_some() {
        return same_clause_before;
    }
    in_sentence().min_by_key(|expression| {
        if expression.span.end <= anchor {
            (anchor - expression.span.end, 0)
        } else {
            (expression.span.start.saturating_sub(anchor), 1)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expression(text: &str, words: &str, year: i32) -> TimeExpression {
        let start = text.find(words).unwrap();
        let span = Span::new(start, start + words.len());
        TimeExpression {
            span,
            date: PartialDate::year(year),
            kind: TimeExpressionKind::Absolute,
            clause: clause_around(text, span),
        }
    }

    #[test]
    fn clauses_stop_at_commas_but_not_inside_numbers() {
        let text = "Troops left in 2020, killing 1,500 people; talks began in 2021.";
        let in_2020 = expression(text, "2020", 2020);
        assert_eq!(in_2020.clause.slice(text), Some("Troops left in 2020"));
        let in_2021 = expression(text, "2021", 2021);
        assert_eq!(in_2021.clause.slice(text), Some(" talks began in 2021"));
        let number = text.find("1,500").unwrap();
        let around_number = clause_around(text, Span::new(number, number + 5));
        assert_eq!(around_number.slice(text), Some(" killing 1,500 people"));
    }

    #[test]
    fn the_governing_expression_prefers_its_own_clause_then_the_nearest() {
        let text = "In May, Armenia returned four villages it had held since 2020, officials said in 2021.";
        let expressions = [
            expression(text, "May", 2024),
            expression(text, "2020", 2020),
            expression(text, "2021", 2021),
        ];
        let sentence = Span::new(0, text.len());
        let returned = text.find("returned").unwrap();
        // "May" is in another clause, but nearer than "2020".
        assert_eq!(
            governing_date(&expressions, sentence, returned).map(|found| found.date.year),
            Some(2024)
        );
        let said = text.find("said").unwrap();
        assert_eq!(
            governing_date(&expressions, sentence, said).map(|found| found.date.year),
            Some(2021)
        );
        // "since 2020" is nearer to "held" than "May" is, and in its clause.
        let held = text.find("held").unwrap();
        assert_eq!(
            governing_date(&expressions, sentence, held).map(|found| found.date.year),
            Some(2020)
        );
        assert!(governing_date(&expressions, Span::new(0, 3), 1).is_none());
    }

    #[test]
    fn an_expression_before_the_anchor_in_its_clause_beats_a_nearer_one_after() {
        let text = "On Tuesday the army withdrew, and on Friday it returned";
        let expressions = [
            expression(text, "Tuesday", 2024),
            expression(text, "Friday", 2023),
        ];
        let withdrew = text.find("withdrew").unwrap();
        let found = governing_date(&expressions, Span::new(0, text.len()), withdrew);
        assert_eq!(found.map(|found| found.date.year), Some(2024));
    }

    #[test]
    fn unknown_languages_find_nothing() {
        assert!(find_time_expressions("12 June 2024", "xx", None).is_empty());
        assert!(matches!(
            date_rules("xx"),
            Err(DatesError::UnknownLanguage { .. })
        ));
    }
}
