//! `truce code`: codes JSON Lines records (or one raw article with `--text`) and prints events as JSON Lines; stores nothing.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use anyhow::Context;
use truce_pipeline::Pipeline;
use truce_sources::{
    RawDocument, document_from_text, document_id_for_file_name, read_jsonl_reader,
};

use crate::Outcome;

#[derive(clap::Args)]
pub struct CodeArgs {
    /// JSON Lines records `{"id", "text", "date"?, "lang"?, "url"?}`; `-` or nothing reads standard input.
    pub input: Option<PathBuf>,
    /// Treat the input as one raw article (plain text) instead of JSON Lines records.
    #[arg(long)]
    pub text: bool,
    #[command(flatten)]
    pub pipeline: super::pipeline_args::PipelineArgs,
}

pub fn run(args: CodeArgs) -> anyhow::Result<Outcome> {
    let pipeline = Pipeline::new(args.pipeline.options())?;
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    // Returns whether the document had problems, which were reported on stderr.
    let write_events = |raw: &RawDocument,
                        out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>|
     -> anyhow::Result<bool> {
        let processed = pipeline.process(raw);
        for diagnostic in &processed.diagnostics {
            eprintln!("truce: {diagnostic}");
        }
        for event in &processed.events {
            serde_json::to_writer(&mut *out, event)?;
            out.write_all(b"\n")?;
        }
        Ok(!processed.diagnostics.is_empty())
    };
    if args.text {
        let mut text = String::new();
        let mut reader = reader;
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
        // A page saved without its extension still declares itself (`<!DOCTYPE html>`, `<html`).
        let start = raw
            .text
            .trim_start()
            .chars()
            .take(14)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.ends_with(".html")
            || lower.ends_with(".htm")
            || start.starts_with("<!doctype html")
            || start.starts_with("<html")
        {
            raw.kind = truce_sources::DocumentKind::Html;
        }
        failed |= write_events(&raw, &mut out)?;
    } else {
        for record in read_jsonl_reader(reader, &origin) {
            match record {
                Ok(raw) => failed |= write_events(&raw, &mut out)?,
                Err(diagnostic) => {
                    eprintln!("truce: {diagnostic}");
                    failed = true;
                }
            }
        }
    }
    out.flush().context("cannot write to standard output")?;
    Ok(if failed {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}
