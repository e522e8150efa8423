//! What can be wrong with an input, worded for the person who has to fix the file.

use truce_core::Diagnostic;

/// One problem with one input. Its `Display` text is the diagnostic message; the file and line
/// travel beside it in the `Diagnostic`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceProblem {
    #[error("cannot read: {source}")]
    Io {
        #[source]
        source: std::io::Error,
    },
    #[error("binary data (a NUL byte at byte {byte_offset}), not text; skipped")]
    Binary { byte_offset: u64 },
    #[error(
        "invalid UTF-8 at byte {byte_in_line} of the line (byte {byte_offset} of the input); skipped"
    )]
    InvalidUtf8 { byte_offset: u64, byte_in_line: u64 },
    #[error("empty file: no text to read")]
    EmptyFile,
    #[error("line is longer than the limit of {limit} bytes; skipped up to the next line")]
    LineTooLong { limit: usize },
    #[error("file is larger than the limit of {limit} bytes; skipped")]
    FileTooLarge { limit: usize },
    #[error("malformed JSON: {source}")]
    MalformedJson {
        #[source]
        source: serde_json::Error,
    },
    #[error("the JSON record has no \"text\" field")]
    MissingText,
    #[error("the JSON record's \"text\" is empty")]
    EmptyText,
    #[error(
        "the JSON record's \"date\" is not usable ({reason}); the record is read without a date"
    )]
    UnusableDate { reason: String },
    #[error("the JSON record's \"{field}\" must be a string or a number")]
    IdNotStringOrNumber { field: &'static str },
    #[error("a WARC archive is read by the web archive reader (truce-web), not as a plain source")]
    WebArchive,
    #[error("no such file or folder")]
    NotFound,
}

impl SourceProblem {
    /// The diagnostic for this problem in `origin`, at `line` when there is one.
    pub fn at(self, origin: &str, line: Option<u64>) -> Diagnostic {
        Diagnostic {
            origin: origin.to_string(),
            line,
            message: self.to_string(),
        }
    }
}

/// Where the first byte that is not valid UTF-8 sits: `(line, byte within that line, byte offset)`,
/// all 1-based for lines and 0-based for bytes, so an editor's "go to" finds it.
pub(crate) fn locate_invalid_utf8(bytes: &[u8], valid_up_to: usize) -> (u64, u64, u64) {
    let valid_prefix = &bytes[..valid_up_to.min(bytes.len())];
    let n_newlines = valid_prefix.iter().filter(|&&byte| byte == b'\n').count() as u64;
    let line_start = valid_prefix
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline_index| newline_index + 1);
    (
        n_newlines + 1,
        (valid_up_to - line_start) as u64,
        valid_up_to as u64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_by_line_and_byte() {
        let bytes = b"first\nsecond \xff line";
        let error = String::from_utf8(bytes.to_vec()).unwrap_err();
        let valid_up_to = error.utf8_error().valid_up_to();
        assert_eq!(locate_invalid_utf8(bytes, valid_up_to), (2, 7, 13));
    }

    #[test]
    fn a_problem_becomes_a_diagnostic_naming_origin_and_line() {
        let diagnostic = SourceProblem::MissingText.at("records.jsonl", Some(4));
        assert_eq!(
            diagnostic.to_string(),
            "records.jsonl:4: the JSON record has no \"text\" field"
        );
    }
}
