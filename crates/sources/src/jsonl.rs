//! JSON Lines: one record per line (`{"id","text","date","url","lang","title"}`), read with a bounded line buffer.

use std::collections::VecDeque;
use std::io::BufRead;

use serde::Deserialize;
use truce_core::{Diagnostic, PartialDate};

use crate::problem::{SourceProblem, locate_invalid_utf8};
use crate::{DocumentKind, MAX_DOCUMENT_BYTES, RawDocument};

/// The fields truce reads from a record. Other fields are ignored, since records often carry
/// extra metadata from whatever produced them.
#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<Box<serde_json::value::RawValue>>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Read JSON Lines records from `reader`; `origin` names it in diagnostics.
pub fn read_jsonl_reader<R: BufRead>(reader: R, origin: &str) -> JsonLinesReader<R> {
    JsonLinesReader::new(reader, origin)
}

/// An iterator over the records of one JSON Lines input. Blank lines are skipped; every other
/// line gives a document or a diagnostic naming its line.
pub struct JsonLinesReader<R> {
    reader: R,
    origin: String,
    /// The id prefix for records that carry no `id` of their own.
    fallback_id_prefix: String,
    max_line_bytes: usize,
    line_number: u64,
    bytes_before_line: u64,
    line_buffer: Vec<u8>,
    /// Items decided but not yet returned (a date warning followed by its record).
    ready: VecDeque<Result<RawDocument, Diagnostic>>,
    finished: bool,
    saw_any_byte: bool,
}

/// How reading one line ended.
enum LineRead {
    /// A whole line is in the buffer (without its newline).
    Line,
    /// The line was longer than the limit; it was skipped up to and including its newline.
    TooLong,
    /// No more input.
    EndOfInput,
}

impl<R: BufRead> JsonLinesReader<R> {
    pub fn new(reader: R, origin: &str) -> Self {
        let file_name = std::path::Path::new(origin)
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or(origin);
        JsonLinesReader {
            reader,
            origin: origin.to_string(),
            fallback_id_prefix: file_name.to_string(),
            max_line_bytes: MAX_DOCUMENT_BYTES,
            line_number: 0,
            bytes_before_line: 0,
            line_buffer: Vec::new(),
            ready: VecDeque::new(),
            finished: false,
            saw_any_byte: false,
        }
    }

    /// Lower (or raise) the longest line kept in memory; longer lines are reported and skipped.
    pub fn with_max_line_bytes(mut self, max_line_bytes: usize) -> Self {
        self.max_line_bytes = max_line_bytes;
        self
    }

    /// Read one line into `line_buffer`, never holding more than `max_line_bytes` of it.
    fn read_bounded_line(&mut self) -> std::io::Result<LineRead> {
        self.line_buffer.clear();
        let mut too_long = false;
        let mut read_anything = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                break;
            }
            read_anything = true;
            let newline_index = available.iter().position(|&byte| byte == b'\n');
            let chunk_end = newline_index.unwrap_or(available.len());
            if !too_long {
                if self.line_buffer.len() + chunk_end > self.max_line_bytes {
                    too_long = true;
                    self.line_buffer.clear();
                } else {
                    self.line_buffer.extend_from_slice(&available[..chunk_end]);
                }
            }
            let consumed = newline_index.map_or(chunk_end, |index| index + 1);
            self.reader.consume(consumed);
            self.bytes_before_line += consumed as u64;
            if newline_index.is_some() {
                break;
            }
        }
        if !read_anything {
            return Ok(LineRead::EndOfInput);
        }
        self.saw_any_byte = true;
        self.line_number += 1;
        if too_long {
            return Ok(LineRead::TooLong);
        }
        if self.line_buffer.last() == Some(&b'\r') {
            self.line_buffer.pop();
        }
        Ok(LineRead::Line)
    }

    fn diagnostic(&self, problem: SourceProblem) -> Diagnostic {
        problem.at(&self.origin, Some(self.line_number))
    }

    /// Turn the line in `line_buffer` into queued items; returns false for a blank line.
    fn parse_line(&mut self, line_start_offset: u64) -> bool {
        let bytes = &self.line_buffer;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
        if let Some(nul_index) = bytes.iter().position(|&byte| byte == 0) {
            // A NUL byte means the file is not text at all; reading on would report every line.
            let problem = SourceProblem::Binary {
                byte_offset: line_start_offset + nul_index as u64,
            };
            self.ready.push_back(Err(self.diagnostic(problem)));
            self.finished = true;
            return true;
        }
        let line_text = match std::str::from_utf8(bytes) {
            Ok(line_text) => line_text,
            Err(error) => {
                let (_, byte_in_line, _) = locate_invalid_utf8(bytes, error.valid_up_to());
                let problem = SourceProblem::InvalidUtf8 {
                    byte_offset: line_start_offset + byte_in_line,
                    byte_in_line,
                };
                self.ready.push_back(Err(self.diagnostic(problem)));
                return true;
            }
        };
        let item = match serde_json::from_str::<JsonRecord>(line_text) {
            Ok(record) => self.document_from_record(record),
            Err(source) => Err(self.diagnostic(SourceProblem::MalformedJson { source })),
        };
        self.ready.push_back(item);
        true
    }

    fn document_from_record(&mut self, record: JsonRecord) -> Result<RawDocument, Diagnostic> {
        let text = match record.text {
            None => return Err(self.diagnostic(SourceProblem::MissingText)),
            Some(text) if text.trim().is_empty() => {
                return Err(self.diagnostic(SourceProblem::EmptyText));
            }
            Some(text) => text,
        };
        // A number is kept as its JSON text, digit for digit, so two long numeric ids never
        // collapse into one rounded float.
        let raw_id = record.id.as_deref().map(serde_json::value::RawValue::get);
        let id = match raw_id {
            Some(raw) if raw.starts_with('"') => serde_json::from_str::<String>(raw)
                .ok()
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| format!("{}:{}", self.fallback_id_prefix, self.line_number)),
            Some(raw) if raw.starts_with(|first: char| first == '-' || first.is_ascii_digit()) => {
                raw.to_string()
            }
            None | Some("null") => format!("{}:{}", self.fallback_id_prefix, self.line_number),
            Some(_) => {
                return Err(self.diagnostic(SourceProblem::IdNotStringOrNumber { field: "id" }));
            }
        };
        let date = match record.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(date_text) => match PartialDate::parse_iso(date_text) {
                Ok(date) => Some(date),
                Err(error) => {
                    // The record is still worth reading; the warning goes out just before it.
                    let problem = SourceProblem::UnusableDate {
                        reason: error.to_string(),
                    };
                    self.ready.push_back(Err(self.diagnostic(problem)));
                    None
                }
            },
        };
        let non_empty = |value: Option<String>| value.filter(|text| !text.trim().is_empty());
        Ok(RawDocument {
            id,
            origin: self.origin.clone(),
            line: Some(self.line_number),
            text,
            url: non_empty(record.url),
            date,
            lang: non_empty(record.lang),
            title: non_empty(record.title),
            kind: DocumentKind::JsonRecord,
            decoded_from: None,
        })
    }
}

impl<R: BufRead> Iterator for JsonLinesReader<R> {
    type Item = Result<RawDocument, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            let line_start_offset = self.bytes_before_line;
            match self.read_bounded_line() {
                Ok(LineRead::Line) => {
                    self.parse_line(line_start_offset);
                }
                Ok(LineRead::TooLong) => {
                    let limit = self.max_line_bytes;
                    return Some(Err(self.diagnostic(SourceProblem::LineTooLong { limit })));
                }
                Ok(LineRead::EndOfInput) => {
                    self.finished = true;
                    if !self.saw_any_byte {
                        return Some(Err(SourceProblem::EmptyFile.at(&self.origin, None)));
                    }
                }
                Err(source) => {
                    self.finished = true;
                    return Some(Err(SourceProblem::Io { source }.at(&self.origin, None)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<Result<RawDocument, Diagnostic>> {
        read_jsonl_reader(input, "dir/records.jsonl").collect()
    }

    #[test]
    fn records_carry_their_fields_and_line_numbers() {
        let input = br#"{"id": "a", "text": "Satu.", "date": "2024-06-12", "url": "https://x.test/a", "lang": "id", "title": "T"}

{"id": 7, "text": "Two.", "extra": [1, 2]}
{"text": "Tres."}
"#;
        let documents: Vec<RawDocument> = read_all(input).into_iter().map(Result::unwrap).collect();
        assert_eq!(documents.len(), 3);
        assert_eq!(documents[0].id, "a");
        assert_eq!(documents[0].line, Some(1));
        assert_eq!(documents[0].date, PartialDate::parse_iso("2024-06-12").ok());
        assert_eq!(documents[0].url.as_deref(), Some("https://x.test/a"));
        assert_eq!(documents[0].lang.as_deref(), Some("id"));
        assert_eq!(documents[0].title.as_deref(), Some("T"));
        assert_eq!(documents[0].kind, DocumentKind::JsonRecord);
        assert_eq!(documents[1].id, "7");
        assert_eq!(documents[1].line, Some(3));
        assert_eq!(documents[2].id, "records.jsonl:4");
    }

    #[test]
    fn long_numeric_ids_stay_distinct_and_exactly_as_written() {
        let input = br#"{"id": 123456789012345678901234567890123456789012, "text": "One."}
{"id": 123456789012345678901234567890123456789013, "text": "Two."}
{"id": null, "text": "Three."}
{"id": ["a"], "text": "Four."}
"#;
        let items = read_all(input);
        let ids: Vec<String> = items
            .iter()
            .map(|item| match item {
                Ok(document) => document.id.clone(),
                Err(diagnostic) => diagnostic.to_string(),
            })
            .collect();
        assert_eq!(ids[0], "123456789012345678901234567890123456789012");
        assert_eq!(ids[1], "123456789012345678901234567890123456789013");
        assert_eq!(ids[2], "records.jsonl:3");
        assert!(
            ids[3].ends_with(
                "records.jsonl:4: the JSON record's \"id\" must be a string or a number"
            ),
            "{}",
            ids[3]
        );
    }

    #[test]
    fn bad_lines_give_diagnostics_and_reading_goes_on() {
        let input = b"{\"text\": \"ok one\"}\n{\"text\": \"broken\"\n{\"id\": \"x\"}\n{\"text\": \"bad \xff\"}\n{\"text\": \"\"}\n{\"text\": \"ok two\", \"date\": \"June\"}\n";
        let items = read_all(input);
        let messages: Vec<String> = items
            .iter()
            .map(|item| match item {
                Ok(document) => format!("ok {}", document.text),
                Err(diagnostic) => diagnostic.to_string(),
            })
            .collect();
        assert_eq!(messages[0], "ok ok one");
        assert!(
            messages[1].starts_with("dir/records.jsonl:2: malformed JSON:")
                && messages[1].contains("column"),
            "{}",
            messages[1]
        );
        assert_eq!(
            messages[2],
            "dir/records.jsonl:3: the JSON record has no \"text\" field"
        );
        assert!(
            messages[3].starts_with("dir/records.jsonl:4: invalid UTF-8 at byte 14 of the line"),
            "{}",
            messages[3]
        );
        assert!(messages[4].contains(":5: the JSON record's \"text\" is empty"));
        assert!(messages[5].contains(":6: the JSON record's \"date\" is not usable"));
        assert_eq!(messages[6], "ok ok two");
        assert_eq!(messages.len(), 7);
    }

    #[test]
    fn an_overlong_line_is_skipped_without_being_buffered() {
        let long_text = "x".repeat(1000);
        let input = format!(
            "{{\"text\": \"short\"}}\n{{\"text\": \"{long_text}\"}}\n{{\"text\": \"after\"}}\n"
        );
        // A reader with a tiny internal buffer exercises the skip across many fill_buf calls.
        let reader = std::io::BufReader::with_capacity(16, input.as_bytes());
        let reader = JsonLinesReader::new(reader, "big.jsonl").with_max_line_bytes(100);
        let items: Vec<_> = reader.collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().text, "short");
        let too_long = items[1].as_ref().unwrap_err();
        assert_eq!(too_long.line, Some(2));
        assert!(
            too_long
                .message
                .contains("longer than the limit of 100 bytes")
        );
        assert_eq!(items[2].as_ref().unwrap().text, "after");
        assert_eq!(items[2].as_ref().unwrap().line, Some(3));
    }

    #[test]
    fn an_empty_input_and_a_binary_input_are_reported_once() {
        let empty = read_all(b"");
        assert_eq!(empty.len(), 1);
        assert!(
            empty[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("empty file")
        );
        let binary = read_all(b"\x00\x01\x02\n\x00\x00\n\x00\n");
        assert_eq!(binary.len(), 1);
        assert!(
            binary[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("binary data")
        );
    }

    #[test]
    fn windows_line_endings_and_a_missing_final_newline_are_accepted() {
        let items = read_all(b"{\"text\": \"a\"}\r\n{\"text\": \"b\"}");
        let texts: Vec<_> = items.into_iter().map(|item| item.unwrap().text).collect();
        assert_eq!(texts, ["a", "b"]);
    }
}
