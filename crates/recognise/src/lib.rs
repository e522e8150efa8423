//! Recognition around a coded verb: quantities (fatalities, sizes), event flags (negated, future, hypothetical, historical) and ACLED cue words, per language.
//!
//! Everything language-specific is data in each pack: number words and quantity nouns in
//! `lang/<code>/numbers.toml`, flag cues and clause boundaries in `lang/<code>/flags.toml`
//! (both schemas are documented in `lang/_template/`). Each language's files are parsed once,
//! the first time that language is asked for. A language without a pack, or whose files do
//! not load, gets no flags and no quantities; `check_language` reports why.

mod acled_cues;
mod clauses;
mod error;
mod flags;
mod numbers;
mod quantities;
mod words;

pub use error::RecogniseError;
pub use numbers::NumberEstimate;
pub use quantities::Quantities;

use acled_cues::AcledCueTable;
use clauses::VerbPosition;
use flags::{FlagTable, FlagsFile};
use numbers::{NumberTable, NumbersFile};
use quantities::QuantityTable;
use std::sync::OnceLock;
use truce_core::{AcledCues, EventFlags, Span};

/// One language's recognition tables.
#[derive(Debug)]
struct LanguageTables {
    numbers: NumberTable,
    quantities: QuantityTable,
    flags: FlagTable,
    acled_cues: AcledCueTable,
}

impl LanguageTables {
    fn parse(
        numbers_text: &str,
        flags_text: &str,
        acled_text: &str,
    ) -> Result<LanguageTables, RecogniseError> {
        const NUMBERS: &str = "numbers.toml";
        const FLAGS: &str = "flags.toml";
        const ACLED: &str = "acled.toml";
        let numbers_file: NumbersFile =
            toml::from_str(numbers_text).map_err(|error| RecogniseError::Toml {
                file: NUMBERS,
                message: error.to_string(),
            })?;
        let flags_file: FlagsFile =
            toml::from_str(flags_text).map_err(|error| RecogniseError::Toml {
                file: FLAGS,
                message: error.to_string(),
            })?;
        Ok(LanguageTables {
            numbers: NumberTable::from_file(NUMBERS, &numbers_file)?,
            quantities: QuantityTable::from_file(NUMBERS, &numbers_file.quantities)?,
            flags: FlagTable::from_file(FLAGS, &flags_file)?,
            acled_cues: AcledCueTable::parse(ACLED, acled_text)?,
        })
    }
}

type LoadedTables = OnceLock<Result<LanguageTables, RecogniseError>>;

/// One lazily parsed slot per registered pack, so a run that sees only Indonesian never parses
/// Spanish.
fn slots() -> &'static [(&'static str, LoadedTables)] {
    static SLOTS: OnceLock<Vec<(&'static str, LoadedTables)>> = OnceLock::new();
    SLOTS.get_or_init(|| {
        truce_lang::all_packs()
            .map(|pack| (pack.code, OnceLock::new()))
            .collect()
    })
}

fn load(lang: &str) -> Result<&'static LanguageTables, RecogniseError> {
    let pack = truce_lang::pack(lang).ok_or_else(|| RecogniseError::UnknownLanguage {
        tag: lang.to_string(),
    })?;
    let (_, slot) = slots()
        .iter()
        .find(|(code, _)| *code == pack.code)
        .ok_or_else(|| RecogniseError::UnknownLanguage {
            tag: lang.to_string(),
        })?;
    slot.get_or_init(|| {
        LanguageTables::parse(pack.numbers, pack.flags, pack.acled).map_err(|error| {
            RecogniseError::InPack {
                lang: pack.code,
                source: Box::new(error),
            }
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn tables(lang: &str) -> Option<&'static LanguageTables> {
    load(lang).ok()
}

/// Loads a registered language's `numbers.toml` and `flags.toml`, reporting what is wrong.
pub fn check_language(lang: &str) -> Result<(), RecogniseError> {
    load(lang).map(|_| ())
}

/// Checks the texts of a `numbers.toml` and a `flags.toml` that belong to no registered pack
/// (the template, a pack being written).
pub fn check_pack_texts(numbers_text: &str, flags_text: &str) -> Result<(), RecogniseError> {
    LanguageTables::parse(numbers_text, flags_text, "").map(|_| ())
}

/// Checks the text of an `acled.toml` that belongs to no registered pack.
pub fn check_acled_text(acled_text: &str) -> Result<(), RecogniseError> {
    AcledCueTable::parse("acled.toml", acled_text).map(|_| ())
}

/// Flags for the event whose verb is at `verb_span` (bytes into `sentence_text`): negated,
/// future or planned, hypothetical, historical background. Cues that compare a year with the
/// publication year ("hingga tahun 2025") need `flags_for_published`.
pub fn flags_for(sentence_text: &str, lang: &str, verb_span: Span) -> EventFlags {
    flags_for_published(sentence_text, lang, verb_span, None)
}

/// `flags_for`, with the publication year for cues that compare years: "until 2025" marks a
/// plan when 2025 is after the publication year, "since the 1990s" marks background when the
/// decade is well before it.
pub fn flags_for_published(
    sentence_text: &str,
    lang: &str,
    verb_span: Span,
    publication_year: Option<i32>,
) -> EventFlags {
    RecognisedSentence::new(sentence_text, lang).flags(verb_span, publication_year)
}

/// Fatalities and size for the event whose verb is at `verb_span`, from number phrases in the
/// verb's clause: a number next to a death word counts fatalities ("menewaskan ribuan orang"),
/// a number before a group noun gives the size ("hampir 2.000 pasukan").
pub fn quantities_for(sentence_text: &str, lang: &str, verb_span: Span) -> Quantities {
    RecognisedSentence::new(sentence_text, lang).quantities(verb_span)
}

/// One sentence, tokenized once, for the flags and quantities of each of its events: a
/// sentence with several coded verbs pays for its tokens once.
pub struct RecognisedSentence {
    tables: Option<&'static LanguageTables>,
    tokens: Vec<words::Token>,
    length: usize,
    /// The sentence's ACLED cue classes, found on first use: every event of the sentence
    /// shares them.
    acled_cues: std::cell::OnceCell<AcledCues>,
}

impl RecognisedSentence {
    pub fn new(sentence_text: &str, lang: &str) -> RecognisedSentence {
        RecognisedSentence {
            tables: tables(lang),
            tokens: words::tokenize(sentence_text),
            length: sentence_text.len(),
            acled_cues: std::cell::OnceCell::new(),
        }
    }

    fn verb(&self, verb_span: Span) -> Option<VerbPosition> {
        (verb_span.start <= verb_span.end && verb_span.end <= self.length)
            .then(|| VerbPosition::locate(&self.tokens, verb_span.start, verb_span.end))
    }

    /// As `flags_for_published`.
    pub fn flags(&self, verb_span: Span, publication_year: Option<i32>) -> EventFlags {
        match (self.tables, self.verb(verb_span)) {
            (Some(tables), Some(verb)) => tables.flags.flags(&self.tokens, verb, publication_year),
            _ => EventFlags::default(),
        }
    }

    /// The classes of `acled.toml` whose words occur anywhere in the sentence: the weapon,
    /// the victims, the kind of gathering, which ACLED's sub-event types tell apart.
    pub fn acled_cues(&self) -> AcledCues {
        *self.acled_cues.get_or_init(|| {
            self.tables
                .map(|tables| tables.acled_cues.cues_in(&self.tokens))
                .unwrap_or_default()
        })
    }

    /// As `quantities_for`.
    pub fn quantities(&self, verb_span: Span) -> Quantities {
        match (self.tables, self.verb(verb_span)) {
            (Some(tables), Some(verb)) => {
                let clause = tables.flags.clauses.clause_of(&self.tokens, verb);
                tables
                    .quantities
                    .quantities(&tables.numbers, &self.tokens, clause, verb)
            }
            _ => Quantities::default(),
        }
    }
}

/// Reads a whole text as one number phrase in a language's conventions: "ribuan" (low 1000),
/// "hampir 2.000" (about 2000, at most 2000), "dua ribu" (2000), "1,500" in English and
/// "1.500" in Spanish (1500), "dozens", "puluhan", "decenas". `None` when the text is not
/// entirely a number phrase or the language has no pack.
pub fn parse_number_phrase(text: &str, lang: &str) -> Option<NumberEstimate> {
    tables(lang)?.numbers.parse_phrase(text)
}
