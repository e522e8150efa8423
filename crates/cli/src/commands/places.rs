//! `truce places`: finds and resolves the place mentions of JSON Lines records (or one raw
//! article with `--text`) and prints one JSON object per mention; stores nothing.

use std::io::Write;

use anyhow::Context;
use serde::Serialize;
use truce_core::{PlaceCue, PlaceMention, PlaceMentionKind};
use truce_pipeline::Pipeline;

use crate::Outcome;

#[derive(clap::Args)]
pub struct PlacesArgs {
    #[command(flatten)]
    pub records: super::records::RecordsArgs,
    #[command(flatten)]
    pub pipeline: super::pipeline_args::PipelineArgs,
}

/// One mention as printed: DESIGN.md's fields, then how it was found.
#[derive(Serialize)]
struct PrintedMention<'a> {
    doc_id: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    name: &'a str,
    geonames_id: Option<u64>,
    lat: f64,
    lon: f64,
    country: Option<&'a str>,
    admin1: Option<&'a str>,
    feature: Option<&'a str>,
    precision: Option<&'static str>,
    kind: PlaceMentionKind,
    cue: PlaceCue,
    confidence: f64,
}

fn printed<'a>(doc_id: &'a str, mention: &'a PlaceMention) -> PrintedMention<'a> {
    PrintedMention {
        doc_id,
        start: mention.span.start,
        end: mention.span.end,
        text: &mention.text,
        name: &mention.name,
        geonames_id: mention.geonames_id,
        lat: mention.lat,
        lon: mention.lon,
        country: mention.country.as_deref(),
        admin1: mention.admin1.as_deref(),
        feature: mention.feature.as_deref(),
        precision: mention.precision.map(|precision| precision.as_str()),
        kind: mention.kind,
        cue: mention.cue,
        confidence: mention.confidence,
    }
}

pub fn run(args: PlacesArgs) -> anyhow::Result<Outcome> {
    let pipeline = Pipeline::new(args.pipeline.options())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let unreadable = super::records::for_each_document(&args.records, |raw| {
        match pipeline.places_of(raw) {
            Ok((article, places)) => {
                for mention in &places.mentions {
                    serde_json::to_writer(&mut out, &printed(&article.id, mention))?;
                    out.write_all(b"\n")?;
                }
            }
            Err(diagnostic) => {
                eprintln!("truce: {diagnostic}");
                failed = true;
            }
        }
        Ok(())
    })?;
    out.flush().context("cannot write to standard output")?;
    Ok(if failed || unreadable {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}
