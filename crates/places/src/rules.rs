//! A pack's `places.toml`: the words around a name that make it a place, a person or an
//! institution, and which kind of place it names.

use crate::error::PlacesError;
use serde::Deserialize;
// foldhash: these word lists are asked about at almost every token; SipHash's resistance to
// crafted keys buys nothing for lists the packs fix.
use foldhash::HashSet;

/// What a type word next to a name says the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    City,
    Admin2,
    Admin1,
    Region,
    Country,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeWordSpec {
    words: String,
    kind: TypeKind,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TypeWordsSpec {
    #[serde(default)]
    before: Vec<TypeWordSpec>,
    #[serde(default)]
    after: Vec<TypeWordSpec>,
}

/// `places.toml` as written; `lang/_template/places.toml` documents every key.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PlacesSpec {
    #[serde(default)]
    locative_prepositions: Vec<String>,
    #[serde(default)]
    directional_prepositions: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    person_titles: Vec<String>,
    #[serde(default)]
    name_heads: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    of_words: Vec<String>,
    #[serde(default)]
    common_words: Vec<String>,
    #[serde(default)]
    home_country: Vec<String>,
    #[serde(default)]
    type_words: TypeWordsSpec,
}

/// A phrase of one or more lower-case words, matched against the lower-case words of the text.
pub type Phrase = Vec<String>;

/// The compiled cues of one language.
#[derive(Debug, Clone, Default)]
pub struct PlaceRules {
    /// Phrases before a name that place something there ("in", "di", "en").
    pub locative_prepositions: Vec<Phrase>,
    /// Phrases before a name that say movement to or from it ("to", "ke", "hacia").
    pub directional_prepositions: Vec<Phrase>,
    /// Articles that may stand between a cue and the name ("the", "la").
    pub articles: HashSet<String>,
    /// Phrases before a name that make it a person's name ("president", "bapak").
    pub person_titles: Vec<Phrase>,
    /// Phrases after a place name that make the whole an institution or event.
    pub name_heads: Vec<Phrase>,
    /// Lower-case words allowed inside a multi-word name.
    pub connectors: HashSet<String>,
    /// Words that join an institution to the place it belongs to ("of", "de"): a town
    /// before one and a capitalised word is the head of a longer name ("University of X").
    pub of_words: HashSet<String>,
    /// One-word names that are also common words, never read as places without a cue.
    pub common_words: HashSet<String>,
    /// Phrases that place an event in its actor's own country.
    pub home_country: Vec<Phrase>,
    pub type_words_before: Vec<(Phrase, TypeKind)>,
    pub type_words_after: Vec<(Phrase, TypeKind)>,
}

fn phrase(text: &str) -> Phrase {
    text.split_whitespace().map(str::to_lowercase).collect()
}

fn phrases(texts: &[String]) -> Vec<Phrase> {
    let mut compiled: Vec<Phrase> = texts
        .iter()
        .map(|text| phrase(text))
        .filter(|words| !words.is_empty())
        .collect();
    // Longest first, so "di dalam" wins over "di" where both match.
    compiled.sort_by_key(|words| std::cmp::Reverse(words.len()));
    compiled
}

impl PlaceRules {
    /// Parses a pack's `places.toml`; `source` names the file in errors.
    pub fn parse(text: &str, source: &str) -> Result<PlaceRules, PlacesError> {
        let spec: PlacesSpec = toml::from_str(text).map_err(|error| PlacesError::Rules {
            source_name: source.to_string(),
            message: error.to_string(),
        })?;
        let words = |texts: &[String]| -> HashSet<String> {
            texts
                .iter()
                .map(|text| text.trim().to_lowercase())
                .collect()
        };
        let typed = |specs: &[TypeWordSpec]| {
            let mut compiled: Vec<(Phrase, TypeKind)> = specs
                .iter()
                .map(|spec| (phrase(&spec.words), spec.kind))
                .filter(|(words, _)| !words.is_empty())
                .collect();
            compiled.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
            compiled
        };
        Ok(PlaceRules {
            locative_prepositions: phrases(&spec.locative_prepositions),
            directional_prepositions: phrases(&spec.directional_prepositions),
            articles: words(&spec.articles),
            person_titles: phrases(&spec.person_titles),
            name_heads: phrases(&spec.name_heads),
            connectors: words(&spec.connectors),
            of_words: words(&spec.of_words),
            common_words: words(&spec.common_words),
            home_country: phrases(&spec.home_country),
            type_words_before: typed(&spec.type_words.before),
            type_words_after: typed(&spec.type_words.after),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lower_case_and_longest_first() {
        let rules = PlaceRules::parse(
            r#"locative_prepositions = ["di", "Di Dalam"]
               connectors = ["De"]
               [type_words]
               before = [{ words = "kota", kind = "city" }]"#,
            "test.toml",
        )
        .unwrap_or_default();
        assert_eq!(
            rules.locative_prepositions,
            vec![
                vec!["di".to_string(), "dalam".to_string()],
                vec!["di".to_string()]
            ]
        );
        assert!(rules.connectors.contains("de"));
        assert_eq!(rules.type_words_before[0].1, TypeKind::City);
    }

    #[test]
    fn unknown_keys_and_kinds_are_errors_naming_the_file() {
        for text in [
            "prepositions = []",
            "[type_words]\nbefore = [{ words = \"x\", kind = \"moon\" }]",
        ] {
            let error = PlaceRules::parse(text, "lang/xx/places.toml").unwrap_err();
            assert!(error.to_string().contains("lang/xx/places.toml"), "{error}");
        }
    }
}
