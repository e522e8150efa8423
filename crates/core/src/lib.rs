//! truce's shared vocabulary: byte spans, partial dates, articles, sentences, mentions and the event record.
//!
//! This crate does no I/O. Every pipeline stage depends on it and on nothing upstream of itself, so the
//! types here are the contract between stages. The event record serialises to the JSON object that
//! `../shared/DESIGN.md` specifies; changing a field name here changes the public output.

pub mod acled;
pub mod article;
pub mod date;
pub mod event;
pub mod place;
pub mod plover;
pub mod span;
pub mod url;

pub use acled::{AcledCue, AcledCues, UnknownAcledCue};
pub use article::{Article, DateSource, Diagnostic, ProcessedArticle, Sentence, Token};
pub use date::{DatePrecision, PartialDate, PartialDateError};
pub use event::{
    ActorRef, EventFlags, EventRecord, Evidence, Fatalities, Location, Mention, MentionKind,
};
pub use place::{
    CountrySource, LocationPrecision, PlaceCue, PlaceMention, PlaceMentionKind, great_circle_km,
};
pub use plover::{PloverEvent, UnknownPloverEvent};
pub use span::Span;
