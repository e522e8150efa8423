//! Articles after extraction, and the sentences and tokens the segmenter cuts them into.

use crate::date::PartialDate;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Where an article's publication date came from, so a reader can judge how far to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The input record or the command line gave it.
    Given,
    /// Read from a date pattern in the article's or its credited source's URL.
    Url,
    /// Read from the page's metadata (meta tags, JSON-LD, `<time>`).
    Metadata,
    /// Read from the article text itself (a dateline).
    Text,
}

/// A problem with one input that did not stop the batch: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, URL or record the problem is in.
    pub origin: String,
    /// The 1-based line or record number, when there is one.
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// One article, cleaned: the text every span in the pipeline points into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date, as precise as known.
    pub date: Option<PartialDate>,
    pub date_source: Option<DateSource>,
    /// BCP 47 language tag.
    pub lang: Option<String>,
    pub lang_confidence: Option<f64>,
    /// The cleaned text: scraping leftovers removed, credit lines taken out.
    pub text: String,
    /// The URL of a credited original (`Sumber: https://…`), kept as provenance.
    pub source_url: Option<String>,
    /// Credited outlets and agencies ("AFP").
    pub credited_sources: Vec<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
}

/// A token: a byte span into the article text, plus its normalised form for matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Lower-cased, NFC-normalised form used for dictionary look-ups.
    pub normalized: String,
}

/// A sentence: its span into the article text and its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
}

// `PartialDate` carries no serde derive of its own because its JSON form depends on the field
// (a prefix string plus a separate precision), so articles serialise it as an ISO prefix.
impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso_prefix())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse_iso(&text).map_err(serde::de::Error::custom)
    }
}

/// One article after the whole pipeline: what the store keeps and `truce code` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProcessedArticle {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<crate::event::Mention>,
    /// Place mentions resolved to the gazetteer, in text order.
    #[serde(default)]
    pub places: Vec<crate::place::PlaceMention>,
    pub events: Vec<crate::event::EventRecord>,
    /// Problems with this article that did not stop it (a malformed date, an unknown language).
    pub diagnostics: Vec<Diagnostic>,
    /// Hex SHA-256 of the cleaned text: the identity used for idempotent ingest.
    pub content_hash: String,
}
