//! Readers for the TABARI and PETRARCH dictionary formats: verbs, actors, agents, discards, issues, options and projects.
//!
//! The readers turn dictionary text into plain data (`VerbDictionary`, `ActorDictionary`, …) and
//! never panic: a malformed line becomes a `Warning` naming `file:line` and is skipped, as TABARI
//! skips it, so one bad line never costs an analyst the rest of the file; only files that cannot
//! be read or a project that names none give a `DictionaryError`. Words are stored
//! normalised (upper case, accents removed) so that every language matches the same way.

mod actors;
mod agents;
mod discards;
mod issues;
mod lines;
mod options;
mod project;
mod verbs;
mod words;

pub use actors::{ActorDictionary, ActorEntry, DatedCode, parse_actors};
pub use agents::{AgentDictionary, AgentEntry, AgentPlacement, parse_agents};
pub use discards::{DiscardDictionary, DiscardEntry, parse_discards};
pub use issues::{IssueDictionary, IssueEntry, parse_issues};
pub use options::{CoderOptions, parse_options};
pub use project::{DictionarySet, DictionarySource, load_folder, load_path, load_project};
pub use verbs::{
    CodeSpec, PatternElement, PatternItem, TimePhrase, TimeShift, VerbBlock, VerbDictionary,
    VerbEntry, VerbPattern, parse_verbs,
};
pub use words::{Phrase, PhraseWord, normalize_word};

use std::path::PathBuf;

/// Which of the two dictionary dialects a file is written in. They differ in details that
/// change meaning: TABARI matches undecorated words as stems and writes dated roles inline,
/// PETRARCH matches words exactly and generates regular English forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Tabari,
    Petrarch,
}

/// A problem a reader could step over, as TABARI does, keeping the rest of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}:{}: {}", self.file, self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DictionaryError {
    #[error("could not read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Project { path: PathBuf, message: String },
}
