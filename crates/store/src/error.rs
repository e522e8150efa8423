//! The store's error type: every variant names the database and the operation that failed.

use std::path::PathBuf;

/// What went wrong in the store. `path` is the database file (`:memory:` for an in-memory store)
/// and `operation` says what the store was doing, so a message is actionable on its own.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path}: {operation}: {source}", path = path.display())]
    Sqlite {
        path: PathBuf,
        operation: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{path}: the store has schema version {found}, newer than the {supported} this truce \
         understands; use a newer truce or another database file",
        path = path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path}: not a truce store (it already holds other tables); choose another file",
        path = path.display()
    )]
    NotATruceStore { path: PathBuf },
    #[error("{path}: {operation}: article `{article_id}`: {reason}", path = path.display())]
    InvalidArticle {
        path: PathBuf,
        operation: &'static str,
        article_id: String,
        reason: String,
    },
    #[error("{path}: recording a duplicate link: {reason}", path = path.display())]
    InvalidDuplicateLink { path: PathBuf, reason: String },
    #[error("{path}: querying events: {reason}", path = path.display())]
    InvalidFilter { path: PathBuf, reason: String },
    #[error("{path}: {operation}: no stored article has content hash `{content_hash}`", path = path.display())]
    UnknownContentHash {
        path: PathBuf,
        operation: &'static str,
        content_hash: String,
    },
    #[error("{path}: applying schema migration {migration}: {reason}", path = path.display())]
    BrokenMigration {
        path: PathBuf,
        migration: &'static str,
        reason: String,
    },
    #[error("{path}: {operation}: {reason}", path = path.display())]
    CorruptRow {
        path: PathBuf,
        operation: &'static str,
        reason: String,
    },
    #[error("{path}: {operation}: stored JSON is unreadable: {source}", path = path.display())]
    CorruptRecord {
        path: PathBuf,
        operation: &'static str,
        #[source]
        source: serde_json::Error,
    },
}
