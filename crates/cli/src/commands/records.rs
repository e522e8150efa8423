//! The input of `truce code` and `truce places`: JSON Lines records, or one raw article with
//! `--text`, from a file or standard input.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use anyhow::Context;
use truce_sources::{
    RawDocument, document_from_text, document_id_for_file_name, read_jsonl_reader,
};

/// Where the documents come from.
#[derive(clap::Args)]
pub struct RecordsArgs {
    /// JSON Lines records `{"id", "text", "date"?, "lang"?, "url"?}`, gzipped or not; `-` or nothing reads standard input.
    pub input: Option<PathBuf>,
    /// Treat the input as one raw article (plain text or a saved web page) instead of JSON Lines records.
    #[arg(long)]
    pub text: bool,
}

/// Calls `each` with every document of the input, in order; a record that cannot be read is
/// reported on stderr and skipped. Returns whether any record failed to read; an error from
/// `each` (a closed standard output) stops the run.
pub fn for_each_document(
    args: &RecordsArgs,
    mut each: impl FnMut(&RawDocument) -> anyhow::Result<()>,
) -> anyhow::Result<bool> {
    let origin = match &args.input {
        Some(path) if path.as_os_str() != "-" => path.display().to_string(),
        _ => "-".to_string(),
    };
    let reader: Box<dyn BufRead> = match &args.input {
        Some(path) if path.as_os_str() != "-" => Box::new(BufReader::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        )),
        _ => Box::new(BufReader::new(std::io::stdin())),
    };
    // `records.jsonl.gz`, or gzip piped in: read as the records it holds.
    let mut reader = truce_sources::gunzip_if_compressed(reader)
        .with_context(|| format!("cannot read {origin}"))?;
    if args.text {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .with_context(|| format!("{origin}: not UTF-8 text"))?;
        let id = match &args.input {
            Some(path) if path.as_os_str() != "-" => document_id_for_file_name(
                &path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            _ => "stdin".to_string(),
        };
        let mut raw = document_from_text(id, origin.clone(), text);
        // A saved web page goes through the HTML extractor, as `truce extract` would send it.
        let lower = origin.to_ascii_lowercase();
        // A page saved without its extension still declares itself, as a file in a folder
        // does for `truce ingest` (`<!DOCTYPE html>`, `<html`).
        if lower.ends_with(".html")
            || lower.ends_with(".htm")
            || truce_sources::looks_like_html(raw.text.as_bytes())
        {
            raw.kind = truce_sources::DocumentKind::Html;
        }
        each(&raw)?;
        return Ok(false);
    }
    let mut failed = false;
    for record in read_jsonl_reader(reader, &origin) {
        match record {
            Ok(raw) => each(&raw)?,
            Err(diagnostic) => {
                eprintln!("truce: {diagnostic}");
                failed = true;
            }
        }
    }
    Ok(failed)
}
