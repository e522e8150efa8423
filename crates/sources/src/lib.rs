//! Input sources: text files, JSON Lines records, HTML files, folders and standard input, read as a stream of raw documents.
//!
//! Every reader yields `Result<RawDocument, Diagnostic>`: a bad file or a bad record becomes a
//! diagnostic naming the file and line, and the iteration goes on with the next one. Nothing is
//! loaded ahead of time: a folder is walked one entry at a time, a JSON Lines file is read one
//! bounded line at a time, and a whole-file document is read only when the iteration reaches it.

mod jsonl;
mod problem;
mod text;
mod walk;

use truce_core::PartialDate;

pub use jsonl::{JsonLinesReader, read_jsonl_reader};
pub use problem::SourceProblem;
pub use walk::{SourceReader, gunzip_if_compressed, looks_like_html, read_sources};

/// The largest line or whole-file document read, in bytes. Longer inputs are reported and skipped
/// so that one runaway record cannot exhaust memory.
pub const MAX_DOCUMENT_BYTES: usize = 50 * 1024 * 1024;

/// What the text of a raw document is, so extraction knows whether to strip markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Plain text: a `.txt` file or text on standard input.
    Text,
    /// An HTML page, kept as raw markup.
    Html,
    /// One record of a JSON Lines file: its `text` field is plain text.
    JsonRecord,
}

/// One document as read, before any cleanup.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// The file name less its extensions (`a.b.html.gz` → `a.b`), or the record's `id`.
    pub id: String,
    /// The file path the document came from, or `-` for standard input.
    pub origin: String,
    /// The 1-based line of a JSON Lines record; `None` for whole-file documents.
    pub line: Option<u64>,
    pub text: String,
    pub url: Option<String>,
    pub date: Option<PartialDate>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub kind: DocumentKind,
    /// The character encoding a file's bytes were read as, when it was not UTF-8
    /// (`windows-1251`, `UTF-16LE`), so the command can say what it assumed.
    pub decoded_from: Option<&'static str>,
}

/// A plain-text document with no metadata: what a `.txt` file or piped text becomes.
pub fn document_from_text(
    id: impl Into<String>,
    origin: impl Into<String>,
    text: impl Into<String>,
) -> RawDocument {
    RawDocument {
        id: id.into(),
        origin: origin.into(),
        line: None,
        text: text.into(),
        url: None,
        date: None,
        lang: None,
        title: None,
        kind: DocumentKind::Text,
        decoded_from: None,
    }
}

/// The document id DESIGN.md gives a file: its name less a trailing `.gz`, then less a trailing
/// `.html`, `.htm` or `.txt` (`a.b.html.gz` → `a.b`).
pub fn document_id_for_file_name(file_name: &str) -> String {
    let without_gzip = strip_suffix_ignoring_case(file_name, ".gz").unwrap_or(file_name);
    for extension in [".html", ".htm", ".txt"] {
        if let Some(stem) = strip_suffix_ignoring_case(without_gzip, extension) {
            return stem.to_string();
        }
    }
    without_gzip.to_string()
}

fn strip_suffix_ignoring_case<'name>(name: &'name str, suffix: &str) -> Option<&'name str> {
    let split_at = name.len().checked_sub(suffix.len())?;
    let (stem, tail) = (name.get(..split_at)?, name.get(split_at..)?);
    (tail.eq_ignore_ascii_case(suffix) && !stem.is_empty()).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_ids_drop_gzip_then_one_document_extension() {
        assert_eq!(document_id_for_file_name("a.b.html.gz"), "a.b");
        assert_eq!(
            document_id_for_file_name("karabakh-withdrawal.id.txt"),
            "karabakh-withdrawal.id"
        );
        assert_eq!(document_id_for_file_name("page.HTM"), "page");
        assert_eq!(document_id_for_file_name("notes.md"), "notes.md");
        assert_eq!(document_id_for_file_name("archive.gz"), "archive");
        assert_eq!(document_id_for_file_name(".txt"), ".txt");
    }

    #[test]
    fn a_text_document_carries_no_metadata() {
        let document = document_from_text("seed", "-", "Teks.");
        assert_eq!(document.kind, DocumentKind::Text);
        assert_eq!(document.line, None);
        assert!(document.url.is_none() && document.date.is_none() && document.lang.is_none());
        assert_eq!(document.text, "Teks.");
    }
}
