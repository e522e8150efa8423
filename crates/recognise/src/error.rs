//! Errors in a language pack's `numbers.toml` or `flags.toml`.

/// Why a pack's recognition data could not be loaded. The product then recognises nothing for
/// that language rather than failing; tests load every pack so that these never ship.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecogniseError {
    /// The file is not valid TOML or does not follow the schema in `lang/_template/`.
    #[error("{file}: {message}")]
    Toml { file: &'static str, message: String },
    /// The file parses but an entry makes no sense (an empty cue, a scale of zero).
    #[error("{file}: {what}")]
    Invalid { file: &'static str, what: String },
    /// An error in one language's pack.
    #[error("lang/{lang}/{source}")]
    InPack {
        lang: &'static str,
        source: Box<RecogniseError>,
    },
    #[error("no language pack for `{tag}`")]
    UnknownLanguage { tag: String },
}
