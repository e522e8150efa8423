//! Resolving each name to one gazetteer entry: a prior from what the entry is (a country, a
//! capital, a town of some size) and how its name is attested, then the article's evidence —
//! its other places and countries, a qualifier ("Alexandria, Louisiana"), a type word ("kota",
//! "province"), the dateline and the outlet's country — with one sense per name per article.

use crate::index::{
    Attestation, EntryFacts, EntryId, EntryKind, LanguageTag, NamedCandidate, PlaceIndex,
};
use crate::recognise::Found;
use crate::rules::TypeKind;
use foldhash::HashMap;
use truce_core::{PlaceCue, PlaceMentionKind};

/// The weights of the resolver, in one place. Scores are sums of these; only differences
/// between candidates of one name matter.
mod weight {
    /// What an entry is, before any context.
    pub const CONTINENT: f64 = 3.0;
    pub const COUNTRY: f64 = 3.2;
    pub const REGION: f64 = 2.6;
    pub const ADMIN1: f64 = 2.4;
    pub const ADMIN2: f64 = 1.2;
    /// A populated place: this times log10(population + 10).
    pub const PLACE_PER_LOG_POPULATION: f64 = 0.35;
    /// Per rank of capital (a national capital is rank 2, a regional seat rank 1).
    pub const CAPITAL: f64 = 0.35;
    /// How the name is attested for the entry.
    pub const PRIMARY_NAME: f64 = 0.4;
    pub const TAGGED_IN_ARTICLE_LANGUAGE: f64 = 0.4;
    pub const ALTERNATE_NAME: f64 = -0.5;
    pub const ABBREVIATION: f64 = -0.3;
    /// An upper-case mention ("US", "BC") written as the entry's abbreviation.
    pub const ABBREVIATION_IN_CAPITALS: f64 = 0.5;
    /// A type word that agrees ("kota Bandung" and a city) or disagrees.
    pub const TYPE_AGREES: f64 = 1.5;
    pub const TYPE_DISAGREES: f64 = -1.0;
    /// A town inside the same-named first-level region, over the region.
    pub const TOWN_IN_ITS_NAMESAKE_REGION: f64 = 1.0;
    /// The share of the article's other places in the entry's country, times this.
    pub const COUNTRY_SHARE: f64 = 2.0;
    /// Another place of the article lies in the entry's first-level region, or is it.
    pub const SAME_ADMIN1: f64 = 1.2;
    /// A qualifier after a comma that contains the entry, or does not.
    pub const QUALIFIER_CONTAINS: f64 = 4.0;
    pub const QUALIFIER_DISAGREES: f64 = -2.0;
    /// The outlet's country, and the dateline's.
    pub const OUTLET_COUNTRY: f64 = 1.0;
    pub const DATELINE_COUNTRY: f64 = 0.8;
    /// How much each mention of a name counts as evidence for its country, by cue.
    pub const MENTION_PREPOSITION: f64 = 1.0;
    pub const MENTION_DATELINE: f64 = 1.5;
    pub const MENTION_BARE: f64 = 0.7;
    pub const MENTION_MODIFIER: f64 = 0.5;
    /// Demonyms count for their country, less than a place.
    pub const MENTION_DEMONYM: f64 = 0.4;
    /// A weakly attested town mentioned with no cue and no support is dropped below this score.
    pub const MIN_SCORE_WITHOUT_CUE: f64 = 1.6;
}

/// What resolution decided for one found name.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub entry: EntryId,
    /// How far the chosen entry is ahead of the runner-up, as a probability in [0, 1].
    pub confidence: f64,
}

struct Candidate<'i> {
    entry: EntryId,
    attestation: Attestation,
    lang: Option<LanguageTag>,
    data: EntryFacts<'i>,
    prior: f64,
}

struct Group<'i> {
    members: Vec<usize>,
    candidates: Vec<Candidate<'i>>,
    /// Where each entry stands in `candidates`: a common name has hundreds of candidates, and
    /// every mention of it merges them again.
    candidate_of_entry: HashMap<EntryId, usize>,
    /// Evidence weight of the group's mentions for its country.
    weight: f64,
    type_hints: Vec<TypeKind>,
    qualifiers: Vec<usize>,
    /// Any mention with a preposition, type word or dateline.
    has_cue: bool,
    all_caps: bool,
    demonym: bool,
}

/// The article-level facts resolution may use.
pub struct ResolveContext<'a> {
    pub lang: &'a str,
    /// ISO alpha-3 of the outlet's country.
    pub outlet_country: Option<&'a str>,
    /// The found name that is the dateline's place.
    pub dateline: Option<usize>,
}

/// One resolution per found name (`None` where it is dropped).
pub fn resolve(
    found: &[Found],
    index: &dyn PlaceIndex,
    context: &ResolveContext<'_>,
) -> Vec<Option<Resolution>> {
    let mut group_of_key: HashMap<&str, usize> = HashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_found = vec![0; found.len()];
    for (found_idx, name) in found.iter().enumerate() {
        let group_idx = *group_of_key.entry(name.key.as_str()).or_insert_with(|| {
            groups.push(Group {
                members: Vec::new(),
                candidates: Vec::new(),
                candidate_of_entry: HashMap::default(),
                weight: 0.0,
                type_hints: Vec::new(),
                qualifiers: Vec::new(),
                has_cue: false,
                all_caps: true,
                demonym: name.kind == PlaceMentionKind::Demonym,
            });
            groups.len() - 1
        });
        group_of_found[found_idx] = group_idx;
        let group = &mut groups[group_idx];
        group.members.push(found_idx);
        let is_dateline = context.dateline == Some(found_idx);
        group.weight += if name.kind == PlaceMentionKind::Demonym {
            weight::MENTION_DEMONYM
        } else if is_dateline {
            weight::MENTION_DATELINE
        } else {
            match name.cue {
                PlaceCue::Preposition => weight::MENTION_PREPOSITION,
                PlaceCue::Dateline => weight::MENTION_DATELINE,
                PlaceCue::Bare => weight::MENTION_BARE,
                PlaceCue::Modifier => weight::MENTION_MODIFIER,
            }
        };
        group.has_cue |= is_dateline
            || name.cue == PlaceCue::Preposition
            || name.type_hint.is_some()
            || name.qualified_by.is_some();
        group.all_caps &= name.all_caps;
        if let Some(hint) = name.type_hint {
            group.type_hints.push(hint);
        }
        for candidate in &name.candidates {
            merge_candidate(group, candidate, index);
        }
        if group.demonym
            && let Some(entry) = name.demonym_entry
        {
            merge_candidate(
                group,
                &NamedCandidate {
                    entry,
                    attestation: Attestation::Primary,
                    lang: None,
                },
                index,
            );
        }
    }
    // Qualifiers are linked between names; groups hold them by group.
    for (found_idx, name) in found.iter().enumerate() {
        if let Some(qualifier) = name.qualified_by {
            let (group_idx, qualifier_group) =
                (group_of_found[found_idx], group_of_found[qualifier]);
            if group_idx != qualifier_group
                && !groups[group_idx].qualifiers.contains(&qualifier_group)
            {
                groups[group_idx].qualifiers.push(qualifier_group);
            }
        }
    }
    for group in &mut groups {
        let (type_hints, all_caps) = (group.type_hints.clone(), group.all_caps);
        for candidate in &mut group.candidates {
            candidate.prior = prior(candidate, &type_hints, all_caps, context.lang);
        }
        // A name shared by a region and a town inside it ("Valencia", "Jakarta", "Aleppo")
        // means the town unless a type word says otherwise: news names regions with their
        // type word ("la provincia de Valencia", "Aleppo province") far more often than bare.
        if type_hints.is_empty() {
            let regions: Vec<(Option<&str>, Option<&str>)> = group
                .candidates
                .iter()
                .filter(|candidate| candidate.data.kind == EntryKind::Admin1)
                .map(|candidate| (candidate.data.country, candidate.data.admin1_code))
                .collect();
            for candidate in &mut group.candidates {
                let inside_namesake = candidate.data.kind == EntryKind::Place
                    && regions.iter().any(|(country, code)| {
                        *country == candidate.data.country && *code == candidate.data.admin1_code
                    });
                if inside_namesake {
                    candidate.prior += weight::TOWN_IN_ITS_NAMESAKE_REGION;
                }
            }
        }
    }

    let dateline_country = context
        .dateline
        .and_then(|found_idx| best_by(&groups[group_of_found[found_idx]], |c| c.prior))
        .and_then(|candidate| candidate.data.country);
    // Two rounds: each group's choice by its prior, then by the others' choices, twice.
    let mut choices: Vec<Option<usize>> = groups
        .iter()
        .map(|group| argmax(group.candidates.iter().map(|candidate| candidate.prior)))
        .collect();
    for _ in 0..2 {
        let evidence = ArticleEvidence::collect(&groups, &choices);
        let next: Vec<Option<usize>> = groups
            .iter()
            .enumerate()
            .map(|(group_idx, group)| {
                argmax(group.candidates.iter().map(|candidate| {
                    candidate.prior
                        + context_score(
                            candidate,
                            group_idx,
                            group,
                            &groups,
                            &choices,
                            &evidence,
                            context,
                            dateline_country,
                        )
                }))
            })
            .collect();
        choices = next;
    }
    let evidence = ArticleEvidence::collect(&groups, &choices);
    let mut resolutions = vec![None; found.len()];
    for (group_idx, group) in groups.iter().enumerate() {
        let scores: Vec<f64> = group
            .candidates
            .iter()
            .map(|candidate| {
                candidate.prior
                    + context_score(
                        candidate,
                        group_idx,
                        group,
                        &groups,
                        &choices,
                        &evidence,
                        context,
                        dateline_country,
                    )
            })
            .collect();
        let Some(chosen) = argmax(scores.iter().copied()) else {
            continue;
        };
        let best = scores[chosen];
        let supported = group.has_cue
            || group.demonym
            || evidence.country_support(&group.candidates[chosen], group_idx) > 0.0;
        if best < weight::MIN_SCORE_WITHOUT_CUE && !supported {
            continue;
        }
        let confidence = softmax_top(&scores, chosen);
        for &member in &group.members {
            resolutions[member] = Some(Resolution {
                entry: group.candidates[chosen].entry,
                confidence,
            });
        }
    }
    resolutions
}

fn merge_candidate<'i>(group: &mut Group<'i>, named: &NamedCandidate, index: &'i dyn PlaceIndex) {
    if let Some(&kept_idx) = group.candidate_of_entry.get(&named.entry) {
        let kept = &mut group.candidates[kept_idx];
        if named.attestation < kept.attestation {
            kept.attestation = named.attestation;
            kept.lang = named.lang;
        }
        return;
    }
    group
        .candidate_of_entry
        .insert(named.entry, group.candidates.len());
    group.candidates.push(Candidate {
        entry: named.entry,
        attestation: named.attestation,
        lang: named.lang,
        data: index.entry_facts(named.entry),
        prior: 0.0,
    });
}

fn prior(candidate: &Candidate, type_hints: &[TypeKind], all_caps: bool, lang: &str) -> f64 {
    let entry = &candidate.data;
    let mut score = match entry.kind {
        EntryKind::Continent => weight::CONTINENT,
        EntryKind::Country => weight::COUNTRY,
        EntryKind::Region => weight::REGION,
        EntryKind::Admin1 => weight::ADMIN1,
        EntryKind::Admin2 => weight::ADMIN2,
        EntryKind::Place => {
            weight::PLACE_PER_LOG_POPULATION * ((entry.population as f64) + 10.0).log10()
                + weight::CAPITAL * f64::from(entry.capital_rank)
        }
    };
    score += match candidate.attestation {
        Attestation::Primary => weight::PRIMARY_NAME,
        Attestation::Tagged if candidate.lang.is_some_and(|tag| tag == *lang) => {
            weight::TAGGED_IN_ARTICLE_LANGUAGE
        }
        Attestation::Tagged => 0.0,
        Attestation::Alternate => weight::ALTERNATE_NAME,
        Attestation::Abbreviation if all_caps => {
            weight::ABBREVIATION + weight::ABBREVIATION_IN_CAPITALS
        }
        Attestation::Abbreviation => weight::ABBREVIATION,
    };
    for hint in type_hints {
        let agrees = match hint {
            TypeKind::City => entry.kind == EntryKind::Place,
            TypeKind::Admin2 => entry.kind == EntryKind::Admin2,
            TypeKind::Admin1 => matches!(entry.kind, EntryKind::Admin1 | EntryKind::Region),
            TypeKind::Region => matches!(entry.kind, EntryKind::Region | EntryKind::Admin1),
            TypeKind::Country => entry.kind == EntryKind::Country,
        };
        score += if agrees {
            weight::TYPE_AGREES
        } else {
            weight::TYPE_DISAGREES
        };
    }
    score
}

/// What the article's names, as currently chosen, say about countries and regions; it
/// borrows the chosen candidates' codes, since it is rebuilt every round.
struct ArticleEvidence<'a> {
    /// Evidence weight per country, and which groups gave it.
    country_weight: HashMap<&'a str, Vec<(usize, f64)>>,
    total_weight: f64,
    /// The weight each group gave: its own when its chosen entry has a country, else none.
    given_by_group: Vec<f64>,
    /// First-level regions (country, code) the chosen entries are or lie in, by group.
    admin1_of_group: Vec<Option<(&'a str, &'a str)>>,
    /// How many groups chose an entry in each first-level region.
    groups_in_admin1: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> ArticleEvidence<'a> {
    fn collect(groups: &'a [Group], choices: &[Option<usize>]) -> ArticleEvidence<'a> {
        let mut country_weight: HashMap<&str, Vec<(usize, f64)>> = HashMap::default();
        let mut total_weight = 0.0;
        let mut admin1_of_group = Vec::with_capacity(groups.len());
        let mut groups_in_admin1: HashMap<(&str, &str), usize> = HashMap::default();
        let mut given_by_group = vec![0.0; groups.len()];
        for (group_idx, (group, choice)) in groups.iter().zip(choices).enumerate() {
            let chosen = choice.map(|idx| &group.candidates[idx]);
            if let Some(country) = chosen.and_then(|candidate| candidate.data.country) {
                country_weight
                    .entry(country)
                    .or_default()
                    .push((group_idx, group.weight));
                total_weight += group.weight;
                given_by_group[group_idx] = group.weight;
            }
            let region = chosen.and_then(|candidate| {
                match (&candidate.data.country, &candidate.data.admin1_code) {
                    (Some(country), Some(code)) => Some((*country, *code)),
                    _ => None,
                }
            });
            if let Some(region) = region {
                *groups_in_admin1.entry(region).or_default() += 1;
            }
            admin1_of_group.push(region);
        }
        ArticleEvidence {
            country_weight,
            total_weight,
            given_by_group,
            admin1_of_group,
            groups_in_admin1,
        }
    }

    /// True when a group other than `own_group` chose an entry in this first-level region.
    fn other_group_in_admin1(&self, country: &str, code: &str, own_group: usize) -> bool {
        let count = self
            .groups_in_admin1
            .get(&(country, code))
            .copied()
            .unwrap_or(0);
        let own = usize::from(
            self.admin1_of_group.get(own_group).copied().flatten() == Some((country, code)),
        );
        count > own
    }

    /// The share of the other groups' evidence that falls in the candidate's country.
    fn country_support(&self, candidate: &Candidate, own_group: usize) -> f64 {
        let Some(country) = candidate.data.country else {
            return 0.0;
        };
        let own = self.given_by_group.get(own_group).copied().unwrap_or(0.0);
        let others_total = self.total_weight - own;
        if others_total <= 0.0 {
            return 0.0;
        }
        let in_country: f64 = self
            .country_weight
            .get(country)
            .map(|givers| {
                givers
                    .iter()
                    .filter(|(group_idx, _)| *group_idx != own_group)
                    .map(|(_, weight)| weight)
                    .sum()
            })
            .unwrap_or(0.0);
        in_country / others_total
    }
}

#[allow(clippy::too_many_arguments)] // The scorer reads each piece of article evidence by name.
fn context_score(
    candidate: &Candidate,
    group_idx: usize,
    group: &Group,
    groups: &[Group],
    choices: &[Option<usize>],
    evidence: &ArticleEvidence,
    context: &ResolveContext<'_>,
    dateline_country: Option<&str>,
) -> f64 {
    let entry = &candidate.data;
    let mut score = weight::COUNTRY_SHARE * evidence.country_support(candidate, group_idx);
    if let (Some(country), Some(code)) = (&entry.country, &entry.admin1_code)
        && entry.kind != EntryKind::Country
    {
        let same_region = evidence.other_group_in_admin1(country, code, group_idx);
        if same_region {
            score += weight::SAME_ADMIN1;
        }
    }
    for &qualifier_group in &group.qualifiers {
        let Some(choice) = choices[qualifier_group] else {
            continue;
        };
        let qualifier = &groups[qualifier_group].candidates[choice].data;
        let contains = match qualifier.kind {
            EntryKind::Country => qualifier.country.is_some() && qualifier.country == entry.country,
            EntryKind::Admin1 | EntryKind::Region => {
                qualifier.country == entry.country
                    && qualifier.admin1_code.is_some()
                    && qualifier.admin1_code == entry.admin1_code
            }
            _ => false,
        };
        score += if contains {
            weight::QUALIFIER_CONTAINS
        } else {
            weight::QUALIFIER_DISAGREES
        };
    }
    if entry
        .country
        .is_some_and(|country| Some(country) == context.outlet_country)
    {
        score += weight::OUTLET_COUNTRY;
    }
    if entry
        .country
        .is_some_and(|country| Some(country) == dateline_country)
    {
        score += weight::DATELINE_COUNTRY;
    }
    score
}

fn best_by<'g, 'i>(
    group: &'g Group<'i>,
    score: impl Fn(&Candidate) -> f64,
) -> Option<&'g Candidate<'i>> {
    argmax(group.candidates.iter().map(&score)).map(|idx| &group.candidates[idx])
}

/// The index of the highest score; the first of equals, so ties go to the earlier candidate.
fn argmax(scores: impl Iterator<Item = f64>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (idx, score) in scores.enumerate() {
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((idx, score));
        }
    }
    best.map(|(idx, _)| idx)
}

/// The probability of `chosen` under a softmax of the scores.
fn softmax_top(scores: &[f64], chosen: usize) -> f64 {
    let top = scores[chosen];
    let total: f64 = scores.iter().map(|score| (2.0 * (score - top)).exp()).sum();
    if total > 0.0 { 1.0 / total } else { 0.0 }
}
