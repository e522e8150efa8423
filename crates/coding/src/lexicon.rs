//! The compiled form of a dictionary set: automata for actors, agents, discards and issues, and hash maps for verb forms.

// foldhash: dictionary lookups dominate coding time, and SipHash's DoS resistance buys
// nothing for keys that come from the bundled dictionaries and the text being coded.
use foldhash::{HashMap, HashSet};

use truce_dictionaries::{
    ActorEntry, AgentEntry, AgentPlacement, CodeSpec, Dialect, DictionarySet, Phrase, PhraseWord,
    VerbPattern,
};

use crate::CodingError;
use crate::tokens::CoderToken;

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
    /// The later runs of consecutive words of a TABARI phrase written with blanks
    /// (`PRINCE DOL_AMROTH`: `DOL AMROTH`), each found anywhere after the run before it.
    pub continuation: Vec<Vec<String>>,
    pub targets: Vec<PhraseTarget>,
}

/// What makes two phrases one key: the first run of words, whether the last word is a
/// stem, and the continuation runs.
type KeyIdentity = (Vec<String>, bool, Vec<Vec<String>>);

/// A phrase found in a sentence: tokens `start..end` and the key it matched. For a phrase
/// with a continuation, `start..end` is its first run of words and `words` counts them all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub key: usize,
    /// How many words of the sentence the phrase matched: a longer match is preferred.
    pub words: usize,
}

/// A dictionary word's number in its lexicon's [`Vocabulary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct WordId(u32);

impl WordId {
    /// The number of every word no index of the lexicon holds.
    pub(crate) const UNKNOWN: WordId = WordId(u32::MAX);
}

/// Numbers for the words the lexicon's indexes are keyed by: phrase automata, pattern anchors,
/// verb forms by word, and the noun, adjective and verb base form lists.
///
/// A sentence's tokens are looked up here once; the indexes then hash and compare numbers. Keyed
/// by text, the automata for names, discards and issues and every verb block's anchors hashed
/// and compared each token's text again, ten times or more per token.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, WordId>,
}

impl Vocabulary {
    fn intern(&mut self, word: &str) -> Result<WordId, CodingError> {
        if let Some(&id) = self.ids.get(word) {
            return Ok(id);
        }
        let id = u32::try_from(self.ids.len())
            .ok()
            .filter(|&number| number != WordId::UNKNOWN.0)
            .map(WordId)
            .ok_or_else(|| CodingError::Automaton("more than 4 billion words".to_string()))?;
        self.ids.insert(word.to_string(), id);
        Ok(id)
    }

    /// The number of `word`, or [`WordId::UNKNOWN`] when no index holds it.
    pub(crate) fn id_of(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(WordId::UNKNOWN)
    }

    /// Gives every token the number of its text.
    pub(crate) fn identify(&self, tokens: &mut [CoderToken]) {
        for token in tokens {
            token.word = self.id_of(&token.text);
        }
    }
}

/// Entries keyed by a TABARI stem (`ARGENTIN_`), found by the stems a word begins with.
///
/// A word is looked up one prefix at a time, shortest first. Besides the stems it keeps every
/// shorter prefix of a stem, so the walk stops at the first prefix no stem continues: most words
/// part from every stem within a few letters, where walking to the longest stem's length cost a
/// hash lookup per letter of every word of every sentence.
#[derive(Debug, Clone)]
pub(crate) struct StemIndex<V> {
    by_stem: HashMap<String, V>,
    /// Every prefix of a stem that is shorter than it, ending on a character boundary.
    continued_prefixes: HashSet<String>,
}

impl<V: Default> StemIndex<V> {
    fn new() -> StemIndex<V> {
        StemIndex {
            by_stem: HashMap::default(),
            continued_prefixes: HashSet::default(),
        }
    }

    /// The entry of `stem`, created empty if it is new.
    fn entry(&mut self, stem: &str) -> &mut V {
        for (length, _) in stem.char_indices().skip(1) {
            if !self.continued_prefixes.contains(&stem[..length]) {
                self.continued_prefixes.insert(stem[..length].to_string());
            }
        }
        self.by_stem.entry(stem.to_string()).or_default()
    }
}

impl<V> StemIndex<V> {
    pub(crate) fn is_empty(&self) -> bool {
        self.by_stem.is_empty()
    }

    /// Calls `visit` with the entry of each stem `word` begins with (the whole word included),
    /// shortest stem first.
    pub(crate) fn for_each_stem_of(&self, word: &str, mut visit: impl FnMut(&V)) {
        if self.for_each_stem_of_a_shorter_part(word, &mut visit)
            && let Some(entry) = self.by_stem.get(word)
        {
            visit(entry);
        }
    }

    /// As [`StemIndex::for_each_stem_of`], for the stems shorter than `word` only. True when
    /// some stem may still be `word` itself.
    pub(crate) fn for_each_stem_of_a_shorter_part(
        &self,
        word: &str,
        mut visit: impl FnMut(&V),
    ) -> bool {
        for (length, _) in word.char_indices().skip(1) {
            let prefix = &word[..length];
            if let Some(entry) = self.by_stem.get(prefix) {
                visit(entry);
            }
            if !self.continued_prefixes.contains(prefix) {
                return false;
            }
        }
        true
    }
}

/// Every dictionary phrase indexed by its first word, so one hash lookup per token finds the
/// candidates that can start there. Building it costs one hash insert per phrase, which keeps
/// start-up fast with the full English dictionaries (about 100,000 names).
pub(crate) struct PhraseAutomaton {
    /// One-word phrases by their word.
    by_single_word: HashMap<WordId, Vec<u32>>,
    /// Longer phrases by their first and second words: common first words (`THE`, first
    /// names) start thousands of phrases, and the second word narrows them to a handful.
    by_first_two_words: HashMap<WordId, HashMap<WordId, Vec<u32>>>,
    /// One-word TABARI stems (`ARGENTIN`).
    by_stem: StemIndex<Vec<u32>>,
    /// Two-word phrases whose second word is a stem (`SOUTH KOR`), by their first word.
    second_word_stems: HashMap<WordId, StemIndex<Vec<u32>>>,
    /// The words of each distinct phrase key.
    words: Vec<Vec<String>>,
    /// The same words' numbers.
    word_ids: Vec<Vec<WordId>>,
    pub keys: Vec<PhraseKey>,
}

impl PhraseAutomaton {
    fn build<'a>(
        phrases: impl Iterator<Item = (&'a Phrase, PhraseTarget)>,
        vocabulary: &mut Vocabulary,
    ) -> Result<PhraseAutomaton, CodingError> {
        let mut key_index: HashMap<KeyIdentity, usize> = HashMap::default();
        let mut automaton = PhraseAutomaton {
            by_single_word: HashMap::default(),
            by_first_two_words: HashMap::default(),
            by_stem: StemIndex::new(),
            second_word_stems: HashMap::default(),
            words: Vec::new(),
            word_ids: Vec::new(),
            keys: Vec::new(),
        };
        // Hyphenated names are also stored split (`NAGORNO - KARABAKH`), the way the
        // tokenizer splits names joined by a hyphen.
        let phrases = phrases.flat_map(|(phrase, target)| {
            let split = (phrase.gaps.is_empty()
                && phrase.words.iter().any(|word| word.text.contains('-')))
            .then(|| Phrase {
                words: phrase
                    .words
                    .iter()
                    .flat_map(|word| {
                        let parts: Vec<&str> = word.text.split('-').collect();
                        let count = parts.len();
                        parts
                            .into_iter()
                            .enumerate()
                            .flat_map(move |(index, part)| {
                                let hyphen = (index > 0).then(|| PhraseWord {
                                    text: "-".to_string(),
                                    stem: false,
                                });
                                hyphen.into_iter().chain(std::iter::once(PhraseWord {
                                    text: part.to_string(),
                                    stem: word.stem && index + 1 == count,
                                }))
                            })
                    })
                    .collect(),
                gaps: Vec::new(),
            });
            std::iter::once((std::borrow::Cow::Borrowed(phrase), target))
                .chain(split.map(|phrase| (std::borrow::Cow::Owned(phrase), target)))
        });
        for (phrase, target) in phrases {
            // The tokenizer splits the English possessive (`PEOPLE'S` → `PEOPLE` `'S`); so do
            // dictionary names written with it.
            let phrase = if phrase.gaps.is_empty()
                && phrase
                    .words
                    .iter()
                    .any(|word| word.text.len() > 2 && word.text.ends_with("'S"))
            {
                std::borrow::Cow::Owned(Phrase {
                    words: phrase
                        .words
                        .iter()
                        .flat_map(|word| {
                            match word.text.strip_suffix("'S").filter(|stem| !stem.is_empty()) {
                                Some(stem) => vec![
                                    PhraseWord {
                                        text: stem.to_string(),
                                        stem: false,
                                    },
                                    PhraseWord {
                                        text: "'S".to_string(),
                                        stem: word.stem,
                                    },
                                ],
                                None => vec![word.clone()],
                            }
                        })
                        .collect(),
                    gaps: Vec::new(),
                })
            } else {
                phrase
            };
            let phrase: &Phrase = &phrase;
            let Some(last) = phrase.words.last() else {
                continue;
            };
            let all_words: Vec<String> =
                phrase.words.iter().map(|word| word.text.clone()).collect();
            let stem_last = last.stem;
            // A phrase with gaps is indexed by its first run of words; the other runs are
            // its continuation.
            let mut runs: Vec<Vec<String>> = Vec::with_capacity(phrase.gaps.len() + 1);
            let mut run_start = 0;
            for &gap in phrase.gaps.iter().chain(std::iter::once(&all_words.len())) {
                if gap > run_start {
                    runs.push(all_words[run_start..gap].to_vec());
                }
                run_start = gap;
            }
            let continuation = runs.split_off(1.min(runs.len()));
            let words = runs.pop().unwrap_or_default();
            if words.is_empty() {
                continue;
            }
            let next_index = automaton.keys.len();
            let index = *key_index
                .entry((words.clone(), stem_last, continuation.clone()))
                .or_insert(next_index);
            if index == next_index {
                let Ok(id) = u32::try_from(index) else {
                    return Err(CodingError::Automaton(
                        "more than 4 billion phrases".to_string(),
                    ));
                };
                let word_ids = words
                    .iter()
                    .map(|word| vocabulary.intern(word))
                    .collect::<Result<Vec<WordId>, CodingError>>()?;
                if stem_last && words.len() == 1 && continuation.is_empty() {
                    automaton.by_stem.entry(&words[0]).push(id);
                } else if words.len() == 1 {
                    automaton
                        .by_single_word
                        .entry(word_ids[0])
                        .or_default()
                        .push(id);
                } else {
                    automaton
                        .by_first_two_words
                        .entry(word_ids[0])
                        .or_default()
                        .entry(word_ids[1])
                        .or_default()
                        .push(id);
                    if stem_last && words.len() == 2 && continuation.is_empty() {
                        automaton
                            .second_word_stems
                            .entry(word_ids[0])
                            .or_insert_with(StemIndex::new)
                            .entry(&words[1])
                            .push(id);
                    }
                }
                automaton.words.push(words);
                automaton.word_ids.push(word_ids);
                automaton.keys.push(PhraseKey {
                    stem_last,
                    continuation,
                    targets: Vec::new(),
                });
            }
            automaton.keys[index].targets.push(target);
        }
        Ok(automaton)
    }

    fn matches_at(&self, key: usize, tokens: &[CoderToken], start: usize) -> Option<usize> {
        let words = &self.words[key];
        let word_ids = &self.word_ids[key];
        let end = start + words.len();
        if end > tokens.len() {
            return None;
        }
        let last = words.len() - 1;
        let stem_last = self.keys[key].stem_last && self.keys[key].continuation.is_empty();
        for (offset, word) in words.iter().enumerate() {
            let token = &tokens[start + offset];
            let matched = if offset == last && stem_last {
                token.text.starts_with(word.as_str())
            } else {
                token.word == word_ids[offset]
            };
            if !matched {
                return None;
            }
        }
        Some(end)
    }

    /// Records a hit of `key` over `start..end`, once its continuation (if it has one) is
    /// found after it.
    fn push_hit(
        &self,
        key: usize,
        start: usize,
        end: usize,
        tokens: &[CoderToken],
        hits: &mut Vec<PhraseHit>,
    ) {
        let mut words = end - start;
        if !self.keys[key].continuation.is_empty() {
            let Some(runs) = self.continuation_runs(key, tokens, end) else {
                return;
            };
            words += runs.iter().map(|(from, to)| to - from).sum::<usize>();
        }
        hits.push(PhraseHit {
            start,
            end,
            key,
            words,
        });
    }

    /// Where the continuation of `key` lies when its first run ends at `from`: each run at
    /// its first occurrence after the one before, the last word a stem if the phrase's is.
    pub(crate) fn continuation_runs(
        &self,
        key: usize,
        tokens: &[CoderToken],
        from: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let continuation = &self.keys[key].continuation;
        let mut runs = Vec::with_capacity(continuation.len());
        let mut cursor = from;
        for (run_index, run) in continuation.iter().enumerate() {
            let stem_last = self.keys[key].stem_last && run_index + 1 == continuation.len();
            let start = (cursor..=tokens.len().checked_sub(run.len())?).find(|&start| {
                run.iter().enumerate().all(|(offset, word)| {
                    let token = &tokens[start + offset].text;
                    if stem_last && offset + 1 == run.len() {
                        token.starts_with(word.as_str())
                    } else {
                        token == word
                    }
                })
            })?;
            runs.push((start, start + run.len()));
            cursor = start + run.len();
        }
        Some(runs)
    }

    /// Every phrase occurrence in the tokens.
    pub(crate) fn find(&self, tokens: &[CoderToken], hits: &mut Vec<PhraseHit>) {
        for (start, token) in tokens.iter().enumerate() {
            if let Some(candidates) = self.by_single_word.get(&token.word) {
                for &key in candidates {
                    self.push_hit(key as usize, start, start + 1, tokens, hits);
                }
            }
            if let Some(second_words) = self.by_first_two_words.get(&token.word)
                && let Some(next) = tokens.get(start + 1)
            {
                let mut try_keys = |keys: &Vec<u32>| {
                    for &key in keys {
                        if let Some(end) = self.matches_at(key as usize, tokens, start) {
                            self.push_hit(key as usize, start, end, tokens, hits);
                        }
                    }
                };
                if let Some(keys) = second_words.get(&next.word) {
                    try_keys(keys);
                }
                // The second word may be a stem when the phrase has two words: only those
                // phrases can match through a shorter part of the next word.
                if !self.by_stem.is_empty()
                    && let Some(stems) = self.second_word_stems.get(&token.word)
                {
                    stems.for_each_stem_of_a_shorter_part(&next.text, try_keys);
                }
            }
            if !self.by_stem.is_empty() {
                self.by_stem.for_each_stem_of(&token.text, |candidates| {
                    for &key in candidates {
                        self.push_hit(key as usize, start, start + 1, tokens, hits);
                    }
                });
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
    /// The block's name as the dictionary writes it (`AGREE`, `THREATEN`), normalised.
    pub name: String,
    pub code: CodeSpec,
    /// Most specific first: the first pattern that matches decides.
    pub patterns: Vec<VerbPattern>,
    /// Patterns by the word forms one of which must occur in a sentence for them to match at
    /// all; a sentence looks up its own words here, so blocks with hundreds of patterns cost a
    /// few hash lookups, not hundreds.
    pub patterns_by_anchor: HashMap<WordId, Vec<u32>>,
    /// Patterns without such a word, tried for every sentence.
    pub unanchored_patterns: Vec<u32>,
}

impl CompiledBlock {
    /// The indices of the patterns that can match a sentence with these words, in order.
    pub(crate) fn candidate_patterns(&self, words: impl Iterator<Item = WordId>) -> Vec<u32> {
        let mut candidates = self.unanchored_patterns.clone();
        for word in words {
            if word == WordId::UNKNOWN {
                continue;
            }
            if let Some(patterns) = self.patterns_by_anchor.get(&word) {
                candidates.extend_from_slice(patterns);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }
}

pub(crate) struct Lexicon {
    pub dialect: Dialect,
    /// The words the lexicon's indexes are keyed by.
    pub vocabulary: Vocabulary,
    pub phrases: PhraseAutomaton,
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub forms: Vec<VerbForm>,
    /// Forms by the exact text of their verb word.
    forms_by_word: HashMap<WordId, Vec<usize>>,
    /// The first (base) form of each verb entry's verb word (`VISIT`, not `VISITED`).
    verb_base_forms: HashSet<WordId>,
    /// TABARI stem forms by the stem of their verb word.
    pub forms_by_stem: StemIndex<Vec<usize>>,
    pub blocks: Vec<CompiledBlock>,
    pub synsets: HashMap<String, Vec<Vec<truce_dictionaries::PatternItem>>>,
    /// Each synset's members indexed by the token that can open them (see [`SynsetIndex`]).
    pub synset_indices: HashMap<String, SynsetIndex>,
    /// TABARI's `<TIME>` phrases, looked for only with `SET: TIME SHIFT = TRUE`.
    pub time_phrases: Vec<truce_dictionaries::TimePhrase>,
    pub discards: PhraseAutomaton,
    pub story_discards: Vec<bool>,
    pub issues: PhraseAutomaton,
    pub issue_codes: Vec<Option<String>>,
    nouns: HashSet<WordId>,
    adjectives: HashSet<WordId>,
}

impl Lexicon {
    /// The verb forms whose verb word is `word`.
    pub(crate) fn forms_of_word(&self, word: WordId) -> Option<&[usize]> {
        if word == WordId::UNKNOWN {
            return None;
        }
        self.forms_by_word.get(&word).map(Vec::as_slice)
    }

    /// Whether the dictionaries list `word` as a noun.
    pub(crate) fn is_listed_noun(&self, word: WordId) -> bool {
        word != WordId::UNKNOWN && self.nouns.contains(&word)
    }

    /// Whether the dictionaries list `word` as an adjective.
    pub(crate) fn is_listed_adjective(&self, word: WordId) -> bool {
        word != WordId::UNKNOWN && self.adjectives.contains(&word)
    }

    /// Whether `word` is the base form of a verb entry (`VISIT`, not `VISITED`).
    pub(crate) fn is_verb_base_form(&self, word: WordId) -> bool {
        word != WordId::UNKNOWN && self.verb_base_forms.contains(&word)
    }

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
        let mut vocabulary = Vocabulary::default();
        let phrases = PhraseAutomaton::build(actor_phrases.chain(agent_phrases), &mut vocabulary)?;

        let mut forms = Vec::new();
        let mut forms_by_word: HashMap<WordId, Vec<usize>> = HashMap::default();
        let mut forms_by_stem: StemIndex<Vec<usize>> = StemIndex::new();
        let mut verb_base_forms: HashSet<WordId> = HashSet::default();
        let mut blocks = Vec::with_capacity(set.verbs.blocks.len());
        for (block_index, block) in set.verbs.blocks.into_iter().enumerate() {
            for entry in &block.entries {
                if let (Some(base), Some(&position)) =
                    (entry.forms.first(), entry.verb_positions.first())
                    && let Some(word) = base.get(position)
                {
                    verb_base_forms.insert(vocabulary.intern(&word.text)?);
                }
                for (words, &verb_position) in entry.forms.iter().zip(&entry.verb_positions) {
                    let Some(verb_word) = words.get(verb_position) else {
                        continue;
                    };
                    let form_index = forms.len();
                    if verb_word.stem {
                        forms_by_stem.entry(&verb_word.text).push(form_index);
                    } else {
                        forms_by_word
                            .entry(vocabulary.intern(&verb_word.text)?)
                            .or_default()
                            .push(form_index);
                        if dialect == Dialect::Tabari {
                            for inflected in tabari_verb_endings(&verb_word.text) {
                                forms_by_word
                                    .entry(vocabulary.intern(&inflected)?)
                                    .or_default()
                                    .push(form_index);
                            }
                        }
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
            let mut patterns_by_anchor: HashMap<WordId, Vec<u32>> = HashMap::default();
            let mut unanchored_patterns = Vec::new();
            for (index, pattern) in patterns.iter().enumerate() {
                let index = u32::try_from(index).map_err(|_| {
                    CodingError::Automaton(
                        "a verb block with more than 4 billion patterns".to_string(),
                    )
                })?;
                match pattern_anchor(pattern, dialect, &set.verbs.synsets) {
                    Some(forms) => {
                        for form in forms {
                            patterns_by_anchor
                                .entry(vocabulary.intern(&form)?)
                                .or_default()
                                .push(index);
                        }
                    }
                    None => unanchored_patterns.push(index),
                }
            }
            blocks.push(CompiledBlock {
                name: truce_dictionaries::normalize_word(
                    block.name.split_whitespace().next().unwrap_or(""),
                ),
                code: block.code,
                patterns,
                patterns_by_anchor,
                unanchored_patterns,
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
            &mut vocabulary,
        )?;
        let mut issue_phrases = Vec::new();
        let mut issue_codes = Vec::new();
        for entry in &set.issues.entries {
            for phrase in &entry.phrases {
                issue_phrases.push((phrase, PhraseTarget::Actor(issue_codes.len())));
            }
            issue_codes.push(entry.code.clone());
        }
        let issues = PhraseAutomaton::build(issue_phrases.into_iter(), &mut vocabulary)?;
        let nouns = set
            .actors
            .nouns
            .iter()
            .map(|noun| vocabulary.intern(noun))
            .collect::<Result<HashSet<WordId>, CodingError>>()?;
        let adjectives = set
            .actors
            .adjectives
            .iter()
            .map(|adjective| vocabulary.intern(adjective))
            .collect::<Result<HashSet<WordId>, CodingError>>()?;
        Ok(Lexicon {
            dialect,
            vocabulary,
            phrases,
            actors,
            agents,
            forms,
            forms_by_word,
            forms_by_stem,
            verb_base_forms,
            blocks,
            synset_indices: set
                .verbs
                .synsets
                .iter()
                .map(|(name, members)| (name.clone(), SynsetIndex::new(members)))
                .collect(),
            synsets: set.verbs.synsets.into_iter().collect(),
            time_phrases: set.verbs.time_phrases,
            discards,
            story_discards,
            issues,
            issue_codes,
            nouns,
            adjectives,
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

/// A synset's members indexed by the tokens that can open them.
///
/// Patterns name synsets of dozens of words (`&WEAPON` has over a hundred), and a pattern is
/// tried at many places of a sentence: trying every member at every place was the largest cost
/// of pattern matching. A member that opens with a plain word is listed under every token text
/// that word can match (itself, its plurals, its form before a split clitic); members that open
/// otherwise (a stem, an actor slot, a nested synset) are tried everywhere. The candidates come
/// in member order, so the first member that matches is the one a scan would find.
#[derive(Debug, Default)]
pub struct SynsetIndex {
    by_first_token: HashMap<String, Vec<u32>>,
    tried_everywhere: Vec<u32>,
}

impl SynsetIndex {
    fn new(members: &[Vec<truce_dictionaries::PatternItem>]) -> SynsetIndex {
        let mut index = SynsetIndex::default();
        for (member_idx, member) in members.iter().enumerate() {
            let Ok(member_idx) = u32::try_from(member_idx) else {
                break;
            };
            let first_word = match member.first().map(|item| &item.element) {
                Some(truce_dictionaries::PatternElement::Word(word)) if !word.stem => word,
                _ => {
                    index.tried_everywhere.push(member_idx);
                    continue;
                }
            };
            let text = first_word.text.as_str();
            let mut keys: Vec<String> =
                vec![text.to_string(), format!("{text}S"), format!("{text}ES")];
            if let Some(without_y) = text.strip_suffix('Y') {
                keys.push(format!("{without_y}IES"));
            }
            for clitic in ["N'T", "-"] {
                if let Some(stem) = text.strip_suffix(clitic) {
                    keys.push(stem.to_string());
                }
            }
            keys.sort();
            keys.dedup();
            for key in keys {
                index
                    .by_first_token
                    .entry(key)
                    .or_default()
                    .push(member_idx);
            }
        }
        index
    }

    /// The members worth trying at a token with `token_text`, in member order.
    pub fn candidates<'a>(&'a self, token_text: Option<&str>) -> impl Iterator<Item = usize> + 'a {
        let keyed: &[u32] = token_text
            .and_then(|text| self.by_first_token.get(text))
            .map_or(&[], Vec::as_slice);
        let mut keyed = keyed.iter().copied().peekable();
        let mut everywhere = self.tried_everywhere.iter().copied().peekable();
        std::iter::from_fn(move || {
            let next = match (keyed.peek(), everywhere.peek()) {
                (Some(&k), Some(&e)) if k <= e => keyed.next(),
                (Some(_), Some(_)) => everywhere.next(),
                (Some(_), None) => keyed.next(),
                (None, _) => everywhere.next(),
            };
            next.map(|idx| idx as usize)
        })
    }
}

/// TABARI matches a verb written as a whole word (`DEPART_`) with the regular English endings
/// too: `departs`, `departes`, `departed`, `departen`, `departing` (and `deplored`, `donating`).
fn tabari_verb_endings(word: &str) -> Vec<String> {
    if word.len() < 2 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut forms: Vec<String> = ["S", "ES", "ED", "EN", "ING"]
        .iter()
        .map(|ending| format!("{word}{ending}"))
        .collect();
    if let Some(stem) = word.strip_suffix('E') {
        forms.push(format!("{word}D"));
        forms.push(format!("{stem}ING"));
    }
    forms
}

/// The forms of the first plain word of a pattern (outside alternatives and synsets), which any
/// matching sentence must contain: the word itself and, in the PETRARCH dialect, its plurals.
fn pattern_anchor(
    pattern: &VerbPattern,
    dialect: Dialect,
    synsets: &std::collections::HashMap<String, Vec<Vec<truce_dictionaries::PatternItem>>>,
) -> Option<Vec<String>> {
    use truce_dictionaries::PatternElement;
    let word_forms = |word: &PhraseWord| -> Vec<String> {
        let mut forms = vec![
            word.text.clone(),
            format!("{}S", word.text),
            format!("{}ES", word.text),
        ];
        if dialect == Dialect::Petrarch && word.text.ends_with('Y') {
            forms.push(format!("{}IES", &word.text[..word.text.len() - 1]));
        }
        forms
    };
    pattern.items.iter().find_map(|item| match &item.element {
        PatternElement::Word(word) if !word.stem => Some(word_forms(word)),
        // A synset anchors on the first words of its members, when each starts with a plain word.
        PatternElement::Synset(name) => {
            let members = synsets.get(name)?;
            let mut forms = Vec::new();
            for member in members {
                match member.first().map(|item| &item.element) {
                    Some(PatternElement::Word(word)) if !word.stem => {
                        forms.extend(word_forms(word))
                    }
                    _ => return None,
                }
            }
            (!forms.is_empty()).then_some(forms)
        }
        _ => None,
    })
}

#[cfg(test)]
mod stem_index_tests {
    use super::StemIndex;

    fn stems_of(index: &StemIndex<Vec<&'static str>>, word: &str) -> Vec<&'static str> {
        let mut found = Vec::new();
        index.for_each_stem_of(word, |entry| found.extend(entry.iter().copied()));
        found
    }

    #[test]
    fn a_word_finds_every_stem_it_begins_with_shortest_first_and_itself() {
        let mut index: StemIndex<Vec<&str>> = StemIndex::new();
        for stem in ["ARGENTIN", "ARG", "ÁRBOL", "ÁRBOLES", "ZZ"] {
            index.entry(stem).push(stem);
        }
        assert_eq!(stems_of(&index, "ARGENTINA"), ["ARG", "ARGENTIN"]);
        assert_eq!(stems_of(&index, "ARGENTIN"), ["ARG", "ARGENTIN"]);
        assert_eq!(stems_of(&index, "ARGUE"), ["ARG"]);
        assert_eq!(stems_of(&index, "ÁRBOLESX"), ["ÁRBOL", "ÁRBOLES"]);
        assert_eq!(stems_of(&index, "AR"), Vec::<&str>::new());
        assert_eq!(stems_of(&index, "BORDER"), Vec::<&str>::new());
        assert_eq!(stems_of(&index, ""), Vec::<&str>::new());
    }

    #[test]
    fn the_walk_agrees_with_looking_up_every_prefix() {
        let stems = ["PEACE", "PEACEKEEP", "PEAC", "WITHDR", "WITH", "É", "ÉVAC"];
        let mut index: StemIndex<Vec<&str>> = StemIndex::new();
        for stem in stems {
            index.entry(stem).push(stem);
        }
        for word in [
            "PEACEKEEPERS",
            "PEA",
            "WITHDRAWN",
            "WITHOUT",
            "ÉVACUER",
            "É",
            "ÉV",
        ] {
            let every_prefix: Vec<&str> = word
                .char_indices()
                .skip(1)
                .map(|(length, _)| &word[..length])
                .chain(std::iter::once(word))
                .filter_map(|prefix| stems.iter().copied().find(|stem| *stem == prefix))
                .collect();
            assert_eq!(stems_of(&index, word), every_prefix, "{word}");
        }
    }
}
