//! Shape check for generated actor-name files (`lang/<code>/names.actors.txt`) in the PETRARCH actor format.
//!
//! The check is deliberately independent of `truce-dictionaries`: it pins down the subset of the
//! format that `scripts/names/generate.py` writes, so a generator change that produces anything
//! else fails here before any reader sees it.

use std::collections::BTreeMap;

/// One line of a names file that does not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// One-based line number.
    pub line: usize,
    pub message: String,
}

/// What one record of the file says: its phrases and the codes it can give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameRecord {
    /// The primary phrase followed by its `+` synonyms, as written (`RUSIA_`).
    pub phrases: Vec<String>,
    /// The record's undated code, if any (`RUS`, or the default of a dated record).
    pub code: Option<String>,
    /// Dated codes with their restriction text (`RUSGOV`, `>20080508`).
    pub dated_codes: Vec<(String, String)>,
}

/// Parses a names file into records, or lists every line that breaks the shape.
///
/// Every line is blank, a `#` comment, a name line (`PHRASE_` optionally followed by
/// ` [CODE]`), a synonym (`+PHRASE_`) or a tab-indented code (`\t[CODE]`, `\t[CODE >YYYYMMDD]`,
/// `\t[CODE <YYYYMMDD]`, `\t[CODE YYYYMMDD-YYYYMMDD]`); synonyms and codes follow a name line.
pub fn parse_names_file(text: &str) -> Result<Vec<NameRecord>, Vec<ShapeProblem>> {
    let mut records: Vec<NameRecord> = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let mut problem = |message: String| {
            problems.push(ShapeProblem {
                line: line_number,
                message,
            })
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(code_text) = line.strip_prefix('\t') {
            let Some(record) = records.last_mut() else {
                problem("code line before any name line".to_string());
                continue;
            };
            match parse_code_line(code_text) {
                Ok((code, None)) => record.code = Some(code),
                Ok((code, Some(restriction))) => record.dated_codes.push((code, restriction)),
                Err(message) => problem(message),
            }
        } else if let Some(synonym) = line.strip_prefix('+') {
            let Some(record) = records.last_mut() else {
                problem("synonym before any name line".to_string());
                continue;
            };
            match check_phrase(synonym) {
                Ok(()) => record.phrases.push(synonym.to_string()),
                Err(message) => problem(message),
            }
        } else {
            let (phrase_text, code) = match line.split_once(' ') {
                Some((phrase_text, rest)) => match parse_bracketed_code(rest) {
                    Ok(code) => (phrase_text, Some(code)),
                    Err(message) => {
                        problem(message);
                        continue;
                    }
                },
                None => (line, None),
            };
            match check_phrase(phrase_text) {
                Ok(()) => records.push(NameRecord {
                    phrases: vec![phrase_text.to_string()],
                    code,
                    dated_codes: Vec::new(),
                }),
                Err(message) => problem(message),
            }
        }
    }
    for record in &records {
        if record.code.is_none() && record.dated_codes.is_empty() {
            // A record without any code would match text and code nothing: always a generator bug.
            problems.push(ShapeProblem {
                line: 0,
                message: format!("record {} has no code", record.phrases[0]),
            });
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

/// A phrase is upper-case words joined by `_`, ending in `_` (whole-word match), no spaces.
fn check_phrase(phrase: &str) -> Result<(), String> {
    if !phrase.ends_with('_') || phrase.len() < 2 {
        return Err(format!("phrase {phrase:?} does not end in \"_\""));
    }
    if phrase.contains(char::is_whitespace) || phrase.contains("__") {
        return Err(format!("phrase {phrase:?} has a space or an empty word"));
    }
    if phrase.chars().any(char::is_lowercase) {
        return Err(format!("phrase {phrase:?} is not upper case"));
    }
    if !phrase.chars().any(char::is_alphabetic) {
        return Err(format!("phrase {phrase:?} has no letter"));
    }
    if phrase.contains(['[', ']', '#', ';', '+']) {
        return Err(format!("phrase {phrase:?} contains a format character"));
    }
    Ok(())
}

/// `[CODE]` → `CODE`; codes are upper-case ASCII letters.
fn parse_bracketed_code(text: &str) -> Result<String, String> {
    let inner = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or_else(|| format!("{text:?} is not a bracketed code"))?;
    check_code(inner)?;
    Ok(inner.to_string())
}

fn check_code(code: &str) -> Result<(), String> {
    if code.len() >= 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!(
            "code {code:?} is not three or more upper-case letters"
        ))
    }
}

/// `[CODE]` or `[CODE restriction]` → the code and the restriction, checking the dates.
fn parse_code_line(text: &str) -> Result<(String, Option<String>), String> {
    let inner = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or_else(|| format!("code line {text:?} is not bracketed"))?;
    let Some((code, restriction)) = inner.split_once(' ') else {
        check_code(inner)?;
        return Ok((inner.to_string(), None));
    };
    check_code(code)?;
    if let Some(date) = restriction
        .strip_prefix('>')
        .or_else(|| restriction.strip_prefix('<'))
    {
        check_date(date)?;
    } else if let Some((start, end)) = restriction.split_once('-') {
        check_date(start)?;
        check_date(end)?;
        if start > end {
            return Err(format!("date range {restriction:?} ends before it starts"));
        }
    } else {
        return Err(format!(
            "restriction {restriction:?} is not <date, >date or date-date"
        ));
    }
    Ok((code.to_string(), Some(restriction.to_string())))
}

/// An eight-digit YYYYMMDD date that exists in the calendar.
fn check_date(text: &str) -> Result<(), String> {
    if text.len() != 8 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("date {text:?} is not YYYYMMDD"));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("date {text:?} has no month {month}")),
    };
    if (1..=days_in_month).contains(&day) {
        Ok(())
    } else {
        Err(format!("date {text:?} has no day {day}"))
    }
}

/// Phrases that two records of one file would code differently (undated codes only).
pub fn ambiguous_phrases(records: &[NameRecord]) -> Vec<String> {
    let mut codes_by_phrase: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for record in records {
        if let (Some(code), true) = (&record.code, record.dated_codes.is_empty()) {
            for phrase in &record.phrases {
                codes_by_phrase.entry(phrase).or_default().push(code);
            }
        }
    }
    codes_by_phrase
        .into_iter()
        .filter(|(_, codes)| codes.iter().any(|code| *code != codes[0]))
        .map(|(phrase, _)| phrase.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_line_kind() {
        let text = "# comment\n\nRUSIA_ [RUS]\n+RUSO_\n\nVLADIMIR_PUTIN_\n+PUTIN_\n\t[RUSGOV 19991231-20080507]\n\t[RUSGOV >20080508]\n\t[RUSELI]\n";
        let records = parse_names_file(text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].phrases, ["RUSIA_", "RUSO_"]);
        assert_eq!(records[0].code.as_deref(), Some("RUS"));
        assert_eq!(records[1].dated_codes.len(), 2);
        assert_eq!(records[1].code.as_deref(), Some("RUSELI"));
    }

    #[test]
    fn rejects_broken_lines_with_their_numbers() {
        let cases = [
            ("+ORPHAN_\n", 1),
            ("RUSIA [RUS]\n", 1),
            ("Rusia_ [RUS]\n", 1),
            ("RUSIA_ [rus]\n", 1),
            ("RUSIA_ [RUS]\n\t[RUSGOV 20080231-20090101]\n", 2),
            ("RUSIA_ [RUS]\n\t[RUSGOV 20090101-20080101]\n", 2),
            ("RUSIA_ [RUS]\n\t[RUSGOV 2008]\n", 2),
            ("RUSIA_ [RUS]\n\tRUSGOV\n", 2),
        ];
        for (text, line) in cases {
            let problems = parse_names_file(text).unwrap_err();
            assert_eq!(problems[0].line, line, "{text:?}: {problems:?}");
        }
    }

    #[test]
    fn a_record_without_a_code_is_a_problem() {
        assert!(parse_names_file("LONELY_NAME_\n").is_err());
    }

    #[test]
    fn finds_a_phrase_with_two_codes() {
        let records = parse_names_file("CONGO_ [COD]\n\nCONGO_ [COG]\n\nRUSIA_ [RUS]\n").unwrap();
        assert_eq!(ambiguous_phrases(&records), ["CONGO_"]);
    }

    proptest::proptest! {
        #[test]
        fn random_text_never_panics(text in "\\PC*") {
            let _ = parse_names_file(&text);
        }

        #[test]
        fn random_lines_of_the_format_alphabet_never_panic(
            text in "([A-Z_+\\[\\]\t<>0-9 #-]{0,30}\n){0,8}"
        ) {
            if let Ok(records) = parse_names_file(&text) {
                let _ = ambiguous_phrases(&records);
            }
        }
    }
}
