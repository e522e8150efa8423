//! The compiled form of a dictionary set: automata for actors, agents, discards and issues, and hash maps for verb forms.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use truce_dictionaries::{
    ActorEntry, AgentEntry, AgentPlacement, CodeSpec, Dialect, DictionarySet, Phrase, PhraseWord,
    VerbPattern,
};

use crate::CodingError;
use crate::tokens::{CoderToken, JoinedTokens};

/// What a phrase in the phrase automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseTarget {
    Actor(usize),
    Agent(usize),
}

/// One distinct phrase key (` WORD WORD`) and everything it names.
#[derive(Debug, Clone)]
pub(crate) struct PhraseKey {
    /// The last word may be the start of a longer word (a TABARI stem).
    pub stem_last: bool,
    pub targets: Vec<PhraseTarget>,
}

/// A phrase found in a sentence: tokens `start..end` and the key it matched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub key: usize,
}

/// A phrase automaton over the joined-token string: one pass finds every dictionary phrase.
pub(crate) struct PhraseAutomaton {
    automaton: Option<AhoCorasick>,
    pub keys: Vec<PhraseKey>,
}

impl PhraseAutomaton {
    fn build<'a>(
        phrases: impl Iterator<Item = (&'a Phrase, PhraseTarget)>,
    ) -> Result<PhraseAutomaton, CodingError> {
        let mut key_index: HashMap<(String, bool), usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut keys: Vec<PhraseKey> = Vec::new();
        for (phrase, target) in phrases {
            let Some(last) = phrase.words.last() else {
                continue;
            };
            let mut pattern = String::new();
            for word in &phrase.words {
                pattern.push(' ');
                pattern.push_str(&word.text);
            }
            let stem_last = last.stem;
            let index = *key_index
                .entry((pattern.clone(), stem_last))
                .or_insert_with(|| {
                    patterns.push(pattern);
                    keys.push(PhraseKey {
                        stem_last,
                        targets: Vec::new(),
                    });
                    keys.len() - 1
                });
            keys[index].targets.push(target);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&patterns)
                    .map_err(|error| CodingError::Automaton(error.to_string()))?,
            )
        };
        Ok(PhraseAutomaton { automaton, keys })
    }

    /// Every phrase occurrence that starts at a token start and (unless a stem) ends at a token end.
    pub(crate) fn find(&self, joined: &JoinedTokens, hits: &mut Vec<PhraseHit>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let bytes = joined.text.as_bytes();
        for found in automaton.find_overlapping_iter(joined.text.as_str()) {
            let key = found.pattern().as_usize();
            let Some(phrase_key) = self.keys.get(key) else {
                continue;
            };
            let ends_at_word_end = bytes.get(found.end()) == Some(&b' ');
            if !phrase_key.stem_last && !ends_at_word_end {
                continue;
            }
            // The match starts at the blank before its first token.
            let Ok(start) = joined.starts.binary_search(&(found.start() + 1)) else {
                continue;
            };
            let end = joined
                .starts
                .partition_point(|&token_start| token_start < found.end());
            if end > start {
                hits.push(PhraseHit { start, end, key });
            }
        }
    }
}

/// A verb surface form: its words, which of them is the verb, and the entry it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct VerbForm {
    pub words: Vec<PhraseWord>,
    pub verb_position: usize,
    pub block: usize,
    pub code: Option<CodeSpec>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledBlock {
    pub code: CodeSpec,
    /// Most specific first: the first pattern that matches decides.
    pub patterns: Vec<VerbPattern>,
}

pub(crate) struct Lexicon {
    pub dialect: Dialect,
    pub phrases: PhraseAutomaton,
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub forms: Vec<VerbForm>,
    /// Forms by the exact text of their verb word.
    pub forms_by_word: HashMap<String, Vec<usize>>,
    /// TABARI stem forms by the stem of their verb word.
    pub forms_by_stem: HashMap<String, Vec<usize>>,
    pub longest_stem: usize,
    pub blocks: Vec<CompiledBlock>,
    pub synsets: HashMap<String, Vec<Vec<truce_dictionaries::PatternItem>>>,
    pub discards: PhraseAutomaton,
    pub story_discards: Vec<bool>,
    pub issues: PhraseAutomaton,
    pub issue_codes: Vec<Option<String>>,
    pub nouns: HashSet<String>,
    pub adjectives: HashSet<String>,
}

impl Lexicon {
    pub(crate) fn compile(set: DictionarySet) -> Result<Lexicon, CodingError> {
        let dialect = set.verbs.dialect.unwrap_or(Dialect::Petrarch);
        let actors = set.actors.entries;
        let agents = set.agents.entries;
        let actor_phrases = actors.iter().enumerate().flat_map(|(index, entry)| {
            entry
                .names
                .iter()
                .map(move |name| (name, PhraseTarget::Actor(index)))
        });
        let agent_phrases = agents.iter().enumerate().flat_map(|(index, entry)| {
            entry
                .names
                .iter()
                .map(move |name| (name, PhraseTarget::Agent(index)))
        });
        let phrases = PhraseAutomaton::build(actor_phrases.chain(agent_phrases))?;

        let mut forms = Vec::new();
        let mut forms_by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut forms_by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        let mut longest_stem = 0;
        let mut blocks = Vec::with_capacity(set.verbs.blocks.len());
        for (block_index, block) in set.verbs.blocks.into_iter().enumerate() {
            for entry in &block.entries {
                for (words, &verb_position) in entry.forms.iter().zip(&entry.verb_positions) {
                    let Some(verb_word) = words.get(verb_position) else {
                        continue;
                    };
                    let form_index = forms.len();
                    if verb_word.stem {
                        longest_stem = longest_stem.max(verb_word.text.len());
                        forms_by_stem
                            .entry(verb_word.text.clone())
                            .or_default()
                            .push(form_index);
                    } else {
                        forms_by_word
                            .entry(verb_word.text.clone())
                            .or_default()
                            .push(form_index);
                    }
                    forms.push(VerbForm {
                        words: words.clone(),
                        verb_position,
                        block: block_index,
                        code: entry.code.clone(),
                    });
                }
            }
            let mut patterns = block.patterns;
            patterns.sort_by_key(|pattern| std::cmp::Reverse(pattern.items.len()));
            blocks.push(CompiledBlock {
                code: block.code,
                patterns,
            });
        }

        let story_discards = set
            .discards
            .entries
            .iter()
            .map(|entry| entry.whole_story)
            .collect();
        let discards = PhraseAutomaton::build(
            set.discards
                .entries
                .iter()
                .enumerate()
                .map(|(index, entry)| (&entry.phrase, PhraseTarget::Actor(index))),
        )?;
        let mut issue_phrases = Vec::new();
        let mut issue_codes = Vec::new();
        for entry in &set.issues.entries {
            for phrase in &entry.phrases {
                issue_phrases.push((phrase, PhraseTarget::Actor(issue_codes.len())));
            }
            issue_codes.push(entry.code.clone());
        }
        let issues = PhraseAutomaton::build(issue_phrases.into_iter())?;
        Ok(Lexicon {
            dialect,
            phrases,
            actors,
            agents,
            forms,
            forms_by_word,
            forms_by_stem,
            longest_stem,
            blocks,
            synsets: set.verbs.synsets,
            discards,
            story_discards,
            issues,
            issue_codes,
            nouns: set.actors.nouns.into_iter().collect(),
            adjectives: set.actors.adjectives.into_iter().collect(),
        })
    }

    /// Whether a dictionary word matches a token: exactly, as a TABARI stem, or (PETRARCH) as
    /// the word's regular plural, which PETRARCH's parser-based matching accepts through lemmas.
    pub(crate) fn word_matches(&self, word: &PhraseWord, token: &CoderToken) -> bool {
        if token.text == word.text {
            return true;
        }
        if word.stem {
            return token.text.starts_with(&word.text);
        }
        if self.dialect == Dialect::Petrarch && !token.is_punctuation {
            let Some(rest) = token.text.strip_prefix(word.text.as_str()) else {
                return word.text.ends_with('Y')
                    && token.text.len() + 2 == word.text.len() + 3
                    && token.text.ends_with("IES")
                    && token.text.starts_with(&word.text[..word.text.len() - 1]);
            };
            return rest == "S" || rest == "ES";
        }
        false
    }

    pub(crate) fn agent_placement(&self, agent: usize) -> AgentPlacement {
        self.agents
            .get(agent)
            .map_or(AgentPlacement::AfterActor, |entry| entry.placement)
    }
}
