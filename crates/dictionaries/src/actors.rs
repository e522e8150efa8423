//! Actor dictionaries: names with `+` synonyms and codes, optionally restricted to dates.
//!
//! Both layouts are read: PETRARCH's (dated roles on their own tab-indented lines) and TABARI's
//! (several `[CODE dates]` groups on the name line). TABARI's `<NOUN>` and `<ADJECTIVE>` lists,
//! which tell the coder that a word is not a verb, are kept as well.

use crate::lines::meaningful_lines;
use crate::words::{Phrase, normalize_word};
use crate::{Dialect, DictionaryError, Warning};

/// A code valid between two dates (inclusive, `yyyymmdd`); open ends are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// `None` is TABARI's null code `---`: the name is known and deliberately not an actor.
    pub code: Option<String>,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

impl DatedCode {
    fn is_default(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn covers(&self, date: u32) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    pub names: Vec<Phrase>,
    pub codes: Vec<DatedCode>,
    pub file: String,
    pub line: usize,
}

impl ActorEntry {
    /// The code for a sentence dated `date` (`yyyymmdd`): the first dated role that covers the
    /// date, else the undated default. `None` when the entry is a null actor or no role applies.
    pub fn code_on(&self, date: Option<u32>) -> Option<&str> {
        if let Some(date) = date
            && let Some(role) = self
                .codes
                .iter()
                .find(|code| !code.is_default() && code.covers(date))
        {
            return role.code.as_deref();
        }
        if let Some(default) = self.codes.iter().find(|code| code.is_default()) {
            return default.code.as_deref();
        }
        if date.is_none() {
            // Without a date the most recent role is the best guess a reader would make.
            return self
                .codes
                .iter()
                .max_by_key(|code| code.to.unwrap_or(u32::MAX))
                .and_then(|code| code.code.as_deref());
        }
        None
    }
}

#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    pub entries: Vec<ActorEntry>,
    /// TABARI `<NOUN>` words: never verbs.
    pub nouns: Vec<String>,
    /// TABARI `<ADJECTIVE>` words: a verb after one of these is a noun.
    pub adjectives: Vec<String>,
}

impl ActorDictionary {
    pub fn extend(&mut self, other: ActorDictionary) {
        self.entries.extend(other.entries);
        self.nouns.extend(other.nouns);
        self.adjectives.extend(other.adjectives);
    }
}

/// Parses `[CODE]`, `[CODE 120101-130101]`, `[CODE <911226]`, `[CODE >20010101]`, `[---]`.
pub(crate) fn parse_dated_code(inside: &str) -> Result<DatedCode, String> {
    let mut parts = inside.split_whitespace();
    let Some(first) = parts.next() else {
        return Err("empty code `[]`".to_string());
    };
    if first
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '<' || c == '>')
    {
        // TABARI allows the restriction without a code only as an error; report it.
        return Err(format!("code block `[{inside}]` has a date but no code"));
    }
    let code_text = first;
    // TABARI writes restrictions with or without blanks: `<950601`, `< 950601`, `950601 - 990815`.
    let rest: String = parts.collect::<Vec<_>>().concat();
    let restriction = if rest.is_empty() {
        None
    } else {
        Some(rest.as_str())
    };
    let code = match code_text {
        "---" => None,
        other => Some(other.to_string()),
    };
    let (from, to) = match restriction {
        None => (None, None),
        Some(text) => parse_date_restriction(text)?,
    };
    Ok(DatedCode { code, from, to })
}

fn parse_date_restriction(text: &str) -> Result<(Option<u32>, Option<u32>), String> {
    if let Some(rest) = text.strip_prefix('<') {
        return Ok((None, Some(parse_dictionary_date(rest)?)));
    }
    if let Some(rest) = text.strip_prefix('>') {
        return Ok((Some(parse_dictionary_date(rest)?), None));
    }
    match text.split_once('-') {
        Some((from, to)) => {
            let from = if from.is_empty() {
                None
            } else {
                Some(parse_dictionary_date(from)?)
            };
            let to = if to.is_empty() {
                None
            } else {
                Some(parse_dictionary_date(to)?)
            };
            Ok((from, to))
        }
        None => Err(format!(
            "date restriction `{text}` is not `<date`, `>date` or `date-date`"
        )),
    }
}

/// `yymmdd` or `yyyymmdd` to `yyyymmdd`. Two-digit years below 30 are 20xx, as in the
/// CountryInfo-generated files (`AFGELI 730717-070723` runs from 1973 to 2007).
pub(crate) fn parse_dictionary_date(text: &str) -> Result<u32, String> {
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("date `{text}` is not digits"));
    }
    let value: u32 = text
        .parse()
        .map_err(|_| format!("date `{text}` is not a number"))?;
    let full = match text.len() {
        6 => {
            let year = value / 10_000;
            let century = if year < 30 { 2000 } else { 1900 };
            (century + year) * 10_000 + value % 10_000
        }
        8 => value,
        _ => return Err(format!("date `{text}` is neither yymmdd nor yyyymmdd")),
    };
    let month = full / 100 % 100;
    let day = full % 100;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(format!("date `{text}` has no such month or day"));
    }
    Ok(full)
}

/// Splits `NAME [A] [B 1201-]` into the name and the texts inside each bracket pair.
pub(crate) fn split_name_and_codes(text: &str) -> Result<(&str, Vec<&str>), String> {
    let name_end = text.find('[').unwrap_or(text.len());
    let name = text[..name_end].trim();
    let mut codes = Vec::new();
    let mut rest = &text[name_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            return Err(format!("`[` without `]` in `{text}`"));
        };
        codes.push(rest[open + 1..open + close].trim());
        rest = &rest[open + close + 1..];
    }
    if !rest.trim().is_empty() {
        return Err(format!("unexpected `{}` after the codes", rest.trim()));
    }
    Ok((name, codes))
}

pub fn parse_actors(
    file: &str,
    text: &str,
    dialect: Dialect,
) -> Result<(ActorDictionary, Vec<Warning>), DictionaryError> {
    let mut dictionary = ActorDictionary::default();
    let mut warnings = Vec::new();
    let mut section: Option<&str> = None;
    // After an entry that had to be skipped, its synonyms and roles are skipped too.
    let mut skipping_entry = false;
    let warn = |warnings: &mut Vec<Warning>, line: usize, message: String| {
        warnings.push(Warning {
            file: file.to_string(),
            line,
            message,
        });
    };
    for line in meaningful_lines(text) {
        let content = line.text;
        match content.to_ascii_uppercase().as_str() {
            "<NOUN>" => {
                section = Some("noun");
                continue;
            }
            "<ADJECTIVE>" => {
                section = Some("adjective");
                continue;
            }
            "</NOUN>" | "</ADJECTIVE>" => {
                section = None;
                continue;
            }
            _ => {}
        }
        if let Some(kind) = section {
            let word = normalize_word(
                content
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('_'),
            );
            if kind == "noun" {
                dictionary.nouns.push(word)
            } else {
                dictionary.adjectives.push(word)
            }
            continue;
        }
        if content.starts_with('<') {
            // Other XML-ish markers (`<Actor>` wrappers in some files) carry no entries.
            continue;
        }
        if skipping_entry && (content.starts_with('[') || content.starts_with('+')) {
            continue;
        }
        if content.starts_with('[') {
            let Some(entry) = dictionary.entries.last_mut() else {
                warn(
                    &mut warnings,
                    line.number,
                    "a code line before any actor name; skipped".to_string(),
                );
                continue;
            };
            match split_name_and_codes(content) {
                Ok((_, codes)) => {
                    for code in codes {
                        match parse_dated_code(code) {
                            Ok(dated) => entry.codes.push(dated),
                            Err(message) => {
                                warn(&mut warnings, line.number, format!("{message}; skipped"))
                            }
                        }
                    }
                }
                Err(message) => warn(&mut warnings, line.number, format!("{message}; skipped")),
            }
            continue;
        }
        if let Some(synonym) = content.strip_prefix('+') {
            let (name, codes) = match split_name_and_codes(synonym) {
                Ok(parts) => parts,
                Err(message) => {
                    warn(&mut warnings, line.number, format!("{message}; skipped"));
                    continue;
                }
            };
            let Some(entry) = dictionary.entries.last_mut() else {
                warn(
                    &mut warnings,
                    line.number,
                    "a `+` synonym before any actor name; skipped".to_string(),
                );
                continue;
            };
            let phrase = Phrase::parse(name, dialect);
            if !phrase.is_empty() {
                entry.names.push(phrase);
            }
            for code in codes {
                if let Ok(dated) = parse_dated_code(code) {
                    entry.codes.push(dated);
                }
            }
            continue;
        }
        let (name, codes) = match split_name_and_codes(content) {
            Ok(parts) => parts,
            Err(message) => {
                warn(&mut warnings, line.number, format!("{message}; skipped"));
                continue;
            }
        };
        let phrase = Phrase::parse(name, dialect);
        if phrase.is_empty() {
            warn(
                &mut warnings,
                line.number,
                "an actor line without a name; skipped".to_string(),
            );
            continue;
        }
        let mut entry = ActorEntry {
            names: vec![phrase],
            codes: Vec::new(),
            file: file.to_string(),
            line: line.number,
        };
        let mut bad_code = false;
        for code in codes {
            match parse_dated_code(code) {
                Ok(dated) => entry.codes.push(dated),
                Err(message) => {
                    warn(
                        &mut warnings,
                        line.number,
                        format!("{message}; entry skipped"),
                    );
                    bad_code = true;
                }
            }
        }
        // TABARI drops an entry whose code block it cannot read rather than guess a code.
        skipping_entry = bad_code;
        if !bad_code {
            dictionary.entries.push(entry);
        }
    }
    dictionary.entries.retain(|entry| !entry.names.is_empty());
    Ok((dictionary, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_dated_roles_resolve_by_date() {
        let text =
            "VLADIMIR_PUTIN_ [RUSELI]\n+PUTIN_\n\t[RUSGOV 000507-080507]\n\t[RUSGOV 120507-]\n";
        let (dictionary, warnings) = parse_actors("t.txt", text, Dialect::Petrarch).unwrap();
        assert!(warnings.is_empty());
        let entry = &dictionary.entries[0];
        assert_eq!(entry.names.len(), 2);
        assert_eq!(entry.code_on(Some(20_240_612)), Some("RUSGOV"));
        assert_eq!(entry.code_on(Some(20_100_101)), Some("RUSELI"));
    }

    #[test]
    fn tabari_inline_codes_and_null_default() {
        let (dictionary, _) = parse_actors(
            "t",
            "ALBRIGHT  [USAGOV 991201-010114] [---]\nAXNOR  [AR1 <911226] [AR2]\n",
            Dialect::Tabari,
        )
        .unwrap();
        assert_eq!(
            dictionary.entries[0].code_on(Some(20_000_101)),
            Some("USAGOV")
        );
        assert_eq!(dictionary.entries[0].code_on(Some(20_050_101)), None);
        assert_eq!(dictionary.entries[1].code_on(Some(19_900_101)), Some("AR1"));
        assert_eq!(dictionary.entries[1].code_on(Some(19_950_101)), Some("AR2"));
    }

    #[test]
    fn malformed_code_blocks_warn_with_the_line() {
        let (dictionary, warnings) = parse_actors(
            "bad.actors",
            "GOOD [AAA]\nALBRIGHZ  [991201-010114] [---]\n+SYN\n",
            Dialect::Tabari,
        )
        .unwrap();
        assert_eq!(dictionary.entries.len(), 1);
        assert_eq!(warnings[0].line, 2);
        assert!(warnings[0].to_string().starts_with("bad.actors:2:"));
    }

    #[test]
    fn noun_and_adjective_sections() {
        let (dictionary, _) = parse_actors(
            "t",
            "<NOUN>\nFORCES_ ;x\n</NOUN>\n<ADJECTIVE>\nBAD\n</ADJECTIVE>\n",
            Dialect::Tabari,
        )
        .unwrap();
        assert_eq!(dictionary.nouns, vec!["FORCES"]);
        assert_eq!(dictionary.adjectives, vec!["BAD"]);
    }

    #[test]
    fn two_digit_years_pivot_at_thirty() {
        assert_eq!(parse_dictionary_date("320101"), Ok(19_320_101));
        assert_eq!(parse_dictionary_date("070723"), Ok(20_070_723));
        assert!(parse_dictionary_date("071323").is_err());
    }
}
