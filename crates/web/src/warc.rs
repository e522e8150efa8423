//! WARC archives (`.warc`, and `.warc.gz` with one gzip member per record as Common Crawl writes them): records streamed one at a time, and the HTML pages of their `response` records as raw documents.
//!
//! The reader holds one record at a time. A record whose header cannot be read is reported and
//! skipped by searching for the next `WARC/` version line; a record too large to hold is skipped
//! by its declared length; a record whose Content-Length runs into the next record is reported
//! and reading resumes at that next record (one shorter than its record leaves a tail that the
//! next header check reports and skips). A damaged gzip member is reported
//! and reading resumes at the next member (`gzip_members.rs`). Only a read error of the file
//! itself, or a file cut off inside a record, stops the archive.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use truce_core::Diagnostic;

use crate::gzip_members::{ResumingGzipReader, corrupt_member};
use truce_sources::{DocumentKind, RawDocument};

/// The largest record block held in memory, in bytes; larger records are skipped and reported.
/// News pages are far smaller; the limit only stops one huge capture from exhausting memory.
pub const MAX_RECORD_BYTES: u64 = truce_sources::MAX_DOCUMENT_BYTES as u64;

/// The longest header line read; a longer one means the input is not a WARC header.
const MAX_HEADER_LINE_BYTES: usize = 64 * 1024;

/// The most header fields one record may have.
const MAX_HEADER_FIELDS: usize = 1_000;

/// The largest HTTP body after removing a content encoding, so a small compressed body cannot
/// expand without bound.
const MAX_DECODED_BODY_BYTES: u64 = MAX_RECORD_BYTES;

/// What went wrong reading a WARC archive. `record_number` is 1-based over all records of the
/// file; `byte_offset` is where the record starts in the uncompressed stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// The file or its gzip stream could not be read; nothing after this point is read.
    #[error("WARC record {record_number} at byte {byte_offset}: cannot read: {source}")]
    Io {
        record_number: u64,
        byte_offset: u64,
        #[source]
        source: std::io::Error,
    },
    /// The record's header is not a WARC header; the reader skipped to the next record.
    #[error(
        "WARC record {record_number} at byte {byte_offset}: {reason}; skipped to the next record"
    )]
    MalformedHeader {
        record_number: u64,
        byte_offset: u64,
        reason: String,
    },
    /// The record declares a block larger than [`MAX_RECORD_BYTES`]; it was skipped.
    #[error(
        "WARC record {record_number} at byte {byte_offset}: its block of {length} bytes exceeds the limit of {limit}; skipped"
    )]
    RecordTooLarge {
        record_number: u64,
        byte_offset: u64,
        length: u64,
        limit: u64,
    },
    /// A gzip member of the archive is damaged; the records in it are lost and reading resumed
    /// at the next member.
    #[error("WARC record {record_number} at byte {byte_offset}: {reason}")]
    CorruptMember {
        record_number: u64,
        byte_offset: u64,
        reason: String,
    },
    /// The record's Content-Length runs past its end into the next record: the record was
    /// skipped and reading resumed at the next record.
    #[error(
        "WARC record {record_number} at byte {byte_offset}: its Content-Length of {declared} bytes runs into the next record, which starts after {actual} bytes; skipped to the next record"
    )]
    WrongLength {
        record_number: u64,
        byte_offset: u64,
        declared: u64,
        actual: u64,
    },
    /// The file ends inside a record.
    #[error(
        "WARC record {record_number} at byte {byte_offset}: the file ends {missing} bytes before the record's declared end"
    )]
    Truncated {
        record_number: u64,
        byte_offset: u64,
        missing: u64,
    },
}

impl WarcError {
    /// Whether reading can go on after this error.
    pub fn is_recoverable(&self) -> bool {
        matches!(
            self,
            WarcError::MalformedHeader { .. }
                | WarcError::RecordTooLarge { .. }
                | WarcError::CorruptMember { .. }
                | WarcError::WrongLength { .. }
        )
    }
}

/// One WARC record: its named header fields, in file order, and its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based position of the record in its file.
    pub record_number: u64,
    /// Where the record starts in the uncompressed stream.
    pub byte_offset: u64,
    /// The version line, e.g. `WARC/1.0`.
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The first value of header field `name`, compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// `WARC-Type`: `response`, `request`, `warcinfo`, `metadata`, ...
    pub fn warc_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    /// `WARC-Record-ID` without its angle brackets (`urn:uuid:...`).
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID").map(without_angle_brackets)
    }

    /// `WARC-Target-URI` without angle brackets, which some writers of WARC 1.0 add.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(without_angle_brackets)
    }
}

fn without_angle_brackets(value: &str) -> &str {
    value
        .strip_prefix('<')
        .and_then(|inner| inner.strip_suffix('>'))
        .unwrap_or(value)
}

/// Streams the records of an uncompressed WARC stream; wrap a `.warc.gz` in
/// [`flate2::read::MultiGzDecoder`] first (as [`open_warc`] does).
pub struct WarcReader<R> {
    input: R,
    /// Bytes consumed from the uncompressed stream so far.
    position: u64,
    /// Records started so far, including malformed ones.
    n_records: u64,
    /// Set when a fatal error or the end of the input was reached.
    finished: bool,
    /// A version line found while skipping a malformed record, to start the next record with.
    pending_version_line: Option<(u64, String)>,
    /// The part of a block that ran into the next record, read again before `input`.
    read_again: Vec<u8>,
    read_again_start: usize,
}

/// What ends every record's block: two CRLFs.
const RECORD_END: &[u8] = b"\r\n\r\n";

/// Where a record starts inside `bytes`, after a record end: the length of the bytes before it.
fn next_record_start(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(bytes, RECORD_END)
        .find(|&at| bytes[at + RECORD_END.len()..].starts_with(b"WARC/1."))
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(input: R) -> WarcReader<R> {
        WarcReader {
            input,
            position: 0,
            n_records: 0,
            finished: false,
            pending_version_line: None,
            read_again: Vec::new(),
            read_again_start: 0,
        }
    }

    /// The next bytes: those to read again first, then the input's.
    fn fill(&mut self) -> std::io::Result<&[u8]> {
        if self.read_again_start < self.read_again.len() {
            return Ok(&self.read_again[self.read_again_start..]);
        }
        self.input.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.read_again_start < self.read_again.len() {
            self.read_again_start += amount;
            if self.read_again_start >= self.read_again.len() {
                self.read_again.clear();
                self.read_again_start = 0;
            }
        } else {
            self.input.consume(amount);
        }
        self.position += amount as u64;
    }

    /// Put `bytes` back in front of what is left to read.
    fn unread(&mut self, bytes: &[u8]) {
        let mut joined = bytes.to_vec();
        joined.extend_from_slice(&self.read_again[self.read_again_start..]);
        self.read_again = joined;
        self.read_again_start = 0;
        self.position -= bytes.len() as u64;
    }

    /// Up to `length` bytes, fewer only where the input ends.
    fn read_bytes(&mut self, length: u64) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        while (bytes.len() as u64) < length {
            let available = self.fill()?;
            if available.is_empty() {
                break;
            }
            let wanted = usize::try_from(length - bytes.len() as u64).unwrap_or(usize::MAX);
            let taken = available.len().min(wanted);
            bytes.extend_from_slice(&available[..taken]);
            self.consume(taken);
        }
        Ok(bytes)
    }

    /// One line, with its line ending removed; `Ok(None)` at the end of the input. Lines longer
    /// than [`MAX_HEADER_LINE_BYTES`] come back cut at the limit with `true`, the rest consumed.
    fn read_line(&mut self) -> std::io::Result<Option<(Vec<u8>, bool)>> {
        let mut line = Vec::new();
        let mut too_long = false;
        loop {
            let available = self.fill()?;
            if available.is_empty() {
                return Ok((!line.is_empty() || too_long).then_some((line, too_long)));
            }
            let (taken, found_end) = match memchr::memchr(b'\n', available) {
                Some(newline_idx) => (newline_idx + 1, true),
                None => (available.len(), false),
            };
            let room = MAX_HEADER_LINE_BYTES.saturating_sub(line.len());
            if taken > room {
                too_long = true;
            }
            line.extend_from_slice(&available[..taken.min(room)]);
            self.consume(taken);
            if found_end {
                while line
                    .last()
                    .is_some_and(|&byte| byte == b'\n' || byte == b'\r')
                {
                    line.pop();
                }
                return Ok(Some((line, too_long)));
            }
        }
    }

    /// Read and discard `length` bytes; returns how many were there.
    fn skip_bytes(&mut self, length: u64) -> std::io::Result<u64> {
        let mut skipped = 0;
        while skipped < length {
            let available = self.fill()?;
            if available.is_empty() {
                break;
            }
            let taken = available
                .len()
                .min(usize::try_from(length - skipped).unwrap_or(usize::MAX));
            self.consume(taken);
            skipped += taken as u64;
        }
        Ok(skipped)
    }

    /// After a malformed header: skip lines until one that starts a record, and keep it for the
    /// next call.
    fn resynchronise(&mut self) -> std::io::Result<()> {
        loop {
            let line_start = self.position;
            let Some((line, _)) = self.read_line()? else {
                return Ok(());
            };
            if line.starts_with(b"WARC/") {
                self.pending_version_line =
                    Some((line_start, String::from_utf8_lossy(&line).into_owned()));
                return Ok(());
            }
        }
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        // Blank lines between records (the two CRLFs that end every record) are skipped.
        let (byte_offset, version) = match self.pending_version_line.take() {
            Some(pending) => pending,
            None => loop {
                let line_start = self.position;
                match self.read_line() {
                    Ok(None) => return None,
                    Ok(Some((line, _))) if line.is_empty() => continue,
                    Ok(Some((line, _))) => {
                        break (line_start, String::from_utf8_lossy(&line).into_owned());
                    }
                    Err(source) => {
                        let record_number = self.n_records + 1;
                        return Some(Err(match corrupt_member(&source) {
                            Some(corrupt) => {
                                self.n_records += 1;
                                WarcError::CorruptMember {
                                    record_number,
                                    byte_offset: line_start,
                                    reason: corrupt.to_string(),
                                }
                            }
                            None => WarcError::Io {
                                record_number,
                                byte_offset: line_start,
                                source,
                            },
                        }));
                    }
                }
            },
        };
        self.n_records += 1;
        let record_number = self.n_records;
        let io_error = |source: std::io::Error| match corrupt_member(&source) {
            Some(corrupt) => WarcError::CorruptMember {
                record_number,
                byte_offset,
                reason: corrupt.to_string(),
            },
            None => WarcError::Io {
                record_number,
                byte_offset,
                source,
            },
        };
        let malformed = |reader: &mut WarcReader<R>, reason: String| {
            if let Err(source) = reader.resynchronise() {
                return Err(io_error(source));
            }
            Err(WarcError::MalformedHeader {
                record_number,
                byte_offset,
                reason,
            })
        };
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Some(malformed(
                self,
                format!("expected a `WARC/` version line, found `{shown}`"),
            ));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.read_line() {
                Ok(Some((line, false))) => line,
                Ok(Some((_, true))) => {
                    return Some(malformed(self, "a header line is too long".to_string()));
                }
                Ok(None) => {
                    return Some(Err(WarcError::Truncated {
                        record_number,
                        byte_offset,
                        missing: 0,
                    }));
                }
                Err(source) => return Some(Err(io_error(source))),
            };
            if line.is_empty() {
                break;
            }
            let line = String::from_utf8_lossy(&line).into_owned();
            if line.starts_with([' ', '\t']) {
                // A folded continuation of the previous field's value.
                match headers.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(line.trim());
                        continue;
                    }
                    None => {
                        return Some(malformed(
                            self,
                            "a continuation line before any header field".to_string(),
                        ));
                    }
                }
            }
            let Some((name, value)) = line.split_once(':') else {
                let shown: String = line.chars().take(40).collect();
                return Some(malformed(self, format!("header line `{shown}` has no `:`")));
            };
            if headers.len() >= MAX_HEADER_FIELDS {
                return Some(malformed(
                    self,
                    format!("more than {MAX_HEADER_FIELDS} header fields"),
                ));
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let content_length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, value)| value.parse::<u64>());
        let length = match content_length {
            Some(Ok(length)) => length,
            Some(Err(_)) => {
                return Some(malformed(
                    self,
                    "Content-Length is not a number".to_string(),
                ));
            }
            None => return Some(malformed(self, "no Content-Length".to_string())),
        };
        if length > MAX_RECORD_BYTES {
            return Some(match self.skip_bytes(length) {
                Ok(skipped) if skipped < length => Err(WarcError::Truncated {
                    record_number,
                    byte_offset,
                    missing: length - skipped,
                }),
                Ok(_) => Err(WarcError::RecordTooLarge {
                    record_number,
                    byte_offset,
                    length,
                    limit: MAX_RECORD_BYTES,
                }),
                Err(source) => Err(io_error(source)),
            });
        }
        let block = match self.read_bytes(length) {
            Ok(block) => block,
            Err(source) => return Some(Err(io_error(source))),
        };
        // A Content-Length longer than the record runs into the next record: resume there. (A
        // shorter one leaves the record's tail where the next version line should be, which the
        // next call reports and skips.) Nothing is read past the block, so a record read from a
        // pipe is handed on as soon as it is whole.
        if let Some(at) = next_record_start(&block) {
            self.unread(&block[at + RECORD_END.len()..]);
            return Some(Err(WarcError::WrongLength {
                record_number,
                byte_offset,
                declared: length,
                actual: at as u64,
            }));
        }
        if (block.len() as u64) < length {
            return Some(Err(WarcError::Truncated {
                record_number,
                byte_offset,
                missing: length - block.len() as u64,
            }));
        }
        Some(Ok(WarcRecord {
            record_number,
            byte_offset,
            version,
            headers,
            block,
        }))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let item = self.next_record();
        match &item {
            None => self.finished = true,
            Some(Err(error)) if !error.is_recoverable() => self.finished = true,
            Some(_) => {}
        }
        item
    }
}

/// Whether `path` names a WARC archive by its extension: `.warc`, or `.warc.gz`.
pub fn is_warc_path(path: &Path) -> bool {
    path.file_name().is_some_and(|name| {
        let name = name.to_string_lossy().to_ascii_lowercase();
        name.ends_with(".warc") || name.ends_with(".warc.gz")
    })
}

/// Open a WARC file for reading, decompressing it when its name ends in `.gz`. Every gzip member
/// is read in turn, so per-record compression (CC-NEWS) and whole-file compression both work, and
/// a damaged member is reported and passed over.
pub fn open_warc(path: &Path) -> std::io::Result<WarcReader<Box<dyn BufRead + Send>>> {
    let file = File::open(path)?;
    let is_gzip = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("gz"));
    let input: Box<dyn BufRead + Send> = if is_gzip {
        Box::new(BufReader::with_capacity(
            64 * 1024,
            ResumingGzipReader::new(file),
        ))
    } else {
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    Ok(WarcReader::new(input))
}

/// The HTML pages of a WARC file, as raw documents: one per `response` record with HTTP status
/// 200 and an HTML content type. Other records are skipped silently; problems become diagnostics
/// naming the file and the record, and reading goes on where it can.
pub fn read_warc_html(path: &Path) -> WarcHtmlDocuments {
    let origin = path.to_string_lossy().into_owned();
    match open_warc(path) {
        Ok(records) => WarcHtmlDocuments {
            origin,
            records: Some(records),
            open_error: None,
            n_skipped_records: 0,
        },
        Err(source) => WarcHtmlDocuments {
            open_error: Some(Diagnostic {
                origin: origin.clone(),
                line: None,
                message: format!("cannot read: {source}"),
            }),
            origin,
            records: None,
            n_skipped_records: 0,
        },
    }
}

/// The iterator [`read_warc_html`] returns.
pub struct WarcHtmlDocuments {
    origin: String,
    records: Option<WarcReader<Box<dyn BufRead + Send>>>,
    open_error: Option<Diagnostic>,
    n_skipped_records: u64,
}

impl WarcHtmlDocuments {
    /// Records read so far that were not HTML pages (other record types, other statuses or
    /// content types).
    pub fn n_skipped_records(&self) -> u64 {
        self.n_skipped_records
    }
}

impl Iterator for WarcHtmlDocuments {
    type Item = Result<RawDocument, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(diagnostic) = self.open_error.take() {
            return Some(Err(diagnostic));
        }
        let records = self.records.as_mut()?;
        loop {
            let record = match records.next()? {
                Ok(record) => record,
                Err(error) => {
                    let line = match &error {
                        WarcError::Io { record_number, .. }
                        | WarcError::MalformedHeader { record_number, .. }
                        | WarcError::RecordTooLarge { record_number, .. }
                        | WarcError::CorruptMember { record_number, .. }
                        | WarcError::WrongLength { record_number, .. }
                        | WarcError::Truncated { record_number, .. } => Some(*record_number),
                    };
                    return Some(Err(Diagnostic {
                        origin: self.origin.clone(),
                        line,
                        message: error.to_string(),
                    }));
                }
            };
            match html_document(&record, &self.origin) {
                Ok(Some(document)) => return Some(Ok(document)),
                Ok(None) => self.n_skipped_records += 1,
                Err(reason) => {
                    return Some(Err(Diagnostic {
                        origin: self.origin.clone(),
                        line: Some(record.record_number),
                        message: format!(
                            "WARC record {} at byte {}: {reason}; skipped",
                            record.record_number, record.byte_offset
                        ),
                    }));
                }
            }
        }
    }
}

/// The HTML page in `record`, `Ok(None)` when the record is not an HTML page fetched with status
/// 200, or why a record that should hold one could not be read.
pub fn html_document(record: &WarcRecord, origin: &str) -> Result<Option<RawDocument>, String> {
    if !record
        .warc_type()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("response"))
    {
        return Ok(None);
    }
    // A response record may also hold DNS answers or other protocols; only HTTP is read.
    let is_http = record.header("Content-Type").is_none_or(|content_type| {
        media_type(content_type).eq_ignore_ascii_case("application/http")
    });
    if !is_http {
        return Ok(None);
    }
    let response = HttpResponse::parse(&record.block)?;
    if response.status != 200 {
        return Ok(None);
    }
    let content_type = response
        .header("Content-Type")
        .or_else(|| record.header("WARC-Identified-Payload-Type"));
    let is_html = content_type.is_some_and(|content_type| {
        let media = media_type(content_type);
        media.eq_ignore_ascii_case("text/html")
            || media.eq_ignore_ascii_case("application/xhtml+xml")
    });
    if !is_html {
        return Ok(None);
    }
    let body = response.decoded_body()?;
    let text = decode_body(
        &body,
        response.header("Content-Type").and_then(charset_parameter),
    );
    let Some(record_id) = record.record_id() else {
        return Err("the response record has no WARC-Record-ID".to_string());
    };
    Ok(Some(RawDocument {
        id: record_id.to_string(),
        origin: origin.to_string(),
        line: Some(record.record_number),
        text,
        url: record.target_uri().map(str::to_string),
        date: None,
        lang: None,
        title: None,
        kind: DocumentKind::Html,
        decoded_from: None,
    }))
}

/// `text/html` out of `text/html; charset=utf-8`.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The `charset` parameter of a Content-Type value, unquoted.
fn charset_parameter(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| {
            value
                .trim()
                .trim_matches(|quote| quote == '"' || quote == '\'')
        })
    })
}

/// Decode an HTML body: a byte order mark wins, then the HTTP header's charset, then what the
/// page itself declares or looks like ([`truce_html::charset::decode_html`]), the order browsers
/// follow. A header that names a single-byte charset for a body that is valid UTF-8 beyond ASCII
/// was almost always left stale by a server that re-encoded the page, so UTF-8 wins there.
pub(crate) fn decode_body(body: &[u8], header_charset: Option<&str>) -> String {
    let header_encoding = header_charset.and_then(|label| Encoding::for_label(label.as_bytes()));
    match header_encoding {
        Some(encoding) if Encoding::for_bom(body).is_none() => {
            let chosen =
                if encoding != UTF_8 && !body.is_ascii() && std::str::from_utf8(body).is_ok() {
                    UTF_8
                } else {
                    encoding.output_encoding()
                };
            chosen.decode_without_bom_handling(body).0.into_owned()
        }
        _ => truce_html::charset::decode_html(body).0,
    }
}

/// The parts of an HTTP response a page is read from.
struct HttpResponse<'block> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'block [u8],
}

impl<'block> HttpResponse<'block> {
    fn parse(block: &'block [u8]) -> Result<HttpResponse<'block>, String> {
        let (head, body) = match memchr::memmem::find(block, b"\r\n\r\n") {
            Some(end) => (&block[..end], &block[end + 4..]),
            None => match memchr::memmem::find(block, b"\n\n") {
                Some(end) => (&block[..end], &block[end + 2..]),
                None => return Err("the HTTP response has no end of headers".to_string()),
            },
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or("");
        let mut parts = status_line.split_whitespace();
        let protocol = parts.next().unwrap_or("");
        if !protocol.starts_with("HTTP/") {
            let shown: String = status_line.chars().take(40).collect();
            return Err(format!("`{shown}` is not an HTTP status line"));
        }
        let status = parts
            .next()
            .and_then(|code| code.parse::<u16>().ok())
            .ok_or_else(|| format!("the HTTP status line `{status_line}` has no status code"))?;
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
            .collect();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as the server meant it: chunked transfer undone, then gzip or deflate content
    /// encoding undone. Crawlers that already undid them (Common Crawl) rename these headers
    /// (`X-Crawler-Transfer-Encoding`), so only headers still in force are applied.
    fn decoded_body(&self) -> Result<Vec<u8>, String> {
        let body = if self
            .header("Transfer-Encoding")
            .is_some_and(|encoding| encoding.to_ascii_lowercase().contains("chunked"))
        {
            dechunk(self.body)?
        } else {
            self.body.to_vec()
        };
        let encoding = self
            .header("Content-Encoding")
            .map(|encoding| encoding.trim().to_ascii_lowercase());
        let mut decoded = Vec::new();
        let result = match encoding.as_deref() {
            None | Some("" | "identity") => return Ok(body),
            Some("gzip" | "x-gzip") => MultiGzDecoder::new(body.as_slice())
                .take(MAX_DECODED_BODY_BYTES)
                .read_to_end(&mut decoded),
            Some("deflate") => ZlibDecoder::new(body.as_slice())
                .take(MAX_DECODED_BODY_BYTES)
                .read_to_end(&mut decoded),
            Some(other) => return Err(format!("unsupported content encoding `{other}`")),
        };
        result.map_err(|error| format!("cannot undo the content encoding: {error}"))?;
        Ok(decoded)
    }
}

/// Undo HTTP/1.1 chunked transfer coding.
fn dechunk(mut chunked: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::with_capacity(chunked.len());
    loop {
        let line_end = memchr::memchr(b'\n', chunked)
            .ok_or_else(|| "a chunk size line has no end".to_string())?;
        let size_line = String::from_utf8_lossy(&chunked[..line_end]);
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("`{size_text}` is not a chunk size"))?;
        chunked = &chunked[line_end + 1..];
        if size == 0 {
            return Ok(body);
        }
        let chunk = chunked
            .get(..size)
            .ok_or_else(|| "a chunk is shorter than its declared size".to_string())?;
        body.extend_from_slice(chunk);
        chunked = &chunked[size..];
        // Each chunk ends with CRLF.
        chunked = chunked
            .strip_prefix(b"\r\n")
            .or_else(|| chunked.strip_prefix(b"\n"))
            .unwrap_or(chunked);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC record with `headers` and `block`, as a writer lays it out.
    fn record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut bytes = b"WARC/1.0\r\n".to_vec();
        for (name, value) in headers {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn response(record_id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
        record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Record-ID", &format!("<urn:uuid:{record_id}>")),
                ("WARC-Target-URI", uri),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http,
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn documents(archive: &[u8]) -> Vec<Result<RawDocument, String>> {
        WarcReader::new(archive)
            .map(|record| match record {
                Ok(record) => html_document(&record, "test.warc")
                    .map_err(|reason| format!("record {}: {reason}", record.record_number)),
                Err(error) => Err(error.to_string()),
            })
            .filter_map(|item| item.transpose())
            .collect()
    }

    const PAGE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
        <html><head><title>Talks</title></head><body><p>Ministers met.</p></body></html>";

    #[test]
    fn html_responses_become_documents_and_other_records_are_skipped() {
        let mut archive = record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", "<urn:uuid:info>"),
            ],
            b"software: test\r\n",
        );
        archive.extend(response("one", "https://example.org/talks", PAGE));
        archive.extend(response(
            "missing",
            "https://example.org/missing",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Not found</p>",
        ));
        archive.extend(response(
            "image",
            "https://example.org/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        archive.extend(record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Record-ID", "<urn:uuid:request>"),
                ("WARC-Target-URI", "https://example.org/talks"),
            ],
            b"GET /talks HTTP/1.1\r\n\r\n",
        ));
        let found = documents(&archive);
        assert_eq!(found.len(), 1, "{found:?}");
        let document = found[0].as_ref().unwrap();
        assert_eq!(document.id, "urn:uuid:one");
        assert_eq!(document.url.as_deref(), Some("https://example.org/talks"));
        assert_eq!(document.line, Some(2));
        assert_eq!(document.kind, DocumentKind::Html);
        assert!(document.text.contains("<p>Ministers met.</p>"));
        assert!(!document.text.starts_with("HTTP"));
    }

    #[test]
    fn per_record_gzip_members_are_read_in_turn() {
        let mut archive = gzip(&response("one", "https://example.org/1", PAGE));
        archive.extend(gzip(&response("two", "https://example.org/2", PAGE)));
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("news.warc.gz");
        std::fs::write(&path, &archive).unwrap();
        assert!(is_warc_path(&path));
        let ids: Vec<String> = read_warc_html(&path)
            .map(|document| document.unwrap().id)
            .collect();
        assert_eq!(ids, ["urn:uuid:one", "urn:uuid:two"]);
    }

    #[test]
    fn a_malformed_record_is_reported_and_reading_goes_on() {
        let mut archive = response("one", "https://example.org/1", PAGE);
        let broken_at = archive.len() as u64;
        archive.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nthis is not a header\r\n\r\n<p>lost</p>\r\n\r\n",
        );
        archive.extend(response("three", "https://example.org/3", PAGE));
        let found = documents(&archive);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].as_ref().unwrap().id, "urn:uuid:one");
        let problem = found[1].as_ref().unwrap_err();
        assert!(
            problem.contains(&format!("WARC record 2 at byte {broken_at}")),
            "{problem}"
        );
        assert!(problem.contains("has no `:`"), "{problem}");
        let third = found[2].as_ref().unwrap();
        assert_eq!(third.id, "urn:uuid:three");
        assert_eq!(third.line, Some(3));
    }

    #[test]
    fn a_missing_content_length_and_a_cut_off_file_are_reported() {
        let mut archive = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec();
        archive.extend(response("two", "https://example.org/2", PAGE));
        let cut = archive.len() - 30;
        let found = documents(&archive[..cut]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].as_ref().unwrap_err().contains("no Content-Length"));
        let truncated = found[1].as_ref().unwrap_err();
        assert!(truncated.contains("WARC record 2"), "{truncated}");
        assert!(truncated.contains("ends 26 bytes before"), "{truncated}");
    }

    #[test]
    fn chunked_gzip_bodies_and_header_charsets_are_decoded() {
        let page = "<html><body><p>Caf\u{e9} Ren\u{e9}</p></body></html>";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let compressed = gzip(&latin1);
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                .to_vec();
        let (first, second) = compressed.split_at(compressed.len() / 2);
        for chunk in [first, second] {
            http.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            http.extend_from_slice(chunk);
            http.extend_from_slice(b"\r\n");
        }
        http.extend_from_slice(b"0\r\n\r\n");
        let found = documents(&response("latin", "https://example.org/fr", &http));
        assert_eq!(found[0].as_ref().unwrap().text, page);
    }

    #[test]
    fn a_page_without_a_header_charset_is_sniffed() {
        let page = "<html><head><meta charset=\"windows-1251\"></head><body><p>\u{41c}\u{438}\u{440}</p></body></html>";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend_from_slice(&cp1251);
        let found = documents(&response("ru", "https://example.org/ru", &http));
        assert_eq!(found[0].as_ref().unwrap().text, page);
    }

    #[test]
    fn an_oversized_record_is_skipped_by_its_length() {
        let mut archive = format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {}\r\n\r\n",
            MAX_RECORD_BYTES + 1
        )
        .into_bytes();
        archive.resize(archive.len() + MAX_RECORD_BYTES as usize + 1, b'x');
        archive.extend_from_slice(b"\r\n\r\n");
        archive.extend(response("after", "https://example.org/after", PAGE));
        let found = documents(&archive);
        assert!(found[0].as_ref().unwrap_err().contains("exceeds the limit"));
        assert_eq!(found[1].as_ref().unwrap().id, "urn:uuid:after");
    }

    #[test]
    fn a_damaged_gzip_member_costs_its_record_and_the_next_members_are_read() {
        let first = gzip(&response("one", "https://example.org/1", PAGE));
        let mut damaged = gzip(&response("two", "https://example.org/2", PAGE));
        let middle = damaged.len() / 2;
        for byte in &mut damaged[middle..middle + 4] {
            *byte ^= 0x5a;
        }
        let third = gzip(&response("three", "https://example.org/3", PAGE));
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("damaged.warc.gz");
        std::fs::write(&path, [first.clone(), damaged, third].concat()).unwrap();
        let found: Vec<Result<RawDocument, Diagnostic>> = read_warc_html(&path).collect();
        let ids: Vec<&str> = found
            .iter()
            .filter_map(|item| item.as_ref().ok().map(|document| document.id.as_str()))
            .collect();
        assert_eq!(ids, ["urn:uuid:one", "urn:uuid:three"], "{found:?}");
        let problems: Vec<String> = found
            .iter()
            .filter_map(|item| item.as_ref().err().map(|problem| problem.to_string()))
            .collect();
        assert!(!problems.is_empty());
        assert!(
            problems[0].contains(&format!(
                "corrupt gzip member at compressed byte {}",
                first.len()
            )),
            "{problems:?}"
        );
    }

    #[test]
    fn a_content_length_too_long_or_too_short_costs_only_its_record() {
        let mut too_long = response("long", "https://example.org/long", PAGE);
        let declared = format!("Content-Length: {}", PAGE.len());
        let overstated = format!("Content-Length: {}", PAGE.len() + 5_000);
        let at = too_long
            .windows(declared.len())
            .position(|window| window == declared.as_bytes())
            .unwrap();
        too_long.splice(at..at + declared.len(), overstated.bytes());
        let mut too_short = response("short", "https://example.org/short", PAGE);
        let understated = format!(
            "Content-Length: {:>width$}",
            20,
            width = declared.len() - 16
        );
        let at = too_short
            .windows(declared.len())
            .position(|window| window == declared.as_bytes())
            .unwrap();
        too_short.splice(at..at + declared.len(), understated.bytes());

        let mut archive = response("one", "https://example.org/1", PAGE);
        archive.extend(too_long);
        archive.extend(response("two", "https://example.org/2", PAGE));
        archive.extend(too_short);
        archive.extend(response("three", "https://example.org/3", PAGE));
        let found = documents(&archive);
        let summary: Vec<String> = found
            .iter()
            .map(|item| match item {
                Ok(document) => document.id.clone(),
                Err(problem) => problem.clone(),
            })
            .collect();
        let ids: Vec<&String> = summary
            .iter()
            .filter(|item| item.starts_with("urn:"))
            .collect();
        assert_eq!(
            ids,
            ["urn:uuid:one", "urn:uuid:two", "urn:uuid:three"],
            "{summary:#?}"
        );
        assert!(
            summary[1].contains(&format!(
                "Content-Length of {} bytes runs into the next record",
                PAGE.len() + 5_000
            )),
            "{summary:#?}"
        );
        assert!(
            summary
                .iter()
                .any(|item| item.contains("expected a `WARC/` version line")),
            "{summary:#?}"
        );
    }
}
