//! What can go wrong when a language's place rules or the gazetteer are loaded.

/// Errors of this crate. Finding places in a text never fails; only loading rules can.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlacesError {
    #[error("{source_name}: {message}")]
    Rules {
        source_name: String,
        message: String,
    },
    #[error("no language pack for `{lang}`")]
    UnknownLanguage { lang: String },
}
