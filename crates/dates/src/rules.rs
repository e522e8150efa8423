//! A language's date rules: the `dates.toml` schema, and its compiled, checked form.
//!
//! The schema is documented with an example in `lang/_template/dates.toml`. Loading checks
//! everything that could make matching misbehave (twelve months, seven weekdays, names that are
//! one word, patterns whose slots can be resolved), so a mistake in data fails the pack's test
//! instead of silently dating events wrongly.

use crate::error::DatesError;
use crate::pattern::{Element, ElementKind, Slot, StartIndex, Unit, parse_pattern};
use crate::tokens::{FastMap, TokenFacts, TokenKind, tokenize};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::RangeInclusive;

/// How month and weekday names are written, so they can be told from words spelled alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum NameCase {
    /// Any capitalisation.
    #[default]
    Any,
    /// Capitalised or all capitals (English "June", Indonesian "Juni").
    Capitalised,
    /// Lower case or all capitals (Spanish "junio"; "Mayo" is then a name, not a month).
    Lowercase,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    #[serde(default)]
    calendar: CalendarSection,
    #[serde(default)]
    names: NamesSection,
    #[serde(default)]
    units: UnitsSection,
    #[serde(default)]
    count_words: BTreeMap<String, u32>,
    #[serde(default)]
    decade_words: BTreeMap<String, i32>,
    #[serde(default)]
    expressions: Vec<ExpressionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarSection {
    #[serde(default = "default_first_day_of_week")]
    first_day_of_week: u8,
    #[serde(default = "default_earliest_year")]
    earliest_year: i32,
    #[serde(default = "default_latest_year")]
    latest_year: i32,
}

fn default_first_day_of_week() -> u8 {
    1
}
fn default_earliest_year() -> i32 {
    1900
}
fn default_latest_year() -> i32 {
    2100
}

impl Default for CalendarSection {
    fn default() -> Self {
        CalendarSection {
            first_day_of_week: default_first_day_of_week(),
            earliest_year: default_earliest_year(),
            latest_year: default_latest_year(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesSection {
    #[serde(default)]
    case: NameCase,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
    #[serde(default)]
    months: Vec<NameEntry>,
    #[serde(default)]
    weekdays: Vec<NameEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NameEntry {
    names: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsSection {
    #[serde(default)]
    day: Vec<String>,
    #[serde(default)]
    week: Vec<String>,
    #[serde(default)]
    month: Vec<String>,
    #[serde(default)]
    year: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpressionEntry {
    pattern: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    shift: Option<i64>,
    #[serde(default)]
    before_publication: bool,
    #[serde(default)]
    after_publication: bool,
}

/// Which occurrence a day, month or weekday without a year names, counted from publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// The latest one on or before the publication date: "on 12 June", "on Tuesday".
    LatestNotAfter,
    /// The latest one strictly before the publication's day or month: "last Tuesday", "Mei lalu".
    Before,
    /// The earliest one strictly after it: "next Tuesday", "17 Agustus mendatang".
    After,
}

/// A month or weekday word: its number (month 1–12, ISO weekday 1–7) and whether it is an
/// abbreviation (which may then take a full stop).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameWord {
    pub(crate) number: u8,
    pub(crate) abbreviation: bool,
}

/// One expression the language writes dates in.
#[derive(Debug, Clone)]
pub(crate) struct Expression {
    pub(crate) elements: Vec<Element>,
    /// For relative expressions: the unit they move by, unless a `{unit}` slot gives it.
    pub(crate) unit: Option<Unit>,
    /// For relative expressions: how many units (times `{count}`) from the publication date.
    pub(crate) shift: Option<i64>,
    /// Which occurrence a day, month or weekday without a year names.
    pub(crate) direction: Direction,
    /// Whether the text alone fixes the date (it has a year or a decade).
    pub(crate) absolute: bool,
}

/// A language's date rules, compiled from its `dates.toml`.
#[derive(Debug)]
pub struct DateRules {
    pub(crate) name_case: NameCase,
    /// Every date word of the language and what it can be, for one lookup per token.
    pub(crate) word_facts: FastMap<String, TokenFacts>,
    pub(crate) first_day_of_week: u8,
    pub(crate) year_range: RangeInclusive<i32>,
    pub(crate) expressions: Vec<Expression>,
    /// Which expressions can open at a given token.
    pub(crate) starts: StartIndex,
}

/// The lower-cased form of a word that must be exactly one word token.
fn single_word(file: &str, what: &str, word: &str) -> Result<String, DatesError> {
    let tokens = tokenize(word);
    match tokens.as_slice() {
        [token] if token.kind == TokenKind::Word => Ok(token.key.clone()),
        _ => Err(DatesError::Schema {
            file: file.to_string(),
            reason: format!("{what} `{word}` must be a single word"),
        }),
    }
}

fn name_table(
    file: &str,
    what: &str,
    entries: &[NameEntry],
    expected: usize,
) -> Result<HashMap<String, NameWord>, DatesError> {
    if !entries.is_empty() && entries.len() != expected {
        return Err(DatesError::Schema {
            file: file.to_string(),
            reason: format!(
                "{what} must list {expected} entries, found {}",
                entries.len()
            ),
        });
    }
    let mut table = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let number = u8::try_from(index + 1).unwrap_or(u8::MAX);
        let forms = entry
            .names
            .iter()
            .map(|name| (name, false))
            .chain(entry.abbreviations.iter().map(|name| (name, true)));
        for (form, abbreviation) in forms {
            let key = single_word(file, what, form)?;
            let previous = table.insert(
                key,
                NameWord {
                    number,
                    abbreviation,
                },
            );
            if previous.is_some_and(|previous| previous.number != number) {
                return Err(DatesError::Schema {
                    file: file.to_string(),
                    reason: format!("{what} `{form}` names two different entries"),
                });
            }
        }
    }
    Ok(table)
}

impl DateRules {
    /// Compile the rules in `text`, the contents of the `dates.toml` named `file`.
    pub fn from_toml(file: &str, text: &str) -> Result<DateRules, DatesError> {
        let parsed: DatesFile = toml::from_str(text).map_err(|error| DatesError::Toml {
            file: file.to_string(),
            message: error.message().to_string(),
        })?;
        let schema_error = |reason: String| DatesError::Schema {
            file: file.to_string(),
            reason,
        };
        let calendar = &parsed.calendar;
        if !(1..=7).contains(&calendar.first_day_of_week) {
            return Err(schema_error(
                "calendar.first_day_of_week must be an ISO weekday number, 1 (Monday) to 7"
                    .to_string(),
            ));
        }
        if calendar.earliest_year < 1000
            || calendar.latest_year > 9999
            || calendar.earliest_year > calendar.latest_year
        {
            return Err(schema_error(
                "calendar years must be four-digit, earliest before latest".to_string(),
            ));
        }
        let month_words = name_table(file, "month", &parsed.names.months, 12)?;
        let weekday_words = name_table(file, "weekday", &parsed.names.weekdays, 7)?;
        let ordinal_suffixes = parsed
            .names
            .ordinal_suffixes
            .iter()
            .map(|suffix| single_word(file, "ordinal suffix", suffix))
            .collect::<Result<Vec<_>, _>>()?;
        let mut unit_words = HashMap::new();
        for (unit, words) in [
            (Unit::Day, &parsed.units.day),
            (Unit::Week, &parsed.units.week),
            (Unit::Month, &parsed.units.month),
            (Unit::Year, &parsed.units.year),
        ] {
            for word in words {
                if unit_words
                    .insert(single_word(file, "unit", word)?, unit)
                    .is_some()
                {
                    return Err(schema_error(format!("unit word `{word}` is listed twice")));
                }
            }
        }
        let mut count_words = HashMap::new();
        for (word, count) in &parsed.count_words {
            if !(1..=999).contains(count) {
                return Err(schema_error(format!(
                    "count word `{word}` must count 1 to 999"
                )));
            }
            count_words.insert(single_word(file, "count word", word)?, *count);
        }
        let mut decade_words = HashMap::new();
        for (word, decade) in &parsed.decade_words {
            if decade % 10 != 0 {
                return Err(schema_error(format!(
                    "decade word `{word}` must name a year ending in 0"
                )));
            }
            decade_words.insert(single_word(file, "decade word", word)?, *decade);
        }
        let expressions = parsed
            .expressions
            .iter()
            .map(|entry| compile_expression(file, entry))
            .collect::<Result<Vec<_>, _>>()?;
        let mut word_facts: FastMap<String, TokenFacts> = FastMap::default();
        for (word, name) in &month_words {
            word_facts.entry(word.clone()).or_default().month =
                Some((name.number, name.abbreviation));
        }
        for (word, name) in &weekday_words {
            word_facts.entry(word.clone()).or_default().weekday =
                Some((name.number, name.abbreviation));
        }
        for (word, unit) in unit_words {
            word_facts.entry(word).or_default().unit = Some(unit);
        }
        for (word, count) in count_words {
            word_facts.entry(word).or_default().count_word = Some(count);
        }
        for (word, decade) in decade_words {
            word_facts.entry(word).or_default().decade_word = Some(decade);
        }
        for suffix in ordinal_suffixes {
            word_facts.entry(suffix).or_default().ordinal_suffix = true;
        }
        Ok(DateRules {
            name_case: parsed.names.case,
            word_facts,
            first_day_of_week: calendar.first_day_of_week,
            year_range: calendar.earliest_year..=calendar.latest_year,
            starts: StartIndex::new(
                expressions
                    .iter()
                    .map(|expression| expression.elements.as_slice()),
            ),
            expressions,
        })
    }

    /// How many expressions the rules hold (an empty pack holds none).
    pub fn expression_count(&self) -> usize {
        self.expressions.len()
    }
}

/// Check an expression's slots make a date that can be resolved, and compile it.
fn compile_expression(file: &str, entry: &ExpressionEntry) -> Result<Expression, DatesError> {
    let pattern_error = |reason: String| DatesError::Pattern {
        file: file.to_string(),
        pattern: entry.pattern.clone(),
        reason,
    };
    let elements = parse_pattern(&entry.pattern).map_err(pattern_error)?;
    let mut slots: Vec<Slot> = Vec::new();
    for element in &elements {
        if let ElementKind::Slot(slot) = element.kind {
            if slots.contains(&slot) {
                return Err(pattern_error(format!("slot {slot:?} appears twice")));
            }
            slots.push(slot);
        }
    }
    let has = |slot: Slot| slots.contains(&slot);
    let unit = entry
        .unit
        .as_deref()
        .map(|name| {
            Unit::from_name(name).ok_or_else(|| {
                pattern_error(format!(
                    "unit `{name}` is not one of day, week, month, year"
                ))
            })
        })
        .transpose()?;
    let decade_slots = [Slot::Decade, Slot::DecadeShort, Slot::DecadeWord]
        .iter()
        .filter(|slot| has(**slot))
        .count();
    let calendar_slots = [
        Slot::Day,
        Slot::Month,
        Slot::MonthNumber,
        Slot::Year,
        Slot::Weekday,
    ];
    if let Some(shift) = entry.shift {
        if !(-100..=100).contains(&shift) {
            return Err(pattern_error(
                "shift must be between -100 and 100".to_string(),
            ));
        }
        if unit.is_some() == has(Slot::Unit) {
            return Err(pattern_error(
                "a relative expression needs its unit from exactly one of `unit` or `{unit}`"
                    .to_string(),
            ));
        }
        if decade_slots > 0 || calendar_slots.iter().any(|slot| has(*slot)) {
            return Err(pattern_error(
                "a relative expression may only hold {count} and {unit}".to_string(),
            ));
        }
    } else {
        if unit.is_some() || has(Slot::Count) || has(Slot::Unit) {
            return Err(pattern_error(
                "`unit`, {count} and {unit} need `shift`".to_string(),
            ));
        }
        if has(Slot::Month) && has(Slot::MonthNumber) {
            return Err(pattern_error("two slots give the month".to_string()));
        }
        let month = has(Slot::Month) || has(Slot::MonthNumber);
        if has(Slot::Day) && !month {
            return Err(pattern_error("{day} needs a month".to_string()));
        }
        if has(Slot::MonthNumber) && !has(Slot::Day) && !has(Slot::Year) {
            return Err(pattern_error(
                "{month_number} alone is just a number; add {day} or {year}".to_string(),
            ));
        }
        if decade_slots > 1 || (decade_slots == 1 && calendar_slots.iter().any(|slot| has(*slot))) {
            return Err(pattern_error(
                "a decade stands alone in its expression".to_string(),
            ));
        }
        if decade_slots == 0 && !calendar_slots.iter().any(|slot| has(*slot)) {
            return Err(pattern_error(
                "the pattern names no date: add a slot or a `shift`".to_string(),
            ));
        }
    }
    let direction = match (entry.before_publication, entry.after_publication) {
        (true, true) => {
            return Err(pattern_error(
                "`before_publication` and `after_publication` exclude each other".to_string(),
            ));
        }
        (true, false) => Direction::Before,
        (false, true) => Direction::After,
        (false, false) => Direction::LatestNotAfter,
    };
    Ok(Expression {
        absolute: has(Slot::Year) || decade_slots > 0,
        elements,
        unit,
        shift: entry.shift,
        direction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_empty_rules() {
        let rules = DateRules::from_toml("empty", "").unwrap();
        assert_eq!(rules.expression_count(), 0);
    }

    #[test]
    fn schema_mistakes_are_named() {
        let cases = [
            ("[names]\nmonths = [{ names = [\"Jan\"] }]", "12 entries"),
            ("[[expressions]]\npattern = \"{day}\"", "needs a month"),
            ("[[expressions]]\npattern = \"yesterday\"", "names no date"),
            (
                "[[expressions]]\npattern = \"yesterday\"\nshift = -1",
                "exactly one",
            ),
            (
                "[[expressions]]\npattern = \"{year}\"\nshift = -1\nunit = \"day\"",
                "only hold",
            ),
            ("[units]\nday = [\"two words\"]", "single word"),
            ("[calendar]\nfirst_day_of_week = 0", "ISO weekday"),
            ("surprise = 1", "not valid TOML"),
        ];
        for (text, expected) in cases {
            let error = DateRules::from_toml("t.toml", text)
                .unwrap_err()
                .to_string();
            assert!(error.contains(expected), "{text:?} gave {error}");
            assert!(error.starts_with("t.toml"), "{error}");
        }
    }
}
