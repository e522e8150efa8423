//! Removal of scraping leftovers and credit lines, driven by the `cleanup.toml` rules of every language pack.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::credits::{Credit, parse_credit_value};

/// The generic rules bundled with this crate, applied together with every pack's rules.
const GENERIC_RULES: &str = include_str!("../data/cleanup.toml");
const GENERIC_RULES_NAME: &str = "crates/extract/data/cleanup.toml";

/// A credit line longer than this is prose that happens to start with "Source:", not a credit.
const MAX_CREDIT_LINE_CHARS: usize = 200;

/// Room for the lazy DFA of each combined pattern, per thread. Every rule of every language
/// is one case-insensitive alternation with Unicode classes, and its DFA needs a little more
/// than the regex crate's default of 2 MB: with the default, the cache filled up on most
/// articles and the search fell back to the much slower NFA engines. Measured on 42,000 lines
/// of generated articles: 80 ms with the default, 2.5 ms from 4 MB up. The cache only grows as
/// far as the text needs.
const COMBINED_PATTERN_DFA_BYTES: usize = 8 * 1024 * 1024;

/// A line this short or shorter, without closing punctuation, between two paragraphs that do end
/// in punctuation, is taken for an image caption or a sub-heading: neither is a sentence to code.
const MAX_WORDS_OF_UNPUNCTUATED_CAPTION: usize = 15;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CleanupError {
    #[error("{file}: not a valid cleanup file: {source}")]
    Toml {
        file: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: the {kind} pattern `{pattern}` is not a valid regular expression: {source}")]
    Pattern {
        file: String,
        kind: String,
        pattern: String,
        #[source]
        source: Box<regex::Error>,
    },
}

/// What a leftover is; the kinds a `cleanup.toml` rule may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftoverKind {
    AdPlaceholder,
    CommentCounter,
    SharePrompt,
    SubscribePrompt,
    RelatedLink,
    Caption,
}

/// Whether a rule removes whole lines or cuts its matches out of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleScope {
    Line,
    Inline,
}

/// One `[[leftover]]` rule as written in a `cleanup.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftoverRule {
    pub kind: LeftoverKind,
    pub scope: RuleScope,
    pub pattern: String,
    /// Texts the rule must remove.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Texts the rule must leave alone.
    #[serde(default)]
    pub keeps: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreditSection {
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CleanupFile {
    #[serde(default)]
    leftover: Vec<LeftoverRule>,
    #[serde(default)]
    credits: CreditSection,
}

/// One rule file's contents, kept so tests can check every rule against its own examples.
#[derive(Debug, Clone)]
pub struct RuleFile {
    pub name: String,
    pub leftovers: Vec<LeftoverRule>,
}

/// Every cleanup rule, compiled: one regular expression for whole-line leftovers, one for inline
/// leftovers and one for credit lines, so each line is scanned a fixed number of times however
/// many languages contribute rules.
#[derive(Debug)]
pub struct CleanupRules {
    whole_line: Option<Regex>,
    inline: Option<Regex>,
    credit_line: Option<Regex>,
    conjunctions: Vec<String>,
    pub files: Vec<RuleFile>,
}

/// The cleaned text and the credits taken out of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CleanedText {
    pub text: String,
    pub credits: Vec<Credit>,
}

/// Compile a rule's pattern as its scope demands: whole-line rules are anchored, and every rule
/// is case-insensitive.
pub fn compile_rule(rule: &LeftoverRule) -> Result<Regex, regex::Error> {
    Regex::new(&rule_source(rule))
}

/// A pattern that joins every file's rules, with room for its lazy DFA.
fn compile_combined(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(COMBINED_PATTERN_DFA_BYTES)
        .build()
}

fn rule_source(rule: &LeftoverRule) -> String {
    match rule.scope {
        RuleScope::Line => format!("(?i)^(?:{})$", rule.pattern),
        RuleScope::Inline => format!("(?i)(?:{})", rule.pattern),
    }
}

impl CleanupRules {
    /// Build the rules from `(file name, TOML text)` pairs; an empty text contributes nothing.
    pub fn from_files<'text>(
        files: impl IntoIterator<Item = (&'text str, &'text str)>,
    ) -> Result<CleanupRules, CleanupError> {
        let mut line_sources = Vec::new();
        let mut inline_sources = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        let mut conjunctions: Vec<String> = Vec::new();
        let mut rule_files = Vec::new();
        for (file_name, text) in files {
            let parsed: CleanupFile =
                toml::from_str(text).map_err(|source| CleanupError::Toml {
                    file: file_name.to_string(),
                    source: Box::new(source),
                })?;
            for rule in &parsed.leftover {
                // Compile each rule alone first, so a bad pattern is reported with its file.
                compile_rule(rule).map_err(|source| CleanupError::Pattern {
                    file: file_name.to_string(),
                    kind: format!("{:?}", rule.kind),
                    pattern: rule.pattern.clone(),
                    source: Box::new(source),
                })?;
                let source = format!("(?:{})", rule.pattern);
                match rule.scope {
                    RuleScope::Line => line_sources.push(source),
                    RuleScope::Inline => inline_sources.push(source),
                }
            }
            labels.extend(parsed.credits.labels);
            conjunctions.extend(parsed.credits.conjunctions);
            rule_files.push(RuleFile {
                name: file_name.to_string(),
                leftovers: parsed.leftover,
            });
        }
        let combine = |sources: &[String], anchored: bool| -> Result<Option<Regex>, CleanupError> {
            if sources.is_empty() {
                return Ok(None);
            }
            let alternation = sources.join("|");
            let pattern = if anchored {
                format!("(?i)^(?:{alternation})$")
            } else {
                format!("(?i){alternation}")
            };
            compile_combined(&pattern)
                .map(Some)
                .map_err(|source| CleanupError::Pattern {
                    file: "(all cleanup files)".to_string(),
                    kind: "combined".to_string(),
                    pattern: String::new(),
                    source: Box::new(source),
                })
        };
        labels.sort_by_key(|label| std::cmp::Reverse(label.chars().count()));
        labels.dedup();
        let credit_line = if labels.is_empty() {
            None
        } else {
            let alternation: Vec<String> =
                labels.iter().map(|label| regex::escape(label)).collect();
            let pattern = format!(
                r"(?i)^[(\[]?\s*(?:{})\s*:\s*(?P<value>.+?)\s*[)\]]?$",
                alternation.join("|")
            );
            Some(
                compile_combined(&pattern).map_err(|source| CleanupError::Pattern {
                    file: "(credit labels)".to_string(),
                    kind: "credit".to_string(),
                    pattern,
                    source: Box::new(source),
                })?,
            )
        };
        conjunctions.sort();
        conjunctions.dedup();
        Ok(CleanupRules {
            whole_line: combine(&line_sources, true)?,
            inline: combine(&inline_sources, false)?,
            credit_line,
            conjunctions,
            files: rule_files,
        })
    }

    /// The generic rules plus every registered language pack's rules.
    pub fn bundled() -> Result<&'static CleanupRules, &'static CleanupError> {
        static BUNDLED: OnceLock<Result<CleanupRules, CleanupError>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let pack_files: Vec<(String, &'static str)> = truce_lang::all_packs()
                    .map(|pack| (format!("lang/{}/cleanup.toml", pack.code), pack.cleanup))
                    .collect();
                let files = std::iter::once((GENERIC_RULES_NAME, GENERIC_RULES))
                    .chain(pack_files.iter().map(|(name, text)| (name.as_str(), *text)));
                CleanupRules::from_files(files)
            })
            .as_ref()
    }

    /// Remove leftovers and credit lines from `text`; keep paragraph breaks (one blank line) and
    /// single line breaks as they were.
    pub fn clean(&self, text: &str) -> CleanedText {
        let mut credits = Vec::new();
        // `None` marks a blank line; dropped lines leave no mark, so the text around them closes up.
        let mut kept_lines: Vec<Option<String>> = Vec::new();
        for raw_line in text.split('\n') {
            let raw_line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
            if raw_line.trim().is_empty() {
                kept_lines.push(None);
                continue;
            }
            let line = self.cut_inline_leftovers(raw_line);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if self
                .whole_line
                .as_ref()
                .is_some_and(|regex| regex.is_match(trimmed))
            {
                continue;
            }
            if let Some(credit) = self.credit_in_line(trimmed) {
                credits.push(credit);
                continue;
            }
            kept_lines.push(Some(trimmed.to_string()));
        }
        drop_unpunctuated_captions(&mut kept_lines);
        CleanedText {
            text: join_collapsing_blank_lines(&kept_lines),
            credits,
        }
    }

    fn cut_inline_leftovers<'line>(&self, line: &'line str) -> std::borrow::Cow<'line, str> {
        let Some(inline) = &self.inline else {
            return line.into();
        };
        if !inline.is_match(line) {
            return line.into();
        }
        let cut = inline.replace_all(line, "");
        // A cut leaves the spaces on both of its sides; close them up so no double space remains.
        let mut closed_up = String::with_capacity(cut.len());
        let mut previous_was_space = false;
        for character in cut.chars() {
            let is_space = character == ' ' || character == '\t';
            if !(is_space && previous_was_space) {
                closed_up.push(character);
            }
            previous_was_space = is_space;
        }
        closed_up.into()
    }

    fn credit_in_line(&self, line: &str) -> Option<Credit> {
        if line.chars().count() > MAX_CREDIT_LINE_CHARS {
            return None;
        }
        let credit_line = self.credit_line.as_ref()?;
        // Nearly every line is not a credit line. Asking for captures runs one of the regex
        // engines that track groups (the PikeVM showed in profiles); a plain match runs the
        // lazy DFA, and only a line that matches is asked for its groups.
        if !credit_line.is_match(line) {
            return None;
        }
        let captures = credit_line.captures(line)?;
        let value = captures.name("value")?.as_str();
        let credit = parse_credit_value(value, &self.conjunctions);
        (credit.url.is_some() || !credit.names.is_empty()).then_some(credit)
    }
}

/// Whether a line ends the way a sentence or a paragraph does.
fn ends_like_a_sentence(line: &str) -> bool {
    let without_closers = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    let ends_with_closer = without_closers.len() != line.len();
    ends_with_closer || without_closers.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Drop short unpunctuated lines that sit between two punctuated paragraphs: on a scraped page
/// these are image captions or sub-headings. The first line (the usual place of a headline) is
/// never dropped, and lines in a run of unpunctuated lines (lists, tables) are kept.
fn drop_unpunctuated_captions(lines: &mut Vec<Option<String>>) {
    let non_blank_indices: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| line.as_ref().map(|_| index))
        .collect();
    let mut to_drop = Vec::new();
    for window in non_blank_indices.windows(3) {
        let [previous, candidate, next] = [window[0], window[1], window[2]];
        let (Some(previous_line), Some(candidate_line), Some(next_line)) =
            (&lines[previous], &lines[candidate], &lines[next])
        else {
            continue;
        };
        let n_words = candidate_line.split_whitespace().count();
        let starts_with_capital = candidate_line
            .chars()
            .next()
            .is_some_and(|first| first.is_uppercase() || first.is_numeric());
        if n_words <= MAX_WORDS_OF_UNPUNCTUATED_CAPTION
            && starts_with_capital
            && !ends_like_a_sentence(candidate_line)
            && !candidate_line.ends_with(',')
            && ends_like_a_sentence(previous_line)
            && ends_like_a_sentence(next_line)
        {
            to_drop.push(candidate);
        }
    }
    for index in to_drop.into_iter().rev() {
        lines.remove(index);
    }
}

/// Join kept lines with `\n`, writing each run of blank lines as one blank line and dropping blank
/// lines at either end.
fn join_collapsing_blank_lines(lines: &[Option<String>]) -> String {
    let mut text = String::new();
    let mut pending_blank = false;
    for line in lines {
        match line {
            None => pending_blank = !text.is_empty(),
            Some(line) => {
                if !text.is_empty() {
                    text.push_str(if pending_blank { "\n\n" } else { "\n" });
                }
                text.push_str(line);
                pending_blank = false;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static CleanupRules {
        CleanupRules::bundled().unwrap()
    }

    #[test]
    fn no_bundled_rule_uses_a_word_boundary() {
        // The rules are combined into one regex per scope, which the regex crate runs with its
        // lazy DFA; the lazy DFA gives up on a Unicode word boundary as soon as the line holds a
        // non-ASCII byte, so one `\b` in any rule sends every such line (most Spanish and
        // Indonesian ones) to the slower PikeVM or backtracker.
        for file in &rules().files {
            for leftover in &file.leftovers {
                assert!(
                    !leftover.pattern.contains("\\b") && !leftover.pattern.contains("\\B"),
                    "{}: `{}` uses a word boundary",
                    file.name,
                    leftover.pattern
                );
            }
        }
    }

    #[test]
    fn runs_of_blank_lines_become_one_paragraph_break() {
        let cleaned =
            rules().clean("\n\nFirst paragraph.\n\n\n\n\nSecond paragraph.\nSame paragraph.\n\n");
        assert_eq!(
            cleaned.text,
            "First paragraph.\n\nSecond paragraph.\nSame paragraph."
        );
    }

    #[test]
    fn a_dropped_line_between_paragraphs_leaves_one_break() {
        let cleaned = rules().clean("Satu.\n\n[iklan_1]\n\nDua.\r\nKomentar (0)\r\n");
        assert_eq!(cleaned.text, "Satu.\n\nDua.");
    }

    #[test]
    fn an_inline_placeholder_is_cut_without_leaving_a_double_space() {
        let cleaned = rules().clean("Pasukan [ads_1] ditarik.");
        assert_eq!(cleaned.text, "Pasukan ditarik.");
    }

    #[test]
    fn credit_lines_are_taken_out_as_provenance() {
        let cleaned = rules().clean(
            "Teks berita.\nSumber: AFP dan Reuters\nNguồn: https://thanhnien.vn/a-1.htm\n(Fuente: EFE)",
        );
        assert_eq!(cleaned.text, "Teks berita.");
        let names: Vec<&str> = cleaned
            .credits
            .iter()
            .flat_map(|credit| credit.names.iter().map(String::as_str))
            .collect();
        assert_eq!(names, ["AFP", "Reuters", "thanhnien.vn", "EFE"]);
        assert_eq!(
            cleaned.credits[1].url.as_deref(),
            Some("https://thanhnien.vn/a-1.htm")
        );
    }

    #[test]
    fn prose_that_starts_like_a_credit_line_is_kept() {
        let long_line = format!(
            "Source: {}",
            "the ministry said troops would stay. ".repeat(8)
        );
        let cleaned = rules().clean(&long_line);
        assert_eq!(cleaned.text, long_line.trim());
        assert!(cleaned.credits.is_empty());
    }

    #[test]
    fn a_short_unpunctuated_line_between_paragraphs_is_a_caption_but_a_headline_is_not() {
        let text = "Headline without a stop\nFirst paragraph ends here.\nTroops and armoured vehicles in the region\nSecond paragraph ends here.\n- item one\n- item two\nThird.";
        let cleaned = rules().clean(text);
        assert_eq!(
            cleaned.text,
            "Headline without a stop\nFirst paragraph ends here.\nSecond paragraph ends here.\n- item one\n- item two\nThird."
        );
    }

    #[test]
    fn malformed_rule_files_are_errors_naming_the_file() {
        let bad_toml = CleanupRules::from_files([("lang/xx/cleanup.toml", "[[leftover]\n")]);
        assert!(
            matches!(bad_toml, Err(CleanupError::Toml { ref file, .. }) if file == "lang/xx/cleanup.toml")
        );
        let unknown_key = CleanupRules::from_files([(
            "x.toml",
            "[[leftover]]\nkind = \"caption\"\nscope = \"line\"\npatern = \"x\"\n",
        )]);
        assert!(unknown_key.is_err());
        let bad_pattern = CleanupRules::from_files([(
            "y.toml",
            "[[leftover]]\nkind = \"caption\"\nscope = \"line\"\npattern = \"(unclosed\"\n",
        )]);
        assert!(matches!(bad_pattern, Err(CleanupError::Pattern { .. })));
        let empty = CleanupRules::from_files([("z.toml", "")]).unwrap();
        assert_eq!(
            empty.clean("Komentar (0)\nText.").text,
            "Komentar (0)\nText."
        );
    }
}
