//! Issue dictionaries: phrases that tag a sentence's events with topics (`n:massacre [ID_ATROCITY]`).

use crate::lines::meaningful_lines;
use crate::words::{Phrase, english_plural};
use crate::{Dialect, DictionaryError, Warning};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    pub phrases: Vec<Phrase>,
    /// `None` for `~` ignore phrases, whose presence cancels issue coding for the sentence.
    pub code: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct IssueDictionary {
    pub entries: Vec<IssueEntry>,
}

pub fn parse_issues(
    file: &str,
    text: &str,
) -> Result<(IssueDictionary, Vec<Warning>), DictionaryError> {
    let mut dictionary = IssueDictionary::default();
    let mut warnings = Vec::new();
    for line in meaningful_lines(text) {
        let content = line.text;
        if content.starts_with('<') {
            continue;
        }
        if let Some(ignored) = content.strip_prefix('~') {
            let ignored = ignored.trim_start_matches('~');
            let phrases = expand_issue_phrase(ignored);
            dictionary.entries.push(IssueEntry {
                phrases,
                code: None,
                line: line.number,
            });
            continue;
        }
        let Some(open) = content.find('[') else {
            warnings.push(Warning {
                file: file.to_string(),
                line: line.number,
                message: "an issue line without a `[code]`; skipped".to_string(),
            });
            continue;
        };
        let code = content[open + 1..].trim_end_matches(']').trim();
        if code.is_empty() {
            warnings.push(Warning {
                file: file.to_string(),
                line: line.number,
                message: "an empty issue code; skipped".to_string(),
            });
            continue;
        }
        let phrases = expand_issue_phrase(&content[..open]);
        if phrases.is_empty() {
            continue;
        }
        dictionary.entries.push(IssueEntry {
            phrases,
            code: Some(code.to_string()),
            line: line.number,
        });
    }
    Ok((dictionary, warnings))
}

/// Expands `n:` (singular and plural), `v:` (regular verb forms) and `+` (blank or hyphen) markers.
fn expand_issue_phrase(text: &str) -> Vec<Phrase> {
    let mut variants: Vec<Vec<String>> = vec![Vec::new()];
    for word in text.split_whitespace() {
        let forms: Vec<String> = if let Some(noun) = word.strip_prefix("n:") {
            let mut forms = vec![noun.to_string()];
            forms.extend(english_plural(&noun.to_uppercase()).map(|p| p.to_lowercase()));
            forms
        } else if let Some(verb) = word.strip_prefix("v:") {
            let base = verb.trim_end_matches('e');
            vec![
                verb.to_string(),
                format!("{verb}s"),
                format!("{base}ed"),
                format!("{base}ing"),
            ]
        } else if word.contains('+') {
            vec![word.replace('+', " "), word.replace('+', "-")]
        } else {
            vec![word.to_string()]
        };
        variants = variants
            .into_iter()
            .flat_map(|prefix| {
                forms.iter().map(move |form| {
                    let mut next = prefix.clone();
                    next.push(form.clone());
                    next
                })
            })
            .collect();
    }
    variants
        .into_iter()
        .filter(|words| !words.is_empty())
        .map(|words| Phrase::parse(&words.join(" "), Dialect::Petrarch))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions() {
        let (dictionary, warnings) = parse_issues("i", "<ISSUE CATEGORY=\"X\">\nn:massacre [ID_ATROCITY]\nal+zarqawi network [NAMED]\n~Saturday Night massacre\n").unwrap();
        assert!(warnings.is_empty());
        assert_eq!(dictionary.entries[0].phrases.len(), 2);
        assert_eq!(dictionary.entries[1].phrases.len(), 2);
        assert_eq!(dictionary.entries[2].code, None);
    }
}
