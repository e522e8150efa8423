//! Errors in a language pack's `dates.toml`: what is wrong, and in which file and expression.

/// A `dates.toml` that cannot be turned into rules. Text is only ever read against rules that
/// loaded, so these errors come from the data files, never from the articles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatesError {
    #[error("no language pack for `{lang}`")]
    UnknownLanguage { lang: String },
    #[error("{file}: not valid TOML for date rules: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: {reason}")]
    Schema { file: String, reason: String },
    #[error("{file}: expression `{pattern}`: {reason}")]
    Pattern {
        file: String,
        pattern: String,
        reason: String,
    },
}
