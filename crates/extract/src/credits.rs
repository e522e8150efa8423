//! The value of a credit line ("AFP dan Reuters", "https://…") split into a source URL and outlet names.

use std::sync::OnceLock;

use regex::Regex;

/// What one credit line says: the URL of the credited original, if it gives one, and the names of
/// the credited outlets (a URL's host counts as a name: it says which outlet).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credit {
    pub url: Option<String>,
    pub names: Vec<String>,
}

/// A credited name longer than this is a sentence, not an outlet.
const MAX_WORDS_IN_CREDITED_NAME: usize = 8;

fn url_regex() -> Option<&'static Regex> {
    static URL: OnceLock<Option<Regex>> = OnceLock::new();
    // The pattern is a constant, so a failure to compile it is a bug every test run catches
    // (`urls_are_found` below); the product then finds no URLs instead of panicking.
    URL.get_or_init(|| Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+").ok())
        .as_ref()
}

/// Split a credit value into its first URL and the credited names, using `conjunctions` ("dan",
/// "and") as separators between names besides `,`, `;`, `/`, `|` and `&`.
pub fn parse_credit_value(value: &str, conjunctions: &[String]) -> Credit {
    let mut credit = Credit::default();
    let mut remainder = String::with_capacity(value.len());
    let mut last_end = 0;
    let url_matches = url_regex()
        .into_iter()
        .flat_map(|regex| regex.find_iter(value));
    for url_match in url_matches {
        remainder.push_str(&value[last_end..url_match.start()]);
        remainder.push(',');
        last_end = url_match.end();
        let url = url_match
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if let Some(host) = host_of(url) {
            push_unique(
                &mut credit.names,
                host.trim_start_matches("www.").to_string(),
            );
        }
        if credit.url.is_none() {
            credit.url = Some(url.to_string());
        }
    }
    remainder.push_str(&value[last_end..]);
    for part in remainder.split([',', ';', '/', '|', '&']) {
        for name in split_on_conjunctions(part, conjunctions) {
            let name = name
                .trim()
                .trim_matches(['.', '(', ')', '"', '\'', '-', '–', '—'])
                .trim();
            let n_words = name.split_whitespace().count();
            if n_words > 0 && n_words <= MAX_WORDS_IN_CREDITED_NAME {
                push_unique(&mut credit.names, name.to_string());
            }
        }
    }
    credit
}

fn split_on_conjunctions<'part>(part: &'part str, conjunctions: &[String]) -> Vec<&'part str> {
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let words: Vec<(usize, &str)> = part
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - part.as_ptr() as usize, word))
        .collect();
    for (offset, word) in words {
        if conjunctions
            .iter()
            .any(|conjunction| conjunction.eq_ignore_ascii_case(word) || conjunction == word)
        {
            pieces.push(&part[piece_start..offset]);
            piece_start = offset + word.len();
        }
    }
    pieces.push(&part[piece_start..]);
    pieces
}

fn push_unique(names: &mut Vec<String>, name: String) {
    if !names
        .iter()
        .any(|existing| existing.eq_ignore_ascii_case(&name))
    {
        names.push(name);
    }
}

/// The lower-cased host of a URL (`https://user@Host:80/path` → `host`), or of a `www.` address.
pub fn host_of(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next()?;
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host_and_port.split(':').next()?.to_ascii_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conjunctions() -> Vec<String> {
        vec!["dan".into(), "and".into(), "y".into()]
    }

    #[test]
    fn urls_are_found() {
        assert!(url_regex().is_some_and(|regex| regex.is_match("see https://a.test/b")));
    }

    #[test]
    fn names_are_split_on_punctuation_and_conjunctions() {
        let credit = parse_credit_value("ANTARA/Reuters, AFP dan Kompas.com", &conjunctions());
        assert_eq!(credit.url, None);
        assert_eq!(credit.names, ["ANTARA", "Reuters", "AFP", "Kompas.com"]);
    }

    #[test]
    fn the_first_url_is_the_source_and_its_host_a_name() {
        let credit = parse_credit_value(
            "Reuters, https://www.Example.com/a/b.htm. and http://other.test/x",
            &conjunctions(),
        );
        assert_eq!(
            credit.url.as_deref(),
            Some("https://www.Example.com/a/b.htm")
        );
        assert_eq!(credit.names, ["example.com", "other.test", "Reuters"]);
    }

    #[test]
    fn a_sentence_is_not_a_name() {
        let credit = parse_credit_value(
            "officials speaking on condition of anonymity told reporters late on Monday",
            &conjunctions(),
        );
        assert!(credit.names.is_empty());
    }

    #[test]
    fn hosts_lose_scheme_credentials_and_port() {
        assert_eq!(
            host_of("https://user@News.Example.org:8080/path?q=1").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(
            host_of("www.example.com/x").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
