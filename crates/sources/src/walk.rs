//! The streaming walk over the paths a user names: files by kind, folders recursively in sorted order, `-` for standard input.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use truce_core::Diagnostic;

use crate::jsonl::JsonLinesReader;
use crate::problem::SourceProblem;
use crate::text::read_whole_document;
use crate::{DocumentKind, MAX_DOCUMENT_BYTES, RawDocument, document_id_for_file_name};

/// Read every document under `paths`, one at a time: `.txt` files and other named files are one
/// plain-text document each, `.jsonl` files one document per line, `.html`/`.htm` files one HTML
/// document each, each of them also gzip-compressed (`.html.gz`), folders recursively in sorted
/// order (files with those extensions, and files of other names that start as an HTML page;
/// hidden entries skipped), and `-` standard input (JSON Lines when it starts with `{`, else one
/// text).
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
/// a folder only when their extension or their first bytes say what they are.
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
    /// A WARC archive (`.warc`, `.warc.gz`): the web crate reads these, so a folder walk leaves
    /// them to it (the `truce` command reads a folder's archives after its other files).
    WebArchive,
    /// An extension truce does not read; such files are skipped inside folders.
    Other,
}

/// Whether a file is gzip-compressed, judged from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
}

/// The format of what a file holds once decompressed, and its compression: `page.html.gz` is
/// HTML in gzip, read as a stream, so the size limit applies to the decompressed bytes.
fn format_of(path: &Path) -> (FileFormat, Compression) {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        return (FileFormat::WebArchive, Compression::None);
    }
    match name.strip_suffix(".gz") {
        Some(inner) => (format_of_name(inner), Compression::Gzip),
        None => (format_of_name(&name), Compression::None),
    }
}

fn format_of_name(name: &str) -> FileFormat {
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        FileFormat::JsonLines
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        FileFormat::Html
    } else if name.ends_with(".txt") {
        FileFormat::Text
    } else {
        FileFormat::Other
    }
}

/// How many leading bytes are read to tell markup from text in a file with an unknown name.
const SNIFF_BYTES: usize = 8 * 1024;

/// The first `limit` bytes of `reader` (fewer if it is shorter), and a reader that still yields
/// every byte from the start.
fn read_head(reader: Box<dyn Read>, limit: usize) -> std::io::Result<(Vec<u8>, Box<dyn Read>)> {
    let mut head = Vec::with_capacity(limit);
    let mut reader = reader;
    (&mut reader).take(limit as u64).read_to_end(&mut head)?;
    let whole: Box<dyn Read> = Box::new(std::io::Cursor::new(head.clone()).chain(reader));
    Ok((head, whole))
}

/// Whether a file's first bytes are an HTML page: after a byte order mark, blank space, an XML
/// declaration and comments, a doctype or an `<html>`, `<head>` or `<body>` tag; or an HTML
/// doctype or `<html>` tag further on, since pages saved from a misconfigured server can start
/// with its warnings. Only the first 8 KiB are looked at.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<!doctype html") || text.contains("<html>") || text.contains("<html ") {
        return true;
    }
    let mut rest = text.trim_start();
    loop {
        let (opening, closing) = if rest.starts_with("<!--") {
            ("<!--", "-->")
        } else if rest.starts_with("<?xml") {
            ("<?xml", "?>")
        } else {
            break;
        };
        match rest[opening.len()..].find(closing) {
            Some(end) => rest = rest[opening.len() + end + closing.len()..].trim_start(),
            None => return false,
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|opening| rest.starts_with(opening))
}

/// A gzip stream whose read errors say that the compressed data is at fault, so a truncated or
/// corrupt `.gz` is reported as such rather than as an unexplained read error.
struct GzipStream<R: Read>(flate2::read::MultiGzDecoder<R>);

impl<R: Read> Read for GzipStream<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buffer).map_err(|error| {
            let reason = match error.kind() {
                std::io::ErrorKind::UnexpectedEof => "it ends in the middle".to_string(),
                _ => error.to_string(),
            };
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("corrupt gzip data: {reason}"),
            )
        })
    }
}

/// A reader of `input` that decompresses it when it opens with gzip's magic bytes, whatever
/// its name (`records.jsonl.gz`, a pipe from `curl`), so every command reads gzip the same way.
pub fn gunzip_if_compressed<'a>(
    mut input: Box<dyn BufRead + 'a>,
) -> std::io::Result<Box<dyn BufRead + 'a>> {
    const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
    let head = input.fill_buf()?;
    if head.starts_with(&GZIP_MAGIC) {
        Ok(Box::new(BufReader::new(GzipStream(
            flate2::read::MultiGzDecoder::new(input),
        ))))
    } else {
        Ok(input)
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
        let (format, compression) = format_of(&pending.path);
        let format = match format {
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
        let file: Box<dyn Read> = match compression {
            Compression::None => Box::new(file),
            // Concatenated members are one stream, as `gzip -d` reads them.
            Compression::Gzip => Box::new(GzipStream(flate2::read::MultiGzDecoder::new(
                BufReader::new(file),
            ))),
        };
        // A file whose name does not say what it holds (`page.php`, `site.net.gz`) is read as
        // HTML when its first bytes are markup; otherwise as text when the user named it, and
        // skipped inside a folder, where it is most likely not an article at all.
        let (format, file) = match format {
            FileFormat::Other => {
                let (head, file) = match read_head(file, SNIFF_BYTES) {
                    Ok(read) => read,
                    Err(source) => {
                        return Some(Err(SourceProblem::Io { source }.at(&origin, None)));
                    }
                };
                if looks_like_html(&head) {
                    (FileFormat::Html, file)
                } else if pending.named_by_user {
                    (FileFormat::Text, file)
                } else {
                    return None;
                }
            }
            format => (format, file),
        };
        match format {
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
        let format = |name: &str| format_of(Path::new(name));
        assert_eq!(
            format("a/b.JSONL"),
            (FileFormat::JsonLines, Compression::None)
        );
        assert_eq!(format("page.htm"), (FileFormat::Html, Compression::None));
        assert_eq!(
            format("page.html.gz"),
            (FileFormat::Html, Compression::Gzip)
        );
        assert_eq!(
            format("notes.TXT.GZ"),
            (FileFormat::Text, Compression::Gzip)
        );
        assert_eq!(
            format("day.jsonl.gz"),
            (FileFormat::JsonLines, Compression::Gzip)
        );
        assert_eq!(format("dump.gz"), (FileFormat::Other, Compression::Gzip));
        assert_eq!(
            format("CC-NEWS-1.warc.gz"),
            (FileFormat::WebArchive, Compression::None)
        );
        assert_eq!(
            format("crawl.WARC"),
            (FileFormat::WebArchive, Compression::None)
        );
        assert_eq!(format("seed.id.txt"), (FileFormat::Text, Compression::None));
        assert_eq!(format("SOURCE.md"), (FileFormat::Other, Compression::None));
    }

    #[test]
    fn markup_is_recognised_whatever_the_file_is_called() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html lang=\"de\">"));
        assert!(looks_like_html(b"\xEF\xBB\xBF<html>"));
        assert!(looks_like_html(
            b"<!-- saved page --> <?xml version=\"1.0\"?><HEAD>"
        ));
        assert!(!looks_like_html(b"<!-- an unclosed comment"));
        assert!(looks_like_html(
            b"<br /><b>Deprecated</b>: in wp-settings.php<br />\n<!DOCTYPE html PUBLIC"
        ));
        assert!(!looks_like_html(
            b"Police detained dozens of <b>protesters</b>."
        ));
        assert!(!looks_like_html(
            b"<?xml version=\"1.0\"?><rss version=\"2.0\">"
        ));
    }
}
