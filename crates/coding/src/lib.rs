//! The shallow event coder: tokens, actor and agent automata, verb patterns, source and target assignment.
//!
//! `Coder` compiles a `DictionarySet` once (phrase automata, verb-form maps, sorted patterns)
//! and then codes sentences without allocation-heavy work: one automaton pass finds every
//! actor and agent, a hash lookup per word finds verbs, and each verb's patterns decide the
//! code and which actors are source and target. No parser is needed, in the TABARI tradition.

pub mod acled;
mod lexicon;
pub mod ontology;
mod options;
mod sentence;
mod tokens;

use std::path::Path;

use truce_core::{PartialDate, Span};
use truce_dictionaries::{Dialect, DictionaryError, DictionarySet, DictionarySource};
use truce_lang::LanguagePack;

pub use options::{CodeBy, CommaLimits, ComplexityLimits, DefaultActor, TabariOptions};
pub use truce_dictionaries::normalize_word as normalize;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodingError {
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    #[error("could not build the phrase automaton: {0}")]
    Automaton(String),
}

/// An actor as coded in one sentence: its code, its text and its byte span in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedActor {
    pub code: String,
    pub text: String,
    pub span: Span,
}

/// One coded event of a sentence. Spans are byte ranges into the sentence text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedEvent {
    pub cameo: String,
    /// The source actors; several for a compound actor (`Arnor, Osgiliath and Gondor`).
    pub source: Vec<CodedActor>,
    pub target: Vec<CodedActor>,
    pub verb_span: Span,
    pub negated: bool,
    /// The code is a stated intention (`will withdraw`, `agreed to withdraw` → 035): the
    /// statement happened even though what it announces lies ahead.
    pub intent: bool,
    pub issues: Vec<String>,
}

/// What the coder found in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceCoding {
    pub events: Vec<CodedEvent>,
    /// A discard phrase (sports, history) matched: nothing in the sentence is coded.
    pub discarded: bool,
    /// The discard phrase was a story-level one (`+` in the discard list).
    pub story_discarded: bool,
    /// TABARI's complexity rules rejected the sentence (a `+++` code, too many verbs or
    /// conjunctions): nothing is coded, and a coder would look at it by hand.
    pub complex: bool,
}

/// What carries over from one sentence of a story to the next: the actor a pronoun opening
/// the next sentence stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryContext {
    forwarded_actor: Option<String>,
}

/// Which candidate events the coder keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoderSettings {
    /// Drop events without a source actor (TABARI and PETRARCH never emit them).
    pub require_source: bool,
    /// Drop events without a target actor (PETRARCH's `require_dyad`).
    pub require_target: bool,
    /// Code a verb in an infinitive complement (`agreed to cooperate`) as an event of its own.
    /// Off by default: the governing verb carries the event, as PLOVER codes it, and an
    /// intention (`agreed to withdraw`, `will withdraw`) is coded as the intent (`035`), the
    /// combination PETRARCH-2 makes from its parse.
    pub code_infinitive_complements: bool,
    /// Keep only the first coded clause of a sentence and the clauses coordinated with it
    /// (`condemned the attack and promised aid`); later verbs are usually subordinate
    /// (relative clauses, participles, reported background) and would be coded out of context.
    pub main_clauses_only: bool,
    /// How many words a pattern may skip between its items; `None` is TABARI's unlimited
    /// reach. A window keeps a pattern's object noun near its verb, as a parse would.
    pub pattern_window: Option<usize>,
    /// Let an agent whose country the text does not give (`---MIL`, "troops") be the source of
    /// any event. Off in the product, where such a source is kept only for material conflict
    /// ("gunmen kidnapped students"); a statement or agreement by nobody in particular is noise.
    pub countryless_sources: bool,
    /// A capitalised word other than the sentence's first is a name, never a verb (TABARI's
    /// rule; a sentence written all in capitals is exempt). Off in the product, where headlines
    /// and title case would hide verbs.
    pub capitalized_words_are_names: bool,
    /// Drop the targets that are the source itself (`Gondor … Gondor`, a pronoun standing for
    /// the source), as TABARI does. Off in the product, which keeps PETRARCH's output.
    pub skip_self_directed_events: bool,
    /// Let a compound actor's members be separated by `the` and the dictionaries' listed
    /// adjectives (`Fornost and the evil awful Gondor`); always on for TABARI dictionaries.
    pub compounds_skip_modifiers: bool,
    /// When the actor after a verb names no country (`---MIL`, or none at all before the next
    /// verb word), take the first actor with a country in the verb's object phrase, which runs
    /// to the next punctuation or clause opener (`threatened further action against Russia`,
    /// `reject proposed Israeli changes`). Off for the peer suites, whose expected codings
    /// follow the nearest-actor rule.
    pub recipients_in_object_phrase: bool,
    /// Code the reverse event of a paired code (`[042:043]`: a visit and its hosting) even when
    /// it has the same PLOVER type as the event itself. Off in the product, where the two are
    /// one PLOVER event told twice (`CONSULT` A→B and `CONSULT` B→A); a reverse event of another
    /// type is always coded.
    pub reverse_events_of_the_same_type: bool,
    /// An event without a target is coded only when something follows its verb besides a
    /// bare time word (`an official said today` codes nothing), as PETRARCH codes a verb
    /// through its phrase's complements. Off in the product, where `the minister resigned
    /// today` is an event.
    pub targetless_events_need_a_complement: bool,
    /// A `%` compound's members act on each other in both directions (`Gondor and Osgiliath
    /// postponed their meeting`: GON→OSG and OSG→GON), as TABARI and PETRARCH code them; the
    /// product codes each pair once, one event being what the sentence reports.
    pub compounds_act_both_ways: bool,
    /// Keep an event of material conflict or protest (CAMEO roots 14 to 20) whose doer the
    /// sentence does not name (`were killed by a roadside bomb`, `a strike paralysed the port`),
    /// with its source left unknown, as PLOVER allows and ACLED records as an unidentified
    /// group. Off for the peer suites, whose coders never emit an event without a source.
    pub agentless_material_conflict: bool,
}

impl Default for CoderSettings {
    fn default() -> Self {
        CoderSettings {
            require_source: true,
            require_target: false,
            code_infinitive_complements: false,
            main_clauses_only: true,
            pattern_window: Some(8),
            countryless_sources: false,
            capitalized_words_are_names: false,
            skip_self_directed_events: false,
            compounds_skip_modifiers: false,
            recipients_in_object_phrase: true,
            reverse_events_of_the_same_type: false,
            targetless_events_need_a_complement: false,
            compounds_act_both_ways: false,
            agentless_material_conflict: true,
        }
    }
}

impl CoderSettings {
    /// What the TABARI and PETRARCH validation suites expect: dyads only, every verb coded.
    pub const VALIDATION: CoderSettings = CoderSettings {
        require_source: true,
        require_target: true,
        code_infinitive_complements: true,
        main_clauses_only: false,
        pattern_window: None,
        countryless_sources: true,
        capitalized_words_are_names: true,
        skip_self_directed_events: true,
        compounds_skip_modifiers: true,
        recipients_in_object_phrase: false,
        reverse_events_of_the_same_type: true,
        targetless_events_need_a_complement: true,
        compounds_act_both_ways: true,
        agentless_material_conflict: false,
    };
}

/// TABARI's `MINIMUM WORDS` when a project does not set it.
const TABARI_DEFAULT_MINIMUM_WORDS: usize = 8;

/// The few grammatical words the coder needs besides the dictionaries; a language pack gives
/// its own, analysts' TABARI/PETRARCH sets (English) get English's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grammar {
    pub noun_determiners: &'static [&'static str],
    pub passive_prefixes: &'static [&'static str],
    /// Verbs that make the event noun after them happen (`realizar una huelga`), as the
    /// dictionaries write them, upper case.
    pub light_verbs: &'static [&'static str],
    /// See `truce_lang::LanguagePack::verb_only_written_form`.
    pub verb_only_written_form: Option<fn(&str) -> bool>,
}

impl Grammar {
    const ENGLISH: Grammar = Grammar {
        noun_determiners: &[
            "THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR",
        ],
        passive_prefixes: &[],
        // Analysts' dictionaries code their own light verbs through patterns, as their coders
        // read them.
        light_verbs: &[],
        verb_only_written_form: None,
    };
}

/// A compiled dictionary set, ready to code sentences. `Sync`: share one across threads.
pub struct Coder {
    /// Tells this coder's entries apart in per-thread caches (see `sentence::ROOT_FORMS`); every
    /// coder gets its own, and a new one whenever what those entries depend on changes.
    id: u64,
    lexicon: lexicon::Lexicon,
    /// Which candidate events are kept; change with `with_settings`.
    pub settings: CoderSettings,
    /// TABARI's options, from the project's `.options` file; all off for other dictionaries.
    pub options: TabariOptions,
    word_roots: Option<fn(&str, &mut Vec<String>)>,
    grammar: Grammar,
    /// Warnings met while reading the dictionaries (`file:line: message`).
    pub warnings: Vec<String>,
}

impl Coder {
    pub fn from_dictionaries(set: DictionarySet) -> Result<Coder, CodingError> {
        let warnings = set.warnings.iter().map(ToString::to_string).collect();
        let mut options = TabariOptions::from_options(&set.options);
        if set.verbs.dialect == Some(Dialect::Tabari) {
            // TABARI skips sentences shorter than eight words and deletes short comma-delimited
            // clauses unless told otherwise.
            if options.minimum_words == 0 {
                options.minimum_words = TABARI_DEFAULT_MINIMUM_WORDS;
            }
            if !set
                .options
                .commands
                .iter()
                .any(|(command, _)| command == "COMMA")
            {
                options.comma = Some(CommaLimits::TABARI_DEFAULT);
            }
        }
        Ok(Coder {
            id: next_coder_id(),
            lexicon: lexicon::Lexicon::compile(set)?,
            settings: CoderSettings::default(),
            options,
            word_roots: None,
            grammar: Grammar::ENGLISH,
            warnings,
        })
    }

    /// A TABARI `.project` file or a folder of PETRARCH-format files.
    pub fn load_path(path: &Path) -> Result<Coder, CodingError> {
        Coder::from_dictionaries(truce_dictionaries::load_path(path)?)
    }

    /// The dictionaries a language pack bundles, with its morphology.
    pub fn from_language_pack(pack: &LanguagePack) -> Result<Coder, CodingError> {
        let mut set = DictionarySet::default();
        let groups = [
            (DictionarySource::Verbs, pack.verbs),
            (DictionarySource::Actors, pack.actors),
            (DictionarySource::Agents, pack.agents),
            (DictionarySource::Discards, pack.discards),
            (DictionarySource::Issues, pack.issues),
        ];
        for (source, files) in groups {
            for file in files {
                set.add_text(source, file.name, file.text, Dialect::Petrarch)?;
            }
        }
        let mut coder = Coder::from_dictionaries(set)?;
        coder.word_roots = pack.word_roots;
        coder.grammar = Grammar {
            noun_determiners: pack.noun_determiners,
            passive_prefixes: pack.passive_prefixes,
            light_verbs: pack.light_verbs,
            verb_only_written_form: pack.verb_only_written_form,
        };
        coder.id = next_coder_id();
        Ok(coder)
    }

    /// Applies one TABARI option line (`SET: CODE ALL`, `DEFAULT: OFF`), as a validation file's
    /// `OPTION:` records do between sentences. Returns whether the line was understood.
    pub fn apply_option_line(&mut self, line: &str) -> bool {
        self.options.apply_line(line)
    }

    pub fn with_settings(mut self, settings: CoderSettings) -> Coder {
        self.settings = settings;
        self
    }

    /// Codes one sentence. `date` picks actors' dated roles (an unknown date takes the most
    /// recent role).
    pub fn code_sentence(&self, sentence: &str, date: Option<PartialDate>) -> SentenceCoding {
        self.code_in_story(sentence, date, None).0
    }

    /// Codes one sentence of a story whose sentences are coded in order: a pronoun opening
    /// the sentence stands for the first actor of the previous sentence (TABARI's `FORWARD`;
    /// only TABARI dictionaries dereference pronouns).
    pub fn code_sentence_in_story(
        &self,
        sentence: &str,
        date: Option<PartialDate>,
        story: &mut StoryContext,
    ) -> SentenceCoding {
        let (coding, first_actor) =
            self.code_in_story(sentence, date, story.forwarded_actor.as_deref());
        if first_actor.is_some() {
            story.forwarded_actor = first_actor;
        }
        coding
    }

    fn code_in_story(
        &self,
        sentence: &str,
        date: Option<PartialDate>,
        forwarded_actor: Option<&str>,
    ) -> (SentenceCoding, Option<String>) {
        let date = date.map(|date| {
            date.year.max(0) as u32 * 10_000
                + u32::from(date.month.unwrap_or(7)) * 100
                + u32::from(date.day.unwrap_or(1))
        });
        let coder = sentence::SentenceCoder {
            coder_id: self.id,
            lexicon: &self.lexicon,
            date: std::cell::Cell::new(date),
            word_roots: self.word_roots,
            settings: self.settings,
            options: &self.options,
            forwarded_actor,
            first_actor: std::cell::RefCell::new(None),
            infinitive_markers: std::cell::RefCell::new(Vec::new()),
            grammar: &self.grammar,
        };
        let coding = coder.code(sentence);
        (coding, coder.first_actor.into_inner())
    }
}

/// A number no other coder of this process has.
fn next_coder_id() -> u64 {
    static NEXT_CODER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT_CODER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests;
