//! `truce code`: codes JSON Lines records (or one raw article with `--text`) and prints events as JSON Lines; stores nothing.

use std::io::Write;

use anyhow::Context;
use truce_pipeline::Pipeline;

use crate::Outcome;

#[derive(clap::Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub records: super::records::RecordsArgs,
    #[command(flatten)]
    pub pipeline: super::pipeline_args::PipelineArgs,
}

pub fn run(args: CodeArgs) -> anyhow::Result<Outcome> {
    let pipeline = Pipeline::new(args.pipeline.options())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut uncoded = super::UncodedLanguages::default();
    let unreadable = super::records::for_each_document(&args.records, |raw| {
        let processed = pipeline.process(raw);
        for diagnostic in &processed.diagnostics {
            eprintln!("truce: {diagnostic}");
        }
        failed |= !processed.diagnostics.is_empty();
        let place = match raw.line {
            Some(line) => format!("{}:{line}", raw.origin),
            None => raw.origin.clone(),
        };
        uncoded.note(&pipeline, &processed.article, &place);
        for event in &processed.events {
            serde_json::to_writer(&mut out, event)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush().context("cannot write to standard output")?;
    if let Some(line) = uncoded.summary_line() {
        eprintln!("truce: {line}");
    }
    Ok(if failed || unreadable {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}
