//! Event flags from cue words around the verb: negated, future or planned, hypothetical, and
//! historical background, read from a pack's `flags.toml`.

use crate::clauses::{ClauseRules, VerbPosition};
use crate::error::RecogniseError;
use crate::words::{Phrase, PhraseMatch, PhraseTable, Token};
use serde::Deserialize;
use std::ops::Range;
use truce_core::EventFlags;

/// A cue as written in `flags.toml`: a plain string, or a table when it must match case.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum CueSpec {
    Plain(String),
    Detailed {
        phrase: String,
        #[serde(default)]
        match_case: bool,
    },
}

/// Which side of the reference (publication) year a year cue's year must fall on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum YearSide {
    Later,
    Earlier,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearCueSpec {
    phrase: String,
    when: YearSide,
    #[serde(default = "one_year")]
    min_years_apart: i32,
}

fn one_year() -> i32 {
    1
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CategorySpec {
    #[serde(default)]
    window: usize,
    #[serde(default)]
    stop_at_comma: bool,
    #[serde(default)]
    cues: Vec<CueSpec>,
    #[serde(default)]
    window_after: usize,
    #[serde(default)]
    cues_after: Vec<CueSpec>,
    #[serde(default)]
    openers: Vec<CueSpec>,
    #[serde(default)]
    verb_endings: Vec<String>,
    #[serde(default)]
    year_cues: Vec<YearCueSpec>,
    #[serde(default)]
    exceptions: Vec<CueSpec>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ClausesSpec {
    #[serde(default)]
    boundary_punctuation: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<CueSpec>,
    #[serde(default)]
    comma_conjunctions: Vec<CueSpec>,
}

/// `flags.toml` as written. The template pack documents every key.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlagsFile {
    #[serde(default)]
    clauses: ClausesSpec,
    #[serde(default)]
    negated: CategorySpec,
    #[serde(default)]
    future: CategorySpec,
    #[serde(default)]
    hypothetical: CategorySpec,
    #[serde(default)]
    historical: CategorySpec,
}

#[derive(Debug, Clone)]
struct YearCue {
    phrase: Phrase,
    when: YearSide,
    min_years_apart: i32,
}

/// One flag's cues, ready to match.
#[derive(Debug, Default)]
struct Category {
    window: usize,
    stop_at_comma: bool,
    cues: PhraseTable<()>,
    window_after: usize,
    cues_after: PhraseTable<()>,
    openers: PhraseTable<()>,
    verb_endings: Vec<String>,
    year_cues: Vec<YearCue>,
    exceptions: PhraseTable<()>,
}

/// A language's flag cues and clause rules.
#[derive(Debug, Default)]
pub(crate) struct FlagTable {
    pub clauses: ClauseRules,
    negated: Category,
    future: Category,
    hypothetical: Category,
    historical: Category,
}

fn cue_phrases(file: &'static str, cues: &[CueSpec]) -> Result<PhraseTable<()>, RecogniseError> {
    cues.iter()
        .map(|cue| {
            let (text, match_case) = match cue {
                CueSpec::Plain(text) => (text.as_str(), false),
                CueSpec::Detailed { phrase, match_case } => (phrase.as_str(), *match_case),
            };
            Phrase::parse(text, match_case).ok_or_else(|| RecogniseError::Invalid {
                file,
                what: format!("empty cue {text:?}"),
            })
        })
        .collect()
}

impl Category {
    fn from_spec(file: &'static str, spec: &CategorySpec) -> Result<Category, RecogniseError> {
        let year_cues = spec
            .year_cues
            .iter()
            .map(|cue| {
                let phrase =
                    Phrase::parse(&cue.phrase, false).ok_or_else(|| RecogniseError::Invalid {
                        file,
                        what: format!("empty year cue {:?}", cue.phrase),
                    })?;
                if !cue.phrase.contains("<year>") && !cue.phrase.contains("<decade>") {
                    return Err(RecogniseError::Invalid {
                        file,
                        what: format!("year cue {:?} has no <year> or <decade>", cue.phrase),
                    });
                }
                Ok(YearCue {
                    phrase,
                    when: cue.when,
                    min_years_apart: cue.min_years_apart,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Category {
            window: spec.window,
            stop_at_comma: spec.stop_at_comma,
            cues: cue_phrases(file, &spec.cues)?,
            window_after: spec.window_after,
            cues_after: cue_phrases(file, &spec.cues_after)?,
            openers: cue_phrases(file, &spec.openers)?,
            verb_endings: spec
                .verb_endings
                .iter()
                .map(|ending| ending.to_lowercase())
                .collect(),
            year_cues,
            exceptions: cue_phrases(file, &spec.exceptions)?,
        })
    }

    /// Whether any cue of this category governs the verb.
    fn applies(
        &self,
        tokens: &[Token],
        clause: &Range<usize>,
        verb: VerbPosition,
        reference_year: Option<i32>,
    ) -> bool {
        // Exceptions matter only once a cue is found, which is rare: they are looked for then.
        let exceptions: std::cell::OnceCell<Vec<PhraseMatch>> = std::cell::OnceCell::new();
        let is_excepted = |found: &PhraseMatch| {
            exceptions
                .get_or_init(|| self.exceptions.find_all(tokens, clause.clone()).collect())
                .iter()
                .any(|other| other.start < found.end && found.start < other.end)
        };
        let words_between = |from: usize, to: usize| {
            tokens.get(from..to).map_or(usize::MAX, |between| {
                between.iter().filter(|token| token.is_word_like()).count()
            })
        };
        let comma_between = |from: usize, to: usize| {
            tokens
                .get(from..to)
                .is_some_and(|between| between.iter().any(|token| token.written == ","))
        };
        let before = clause.start..verb.first;
        let after = verb.end.max(verb.first)..clause.end;

        let cue_before = self.cues.find_all(tokens, before.clone()).any(|found| {
            !is_excepted(&found)
                && words_between(found.end, verb.first) <= self.window
                && !(self.stop_at_comma && comma_between(found.end, verb.first))
        });
        let cue_after = self
            .cues_after
            .find_all(tokens, after.clone())
            .any(|found| {
                !is_excepted(&found) && words_between(after.start, found.start) <= self.window_after
            });
        // An opener ("if", "jika", "si") reaches every verb after it up to the next comma.
        let opener = self.openers.find_all(tokens, before.clone()).any(|found| {
            !is_excepted(&found)
                && tokens
                    .get(found.end..verb.first)
                    .is_some_and(|between| between.iter().all(|token| token.written != ","))
        });
        let ending = tokens.get(verb.first..verb.end).is_some_and(|verb_tokens| {
            verb_tokens.iter().any(|token| {
                self.verb_endings.iter().any(|ending| {
                    token.lower.ends_with(ending.as_str())
                        && token.lower.chars().count() >= ending.chars().count() + 3
                })
            })
        });
        // A year cue modifies the verb next to it, as other cues do: before it within `window`
        // words, after it within `window_after` words.
        let year = reference_year.is_some_and(|reference| {
            self.year_cues.iter().any(|cue| {
                let near_before = cue
                    .phrase
                    .find_all(tokens, before.clone())
                    .into_iter()
                    .filter(|found| words_between(found.end, verb.first) <= self.window);
                let near_after = cue
                    .phrase
                    .find_all(tokens, after.clone())
                    .into_iter()
                    .filter(|found| words_between(after.start, found.start) <= self.window_after);
                near_before
                    .chain(near_after)
                    .filter(|found| !is_excepted(found))
                    .filter_map(|found| found.year)
                    .any(|year| match cue.when {
                        YearSide::Later => year - reference >= cue.min_years_apart,
                        YearSide::Earlier => reference - year >= cue.min_years_apart,
                    })
            })
        });
        cue_before || cue_after || opener || ending || year
    }
}

impl FlagTable {
    pub fn from_file(file: &'static str, flags: &FlagsFile) -> Result<FlagTable, RecogniseError> {
        Ok(FlagTable {
            clauses: ClauseRules {
                boundary_punctuation: flags.clauses.boundary_punctuation.clone(),
                conjunctions: cue_phrases(file, &flags.clauses.conjunctions)?,
                comma_conjunctions: cue_phrases(file, &flags.clauses.comma_conjunctions)?,
            },
            negated: Category::from_spec(file, &flags.negated)?,
            future: Category::from_spec(file, &flags.future)?,
            hypothetical: Category::from_spec(file, &flags.hypothetical)?,
            historical: Category::from_spec(file, &flags.historical)?,
        })
    }

    pub fn flags(
        &self,
        tokens: &[Token],
        verb: VerbPosition,
        reference_year: Option<i32>,
    ) -> EventFlags {
        let clause = self.clauses.clause_of(tokens, verb);
        EventFlags {
            negated: self.negated.applies(tokens, &clause, verb, reference_year),
            future: self.future.applies(tokens, &clause, verb, reference_year),
            hypothetical: self
                .hypothetical
                .applies(tokens, &clause, verb, reference_year),
            historical: self
                .historical
                .applies(tokens, &clause, verb, reference_year),
        }
    }
}
