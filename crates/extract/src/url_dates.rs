//! Publication dates read from article URLs, with the patterns kept as data in `data/url_dates.toml`.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;
use truce_core::PartialDate;

use crate::credits::host_of;

const BUNDLED_TABLE: &str = include_str!("../data/url_dates.toml");

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UrlDateError {
    #[error("url_dates.toml is not a valid table: {source}")]
    Toml {
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("url_dates.toml: the pattern `{name}` is not a valid regular expression: {source}")]
    Pattern {
        name: String,
        #[source]
        source: Box<regex::Error>,
    },
    #[error("url_dates.toml: the pattern `{name}` has no `year`/`yy` or no `month` group")]
    MissingGroups { name: String },
}

/// One example the table promises: this URL gives this date (`""`: no date).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlDateExample {
    pub url: String,
    pub date: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSpec {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
    regex: String,
    #[serde(default)]
    examples: Vec<UrlDateExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    pattern: Vec<PatternSpec>,
}

/// One compiled pattern of the table.
#[derive(Debug)]
pub struct UrlDatePattern {
    pub name: String,
    /// Lower-cased hosts the pattern is limited to; empty for every host.
    pub hosts: Vec<String>,
    regex: Regex,
    pub examples: Vec<UrlDateExample>,
}

/// The URL date patterns, in the order they are tried.
#[derive(Debug)]
pub struct UrlDateTable {
    pub patterns: Vec<UrlDatePattern>,
}

impl UrlDateTable {
    pub fn parse(text: &str) -> Result<UrlDateTable, UrlDateError> {
        let spec: TableSpec = toml::from_str(text).map_err(|source| UrlDateError::Toml {
            source: Box::new(source),
        })?;
        let mut patterns = Vec::with_capacity(spec.pattern.len());
        for pattern in spec.pattern {
            let regex = Regex::new(&pattern.regex).map_err(|source| UrlDateError::Pattern {
                name: pattern.name.clone(),
                source: Box::new(source),
            })?;
            let group_names: Vec<&str> = regex.capture_names().flatten().collect();
            let has_year = group_names.contains(&"year") || group_names.contains(&"yy");
            if !has_year || !group_names.contains(&"month") {
                return Err(UrlDateError::MissingGroups { name: pattern.name });
            }
            patterns.push(UrlDatePattern {
                name: pattern.name,
                hosts: pattern
                    .hosts
                    .iter()
                    .map(|host| host.to_ascii_lowercase())
                    .collect(),
                regex,
                examples: pattern.examples,
            });
        }
        Ok(UrlDateTable { patterns })
    }

    /// The table bundled with this crate.
    pub fn bundled() -> Result<&'static UrlDateTable, &'static UrlDateError> {
        static BUNDLED: OnceLock<Result<UrlDateTable, UrlDateError>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| UrlDateTable::parse(BUNDLED_TABLE))
            .as_ref()
    }

    /// The first valid date any pattern finds in `url`, trying patterns in table order and, within
    /// a pattern, matches from left to right.
    pub fn date_in_url(&self, url: &str) -> Option<PartialDate> {
        let host = host_of(url);
        let path = path_of(url);
        self.patterns
            .iter()
            .filter(|pattern| pattern.applies_to_host(host.as_deref()))
            .find_map(|pattern| pattern.date_in_path(path))
    }
}

impl UrlDatePattern {
    fn applies_to_host(&self, host: Option<&str>) -> bool {
        if self.hosts.is_empty() {
            return true;
        }
        let Some(host) = host else {
            return false;
        };
        self.hosts.iter().any(|allowed| {
            host == allowed
                || host
                    .strip_suffix(allowed.as_str())
                    .is_some_and(|subdomain| subdomain.ends_with('.'))
        })
    }

    fn date_in_path(&self, path: &str) -> Option<PartialDate> {
        // Matches are searched from every start position, not only after the previous match,
        // because the delimiter that ends an impossible date may begin a valid one.
        let mut search_from = 0;
        while let Some(captures) = self.regex.captures_at(path, search_from) {
            if let Some(date) = date_from_captures(&captures) {
                return Some(date);
            }
            let match_start = captures.get(0)?.start();
            search_from = path[match_start..]
                .chars()
                .next()
                .map(|first| match_start + first.len_utf8())?;
        }
        None
    }
}

fn date_from_captures(captures: &regex::Captures<'_>) -> Option<PartialDate> {
    let number = |name: &str| -> Option<i32> { captures.name(name)?.as_str().parse().ok() };
    let year = number("year").or_else(|| number("yy").map(|yy| 2000 + yy))?;
    let month = u8::try_from(number("month")?).ok()?;
    match number("day") {
        Some(day) => PartialDate::day(year, month, u8::try_from(day).ok()?),
        None => PartialDate::month(year, month),
    }
}

/// The path of a URL: what follows the host, without query or fragment. A string without a
/// scheme is taken as a path, unless it starts with `www.`.
fn path_of(url: &str) -> &str {
    let without_query = url.split(['?', '#']).next().unwrap_or(url);
    let after_scheme = match without_query.split_once("://") {
        Some((_, rest)) => rest,
        None if without_query.starts_with("www.") => without_query,
        None => return without_query,
    };
    after_scheme
        .find('/')
        .map_or("", |slash_index| &after_scheme[slash_index..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_exclude_host_query_and_fragment() {
        assert_eq!(
            path_of("https://a.test/2024/06/12/x?y=2019/01/01#z"),
            "/2024/06/12/x"
        );
        assert_eq!(path_of("https://a.test"), "");
        assert_eq!(path_of("/relative/2024/06/12/"), "/relative/2024/06/12/");
    }

    #[test]
    fn the_host_of_a_url_limits_outlet_specific_patterns_to_that_outlet_and_its_subdomains() {
        let table = UrlDateTable::bundled().unwrap();
        let dated = "https://m.thanhnien.vn/x-185240612223242498.htm";
        assert_eq!(table.date_in_url(dated), PartialDate::day(2024, 6, 12));
        let impostor = "https://notthanhnien.vn/x-185240612223242498.htm";
        assert_eq!(table.date_in_url(impostor), None);
    }

    #[test]
    fn an_impossible_date_gives_way_to_a_later_valid_one() {
        let table = UrlDateTable::bundled().unwrap();
        let url = "https://a.test/2024/02/30/2023/09/03/";
        assert_eq!(table.date_in_url(url), PartialDate::day(2023, 9, 3));
    }

    #[test]
    fn tables_without_date_groups_are_refused() {
        let table = "[[pattern]]\nname = \"bad\"\nregex = '(\\d+)'\n";
        assert!(matches!(
            UrlDateTable::parse(table),
            Err(UrlDateError::MissingGroups { .. })
        ));
    }
}
