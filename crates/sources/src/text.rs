//! Whole-file documents: a `.txt` or `.html` file (or piped text) read, size-limited, and checked to be UTF-8 text.

use std::io::Read;

use truce_core::Diagnostic;

use crate::problem::{SourceProblem, locate_invalid_utf8};
use crate::{DocumentKind, RawDocument};

/// Read all of `reader` (at most `max_bytes`) as one document of `kind`.
pub(crate) fn read_whole_document(
    reader: impl Read,
    id: String,
    origin: &str,
    kind: DocumentKind,
    max_bytes: usize,
) -> Result<RawDocument, Diagnostic> {
    let mut bytes = Vec::new();
    // Reading one byte past the limit tells a file of exactly the limit from a larger one
    // without ever holding more than the limit in memory.
    reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SourceProblem::Io { source }.at(origin, None))?;
    if bytes.len() > max_bytes {
        return Err(SourceProblem::FileTooLarge { limit: max_bytes }.at(origin, None));
    }
    let text = decode_document_text(bytes).map_err(|(problem, line)| problem.at(origin, line))?;
    Ok(RawDocument {
        kind,
        ..crate::document_from_text(id, origin, text)
    })
}

/// Check that `bytes` are non-empty UTF-8 text and return them as a string, without a byte
/// order mark. On failure, return the problem and the 1-based line it is on, when that helps.
pub(crate) fn decode_document_text(
    mut bytes: Vec<u8>,
) -> Result<String, (SourceProblem, Option<u64>)> {
    if let Some(nul_index) = bytes.iter().position(|&byte| byte == 0) {
        return Err((
            SourceProblem::Binary {
                byte_offset: nul_index as u64,
            },
            None,
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid_up_to = error.utf8_error().valid_up_to();
        let (line, byte_in_line, byte_offset) = locate_invalid_utf8(error.as_bytes(), valid_up_to);
        (
            SourceProblem::InvalidUtf8 {
                byte_offset,
                byte_in_line,
            },
            Some(line),
        )
    })?;
    if text.trim().is_empty() {
        return Err((SourceProblem::EmptyFile, None));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], max_bytes: usize) -> Result<RawDocument, Diagnostic> {
        read_whole_document(
            bytes,
            "doc".into(),
            "doc.txt",
            DocumentKind::Text,
            max_bytes,
        )
    }

    #[test]
    fn text_is_read_whole_without_its_byte_order_mark() {
        let document = read("\u{FEFF}Baris satu.\nBaris dua.".as_bytes(), 100).unwrap();
        assert_eq!(document.text, "Baris satu.\nBaris dua.");
        assert_eq!(document.id, "doc");
        assert_eq!(document.origin, "doc.txt");
    }

    #[test]
    fn binary_invalid_empty_and_oversized_files_are_refused_with_a_reason() {
        let binary = read(b"PK\x03\x04\x00\x00", 100).unwrap_err();
        assert!(binary.message.contains("NUL byte at byte 4"), "{binary}");
        let invalid = read(b"ok\nbad \xC3\x28 here", 100).unwrap_err();
        assert_eq!(invalid.line, Some(2));
        assert!(invalid.message.contains("byte 4 of the line"), "{invalid}");
        let empty = read(b" \n\n", 100).unwrap_err();
        assert!(empty.message.contains("empty file"), "{empty}");
        let large = read(&[b'a'; 11], 10).unwrap_err();
        assert!(large.message.contains("larger than the limit"), "{large}");
        assert!(read(&[b'a'; 10], 10).is_ok());
    }
}
