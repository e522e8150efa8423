//! The options every command that codes articles shares: language, publication date, dictionaries.

use std::path::PathBuf;

use truce_core::PartialDate;
use truce_pipeline::PipelineOptions;

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
}

impl PipelineArgs {
    pub fn options(&self) -> PipelineOptions {
        PipelineOptions {
            dictionaries: self.dictionaries.clone(),
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
