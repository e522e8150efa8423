//! Number phrases: digits in each language's conventions, number words, vague quantities and
//! approximators, read from a pack's `numbers.toml`.

use crate::error::RecogniseError;
use crate::words::{Phrase, PhraseTable, Token, TokenKind, tokenize};
use serde::Deserialize;
use std::collections::BTreeMap;

/// How many things a number phrase says: a best guess and the bounds it allows. An exact
/// number has all three; "about 2,000" has only a best guess; "thousands" and "more than 100"
/// have only bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberEstimate {
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
}

impl NumberEstimate {
    /// An exact count.
    pub fn exact(count: u64) -> NumberEstimate {
        NumberEstimate {
            best: Some(count),
            low: Some(count),
            high: Some(count),
        }
    }

    /// One number for a field that holds only one: the best guess, else the low bound.
    pub fn single(&self) -> Option<u64> {
        self.best.or(self.low)
    }
}

/// What an approximator before a number does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Approximation {
    /// "about 2,000": best guess only.
    About,
    /// "nearly 2,000": best guess, and the number is an upper bound.
    Nearly,
    /// "more than 100", "at least 100": a lower bound.
    AtLeast,
    /// "up to 100", "fewer than 100": an upper bound.
    AtMost,
}

/// A vague quantity word and the counts it can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VagueQuantity {
    pub low: u64,
    #[serde(default)]
    pub high: Option<u64>,
    /// When set, the word also scales a number or vague word before it ("tens of thousands",
    /// "dos millones").
    #[serde(default)]
    pub scale: Option<u64>,
}

/// `numbers.toml` as written. The template pack documents every key.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct NumbersFile {
    #[serde(default)]
    decimal_separators: Vec<String>,
    #[serde(default)]
    group_separators: Vec<String>,
    #[serde(default)]
    units: BTreeMap<String, u64>,
    #[serde(default)]
    multipliers: BTreeMap<String, u64>,
    #[serde(default)]
    scales: BTreeMap<String, u64>,
    #[serde(default)]
    teens: BTreeMap<String, u64>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    vague: BTreeMap<String, VagueQuantity>,
    #[serde(default)]
    vague_links: Vec<String>,
    #[serde(default)]
    approximators: BTreeMap<String, Approximation>,
    #[serde(default)]
    range_openers: Vec<String>,
    #[serde(default)]
    range_links: Vec<String>,
    #[serde(default)]
    not_counts_after: Vec<String>,
    #[serde(default)]
    pub(crate) quantities: crate::quantities::QuantitiesFile,
}

/// The role a number word plays when words are added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberWord {
    Unit(u64),
    Multiplier(u64),
    Scale(u64),
    Teen(u64),
}

/// Makes the number word of one table of `numbers.toml` from its value.
type WordKind = fn(u64) -> NumberWord;

/// A language's number words, ready to read phrases with.
#[derive(Debug, Default)]
pub(crate) struct NumberTable {
    decimal_separators: Vec<char>,
    group_separators: Vec<char>,
    words: PhraseTable<NumberWord>,
    connectors: PhraseTable<()>,
    articles: PhraseTable<()>,
    vague: PhraseTable<VagueQuantity>,
    vague_links: PhraseTable<()>,
    approximators: PhraseTable<Approximation>,
    range_openers: PhraseTable<()>,
    range_links: PhraseTable<()>,
    not_counts_after: PhraseTable<()>,
}

/// A number phrase found in a token stream: its tokens and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberMention {
    pub start: usize,
    pub end: usize,
    pub estimate: NumberEstimate,
}

/// The largest count recognition will report; anything above is a misreading (a phone
/// number, a sum of money), not people.
const LARGEST_COUNT: f64 = 1e13;

fn phrases(file: &'static str, cues: &[String]) -> Result<PhraseTable<()>, RecogniseError> {
    cues.iter()
        .map(|cue| {
            Phrase::parse(cue, false).ok_or_else(|| RecogniseError::Invalid {
                file,
                what: format!("empty phrase {cue:?}"),
            })
        })
        .collect()
}

fn keyed_phrases<T: Copy>(
    file: &'static str,
    entries: impl IntoIterator<Item = (String, T)>,
) -> Result<PhraseTable<T>, RecogniseError> {
    entries
        .into_iter()
        .map(|(cue, value)| {
            Phrase::parse(&cue, false)
                .map(|phrase| (phrase, value))
                .ok_or_else(|| RecogniseError::Invalid {
                    file,
                    what: format!("empty phrase {cue:?}"),
                })
        })
        .collect()
}

fn separators(file: &'static str, marks: &[String]) -> Result<Vec<char>, RecogniseError> {
    marks
        .iter()
        .map(|mark| {
            let mut characters = mark.chars();
            match (characters.next(), characters.next()) {
                (Some(separator @ ('.' | ',')), None) => Ok(separator),
                _ => Err(RecogniseError::Invalid {
                    file,
                    what: format!("a digit separator must be \".\" or \",\", not {mark:?}"),
                }),
            }
        })
        .collect()
}

impl NumberTable {
    pub fn from_file(
        file: &'static str,
        numbers: &NumbersFile,
    ) -> Result<NumberTable, RecogniseError> {
        let mut words: Vec<(Phrase, NumberWord)> = Vec::new();
        let kinds: [(&BTreeMap<String, u64>, WordKind); 4] = [
            (&numbers.units, NumberWord::Unit),
            (&numbers.multipliers, NumberWord::Multiplier),
            (&numbers.scales, NumberWord::Scale),
            (&numbers.teens, NumberWord::Teen),
        ];
        for (entries, kind) in kinds {
            for (word, value) in entries {
                if matches!(
                    kind(*value),
                    NumberWord::Multiplier(0) | NumberWord::Scale(0)
                ) {
                    return Err(RecogniseError::Invalid {
                        file,
                        what: format!("{word:?} cannot scale by zero"),
                    });
                }
                let phrase = Phrase::parse(word, false).ok_or_else(|| RecogniseError::Invalid {
                    file,
                    what: format!("empty phrase {word:?}"),
                })?;
                words.push((phrase, kind(*value)));
            }
        }
        for (word, vague) in &numbers.vague {
            if vague.high.is_some_and(|high| high < vague.low) || vague.scale == Some(0) {
                return Err(RecogniseError::Invalid {
                    file,
                    what: format!("vague quantity {word:?} has bad bounds"),
                });
            }
        }
        Ok(NumberTable {
            decimal_separators: separators(file, &numbers.decimal_separators)?,
            group_separators: separators(file, &numbers.group_separators)?,
            words: words.into_iter().collect(),
            connectors: phrases(file, &numbers.connectors)?,
            articles: phrases(file, &numbers.articles)?,
            vague: keyed_phrases(
                file,
                numbers
                    .vague
                    .iter()
                    .map(|(word, vague)| (word.clone(), *vague)),
            )?,
            vague_links: phrases(file, &numbers.vague_links)?,
            approximators: keyed_phrases(file, numbers.approximators.clone())?,
            range_openers: phrases(file, &numbers.range_openers)?,
            range_links: phrases(file, &numbers.range_links)?,
            not_counts_after: phrases(file, &numbers.not_counts_after)?,
        })
    }

    /// Reads a whole text as one number phrase.
    pub fn parse_phrase(&self, text: &str) -> Option<NumberEstimate> {
        let tokens = tokenize(text);
        let last_word = tokens.iter().rposition(Token::is_word_like)?;
        let mention = self.read_at(&tokens, 0)?;
        (mention.end == last_word + 1).then_some(mention.estimate)
    }

    /// Every number phrase in `range` of the tokens, left to right, not overlapping.
    pub fn find_all(&self, tokens: &[Token], range: std::ops::Range<usize>) -> Vec<NumberMention> {
        let mut found = Vec::new();
        let mut index = range.start;
        while index < range.end {
            match self.read_at(tokens, index) {
                Some(mention) if mention.end <= range.end => {
                    index = mention.end;
                    found.push(mention);
                }
                _ => index += 1,
            }
        }
        found
    }

    /// Reads the number phrase starting exactly at `start`, if there is one that counts things.
    pub fn read_at(&self, tokens: &[Token], start: usize) -> Option<NumberMention> {
        let mention = self
            .read_range(tokens, start)
            .or_else(|| self.read_approximated(tokens, start))?;
        let followed_by_unit = self.not_counts_after.any_match_at(tokens, mention.end);
        (!followed_by_unit).then_some(mention)
    }

    /// "between 10 and 20", "antara 10 dan 20", and digit ranges written "10-20".
    fn read_range(&self, tokens: &[Token], start: usize) -> Option<NumberMention> {
        if let Some(mention) = self.read_digit_range(tokens, start) {
            return Some(mention);
        }
        let opener = self.range_openers.first_match_at(tokens, start)?;
        let (low, after_low) = self.read_value(tokens, opener.end)?;
        let link = self.range_links.first_match_at(tokens, after_low)?;
        let (high, end) = self.read_value(tokens, link.end)?;
        let (low, high) = (low.single()?, high.single()?);
        (low <= high).then_some(NumberMention {
            start,
            end,
            estimate: NumberEstimate {
                best: None,
                low: Some(low),
                high: Some(high),
            },
        })
    }

    fn read_digit_range(&self, tokens: &[Token], start: usize) -> Option<NumberMention> {
        let token = tokens.get(start)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        let (left, right) = token.lower.split_once('-')?;
        let low = whole_number(self.digits_value(left)?)?;
        let high = whole_number(self.digits_value(right)?)?;
        (low < high).then_some(NumberMention {
            start,
            end: start + 1,
            estimate: NumberEstimate {
                best: None,
                low: Some(low),
                high: Some(high),
            },
        })
    }

    /// An optional approximator, then a number or a vague quantity.
    fn read_approximated(&self, tokens: &[Token], start: usize) -> Option<NumberMention> {
        let approximation = self.approximators.longest_match_at(tokens, start);
        let value_start = approximation.map_or(start, |(found, _)| found.end);
        let (estimate, end) = self.read_value(tokens, value_start)?;
        let estimate = match (approximation.map(|(_, how)| *how), estimate.best) {
            (Some(how), Some(count)) if estimate.low == estimate.high => approximate(how, count),
            _ => estimate,
        };
        Some(NumberMention {
            start,
            end,
            estimate,
        })
    }

    /// A vague quantity ("ribuan", "tens of thousands") or a number in digits or words.
    fn read_value(&self, tokens: &[Token], start: usize) -> Option<(NumberEstimate, usize)> {
        self.read_vague(tokens, start).or_else(|| {
            let (value, end) = self.read_exact(tokens, start)?;
            Some((NumberEstimate::exact(whole_number(value)?), end))
        })
    }

    fn read_vague(&self, tokens: &[Token], start: usize) -> Option<(NumberEstimate, usize)> {
        let (found, vague) = self.vague.longest_match_at(tokens, start)?;
        let mut low = vague.low;
        let mut high = vague.high;
        let mut end = found.end;
        // A scale after the vague word multiplies it: "puluhan ribu", "tens of thousands".
        let link_end = self
            .vague_links
            .first_match_at(tokens, end)
            .map(|link| link.end);
        for scale_start in [Some(end), link_end].into_iter().flatten() {
            if let Some((scale, scale_end)) = self.scale_at(tokens, scale_start) {
                low = low.checked_mul(scale)?;
                high =
                    high.and_then(|high| high.checked_add(1)?.checked_mul(scale)?.checked_sub(1));
                end = scale_end;
                break;
            }
        }
        Some((
            NumberEstimate {
                best: None,
                low: Some(low),
                high,
            },
            end,
        ))
    }

    /// A word that scales what stands before it: a scale word, or a vague word that can scale.
    fn scale_at(&self, tokens: &[Token], start: usize) -> Option<(u64, usize)> {
        let scale_word =
            self.words
                .matches_at(tokens, start)
                .find_map(|(found, word)| match word {
                    NumberWord::Scale(scale) => Some((*scale, found.end)),
                    _ => None,
                });
        scale_word.or_else(|| {
            let (found, vague) = self.vague.longest_match_at(tokens, start)?;
            Some((vague.scale?, found.end))
        })
    }

    fn number_word_at(&self, tokens: &[Token], start: usize) -> Option<(NumberWord, usize)> {
        self.words
            .longest_match_at(tokens, start)
            .map(|(found, word)| (*word, found.end))
    }

    /// Number words of a hyphenated token ("twenty-five" → twenty, five), or `None` when a
    /// part is not a number word ("Nagorno-Karabakh", "1990-an").
    fn hyphenated_parts(&self, token: &Token) -> Option<Vec<NumberWord>> {
        if token.kind != TokenKind::Word || !token.lower.contains('-') {
            return None;
        }
        token
            .lower
            .split('-')
            .map(|part| {
                let part_tokens = tokenize(part);
                match self.number_word_at(&part_tokens, 0) {
                    Some((word, end)) if end == part_tokens.len() => Some(word),
                    _ => None,
                }
            })
            .collect()
    }

    /// A number in digits ("2.000", "1,5 juta") or words ("dua ribu", "two hundred and five").
    fn read_exact(&self, tokens: &[Token], start: usize) -> Option<(f64, usize)> {
        let mut sum = NumberSum::default();
        let mut index = start;
        let first = tokens.get(start)?;
        if first.kind == TokenKind::Digits {
            sum.current = self.digits_value(&first.lower)?;
            sum.has_digits = true;
            index += 1;
        } else if self.articles.any_match_at(tokens, start) {
            // An article counts as one only before a multiplier or a scale: "a hundred".
            let after = start + 1;
            match self.number_word_at(tokens, after) {
                Some((NumberWord::Multiplier(_) | NumberWord::Scale(_), _)) => {
                    sum.current = 1.0;
                    sum.read_words = 1;
                    index = after;
                }
                _ => return None,
            }
        }
        loop {
            if let Some(parts) = tokens
                .get(index)
                .and_then(|token| self.hyphenated_parts(token))
            {
                let mut accepted = true;
                for part in parts {
                    accepted &= sum.add(part);
                }
                if !accepted {
                    return None;
                }
                index += 1;
                continue;
            }
            if let Some((word, end)) = self.number_word_at(tokens, index) {
                if sum.add(word) {
                    index = end;
                    continue;
                }
                break;
            }
            if sum.has_digits || sum.read_words > 0 {
                // A scale written as a vague plural after a number: "dos millones", "2 millions".
                if let Some((scale, end)) = self.scale_at(tokens, index)
                    && sum.add(NumberWord::Scale(scale))
                {
                    index = end;
                    continue;
                }
                // A connector joins two number words: "treinta y dos", "hundred and five".
                let connector_end = self
                    .connectors
                    .first_match_at(tokens, index)
                    .map(|found| found.end);
                if let Some(connector_end) = connector_end
                    && !sum.has_digits
                {
                    if let Some((word @ NumberWord::Unit(_), end)) =
                        self.number_word_at(tokens, connector_end)
                        && sum.add(word)
                    {
                        index = end;
                        continue;
                    }
                    // "hundred and twenty-five": the connector may lead to a hyphenated number.
                    if let Some(parts) = tokens
                        .get(connector_end)
                        .and_then(|token| self.hyphenated_parts(token))
                        && matches!(parts.first(), Some(NumberWord::Unit(_)))
                    {
                        let mut trial = sum.clone();
                        if parts.into_iter().all(|part| trial.add(part)) {
                            sum = trial;
                            index = connector_end + 1;
                            continue;
                        }
                    }
                }
            }
            break;
        }
        if !sum.has_digits && sum.read_words == 0 {
            return None;
        }
        let value = sum.total();
        (value.is_finite() && (0.0..=LARGEST_COUNT).contains(&value)).then_some((value, index))
    }

    /// The value of a digit token under this language's separators: `2.000` is two thousand in
    /// Indonesian and Spanish, `2,000` in English; a separator followed by exactly three digits
    /// groups, any other decimal separator starts a fraction.
    fn digits_value(&self, text: &str) -> Option<f64> {
        if text.is_empty() || !text.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let pieces: Vec<&str> = text.split(['.', ',']).collect();
        let marks: Vec<char> = text.chars().filter(|c| *c == '.' || *c == ',').collect();
        if pieces
            .iter()
            .any(|piece| piece.is_empty() || !piece.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        // The last mark is a decimal mark when it is one in this language and it cannot be a
        // group mark (not followed by exactly three digits, or not a group mark here).
        let mut integer_pieces = pieces.len();
        let mut fraction = "";
        if let (Some(last_mark), Some(last_piece)) = (marks.last(), pieces.last()) {
            let can_group = self.group_separators.contains(last_mark) && last_piece.len() == 3;
            if !can_group {
                if !self.decimal_separators.contains(last_mark) {
                    return None;
                }
                integer_pieces -= 1;
                fraction = last_piece;
            }
        }
        let group_marks = &marks[..integer_pieces.saturating_sub(1)];
        if group_marks
            .iter()
            .any(|mark| !self.group_separators.contains(mark) || *mark != group_marks[0])
        {
            return None;
        }
        let integer_part = &pieces[..integer_pieces];
        if integer_part.len() > 1
            && (integer_part[0].len() > 3 || integer_part[1..].iter().any(|piece| piece.len() != 3))
        {
            return None;
        }
        let digits: String = integer_part.concat();
        let value: f64 = format!(
            "{digits}.{}",
            if fraction.is_empty() { "0" } else { fraction }
        )
        .parse()
        .ok()?;
        Some(value)
    }
}

/// Adding up number words: `total` holds closed groups ("two thousand"), `current` the open
/// group ("three hundred and five").
#[derive(Debug, Clone, Default)]
struct NumberSum {
    total: f64,
    current: f64,
    largest_scale: f64,
    read_words: usize,
    has_digits: bool,
}

impl NumberSum {
    /// Adds one number word; `false` when it cannot follow what was read ("two three").
    fn add(&mut self, word: NumberWord) -> bool {
        let accepted = match word {
            NumberWord::Unit(value) => {
                let value = value as f64;
                let room = 10f64.powi(digit_count(value) as i32);
                let fits = !self.has_digits && (self.current == 0.0 || self.current % room == 0.0);
                if fits {
                    self.current += value;
                }
                fits
            }
            NumberWord::Teen(value) => {
                let fits = self.current > 0.0 && self.current < 10.0;
                if fits {
                    self.current += value as f64;
                }
                fits
            }
            NumberWord::Multiplier(multiplier) => {
                let multiplier = multiplier as f64;
                let fits = !self.has_digits || self.current > 0.0;
                if fits {
                    let small = self.current % multiplier;
                    let small = if small == 0.0 && self.current == 0.0 {
                        1.0
                    } else {
                        small
                    };
                    let kept = self.current - (self.current % multiplier);
                    self.current = kept + small * multiplier;
                }
                fits
            }
            NumberWord::Scale(scale) => {
                let scale = scale as f64;
                if self.current == 0.0 && self.total > 0.0 && self.total < scale {
                    // "mil millones": a larger scale multiplies everything read so far.
                    self.total *= scale;
                } else if self.largest_scale != 0.0
                    && scale >= self.largest_scale
                    && self.current != 0.0
                {
                    return false;
                } else {
                    let group = if self.current == 0.0 {
                        1.0
                    } else {
                        self.current
                    };
                    self.total += group * scale;
                    self.current = 0.0;
                }
                if scale > self.largest_scale {
                    self.largest_scale = scale;
                }
                true
            }
        };
        if accepted {
            self.read_words += 1;
        }
        accepted
    }

    fn total(&self) -> f64 {
        self.total + self.current
    }
}

fn digit_count(value: f64) -> u32 {
    let mut count = 1;
    let mut rest = value.abs();
    while rest >= 10.0 {
        rest /= 10.0;
        count += 1;
    }
    count
}

/// A count, when the value is a whole number (people come in ones).
fn whole_number(value: f64) -> Option<u64> {
    let rounded = value.round();
    ((value - rounded).abs() < 1e-6 && (0.0..=LARGEST_COUNT).contains(&rounded))
        .then_some(rounded as u64)
}

fn approximate(how: Approximation, count: u64) -> NumberEstimate {
    match how {
        Approximation::About => NumberEstimate {
            best: Some(count),
            low: None,
            high: None,
        },
        Approximation::Nearly => NumberEstimate {
            best: Some(count),
            low: None,
            high: Some(count),
        },
        Approximation::AtLeast => NumberEstimate {
            best: None,
            low: Some(count),
            high: None,
        },
        Approximation::AtMost => NumberEstimate {
            best: None,
            low: None,
            high: Some(count),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> NumberTable {
        let file: NumbersFile = toml::from_str(
            r#"
            decimal_separators = ["."]
            group_separators = [","]
            units = { one = 1, two = 2, three = 3, five = 5, ten = 10, twenty = 20 }
            multipliers = { hundred = 100 }
            scales = { thousand = 1000, million = 1000000 }
            connectors = ["and"]
            articles = ["a"]
            vague_links = ["of"]
            approximators = { "about" = "about", "nearly" = "nearly", "more than" = "at_least" }
            range_openers = ["between"]
            range_links = ["and"]
            not_counts_after = ["percent", "%"]
            [vague]
            thousands = { low = 1000, high = 9999, scale = 1000 }
            tens = { low = 10, high = 99 }
            "#,
        )
        .unwrap();
        NumberTable::from_file("test", &file).unwrap()
    }

    #[test]
    fn words_add_up_with_multipliers_scales_and_connectors() {
        let table = english();
        assert_eq!(
            table.parse_phrase("two hundred and five"),
            Some(NumberEstimate::exact(205))
        );
        assert_eq!(
            table.parse_phrase("twenty-five"),
            Some(NumberEstimate::exact(25))
        );
        assert_eq!(
            table.parse_phrase("twenty-four"),
            None,
            "every part of a hyphenated number must be a number word"
        );
        assert_eq!(
            table.parse_phrase("a thousand"),
            Some(NumberEstimate::exact(1000))
        );
        assert_eq!(
            table.parse_phrase("three million two thousand"),
            Some(NumberEstimate::exact(3_002_000))
        );
        assert_eq!(table.parse_phrase("two three"), None);
        assert_eq!(table.parse_phrase("a"), None);
    }

    #[test]
    fn digits_follow_the_language_separators() {
        let table = english();
        assert_eq!(
            table.parse_phrase("1,500"),
            Some(NumberEstimate::exact(1500))
        );
        assert_eq!(
            table.parse_phrase("2.5 million"),
            Some(NumberEstimate::exact(2_500_000))
        );
        assert_eq!(table.parse_phrase("2.5"), None, "a fraction is not a count");
        assert_eq!(table.parse_phrase("1,50"), None);
        assert_eq!(
            table.parse_phrase("12,000,000"),
            Some(NumberEstimate::exact(12_000_000))
        );
    }

    #[test]
    fn approximators_vague_words_and_ranges_give_bounds() {
        let table = english();
        assert_eq!(
            table.parse_phrase("nearly 2,000"),
            Some(NumberEstimate {
                best: Some(2000),
                low: None,
                high: Some(2000)
            })
        );
        assert_eq!(
            table.parse_phrase("more than 100"),
            Some(NumberEstimate {
                best: None,
                low: Some(100),
                high: None
            })
        );
        assert_eq!(
            table.parse_phrase("tens of thousands"),
            Some(NumberEstimate {
                best: None,
                low: Some(10_000),
                high: Some(99_999)
            })
        );
        assert_eq!(
            table.parse_phrase("between 10 and 20"),
            Some(NumberEstimate {
                best: None,
                low: Some(10),
                high: Some(20)
            })
        );
        assert_eq!(
            table.parse_phrase("10-20"),
            Some(NumberEstimate {
                best: None,
                low: Some(10),
                high: Some(20)
            })
        );
        assert_eq!(table.parse_phrase("50 percent"), None);
    }
}
