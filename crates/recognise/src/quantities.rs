//! Numbers attached to an event: fatalities (a number next to a death word) and sizes (a number
//! before troops, protesters, people), found in the verb's clause.

use crate::clauses::VerbPosition;
use crate::error::RecogniseError;
use crate::numbers::{NumberMention, NumberTable};
use crate::words::{Phrase, PhraseTable, Token};
use serde::Deserialize;
use std::ops::Range;
use truce_core::Fatalities;

/// The numbers recognised for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quantities {
    pub fatalities: Option<Fatalities>,
    pub size: Option<u64>,
}

/// The `[quantities]` table of `numbers.toml` as written. The template pack documents every key.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuantitiesFile {
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    size_nouns: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    noun_links: Vec<String>,
    #[serde(default)]
    capitalised_words_before_noun: usize,
    #[serde(default)]
    death_before: Vec<String>,
    #[serde(default)]
    death_after: Vec<String>,
    #[serde(default)]
    casualties: Vec<String>,
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default = "three_fillers")]
    max_fillers: usize,
}

fn three_fillers() -> usize {
    3
}

/// A language's quantity words, ready to match.
#[derive(Debug, Default)]
pub(crate) struct QuantityTable {
    people: PhraseTable<()>,
    size_nouns: PhraseTable<()>,
    modifiers: PhraseTable<()>,
    noun_links: PhraseTable<()>,
    capitalised_words_before_noun: usize,
    death_before: PhraseTable<()>,
    death_after: PhraseTable<()>,
    casualties: PhraseTable<()>,
    fillers: PhraseTable<()>,
    max_fillers: usize,
}

/// What a number in the clause counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Fatalities,
    Size,
    /// The wounded, the arrested, the missing: neither deaths nor the size of a group.
    OtherCasualties,
}

fn phrases(file: &'static str, cues: &[String]) -> Result<PhraseTable<()>, RecogniseError> {
    cues.iter()
        .map(|cue| {
            Phrase::parse(cue, false).ok_or_else(|| RecogniseError::Invalid {
                file,
                what: format!("empty phrase {cue:?}"),
            })
        })
        .collect()
}

fn longest_end(phrases: &PhraseTable<()>, tokens: &[Token], start: usize) -> Option<usize> {
    phrases
        .matches_at(tokens, start)
        .map(|(found, _)| found.end)
        .max()
}

impl QuantityTable {
    pub fn from_file(
        file: &'static str,
        spec: &QuantitiesFile,
    ) -> Result<QuantityTable, RecogniseError> {
        Ok(QuantityTable {
            people: phrases(file, &spec.people)?,
            size_nouns: phrases(file, &spec.size_nouns)?,
            modifiers: phrases(file, &spec.modifiers)?,
            noun_links: phrases(file, &spec.noun_links)?,
            capitalised_words_before_noun: spec.capitalised_words_before_noun,
            death_before: phrases(file, &spec.death_before)?,
            death_after: phrases(file, &spec.death_after)?,
            casualties: phrases(file, &spec.casualties)?,
            fillers: phrases(file, &spec.fillers)?,
            max_fillers: spec.max_fillers,
        })
    }

    /// Fatalities and size for the verb: of the numbers in its clause, the nearest one that
    /// counts deaths and the nearest one that counts a group.
    pub fn quantities(
        &self,
        numbers: &NumberTable,
        tokens: &[Token],
        clause: Range<usize>,
        verb: VerbPosition,
    ) -> Quantities {
        let mut fatalities: Option<(usize, NumberMention)> = None;
        let mut size: Option<(usize, NumberMention)> = None;
        for mention in numbers.find_all(tokens, clause.clone()) {
            let distance = mention.start.abs_diff(verb.first);
            let slot = match self.role(numbers, tokens, &mention, &clause) {
                Some(Role::Fatalities) => &mut fatalities,
                Some(Role::Size) => &mut size,
                Some(Role::OtherCasualties) | None => continue,
            };
            if slot.is_none_or(|(nearest, _)| distance < nearest) {
                *slot = Some((distance, mention));
            }
        }
        Quantities {
            fatalities: fatalities.map(|(_, mention)| Fatalities {
                best: mention.estimate.best,
                low: mention.estimate.low,
                high: mention.estimate.high,
            }),
            size: size.and_then(|(_, mention)| mention.estimate.single()),
        }
    }

    /// Every position reachable from `start` by skipping up to `max_fillers` filler phrases,
    /// `start` itself first, within `limit`.
    fn after_fillers(&self, tokens: &[Token], start: usize, limit: usize) -> Vec<usize> {
        let mut reachable = vec![start];
        let mut frontier = vec![start];
        for _ in 0..self.max_fillers {
            let mut next = Vec::new();
            for position in frontier {
                for (found, ()) in self.fillers.matches_at(tokens, position) {
                    if found.end <= limit && !reachable.contains(&found.end) {
                        reachable.push(found.end);
                        next.push(found.end);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        reachable
    }

    /// Whether a phrase of `phrases` ends where fillers can lead to `target`
    /// ("killing at least 12", "wounding 20 others", "death toll rose to 30").
    fn precedes(
        &self,
        phrases: &PhraseTable<()>,
        tokens: &[Token],
        clause: &Range<usize>,
        target: usize,
    ) -> bool {
        phrases.find_all(tokens, clause.start..target).any(|found| {
            self.after_fillers(tokens, found.end, target)
                .contains(&target)
        })
    }

    fn role(
        &self,
        numbers: &NumberTable,
        tokens: &[Token],
        mention: &NumberMention,
        clause: &Range<usize>,
    ) -> Option<Role> {
        // "menewaskan ribuan orang", "killing at least 12", "death toll rose to 30".
        if self.precedes(&self.death_before, tokens, clause, mention.start) {
            return Some(Role::Fatalities);
        }
        // "wounding 20 others", "resultaron heridos dos militares".
        if self.precedes(&self.casualties, tokens, clause, mention.start) {
            return Some(Role::OtherCasualties);
        }
        // "12 people were killed", "12 orang tewas", "12 muertos"; "2.000 pasukan".
        // A link may join a number to its noun: "thousands of people", "miles de personas".
        let mut position =
            longest_end(&self.noun_links, tokens, mention.end).unwrap_or(mention.end);
        let mut noun = None;
        let mut gap = 0;
        while position < clause.end {
            let people_end = longest_end(&self.people, tokens, position);
            if let Some(end) = people_end.max(longest_end(&self.size_nouns, tokens, position)) {
                noun = Some((position, end));
                break;
            }
            let capitalised = tokens
                .get(position)
                .is_some_and(|token| token.is_word_like() && token.is_capitalised());
            if let Some(end) = longest_end(&self.modifiers, tokens, position) {
                position = end;
            } else if capitalised && gap < self.capitalised_words_before_noun {
                gap += 1;
                position += 1;
            } else {
                break;
            }
        }
        let after_count = noun.map_or(mention.end, |(_, end)| end);
        for start in self.after_fillers(tokens, after_count, clause.end) {
            if let Some(death_end) =
                longest_end(&self.death_after, tokens, start).filter(|end| *end <= clause.end)
            {
                // "three attackers killed at least 19 people": a count right after the death
                // word is the victims; the number before it counts the killers.
                let victims_follow =
                    death_end < clause.end && numbers.read_at(tokens, death_end).is_some();
                if !victims_follow {
                    return Some(Role::Fatalities);
                }
                break;
            }
            if longest_end(&self.casualties, tokens, start).is_some() {
                return Some(Role::OtherCasualties);
            }
        }
        let (noun_start, noun_end) = noun?;
        longest_end(&self.size_nouns, tokens, noun_start)
            .filter(|end| *end == noun_end)
            .map(|_| Role::Size)
    }
}
