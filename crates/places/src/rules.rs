//! A pack's `places.toml`: the words around a name that make it a place, a person or an
//! institution, and which kind of place it names.

use crate::error::PlacesError;
use serde::Deserialize;
// foldhash: these word lists are asked about at almost every token; SipHash's resistance to
// crafted keys buys nothing for lists the packs fix.
use crate::words::Word;
use foldhash::{HashMap, HashSet};

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
    pub locative_prepositions: PhraseList,
    /// Phrases before a name that say movement to or from it ("to", "ke", "hacia").
    pub directional_prepositions: PhraseList,
    /// Articles that may stand between a cue and the name ("the", "la").
    pub articles: HashSet<String>,
    /// Phrases before a name that make it a person's name ("president", "bapak").
    pub person_titles: PhraseList,
    /// Phrases after a place name that make the whole an institution or event.
    pub name_heads: PhraseList,
    /// Lower-case words allowed inside a multi-word name.
    pub connectors: HashSet<String>,
    /// Words that join an institution to the place it belongs to ("of", "de"): a town
    /// before one and a capitalised word is the head of a longer name ("University of X").
    pub of_words: HashSet<String>,
    /// One-word names that are also common words, never read as places without a cue.
    pub common_words: HashSet<String>,
    /// Phrases that place an event in its actor's own country.
    pub home_country: PhraseList,
    pub type_words_before: PhraseList<TypeKind>,
    pub type_words_after: PhraseList<TypeKind>,
}

/// Phrases, longest first, each with what it says, indexed by their first and last words:
/// recognition asks at nearly every name which phrase ends before it or starts after it, and
/// only the phrases sharing that word can.
#[derive(Debug, Clone)]
pub struct PhraseList<Meaning = ()> {
    entries: Vec<(Phrase, Meaning)>,
    by_first_word: HashMap<String, Vec<usize>>,
    by_last_word: HashMap<String, Vec<usize>>,
}

impl<Meaning> Default for PhraseList<Meaning> {
    fn default() -> Self {
        PhraseList {
            entries: Vec::new(),
            by_first_word: HashMap::default(),
            by_last_word: HashMap::default(),
        }
    }
}

impl<Meaning> PhraseList<Meaning> {
    fn new(mut entries: Vec<(Phrase, Meaning)>) -> Self {
        entries.retain(|(words, _)| !words.is_empty());
        // Longest first, so "di dalam" wins over "di" where both match.
        entries.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut list = PhraseList {
            entries,
            ..PhraseList::default()
        };
        for (idx, (words, _)) in list.entries.iter().enumerate() {
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                list.by_first_word
                    .entry(first.clone())
                    .or_default()
                    .push(idx);
                list.by_last_word.entry(last.clone()).or_default().push(idx);
            }
        }
        list
    }

    /// The phrases with what they say, longest first.
    pub fn entries(&self) -> &[(Phrase, Meaning)] {
        &self.entries
    }

    /// The longest phrase whose words are `tokens[end - len..end]`.
    pub fn ending_at(&self, tokens: &[Word], end: usize) -> Option<&(Phrase, Meaning)> {
        let last = tokens.get(end.checked_sub(1)?)?;
        self.by_last_word
            .get(&last.lower)?
            .iter()
            .map(|&idx| &self.entries[idx])
            .find(|(words, _)| {
                words.len() <= end && words_match(&tokens[end - words.len()..end], words)
            })
    }

    /// The longest phrase whose words are `tokens[start..start + len]`.
    pub fn starting_at(&self, tokens: &[Word], start: usize) -> Option<&(Phrase, Meaning)> {
        let first = tokens.get(start)?;
        self.by_first_word
            .get(&first.lower)?
            .iter()
            .map(|&idx| &self.entries[idx])
            .find(|(words, _)| {
                start + words.len() <= tokens.len()
                    && words_match(&tokens[start..start + words.len()], words)
            })
    }
}

/// True when the tokens are words whose lower-case forms are `words`.
fn words_match(tokens: &[Word], words: &[String]) -> bool {
    tokens
        .iter()
        .zip(words)
        .all(|(token, word)| token.lower == *word && token.is_word())
}

fn phrase(text: &str) -> Phrase {
    text.split_whitespace().map(str::to_lowercase).collect()
}

fn phrases(texts: &[String]) -> PhraseList {
    PhraseList::new(texts.iter().map(|text| (phrase(text), ())).collect())
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
            PhraseList::new(
                specs
                    .iter()
                    .map(|spec| (phrase(&spec.words), spec.kind))
                    .collect(),
            )
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
            rules.locative_prepositions.entries(),
            [
                (vec!["di".to_string(), "dalam".to_string()], ()),
                (vec!["di".to_string()], ())
            ]
        );
        assert!(rules.connectors.contains("de"));
        assert_eq!(rules.type_words_before.entries()[0].1, TypeKind::City);
    }

    #[test]
    fn phrase_lists_find_the_longest_phrase_at_a_position() {
        let rules = PlaceRules::parse(
            r#"locative_prepositions = ["di", "di dalam", "in"]
               [type_words]
               after = [{ words = "province", kind = "admin1" }]"#,
            "test.toml",
        )
        .unwrap_or_default();
        let tokens = crate::words::words("Polisi di dalam Jakarta, in Aleppo province");
        let ending = |end| {
            rules
                .locative_prepositions
                .ending_at(&tokens, end)
                .map(|(words, _)| words.join(" "))
        };
        assert_eq!(ending(3).as_deref(), Some("di dalam"));
        assert_eq!(ending(2).as_deref(), Some("di"));
        assert_eq!(ending(6).as_deref(), Some("in"));
        assert_eq!(ending(1), None);
        assert_eq!(ending(0), None);
        assert_eq!(
            rules
                .type_words_after
                .starting_at(&tokens, 7)
                .map(|(_, kind)| *kind),
            Some(TypeKind::Admin1)
        );
        assert!(rules.type_words_after.starting_at(&tokens, 8).is_none());
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
