//! Place mentions in an article's text, in every pack's language: names found by case, cues
//! and the bundled gazetteer, each resolved to one entry with one sense per article, plus the
//! article-level facts event location and actor countries fall back on (dateline, outlet
//! country, dominant place and country, "nationwide" phrases).

pub mod dateline;
pub mod error;
pub mod index;
pub mod outlet;
pub mod recognise;
pub mod resolve;
pub mod rules;
pub mod words;

pub use error::PlacesError;
pub use index::{Entry, EntryId, EntryKind, PlaceIndex};
pub use rules::PlaceRules;
pub use truce_gazetteer::Gazetteer;

use foldhash::HashMap;
use recognise::Found;
use truce_core::{Location, LocationPrecision, PlaceCue, PlaceMention, PlaceMentionKind, Span};

/// How much one mention counts towards the article's dominant place and country, by cue: a
/// place the story says it happens in counts most, a name used as a modifier not at all.
mod dominance {
    pub const PREPOSITION: f64 = 1.0;
    pub const DATELINE: f64 = 1.5;
    pub const BARE: f64 = 0.3;
    pub const MODIFIER: f64 = 0.0;
    /// Demonyms say whose actors they are, and only a little where the story is.
    pub const DEMONYM_FOR_COUNTRY: f64 = 0.15;
    /// A sub-national place says more about where the story is than its country does.
    pub const SUB_NATIONAL: f64 = 1.5;
    /// A mention inside an actor's words ("Moscow" in "Moscow's envoy") counts this much.
    pub const INSIDE_ACTOR: f64 = 0.3;
    /// Below this total no place dominates.
    pub const MINIMUM: f64 = 0.9;
}

/// The place finder of one language.
#[derive(Debug, Clone)]
pub struct PlaceFinder {
    lang: String,
    rules: PlaceRules,
}

/// Everything place recognition found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticlePlaces {
    /// Resolved mentions in text order.
    pub mentions: Vec<PlaceMention>,
    /// The mention that is the article's dateline, if it has one.
    pub dateline: Option<usize>,
    /// The outlet's country (alpha-3), from its URL's country domain.
    pub outlet_country: Option<String>,
    /// Phrases that place an event in "the country" without naming it ("nationwide",
    /// "di dalam negeri", "en todo el país").
    pub home_country_phrases: Vec<Span>,
}

impl PlaceFinder {
    /// The finder for `lang` with the rules of its pack's `places.toml` (`source` names the
    /// file in errors).
    pub fn new(lang: &str, places_toml: &str, source: &str) -> Result<PlaceFinder, PlacesError> {
        Ok(PlaceFinder {
            lang: lang.to_string(),
            rules: PlaceRules::parse(places_toml, source)?,
        })
    }

    /// The finder of a language pack.
    pub fn for_pack(pack: &truce_lang::LanguagePack) -> Result<PlaceFinder, PlacesError> {
        PlaceFinder::new(
            pack.code,
            pack.places,
            &format!("lang/{}/places.toml", pack.code),
        )
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Finds and resolves the places of `text`; `url` is the article's address, whose
    /// country domain hints at the outlet's country.
    pub fn find(&self, text: &str, url: Option<&str>, index: &dyn PlaceIndex) -> ArticlePlaces {
        let tokens = words::words(text);
        let mut found = recognise::find_names(text, &tokens, &self.rules, index, &self.lang);
        drop_unqualifying_abbreviations(&mut found, index);
        let dateline = dateline::dateline_place(text, &tokens, &found);
        let outlet_country = url
            .and_then(outlet::outlet_country_alpha2)
            .and_then(|alpha2| index.alpha3(&alpha2));
        let resolutions = resolve::resolve(
            &found,
            index,
            &resolve::ResolveContext {
                lang: &self.lang,
                outlet_country: outlet_country.as_deref(),
                dateline,
            },
        );
        let mut mentions = Vec::with_capacity(found.len());
        let mut dateline_mention = None;
        for (found_idx, (name, resolution)) in found.iter().zip(&resolutions).enumerate() {
            let Some(resolution) = resolution else {
                continue;
            };
            if dateline == Some(found_idx) {
                dateline_mention = Some(mentions.len());
            }
            let entry = index.entry(resolution.entry);
            let cue = if dateline == Some(found_idx) {
                PlaceCue::Dateline
            } else {
                name.cue
            };
            mentions.push(mention(text, name, cue, &entry, resolution.confidence));
        }
        ArticlePlaces {
            mentions,
            dateline: dateline_mention,
            outlet_country,
            home_country_phrases: phrase_spans(&tokens, &self.rules.home_country),
        }
    }
}

/// A region's postal code ("LA", "BC") names it only as the qualifier after a comma
/// ("Alexandria, LA"); anywhere else such a short capital word is an initialism.
fn drop_unqualifying_abbreviations(found: &mut Vec<Found>, index: &dyn PlaceIndex) {
    let is_qualifier: Vec<bool> = {
        let mut flags = vec![false; found.len()];
        for name in found.iter() {
            if let Some(qualifier) = name.qualified_by {
                flags[qualifier] = true;
            }
        }
        flags
    };
    let keep: Vec<bool> = found
        .iter()
        .enumerate()
        .map(|(found_idx, name)| {
            let only_sub_national_abbreviations = !name.candidates.is_empty()
                && name.candidates.iter().all(|candidate| {
                    candidate.attestation == index::Attestation::Abbreviation
                        && index.entry_kind(candidate.entry) > EntryKind::Country
                });
            let abbreviation_in_lower_case = name.kind == PlaceMentionKind::Place
                && !name.all_caps
                && name
                    .candidates
                    .iter()
                    .all(|candidate| candidate.attestation == index::Attestation::Abbreviation);
            !(abbreviation_in_lower_case
                || (only_sub_national_abbreviations && !is_qualifier[found_idx]))
        })
        .collect();
    if keep.iter().all(|&kept| kept) {
        return;
    }
    // Qualifier links are indexes into the list, so they are renumbered as names are dropped.
    let mut new_index = vec![None; found.len()];
    let mut next = 0;
    for (old, &kept) in keep.iter().enumerate() {
        if kept {
            new_index[old] = Some(next);
            next += 1;
        }
    }
    let mut position = 0;
    found.retain(|_| {
        let kept = keep[position];
        position += 1;
        kept
    });
    for name in found.iter_mut() {
        name.qualified_by = name.qualified_by.and_then(|old| new_index[old]);
    }
}

/// The precision an event located at an entry of this kind has.
pub fn precision_of(kind: EntryKind) -> Option<LocationPrecision> {
    match kind {
        EntryKind::Place => Some(LocationPrecision::Place),
        EntryKind::Admin2 => Some(LocationPrecision::Admin2),
        EntryKind::Admin1 | EntryKind::Region => Some(LocationPrecision::Admin1),
        EntryKind::Country => Some(LocationPrecision::Country),
        EntryKind::Continent => None,
    }
}

fn mention(
    text: &str,
    name: &Found,
    cue: PlaceCue,
    entry: &Entry,
    confidence: f64,
) -> PlaceMention {
    PlaceMention {
        span: Span::new(name.start, name.end),
        text: text[name.start..name.end].to_string(),
        kind: name.kind,
        cue,
        name: entry.name.clone(),
        geonames_id: entry.geonames_id,
        lat: entry.lat,
        lon: entry.lon,
        country: entry.country.clone(),
        admin1: if entry.kind == EntryKind::Admin1 {
            Some(entry.name.clone())
        } else {
            entry.admin1_name.clone()
        },
        feature: entry.feature.clone(),
        precision: precision_of(entry.kind),
        confidence: (confidence * 1000.0).round() / 1000.0,
    }
}

/// Byte spans of every occurrence of the phrases in the tokens.
fn phrase_spans(tokens: &[words::Word], phrases: &rules::PhraseList) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut token_idx = 0;
    while token_idx < tokens.len() {
        match phrases.starting_at(tokens, token_idx) {
            Some((phrase, _)) => {
                let last = token_idx + phrase.len() - 1;
                spans.push(Span::new(tokens[token_idx].start, tokens[last].end));
                token_idx = last + 1;
            }
            None => token_idx += 1,
        }
    }
    spans
}

/// A place mention as an event location.
pub fn location_of(mention: &PlaceMention) -> Option<Location> {
    let precision = mention.precision?;
    if mention.kind != PlaceMentionKind::Place {
        return None;
    }
    Some(Location {
        name: mention.name.clone(),
        country: mention.country.clone(),
        admin1: mention.admin1.clone(),
        lat: Some(mention.lat),
        lon: Some(mention.lon),
        geonames_id: mention.geonames_id,
        precision: Some(precision),
    })
}

/// Spans arranged so that whether any of them overlaps a given span takes a binary search, not
/// a scan: an article's place mentions are checked against all its actor phrases, and a long
/// document has thousands of each.
struct OverlapIndex {
    /// `(start, end)` sorted by start.
    spans: Vec<(usize, usize)>,
    /// The largest end among `spans[..=i]`.
    largest_end_so_far: Vec<usize>,
}

impl OverlapIndex {
    fn new(spans: &[Span]) -> OverlapIndex {
        let mut sorted: Vec<(usize, usize)> =
            spans.iter().map(|span| (span.start, span.end)).collect();
        sorted.sort_unstable();
        let largest_end_so_far = sorted
            .iter()
            .scan(0, |largest, &(_, end)| {
                *largest = end.max(*largest);
                Some(*largest)
            })
            .collect();
        OverlapIndex {
            spans: sorted,
            largest_end_so_far,
        }
    }

    /// Whether some span starts before `span` ends and ends after it starts.
    fn overlaps(&self, span: &Span) -> bool {
        let n_starting_before_end = self.spans.partition_point(|&(start, _)| start < span.end);
        n_starting_before_end > 0 && self.largest_end_so_far[n_starting_before_end - 1] > span.start
    }
}

impl ArticlePlaces {
    /// How much a mention counts as where the story happens.
    fn locative_weight(&self, mention_idx: usize, actor_spans: &OverlapIndex) -> f64 {
        let mention = &self.mentions[mention_idx];
        if mention.kind != PlaceMentionKind::Place || mention.precision.is_none() {
            return 0.0;
        }
        let by_cue = if self.dateline == Some(mention_idx) {
            dominance::DATELINE
        } else {
            match mention.cue {
                PlaceCue::Preposition => dominance::PREPOSITION,
                PlaceCue::Dateline => dominance::DATELINE,
                PlaceCue::Bare => dominance::BARE,
                PlaceCue::Modifier => dominance::MODIFIER,
            }
        };
        let sub_national = if mention.precision == Some(LocationPrecision::Country) {
            1.0
        } else {
            dominance::SUB_NATIONAL
        };
        let inside_actor = if actor_spans.overlaps(&mention.span) {
            dominance::INSIDE_ACTOR
        } else {
            1.0
        };
        by_cue * sub_national * inside_actor
    }

    /// The place the article's story happens in, when one stands out: within the dominant
    /// country (when there is one), the sub-national place with the most weight over its
    /// mentions (prepositions and datelines count most, mentions inside actor phrases little),
    /// else the country itself; never a demonym or a continent. The most specific place the
    /// article supports is what ACLED and UCDP code.
    pub fn dominant_place(&self, actor_spans: &[Span]) -> Option<&PlaceMention> {
        let actor_spans = OverlapIndex::new(actor_spans);
        let Some(country) = self.dominant_country_among(&actor_spans) else {
            return self.heaviest_place(&actor_spans, |_| true);
        };
        let in_country = |mention: &PlaceMention| mention.country.as_deref() == Some(&country);
        self.heaviest_place(&actor_spans, |mention| {
            in_country(mention) && mention.precision != Some(LocationPrecision::Country)
        })
        .or_else(|| {
            self.mentions.iter().find(|mention| {
                in_country(mention)
                    && mention.kind == PlaceMentionKind::Place
                    && mention.precision == Some(LocationPrecision::Country)
            })
        })
    }

    /// The entry with the most locative weight among the mentions `keep` accepts, if it has
    /// enough.
    fn heaviest_place(
        &self,
        actor_spans: &OverlapIndex,
        keep: impl Fn(&PlaceMention) -> bool,
    ) -> Option<&PlaceMention> {
        let mut totals: HashMap<(String, i64, i64), (f64, usize)> = HashMap::default();
        for mention_idx in 0..self.mentions.len() {
            let weight = self.locative_weight(mention_idx, actor_spans);
            if weight <= 0.0 || !keep(&self.mentions[mention_idx]) {
                continue;
            }
            let mention = &self.mentions[mention_idx];
            let total = totals
                .entry(entry_identity(mention))
                .or_insert((0.0, mention_idx));
            total.0 += weight;
        }
        let (_, &(weight, first_mention)) = totals
            .iter()
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))?;
        (weight >= dominance::MINIMUM).then(|| &self.mentions[first_mention])
    }

    /// The country the article's story happens in, when one stands out: place mentions count
    /// for their country by [`ArticlePlaces::dominant_place`]'s weights, demonyms a little.
    pub fn dominant_country(&self, actor_spans: &[Span]) -> Option<String> {
        self.dominant_country_among(&OverlapIndex::new(actor_spans))
    }

    fn dominant_country_among(&self, actor_spans: &OverlapIndex) -> Option<String> {
        let mut totals: HashMap<&str, (f64, usize)> = HashMap::default();
        for (mention_idx, mention) in self.mentions.iter().enumerate() {
            let Some(country) = mention.country.as_deref() else {
                continue;
            };
            let weight = if mention.kind == PlaceMentionKind::Demonym {
                dominance::DEMONYM_FOR_COUNTRY
            } else {
                self.locative_weight(mention_idx, actor_spans)
            };
            let total = totals.entry(country).or_insert((0.0, mention_idx));
            total.0 += weight;
        }
        let (country, &(weight, _)) = totals
            .iter()
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))?;
        (weight >= dominance::MINIMUM).then(|| country.to_string())
    }

    /// The mentions that start inside `span`, found by binary search: mentions are kept in
    /// text order. A mention may still run past the span's end.
    pub fn mentions_starting_within(&self, span: &Span) -> &[PlaceMention] {
        let first = self
            .mentions
            .partition_point(|mention| mention.span.start < span.start);
        let after = &self.mentions[first..];
        let count = after.partition_point(|mention| mention.span.start < span.end);
        &after[..count]
    }

    /// The dateline's place, as a location.
    pub fn dateline_mention(&self) -> Option<&PlaceMention> {
        self.dateline.map(|idx| &self.mentions[idx])
    }
}

/// Mentions of one entry share this key (the GeoNames id, or the name and rounded point).
fn entry_identity(mention: &PlaceMention) -> (String, i64, i64) {
    match mention.geonames_id {
        Some(id) => (id.to_string(), 0, 0),
        None => (
            mention.name.clone(),
            (mention.lat * 100.0).round() as i64,
            (mention.lon * 100.0).round() as i64,
        ),
    }
}

#[cfg(test)]
mod tests;
