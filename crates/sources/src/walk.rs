//! The streaming walk over the paths a user names: files by kind, folders recursively in sorted order, `-` for standard input.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use truce_core::Diagnostic;

use crate::jsonl::JsonLinesReader;
use crate::problem::SourceProblem;
use crate::text::read_whole_document;
use crate::{DocumentKind, MAX_DOCUMENT_BYTES, RawDocument, document_id_for_file_name};

/// Read every document under `paths`, one at a time: `.txt` files and other named files are one
/// plain-text document each, `.jsonl` files one document per line, `.html`/`.htm` files one HTML
/// document each, folders recursively in sorted order (only files with those extensions, hidden
/// entries skipped), and `-` standard input (JSON Lines when it starts with `{`, else one text).
pub fn read_sources(paths: &[PathBuf]) -> SourceReader {
    SourceReader {
        pending: paths
            .iter()
            .rev()
            .map(|path| PendingPath {
                path: path.clone(),
                named_by_user: true,
            })
            .collect(),
        current_records: None,
    }
}

/// A path still to visit; files the user named are read whatever their extension, files found in
/// a folder only when their extension says what they are.
struct PendingPath {
    path: PathBuf,
    named_by_user: bool,
}

/// The iterator `read_sources` returns.
pub struct SourceReader {
    /// A stack: the next path to visit is last, so a folder's sorted entries are pushed reversed.
    pending: Vec<PendingPath>,
    /// The JSON Lines input being read, if any.
    current_records: Option<JsonLinesReader<Box<dyn BufRead>>>,
}

/// What a file holds, judged from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    JsonLines,
    Html,
    Text,
    Compressed,
    /// A WARC archive (`.warc`, `.warc.gz`): the web crate reads these, so a folder walk leaves
    /// them to it (the `truce` command reads a folder's archives after its other files).
    WebArchive,
    /// An extension truce does not read; such files are skipped inside folders.
    Other,
}

fn format_of(path: &Path) -> FileFormat {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        FileFormat::WebArchive
    } else if name.ends_with(".gz") {
        FileFormat::Compressed
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        FileFormat::JsonLines
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        FileFormat::Html
    } else if name.ends_with(".txt") {
        FileFormat::Text
    } else {
        FileFormat::Other
    }
}

impl SourceReader {
    /// Visit one path: returns an item to yield, or `None` when the path only queued more work.
    fn visit(&mut self, pending: PendingPath) -> Option<Result<RawDocument, Diagnostic>> {
        let origin = pending.path.to_string_lossy().into_owned();
        if pending.named_by_user && pending.path.as_os_str() == "-" {
            return self.visit_standard_input();
        }
        let metadata = match std::fs::metadata(&pending.path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Some(Err(SourceProblem::NotFound.at(&origin, None)));
            }
            Err(source) => return Some(Err(SourceProblem::Io { source }.at(&origin, None))),
        };
        if metadata.is_dir() {
            return self.queue_folder(&pending.path, &origin);
        }
        let format = match format_of(&pending.path) {
            FileFormat::Other if pending.named_by_user => FileFormat::Text,
            FileFormat::Other => return None,
            FileFormat::WebArchive if pending.named_by_user => {
                return Some(Err(SourceProblem::WebArchive.at(&origin, None)));
            }
            FileFormat::WebArchive => return None,
            format => format,
        };
        let id = pending
            .path
            .file_name()
            .map(|name| document_id_for_file_name(&name.to_string_lossy()))
            .unwrap_or_else(|| origin.clone());
        let file = match File::open(&pending.path) {
            Ok(file) => file,
            Err(source) => return Some(Err(SourceProblem::Io { source }.at(&origin, None))),
        };
        match format {
            FileFormat::Compressed => Some(Err(SourceProblem::Compressed.at(&origin, None))),
            // Returned above; kept here so the match names every format.
            FileFormat::WebArchive => Some(Err(SourceProblem::WebArchive.at(&origin, None))),
            FileFormat::JsonLines => {
                let reader: Box<dyn BufRead> = Box::new(BufReader::new(file));
                self.current_records = Some(JsonLinesReader::new(reader, &origin));
                None
            }
            FileFormat::Html => Some(read_whole_document(
                file,
                id,
                &origin,
                DocumentKind::Html,
                MAX_DOCUMENT_BYTES,
            )),
            FileFormat::Text | FileFormat::Other => Some(read_whole_document(
                file,
                id,
                &origin,
                DocumentKind::Text,
                MAX_DOCUMENT_BYTES,
            )),
        }
    }

    /// Queue a folder's entries in sorted order; symbolic links to folders are not followed, so a
    /// link cycle cannot make the walk endless.
    fn queue_folder(
        &mut self,
        folder: &Path,
        origin: &str,
    ) -> Option<Result<RawDocument, Diagnostic>> {
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(source) => return Some(Err(SourceProblem::Io { source }.at(origin, None))),
        };
        let mut children = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(source) => return Some(Err(SourceProblem::Io { source }.at(origin, None))),
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let is_linked_folder =
                entry.file_type().is_ok_and(|kind| kind.is_symlink()) && entry.path().is_dir();
            if !is_linked_folder {
                children.push(entry.path());
            }
        }
        children.sort();
        self.pending
            .extend(children.into_iter().rev().map(|path| PendingPath {
                path,
                named_by_user: false,
            }));
        None
    }

    /// Standard input: JSON Lines when its first non-blank byte is `{`, else one text document.
    fn visit_standard_input(&mut self) -> Option<Result<RawDocument, Diagnostic>> {
        let mut input: Box<dyn BufRead> = Box::new(BufReader::new(std::io::stdin()));
        match starts_with_json_object(&mut input) {
            Ok(true) => {
                self.current_records = Some(JsonLinesReader::new(input, "-"));
                None
            }
            Ok(false) => Some(read_whole_document(
                input,
                "stdin".to_string(),
                "-",
                DocumentKind::Text,
                MAX_DOCUMENT_BYTES,
            )),
            Err(source) => Some(Err(SourceProblem::Io { source }.at("-", None))),
        }
    }
}

/// Whether the first byte that is not white space is `{`. Leading white space is consumed, which
/// changes neither a JSON Lines stream nor the text once extraction trims it.
pub(crate) fn starts_with_json_object(input: &mut impl BufRead) -> std::io::Result<bool> {
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(false);
        }
        match available
            .iter()
            .position(|byte| !byte.is_ascii_whitespace())
        {
            Some(index) => {
                let is_object = available[index] == b'{';
                input.consume(index);
                return Ok(is_object);
            }
            None => {
                let n_blank = available.len();
                input.consume(n_blank);
            }
        }
    }
}

impl Iterator for SourceReader {
    type Item = Result<RawDocument, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current_records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.current_records = None,
                }
            }
            let pending = self.pending.pop()?;
            if let Some(item) = self.visit(pending) {
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_recognised_after_leading_blank_space() {
        let mut json_input: &[u8] = b"\n  {\"text\": \"x\"}";
        assert!(starts_with_json_object(&mut json_input).unwrap());
        assert_eq!(json_input, b"{\"text\": \"x\"}");
        let mut text_input: &[u8] = b"  Teks biasa.";
        assert!(!starts_with_json_object(&mut text_input).unwrap());
        let mut empty_input: &[u8] = b"   ";
        assert!(!starts_with_json_object(&mut empty_input).unwrap());
    }

    #[test]
    fn formats_follow_the_file_name() {
        assert_eq!(format_of(Path::new("a/b.JSONL")), FileFormat::JsonLines);
        assert_eq!(format_of(Path::new("page.htm")), FileFormat::Html);
        assert_eq!(format_of(Path::new("page.html.gz")), FileFormat::Compressed);
        assert_eq!(
            format_of(Path::new("CC-NEWS-1.warc.gz")),
            FileFormat::WebArchive
        );
        assert_eq!(format_of(Path::new("crawl.WARC")), FileFormat::WebArchive);
        assert_eq!(format_of(Path::new("seed.id.txt")), FileFormat::Text);
        assert_eq!(format_of(Path::new("SOURCE.md")), FileFormat::Other);
    }
}
