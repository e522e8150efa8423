//! What can go wrong reading the gazetteer's tables.

/// A table of the gazetteer could not be read (names the table and the line), or its
/// prebuilt index is not one this build can read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer table {table}: cannot decompress: {source}")]
    Decompress {
        table: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("gazetteer index: {reason}")]
    Index { reason: String },
    #[error("gazetteer table {table}, line {line}: {reason}")]
    Row {
        table: &'static str,
        line: usize,
        reason: String,
    },
}
