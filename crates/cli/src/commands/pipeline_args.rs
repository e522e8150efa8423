//! The options every command that codes articles shares: language, publication date, dictionaries, conventions.

use std::path::PathBuf;

use truce_core::PartialDate;
use truce_pipeline::{Conventions, PipelineOptions};

#[derive(clap::Args)]
pub struct PipelineArgs {
    /// Treat every article as written in this language (BCP 47: en, id, es).
    #[arg(long)]
    pub lang: Option<String>,
    /// Treat every article as published on this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// Code with this TABARI `.project` file or PETRARCH-format folder instead of the bundled dictionaries.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Whose coding conventions to follow: truce's own, or a peer coder's, to validate a
    /// dictionary set the way its coder read it (dyads only, every verb coded, actor codes as
    /// the dictionaries spell them).
    #[arg(long, value_enum, default_value_t = ConventionsArg::Truce)]
    pub conventions: ConventionsArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConventionsArg {
    /// truce's: unnamed doers kept, actors' countries filled from the place.
    Truce,
    /// PETRARCH-2's.
    Petrarch,
    /// TABARI's.
    Tabari,
}

impl PipelineArgs {
    pub fn options(&self) -> PipelineOptions {
        PipelineOptions {
            dictionaries: self.dictionaries.clone(),
            conventions: match self.conventions {
                ConventionsArg::Truce => Conventions::Product,
                ConventionsArg::Petrarch => Conventions::Petrarch,
                ConventionsArg::Tabari => Conventions::Tabari,
            },
            lang: self.lang.clone(),
            date: self.date,
            sentence_tokens: false,
        }
    }
}

pub(crate) fn parse_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse_iso(text).map_err(|error| {
        format!("`{text}` is not a date like 2024, 2024-06 or 2024-06-12: {error}")
    })
}
