//! Finding place names in text: capitalised words the gazetteer knows, grown to the longest
//! name, with the cues around them (prepositions, type words, titles, institution heads,
//! qualifiers) that say whether and how they name a place.

use crate::index::{EntryId, EntryKind, NamedCandidate, PlaceIndex};
use crate::rules::{PlaceRules, TypeKind};
use crate::words::{Word, WordKind};
use truce_core::{PlaceCue, PlaceMentionKind};

/// The most words (and hyphens) one place name may span.
const MAX_NAME_TOKENS: usize = 10;

/// A name found in the text, not yet resolved to one entry.
#[derive(Debug, Clone)]
pub struct Found {
    /// Token range in the text's words.
    pub first_token: usize,
    pub end_token: usize,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// The normalised name, shared by every mention of the same name in the article.
    pub key: String,
    pub kind: PlaceMentionKind,
    pub cue: PlaceCue,
    /// What a type word next to it says it is ("kota", "province").
    pub type_hint: Option<TypeKind>,
    /// Entries the name may refer to (empty for a demonym).
    pub candidates: Vec<NamedCandidate>,
    /// The country or continent a demonym names.
    pub demonym_entry: Option<EntryId>,
    /// The mention right after it, after a comma, that says which region or country it lies in
    /// ("Alexandria, Louisiana"): an index into the list of found names.
    pub qualified_by: Option<usize>,
    /// The word is written in upper case throughout ("JAKARTA", "US").
    pub all_caps: bool,
}

/// What stands before a name: a preposition (perhaps with an article and a type word between,
/// "di kota", "in the city of", "en el departamento de") or a type word alone.
struct CueBefore {
    preposition: bool,
    type_hint: Option<TypeKind>,
    /// Index of the first token of the cue, for checking what stands before it.
    cue_start: usize,
}

fn cue_before(tokens: &[Word], first_token: usize, rules: &PlaceRules) -> CueBefore {
    let mut position = first_token;
    let mut type_hint = None;
    for _ in 0..3 {
        if let Some((phrase, kind)) = rules.type_words_before.ending_at(tokens, position) {
            type_hint.get_or_insert(*kind);
            position -= phrase.len();
            continue;
        }
        if position > 0
            && tokens[position - 1].is_word()
            && rules.articles.contains(&tokens[position - 1].lower)
        {
            position -= 1;
            continue;
        }
        break;
    }
    let preposition = rules
        .locative_prepositions
        .ending_at(tokens, position)
        .or_else(|| rules.directional_prepositions.ending_at(tokens, position));
    let cue_start = position - preposition.map_or(0, |(words, _)| words.len());
    CueBefore {
        preposition: preposition.is_some(),
        type_hint,
        cue_start,
    }
}

/// A type word right after the name ("Aleppo province", "Gaza city").
fn type_after(tokens: &[Word], end_token: usize, rules: &PlaceRules) -> Option<(usize, TypeKind)> {
    rules
        .type_words_after
        .starting_at(tokens, end_token)
        .map(|(phrase, kind)| (phrase.len(), *kind))
}

/// A title right before the name, skipping its abbreviation period ("Mr. Jordan").
fn title_before(tokens: &[Word], first_token: usize, rules: &PlaceRules) -> bool {
    let mut end = first_token;
    if end > 0 && tokens[end - 1].is_punctuation('.') {
        end -= 1;
    }
    rules.person_titles.ending_at(tokens, end).is_some()
}

fn is_name_word(token: &Word) -> bool {
    token.kind == WordKind::Letters && token.capitalised
}

/// Finds every place name and demonym in `text` (already split into `tokens`).
pub fn find_names(
    text: &str,
    tokens: &[Word],
    rules: &PlaceRules,
    index: &dyn PlaceIndex,
    lang: &str,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut candidates = Vec::new();
    let lower_case_words = LowerCaseWords::new(tokens);
    let mut token_idx = 0;
    while token_idx < tokens.len() {
        let token = &tokens[token_idx];
        if token.kind != WordKind::Letters {
            token_idx += 1;
            continue;
        }
        let Some(name) =
            longest_name_at(text, tokens, token_idx, rules, index, lang, &mut candidates)
        else {
            token_idx += 1;
            continue;
        };
        let end_token = name.end_token;
        if let Some(accepted) = judge(tokens, &lower_case_words, token_idx, name, rules, index) {
            found.push(accepted);
            token_idx = end_token;
        } else {
            token_idx += 1;
        }
    }
    link_qualifiers(tokens, &mut found);
    found
}

/// The longest gazetteer name or demonym starting at `first_token`, if any.
fn longest_name_at(
    text: &str,
    tokens: &[Word],
    first_token: usize,
    rules: &PlaceRules,
    index: &dyn PlaceIndex,
    lang: &str,
    scratch: &mut Vec<NamedCandidate>,
) -> Option<Found> {
    let first = &tokens[first_token];
    let lower_case_start = !first.capitalised;
    let mut best: Option<Found> = None;
    let mut end_token = first_token;
    while end_token < tokens.len() && end_token - first_token < MAX_NAME_TOKENS {
        let token = &tokens[end_token];
        let inner_punctuation = matches!(token.kind, WordKind::Punctuation('-' | '\'' | '’'));
        if end_token > first_token && inner_punctuation {
            end_token += 1;
            continue;
        }
        if token.kind != WordKind::Letters {
            break;
        }
        // Inside a name, a lower-case word is only a connector ("Rio de Janeiro").
        if end_token > first_token && !token.capitalised && !rules.connectors.contains(&token.lower)
        {
            break;
        }
        end_token += 1;
        let surface = &text[first.start..tokens[end_token - 1].end];
        // Most lookups are of one plain word, whose lower-case form already is its key.
        let plain_word = end_token - first_token == 1
            && first
                .lower
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'\'');
        let key: std::borrow::Cow<'_, str> = if plain_word {
            std::borrow::Cow::Borrowed(first.lower.as_str())
        } else {
            std::borrow::Cow::Owned(index.key(surface))
        };
        let last_is_connector = !tokens[end_token - 1].capitalised && end_token - 1 > first_token;
        if !last_is_connector {
            scratch.clear();
            if !lower_case_start {
                index.named(&key, scratch);
            }
            let demonym = index.demonym(&key, lang, lower_case_start);
            // "Canadian", "Arab": a demonym also naming some small towns is the demonym.
            if demonym.is_some()
                && scratch
                    .iter()
                    .all(|candidate| index.entry_kind(candidate.entry) == EntryKind::Place)
            {
                scratch.clear();
            }
            if !scratch.is_empty() || demonym.is_some() {
                best = Some(Found {
                    first_token,
                    end_token,
                    start: first.start,
                    end: tokens[end_token - 1].end,
                    kind: if scratch.is_empty() {
                        PlaceMentionKind::Demonym
                    } else {
                        PlaceMentionKind::Place
                    },
                    key: key.to_string(),
                    cue: PlaceCue::Bare,
                    type_hint: None,
                    candidates: dedup_candidates(scratch),
                    demonym_entry: demonym,
                    qualified_by: None,
                    all_caps: tokens[first_token..end_token]
                        .iter()
                        .filter(|token| token.is_word())
                        .all(|token| token.all_caps || token.lower.chars().count() == 1),
                });
            }
        }
        if lower_case_start || !index.continues(&key) {
            break;
        }
    }
    best
}

/// One candidate per entry, with its best attestation.
fn dedup_candidates(candidates: &[NamedCandidate]) -> Vec<NamedCandidate> {
    let mut unique: Vec<NamedCandidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        match unique.iter_mut().find(|kept| kept.entry == candidate.entry) {
            Some(kept) => {
                if candidate.attestation < kept.attestation {
                    *kept = *candidate;
                }
            }
            None => unique.push(*candidate),
        }
    }
    unique
}

/// The words a text writes in lower case, collected on the first question: it is asked only
/// of capitalised words that open a sentence, so most short articles never build it, while a
/// long one asks thousands of times and must not scan the text for each.
struct LowerCaseWords<'t> {
    tokens: &'t [Word],
    words: std::cell::OnceCell<std::collections::HashSet<&'t str>>,
}

impl<'t> LowerCaseWords<'t> {
    fn new(tokens: &'t [Word]) -> LowerCaseWords<'t> {
        LowerCaseWords {
            tokens,
            words: std::cell::OnceCell::new(),
        }
    }

    /// True when the text also writes `lower` as a lower-case word.
    fn contains(&self, lower: &str) -> bool {
        self.words
            .get_or_init(|| {
                self.tokens
                    .iter()
                    .filter(|token| token.is_word() && !token.capitalised)
                    .map(|token| token.lower.as_str())
                    .collect()
            })
            .contains(lower)
    }
}

/// Decides from the words around it whether a name found in the gazetteer is used as a place
/// here, and with which cue.
fn judge(
    tokens: &[Word],
    lower_case_words: &LowerCaseWords<'_>,
    first_token: usize,
    mut name: Found,
    rules: &PlaceRules,
    index: &dyn PlaceIndex,
) -> Option<Found> {
    let end_token = name.end_token;
    let single_word = end_token - first_token == 1;
    let first = &tokens[first_token];
    let before = cue_before(tokens, first_token, rules);
    let after_type = type_after(tokens, end_token, rules);
    name.type_hint = before.type_hint.or(after_type.map(|(_, kind)| kind));
    let has_cue = before.preposition || name.type_hint.is_some();
    let next_is_capitalised = |position: usize| {
        tokens.get(position).is_some_and(|next| {
            is_name_word(next) && !next.sentence_start && !rules.common_words.contains(&next.lower)
        })
    };
    // Inside a longer capitalised name ("French Quarter", "Central American", "Russian
    // Embassy") a demonym is part of that name, not a nationality.
    if name.kind == PlaceMentionKind::Demonym {
        let previous_is_capitalised = first_token > 0
            && !first.sentence_start
            && is_name_word(&tokens[first_token - 1])
            && !rules.common_words.contains(&tokens[first_token - 1].lower);
        if next_is_capitalised(end_token) || previous_is_capitalised {
            return None;
        }
        name.cue = PlaceCue::Modifier;
        return Some(name);
    }
    // A short word in capitals ("UK", "WA", "OAS") names a place only as its abbreviation,
    // never as a town that happens to be spelt the same ("Uk", "Oas").
    let letters: usize = tokens[first_token..end_token]
        .iter()
        .map(|token| token.lower.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if name.all_caps && letters <= 3 {
        name.candidates.retain(|candidate| {
            candidate.attestation == crate::index::Attestation::Abbreviation
                || index.entry_kind(candidate.entry) != EntryKind::Place
        });
        if name.candidates.is_empty() {
            return None;
        }
    }
    // A capitalised word that is also a common word of the language needs a cue to be a
    // place: "May", "Reading", "Nice", and any word the article also writes in lower case.
    if single_word && !has_cue && !first.all_caps {
        let common = rules.common_words.contains(&first.lower)
            || (first.sentence_start && lower_case_words.contains(&first.lower));
        if common {
            return None;
        }
    }
    // Countries, regions and provinces rarely name people; towns often do ("Paris Hilton").
    let country_level = name.candidates.iter().any(|candidate| {
        matches!(
            index.entry_kind(candidate.entry),
            EntryKind::Continent | EntryKind::Country | EntryKind::Region | EntryKind::Admin1
        )
    });
    // A title before the name makes it a person ("Mr. Jordan", "President Lincoln"), unless a
    // personal name follows, in which case the place says whose office it is ("Presiden Rusia
    // Vladimir Putin").
    if title_before(tokens, first_token, rules) {
        let name_follows = tokens.get(end_token).is_some_and(is_name_word);
        if !name_follows && !country_level {
            return None;
        }
        name.cue = PlaceCue::Modifier;
        return Some(name);
    }
    // An institution, team or newspaper after the name ("Washington Post", "Moscow police").
    if rules.name_heads.starting_at(tokens, end_token).is_some() {
        name.cue = PlaceCue::Modifier;
        return Some(name);
    }
    // Another capitalised word right before or after, not itself a cue or a date word, makes
    // the whole a longer name: a person ("Paris Hilton", "Michael Jordan") when the place is
    // only a town, an organisation named after a country or region otherwise.
    // "University of California", "Bank of England": a connector and a capitalised word
    // after the name continue a longer name too.
    let connector_then_name = tokens
        .get(end_token)
        .is_some_and(|next| next.is_word() && rules.of_words.contains(&next.lower))
        && next_is_capitalised(end_token + 1);
    let next_is_name =
        after_type.is_none() && (next_is_capitalised(end_token) || connector_then_name);
    let previous_is_name = first_token > 0 && before.cue_start == first_token && {
        let previous = &tokens[first_token - 1];
        is_name_word(previous)
            && !rules.common_words.contains(&previous.lower)
            && !rules.articles.contains(&previous.lower)
    };
    // Only a country, continent or region keeps its reading inside a longer name ("Rusia" in
    // "Presiden Rusia Vladimir Putin"); a province does not ("Vladimir Putin", "Georgia Brown").
    let nation_level = name.candidates.iter().any(|candidate| {
        matches!(
            index.entry_kind(candidate.entry),
            EntryKind::Continent | EntryKind::Country | EntryKind::Region
        )
    });
    if next_is_name || previous_is_name {
        if !nation_level && !before.preposition {
            return None;
        }
        if !before.preposition {
            name.cue = PlaceCue::Modifier;
            return Some(name);
        }
    }
    name.cue = if before.preposition {
        PlaceCue::Preposition
    } else {
        PlaceCue::Bare
    };
    Some(name)
}

/// "Alexandria, Louisiana", "Kyiv, Ukraine": a name followed by a comma and another found name
/// is qualified by it.
fn link_qualifiers(tokens: &[Word], found: &mut [Found]) {
    for found_idx in 0..found.len().saturating_sub(1) {
        let (first, second) = (&found[found_idx], &found[found_idx + 1]);
        let comma_between = second.first_token == first.end_token + 1
            && tokens
                .get(first.end_token)
                .is_some_and(|token| token.is_punctuation(','));
        if comma_between
            && first.kind == PlaceMentionKind::Place
            && second.kind == PlaceMentionKind::Place
        {
            found[found_idx].qualified_by = Some(found_idx + 1);
        }
    }
}
