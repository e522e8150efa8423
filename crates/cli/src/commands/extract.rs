//! `truce extract`: reads sources and prints the extracted articles as JSON Lines; codes and stores nothing.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::Outcome;

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files (`.txt`, `.jsonl`, `.html`, WARC archives `.warc` and `.warc.gz`), folders (read
    /// recursively, archives included), `-` for standard input, or http(s) URLs (a feed's items,
    /// or one page).
    #[arg(required = true, value_name = "PATH_OR_URL")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub web: super::web_args::WebArgs,
}

/// The record DESIGN.md specifies for `truce extract`, plus provenance fields.
#[derive(Serialize)]
struct ExtractedRecord<'a> {
    id: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<String>,
    date_precision: Option<truce_core::DatePrecision>,
    date_source: Option<truce_core::DateSource>,
    lang: Option<&'a str>,
    lang_confidence: Option<f64>,
    text: &'a str,
    source_url: Option<&'a str>,
    credited_sources: &'a [String],
}

pub fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let fetcher = args.web.fetcher();
    for document in super::sources::read_all_sources(&args.paths, &fetcher) {
        let raw = match document {
            Ok(raw) => {
                if let Some(note) = super::sources::encoding_note(&raw) {
                    eprintln!("truce: {note}");
                }
                raw
            }
            Err(diagnostic) => {
                eprintln!("truce: {diagnostic}");
                failed = true;
                continue;
            }
        };
        let mut article = match truce_extract::extract_article(&raw) {
            Ok(article) => article,
            Err(diagnostic) => {
                eprintln!("truce: {diagnostic}");
                failed = true;
                continue;
            }
        };
        if article.lang.is_none()
            && let Some((lang, confidence)) = truce_language::identify(&article.text)
        {
            article.lang = Some(lang);
            article.lang_confidence = Some(confidence);
        }
        let record = ExtractedRecord {
            id: &article.id,
            url: article.url.as_deref(),
            title: article.title.as_deref(),
            date: article.date.map(|date| date.to_iso_prefix()),
            date_precision: article.date.map(|date| date.precision),
            date_source: article.date_source,
            lang: article.lang.as_deref(),
            lang_confidence: article.lang_confidence,
            text: &article.text,
            source_url: article.source_url.as_deref(),
            credited_sources: &article.credited_sources,
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")
            .context("cannot write to standard output")?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(if failed {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}
