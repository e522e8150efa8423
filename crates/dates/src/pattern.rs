//! Date patterns: the small language `dates.toml` writes expressions in, and matching it on tokens.
//!
//! A pattern is a sequence of elements. A word (`bulan`, or alternatives `in|during`) matches a
//! word case-insensitively; a punctuation character matches itself; `{slot}` matches a day, a
//! month name, a year and so on and captures its value; `?` after an element makes it optional;
//! elements inside `[...]` at the start or end must be present but stay outside the expression's
//! span (the cue "in" of "in 2020"). Whitespace between two elements in the pattern allows
//! spaces (never a line break) between them in the text; no whitespace means they must touch.

use crate::rules::{DateRules, NameCase};
use crate::tokens::{FastMap, Token, TokenKind, WordCase, normalise_punct};

/// The calendar unit of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub(crate) fn from_name(name: &str) -> Option<Unit> {
        match name {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            _ => None,
        }
    }
}

/// What a `{slot}` matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// A day of the month, 1–31, with an optional ordinal suffix touching it ("12th").
    Day,
    /// A month name or abbreviation from `[names] months`.
    Month,
    /// A month written as a number, 1–12.
    MonthNumber,
    /// A four-digit year inside `[calendar]`'s range.
    Year,
    /// A four-digit year ending in 0 ("1990" of "1990s").
    Decade,
    /// Two digits ending in 0, read as a decade of the 1900s ("90" of "'90s").
    DecadeShort,
    /// A word naming a decade, from `[decade_words]` ("noventa").
    DecadeWord,
    /// A weekday name or abbreviation from `[names] weekdays`.
    Weekday,
    /// A small count: digits or a word from `[count_words]`.
    Count,
    /// A unit word from `[units]`.
    Unit,
}

impl Slot {
    pub(crate) fn from_name(name: &str) -> Option<Slot> {
        Some(match name {
            "day" => Slot::Day,
            "month" => Slot::Month,
            "month_number" => Slot::MonthNumber,
            "year" => Slot::Year,
            "decade" => Slot::Decade,
            "decade_short" => Slot::DecadeShort,
            "decade_word" => Slot::DecadeWord,
            "weekday" => Slot::Weekday,
            "count" => Slot::Count,
            "unit" => Slot::Unit,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ElementKind {
    /// Lower-case alternatives, any of which matches one token.
    Word(Vec<String>),
    Punct(char),
    Slot(Slot),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub(crate) kind: ElementKind,
    pub(crate) optional: bool,
    /// Whether the pattern has whitespace before this element (the text may then have spaces).
    pub(crate) space_before: bool,
    /// Whether the element is a cue outside the expression's span.
    pub(crate) context: bool,
}

/// Parse a pattern, or say what is wrong with it.
pub(crate) fn parse_pattern(pattern: &str) -> Result<Vec<Element>, String> {
    let mut elements: Vec<Element> = Vec::new();
    let mut space_pending = false;
    let mut in_context = false;
    let mut characters = pattern.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        let kind = match character {
            _ if character.is_whitespace() => {
                space_pending = true;
                continue;
            }
            '[' if in_context => return Err("`[` inside `[...]`".to_string()),
            '[' => {
                in_context = true;
                continue;
            }
            ']' if !in_context => return Err("`]` without `[`".to_string()),
            ']' => {
                in_context = false;
                continue;
            }
            '?' => {
                let last = elements
                    .last_mut()
                    .ok_or_else(|| "`?` with nothing before it".to_string())?;
                last.optional = true;
                continue;
            }
            '{' => {
                let rest = &pattern[index + 1..];
                let close = rest
                    .find('}')
                    .ok_or_else(|| "`{` without `}`".to_string())?;
                let name = &rest[..close];
                for _ in 0..=name.chars().count() {
                    characters.next();
                }
                ElementKind::Slot(
                    Slot::from_name(name).ok_or_else(|| format!("unknown slot `{{{name}}}`"))?,
                )
            }
            _ if character.is_alphanumeric() || character == '|' => {
                let digits = character.is_ascii_digit();
                let mut end = index + character.len_utf8();
                while let Some(&(next_index, next)) = characters.peek() {
                    let continues = if digits {
                        next.is_ascii_digit()
                    } else {
                        next.is_alphabetic() || next == '|'
                    };
                    if !continues {
                        break;
                    }
                    end = next_index + next.len_utf8();
                    characters.next();
                }
                let alternatives: Vec<String> = pattern[index..end]
                    .split('|')
                    .map(str::to_lowercase)
                    .collect();
                if alternatives.iter().any(String::is_empty) {
                    return Err("empty alternative around `|`".to_string());
                }
                ElementKind::Word(alternatives)
            }
            _ => ElementKind::Punct(normalise_punct(character)),
        };
        elements.push(Element {
            kind,
            optional: false,
            space_before: space_pending,
            context: in_context,
        });
        space_pending = false;
    }
    if in_context {
        return Err("`[` without `]`".to_string());
    }
    let first_in_span = elements.iter().position(|element| !element.context);
    let last_in_span = elements.iter().rposition(|element| !element.context);
    let (Some(first_in_span), Some(last_in_span)) = (first_in_span, last_in_span) else {
        return Err("nothing outside `[...]`".to_string());
    };
    if elements[first_in_span..=last_in_span]
        .iter()
        .any(|element| element.context)
    {
        return Err("`[...]` cues must open or close the pattern".to_string());
    }
    if elements[first_in_span..=last_in_span]
        .iter()
        .all(|element| element.optional)
    {
        return Err("every element of the expression is optional".to_string());
    }
    Ok(elements)
}

/// Which expressions can start at a token, found from the token alone, so that the finder tries
/// only those instead of every pattern at every token.
#[derive(Debug, Default)]
pub(crate) struct StartIndex {
    by_word: FastMap<String, Vec<usize>>,
    by_punct: FastMap<char, Vec<usize>>,
    by_slot: FastMap<Slot, Vec<usize>>,
}

impl StartIndex {
    /// Index expressions (given as their element lists, in file order) by every element that
    /// can open them: the first required one and any optional ones before it.
    pub(crate) fn new<'e>(expressions: impl Iterator<Item = &'e [Element]>) -> StartIndex {
        let mut index = StartIndex::default();
        for (expression_index, elements) in expressions.enumerate() {
            let openers = elements
                .iter()
                .position(|element| !element.optional)
                .map_or(elements, |first_required| &elements[..=first_required]);
            for element in openers {
                match &element.kind {
                    ElementKind::Word(alternatives) => {
                        for alternative in alternatives {
                            index
                                .by_word
                                .entry(alternative.clone())
                                .or_default()
                                .push(expression_index);
                        }
                    }
                    ElementKind::Punct(character) => index
                        .by_punct
                        .entry(*character)
                        .or_default()
                        .push(expression_index),
                    ElementKind::Slot(slot) => index
                        .by_slot
                        .entry(*slot)
                        .or_default()
                        .push(expression_index),
                }
            }
        }
        index
    }

    /// The expressions that may start at `token`, in file order, each once, into `found`.
    pub(crate) fn starting_at(&self, token: &Token, found: &mut Vec<usize>) {
        found.clear();
        let mut add = |indices: Option<&Vec<usize>>| {
            if let Some(indices) = indices {
                found.extend_from_slice(indices);
            }
        };
        match token.kind {
            TokenKind::Punct => {
                if let Some(character) = token.key.chars().next() {
                    add(self.by_punct.get(&character));
                }
            }
            TokenKind::Number => {
                add(self.by_word.get(&token.key));
                for slot in [
                    Slot::Day,
                    Slot::MonthNumber,
                    Slot::Year,
                    Slot::Decade,
                    Slot::DecadeShort,
                    Slot::Count,
                ] {
                    add(self.by_slot.get(&slot));
                }
            }
            TokenKind::Word => {
                add(self.by_word.get(&token.key));
                let facts = &token.facts;
                let slots = [
                    (Slot::Month, facts.month.is_some()),
                    (Slot::Weekday, facts.weekday.is_some()),
                    (Slot::Count, facts.count_word.is_some()),
                    (Slot::Unit, facts.unit.is_some()),
                    (Slot::DecadeWord, facts.decade_word.is_some()),
                ];
                for (slot, applies) in slots {
                    if applies {
                        add(self.by_slot.get(&slot));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
    }
}

/// What a match found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Captures {
    pub(crate) day: Option<u8>,
    pub(crate) month: Option<u8>,
    pub(crate) year: Option<i32>,
    pub(crate) decade: Option<i32>,
    pub(crate) weekday: Option<u8>,
    pub(crate) count: Option<u32>,
    pub(crate) unit: Option<Unit>,
}

/// One successful match of a pattern: token range, the span outside the cues, and the captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PatternMatch {
    pub(crate) span_start: usize,
    pub(crate) span_end: usize,
    pub(crate) captures: Captures,
}

/// Where a match stands: the next token to read, the last token read, whether a skipped optional
/// element left its leading space to the next one, and what has been found so far.
#[derive(Debug, Clone, Copy)]
struct MatchState {
    position: usize,
    previous: Option<usize>,
    skipped_space: bool,
    span_start: Option<usize>,
    span_end: usize,
    captures: Captures,
}

fn case_allows(case: NameCase, word_case: WordCase) -> bool {
    match case {
        NameCase::Any => true,
        NameCase::Capitalised => matches!(word_case, WordCase::Capitalised | WordCase::Upper),
        NameCase::Lowercase => matches!(word_case, WordCase::Lower | WordCase::Upper),
    }
}

/// Two tokens touch when no character lies between them.
fn touching(previous: &Token, next: &Token) -> bool {
    previous.end == next.start
}

/// The text between two tokens is whitespace; a line break there ends any date.
fn gap_allowed(text: &str, previous: &Token, next: &Token, space_allowed: bool) -> bool {
    if touching(previous, next) {
        return true;
    }
    space_allowed
        && text
            .get(previous.end..next.start)
            .is_some_and(|gap| !gap.contains(['\n', '\r']))
}

impl DateRules {
    /// Fill in each word token's meaning under these rules, once per text.
    pub(crate) fn annotate(&self, tokens: &mut [Token]) {
        for token in tokens.iter_mut() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let Some(facts) = self.word_facts.get(&token.key) else {
                continue;
            };
            token.facts = *facts;
            // Month and weekday names count only when written the way the language writes them.
            if !case_allows(self.name_case, token.case) {
                token.facts.month = None;
                token.facts.weekday = None;
            }
        }
    }

    /// Match a name (month or weekday) whose lookup is `name`, consuming an abbreviation's full
    /// stop.
    fn match_name(
        name: Option<(u8, bool)>,
        tokens: &[Token],
        position: usize,
    ) -> Option<(usize, u8)> {
        let (number, abbreviation) = name?;
        let token = tokens.get(position)?;
        let full_stop = tokens
            .get(position + 1)
            .filter(|next| abbreviation && next.key == "." && touching(token, next));
        Some((if full_stop.is_some() { 2 } else { 1 }, number))
    }

    /// Match one element at `position`: how many tokens it takes and what it captures.
    fn match_element(
        &self,
        element: &ElementKind,
        tokens: &[Token],
        position: usize,
        captures: &mut Captures,
    ) -> Option<usize> {
        let token = tokens.get(position)?;
        let plain_number = |max_digits: usize| {
            (token.kind == TokenKind::Number
                && token.digit_count >= 1
                && token.digit_count <= max_digits)
                .then_some(token.value)
                .flatten()
        };
        match element {
            ElementKind::Word(alternatives) => {
                (token.kind != TokenKind::Punct && alternatives.contains(&token.key)).then_some(1)
            }
            ElementKind::Punct(character) => {
                (token.kind == TokenKind::Punct && token.key.starts_with(*character)).then_some(1)
            }
            ElementKind::Slot(Slot::Day) => {
                let day = plain_number(2).filter(|day| (1..=31).contains(day))?;
                captures.day = u8::try_from(day).ok();
                let suffix = tokens
                    .get(position + 1)
                    .filter(|next| next.facts.ordinal_suffix && touching(token, next));
                Some(if suffix.is_some() { 2 } else { 1 })
            }
            ElementKind::Slot(Slot::MonthNumber) => {
                let month = plain_number(2).filter(|month| (1..=12).contains(month))?;
                captures.month = u8::try_from(month).ok();
                Some(1)
            }
            ElementKind::Slot(Slot::Year) => {
                let year = plain_number(4).filter(|_| token.digit_count == 4)?;
                let year = i32::try_from(year).ok()?;
                self.year_range.contains(&year).then_some(())?;
                captures.year = Some(year);
                Some(1)
            }
            ElementKind::Slot(Slot::Decade) => {
                let year = plain_number(4).filter(|_| token.digit_count == 4)?;
                let year = i32::try_from(year).ok()?;
                (self.year_range.contains(&year) && year % 10 == 0).then_some(())?;
                captures.decade = Some(year);
                Some(1)
            }
            ElementKind::Slot(Slot::DecadeShort) => {
                let tens =
                    plain_number(2).filter(|tens| token.digit_count == 2 && tens % 10 == 0)?;
                captures.decade = Some(1900 + i32::try_from(tens).ok()?);
                Some(1)
            }
            ElementKind::Slot(Slot::DecadeWord) => {
                captures.decade = Some(token.facts.decade_word?);
                Some(1)
            }
            ElementKind::Slot(Slot::Month) => {
                let (taken, month) = Self::match_name(token.facts.month, tokens, position)?;
                captures.month = Some(month);
                Some(taken)
            }
            ElementKind::Slot(Slot::Weekday) => {
                let (taken, weekday) = Self::match_name(token.facts.weekday, tokens, position)?;
                captures.weekday = Some(weekday);
                Some(taken)
            }
            ElementKind::Slot(Slot::Count) => {
                let count = match token.kind {
                    TokenKind::Number => plain_number(3).filter(|count| *count >= 1)?,
                    TokenKind::Word => token.facts.count_word?,
                    TokenKind::Punct => return None,
                };
                captures.count = Some(count);
                Some(1)
            }
            ElementKind::Slot(Slot::Unit) => {
                captures.unit = Some(token.facts.unit?);
                Some(1)
            }
        }
    }

    /// Match `elements` from the state's position, trying each optional element first taken,
    /// then skipped, so the longest reading wins.
    fn match_elements(
        &self,
        text: &str,
        elements: &[Element],
        tokens: &[Token],
        state: MatchState,
    ) -> Option<MatchState> {
        let Some((element, rest)) = elements.split_first() else {
            return Some(state);
        };
        // A skipped optional element lends its leading space to the next one: in
        // "[the] '?{decade_short}s" the text "the 90s" has the space the missing apostrophe
        // would have had.
        let space_allowed = element.space_before || state.skipped_space;
        let position = state.position;
        let token_fits = tokens
            .get(position)
            .is_some_and(|token| match state.previous {
                Some(previous) => gap_allowed(text, &tokens[previous], token, space_allowed),
                None => true,
            });
        if token_fits {
            let mut captures = state.captures;
            if let Some(taken) = self.match_element(&element.kind, tokens, position, &mut captures)
            {
                let last = position + taken - 1;
                let mut next_state = MatchState {
                    position: last + 1,
                    previous: Some(last),
                    skipped_space: false,
                    captures,
                    ..state
                };
                if !element.context {
                    next_state.span_start = next_state.span_start.or(Some(tokens[position].start));
                    next_state.span_end = tokens[last].end;
                }
                if let Some(done) = self.match_elements(text, rest, tokens, next_state) {
                    return Some(done);
                }
            }
        }
        if element.optional {
            let skipped = MatchState {
                skipped_space: space_allowed,
                ..state
            };
            return self.match_elements(text, rest, tokens, skipped);
        }
        None
    }

    /// Match a whole pattern starting at token `position`. The expression may not start or end
    /// inside a run of letters and digits ("A2024", "2020an") unless a cue stands on that side,
    /// so a date is always a whole stretch of text.
    pub(crate) fn match_pattern(
        &self,
        text: &str,
        elements: &[Element],
        tokens: &[Token],
        position: usize,
    ) -> Option<PatternMatch> {
        let first = tokens.get(position)?;
        let start_state = MatchState {
            position,
            previous: None,
            skipped_space: false,
            span_start: None,
            span_end: first.start,
            captures: Captures::default(),
        };
        let state = self.match_elements(text, elements, tokens, start_state)?;
        let span_start = state.span_start?;
        // A cue on a side is itself the boundary there: "2024-06-12T10:00" ends its date at the
        // cue "T", which touches the next digits by design.
        let cue_before = elements.first().is_some_and(|element| element.context);
        let cue_after = elements.last().is_some_and(|element| element.context);
        let before_ok = cue_before
            || text[..span_start]
                .chars()
                .next_back()
                .is_none_or(|character| !character.is_alphanumeric());
        let after_ok = cue_after
            || text[state.span_end..]
                .chars()
                .next()
                .is_none_or(|character| !character.is_alphanumeric());
        (before_ok && after_ok).then_some(PatternMatch {
            span_start,
            span_end: state.span_end,
            captures: state.captures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse_into_elements_with_spacing_and_cues() {
        let elements = parse_pattern("[in|during] {year}").unwrap();
        assert_eq!(elements.len(), 2);
        assert_eq!(
            elements[0].kind,
            ElementKind::Word(vec!["in".into(), "during".into()])
        );
        assert!(elements[0].context && !elements[1].context);
        assert!(elements[1].space_before);
        let iso = parse_pattern("{year}-{month_number}-{day}").unwrap();
        assert!(iso.iter().all(|element| !element.space_before));
        let optional = parse_pattern("pada? bulan {month}").unwrap();
        assert!(optional[0].optional);
    }

    #[test]
    fn malformed_patterns_are_refused_with_a_reason() {
        for bad in [
            "{nope}",
            "[in] {year",
            "[in",
            "in]",
            "[in]",
            "{year} [of] {month}",
            "? {year}",
            "a||b {year}",
            "tahun? {year}?",
            "[in] {year}? [s]",
        ] {
            assert!(parse_pattern(bad).is_err(), "{bad} should be refused");
        }
    }
}
