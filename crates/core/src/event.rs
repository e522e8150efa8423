//! The event record of DESIGN.md: one coded event with its actors, date, place, flags and evidence.

use crate::date::DatePrecision;
use crate::place::{CountrySource, LocationPrecision};
use crate::plover::PloverEvent;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// An actor or recipient as coded: the text it was found as and its CAMEO-style code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    pub text: String,
    /// CAMEO-style actor code, e.g. `RUSMIL`, `ARMGOV`, `IGOUNO`.
    pub code: String,
    /// ISO 3166-1 alpha-3 country, when the code names one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    /// Sector code (`MIL`, `GOV`, `REB`…), when the code carries one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sector: Option<String>,
    /// Where `country` came from; absent when the actor has no country.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country_source: Option<CountrySource>,
}

/// Where an event happened: one gazetteer entry and how precise it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Location {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub admin1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub geonames_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub precision: Option<LocationPrecision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Fatalities {
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
}

/// What an event claims: negated, planned, hypothetical and background events are kept but
/// marked, so a count of what happened can leave them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EventFlags {
    pub negated: bool,
    pub future: bool,
    pub hypothetical: bool,
    pub historical: bool,
}

impl EventFlags {
    /// True when the event does not claim that something happened.
    pub fn is_not_a_claim(&self) -> bool {
        self.negated || self.future || self.hypothetical
    }
}

/// The sentence an event was coded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc_id: String,
    pub sentence: String,
    /// Byte offsets of the sentence in the article's cleaned text.
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
}

impl Evidence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One coded event, as `truce code` and `truce events --format jsonl` write it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub doc_id: String,
    pub event: PloverEvent,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Vec<String>,
    pub cameo: String,
    pub quad_class: u8,
    pub goldstein: f64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub acled: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date_precision: Option<DatePrecision>,
    /// True when no expression in the text dated the event and it took the publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_is_publication: bool,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub fatalities: Fatalities,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub flags: EventFlags,
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Issue codes from the issues dictionary (`NUCLEAR_WEAPONS`), when one was loaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// For a report listed from the store: the id of the real-world event it belongs to.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event_id: Option<String>,
    /// For a real-world event: how many reports (events coded from distinct articles) it has.
    /// Its `sources` are then the distinct outlets of those reports and its `evidence` holds
    /// one sentence per report.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reports: Option<u64>,
    /// For a real-world event: the earliest publication date among its reports.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub first_reported: Option<String>,
}

/// What a recognised mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Actor,
    Agent,
    Place,
    Time,
    Quantity,
    Verb,
}

impl MentionKind {
    /// The kind's name as JSON and the store write it (`"actor"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Actor => "actor",
            MentionKind::Agent => "agent",
            MentionKind::Place => "place",
            MentionKind::Time => "time",
            MentionKind::Quantity => "quantity",
            MentionKind::Verb => "verb",
        }
    }
}

/// Something recognised in a sentence, with the span it was found at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: MentionKind,
    pub span: Span,
    /// The code it resolved to (actor code, CAMEO verb code, ISO date…).
    pub code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_kind_names_are_their_serde_names() {
        for kind in [
            MentionKind::Actor,
            MentionKind::Agent,
            MentionKind::Place,
            MentionKind::Time,
            MentionKind::Quantity,
            MentionKind::Verb,
        ] {
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::String(kind.as_str().to_string()))
            );
        }
    }
}
