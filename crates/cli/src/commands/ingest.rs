//! `truce ingest`: reads sources, codes them on several threads and stores them through one writer.
//!
//! Three kinds of thread share the work. One reader walks the sources in order; `--jobs`
//! workers run the pipeline; this thread is the only writer, and stores the results in input
//! order, in batches of one transaction each. Order is kept without unbounded buffering: for each
//! document the reader creates a one-message reply channel, hands the document and the reply's
//! sender to the workers, and queues the reply's receiver for the writer on a bounded channel. The
//! writer waits for the replies in that queue's order, so at most the queue's capacity of
//! documents is ever in flight, whatever one slow document holds up.
//!
//! An interrupted ingest loses at most the batch being written: every committed batch is whole,
//! and the store's content hashes make the next run skip what is already stored.

use crate::Outcome;
use anyhow::Context;
use crossbeam_channel::{Receiver, Sender, bounded};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use truce_core::{Diagnostic, PartialDate, ProcessedArticle};
use truce_pipeline::{Pipeline, PipelineOptions};
use truce_sources::RawDocument;
use truce_store::{IngestReport, Store};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files (`.txt`, `.jsonl`, `.html`), folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The store to write; created when missing.
    #[arg(long, env = "TRUCE_DB", default_value = "truce.db")]
    pub db: PathBuf,
    /// How many documents to process at once; defaults to the number of CPUs.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// Treat every article as written in this language (BCP 47, e.g. `id`).
    #[arg(long)]
    pub lang: Option<String>,
    /// Treat every article as published on this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// Code with this TABARI `.project` file or PETRARCH-format folder instead of the bundled dictionaries.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// `text` prints a one-line summary on stderr; `json` also prints the counts as JSON on stdout.
    #[arg(long, value_enum, default_value_t = IngestFormat::Text)]
    pub format: IngestFormat,
    /// Articles stored per transaction.
    #[arg(long, value_name = "N", default_value = "256")]
    pub batch_size: NonZeroUsize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IngestFormat {
    Text,
    Json,
}

fn parse_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse_iso(text).map_err(|error| error.to_string())
}

/// The longest a processed article waits in an unwritten batch: a slow trickle of input (a feed
/// on standard input) is still committed regularly, and a crash loses at most this much work.
const MAX_BATCH_AGE: Duration = Duration::from_secs(2);

/// Documents queued for the workers, per worker.
const WORK_QUEUE_PER_JOB: usize = 16;

/// Documents in flight (queued, being processed, or done and waiting for their turn), per worker.
const IN_FLIGHT_PER_JOB: usize = 64;

/// What `--format json` prints: the store's counts for this run plus what happened to the inputs.
#[derive(Debug, Default, Serialize)]
struct IngestSummary {
    #[serde(flatten)]
    report: IngestReport,
    /// Documents read and processed, whether stored or not.
    documents: u64,
    /// Inputs that could not be read, or were read with problems; each was reported on stderr.
    inputs_failed: u64,
}

/// One entry of the writer's queue, in input order.
enum Slot {
    /// A document handed to the workers; its result arrives on this receiver.
    Document(Receiver<Processed>),
    /// An input the reader could not turn into a document (or a warning about one).
    Unreadable(Diagnostic),
}

/// A worker's result for one document.
struct Processed {
    /// Where the document came from, as stored on its row: the file, or `file:line` for a record.
    origin: Option<String>,
    /// The pipeline's output, or the diagnostic saying the pipeline failed on this document.
    article: Result<ProcessedArticle, Diagnostic>,
}

pub fn run(args: IngestArgs) -> anyhow::Result<Outcome> {
    let n_jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let pipeline = Pipeline::new(PipelineOptions {
        dictionaries: args.dictionaries.clone(),
        lang: args.lang.clone(),
        date: args.date,
    })?;
    // Opening the store before any work starts makes a bad `--db` fail at once.
    let mut store = Store::open(&args.db)?;
    let had_articles = store.stats()?.articles > 0;
    let progress = progress_bar();

    let (work_sender, work_receiver) =
        bounded::<(RawDocument, Sender<Processed>)>(n_jobs * WORK_QUEUE_PER_JOB);
    let (slot_sender, slot_receiver) = bounded::<Slot>(n_jobs * IN_FLIGHT_PER_JOB);
    let summary = std::thread::scope(|scope| {
        let paths = &args.paths;
        scope.spawn(move || read_documents(paths, slot_sender, work_sender));
        for _ in 0..n_jobs {
            let work_receiver = work_receiver.clone();
            let pipeline = &pipeline;
            // Each worker reads the store through its own connection (WAL lets readers run
            // beside the writer) to skip coding content that is already stored. A new store
            // has nothing to skip, and a worker that cannot open one simply codes everything.
            let lookup = had_articles
                .then(|| Store::open_existing(&args.db).ok())
                .flatten();
            scope.spawn(move || process_documents(pipeline, lookup, work_receiver));
        }
        drop(work_receiver);
        write_in_order(&mut store, slot_receiver, args.batch_size.get(), &progress)
    });
    progress.finish_and_clear();
    let summary = summary?;

    eprintln!(
        "{} new articles, {} duplicates, {} events, {} inputs failed",
        summary.report.new_articles,
        summary.report.duplicates,
        summary.report.events,
        summary.inputs_failed
    );
    if args.format == IngestFormat::Json {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        serde_json::to_writer(&mut out, &summary)?;
        writeln!(out)
            .and_then(|()| out.flush())
            .context("writing to standard output")?;
    }
    Ok(if summary.inputs_failed > 0 {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}

/// The progress bar on stderr, counting documents; drawn only when stderr is a terminal.
fn progress_bar() -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let progress = ProgressBar::with_draw_target(None, target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {human_pos} documents  {per_sec}  {elapsed}  {msg}")
    {
        progress.set_style(style);
    }
    progress.enable_steady_tick(Duration::from_millis(200));
    progress
}

/// The reader thread: walks the sources in order, queueing every document for the workers and
/// its reply for the writer. Stops early when the writer has gone (it failed).
fn read_documents(
    paths: &[PathBuf],
    slot_sender: Sender<Slot>,
    work_sender: Sender<(RawDocument, Sender<Processed>)>,
) {
    for item in truce_sources::read_sources(paths) {
        match item {
            Ok(document) => {
                let (reply_sender, reply_receiver) = bounded(1);
                if slot_sender.send(Slot::Document(reply_receiver)).is_err()
                    || work_sender.send((document, reply_sender)).is_err()
                {
                    return;
                }
            }
            Err(diagnostic) => {
                if slot_sender.send(Slot::Unreadable(diagnostic)).is_err() {
                    return;
                }
            }
        }
    }
}

/// A worker thread: runs the pipeline over documents until the reader is done.
fn process_documents(
    pipeline: &Pipeline,
    lookup: Option<Store>,
    work_receiver: Receiver<(RawDocument, Sender<Processed>)>,
) {
    for (document, reply_sender) in work_receiver {
        let origin = stored_origin(&document);
        if let Some(stored) = lookup
            .as_ref()
            .and_then(|store| already_stored(store, &document))
        {
            let _ = reply_sender.send(Processed {
                origin,
                article: Ok(stored),
            });
            continue;
        }
        // A panic is a bug in truce, but one document that triggers it should not lose the
        // rest of the batch: it becomes a diagnostic on that document (the panic message itself
        // has already been printed by the panic hook).
        let article =
            catch_unwind(AssertUnwindSafe(|| pipeline.process(&document))).map_err(|_| {
                Diagnostic {
                    origin: document.origin.clone(),
                    line: document.line,
                    message: "internal error: processing this document panicked; please report it"
                        .to_string(),
                }
            });
        drop(document);
        // The store keeps sentence spans but not their tokens; freeing the tokens here, on the
        // thread that allocated them, spares the single writer thousands of small frees per batch.
        let article = article.map(|mut article| {
            for sentence in &mut article.sentences {
                sentence.tokens = Vec::new();
            }
            article
        });
        // The writer only goes away when it failed, and then this result is not wanted.
        let _ = reply_sender.send(Processed { origin, article });
    }
}

/// When `document`'s content is already in the store, the article to hand the writer instead of
/// coding it again: the extracted article with its content hash and nothing coded. The store
/// recognises the hash, writes nothing and counts the repeat, exactly as it would for the fully
/// processed article. Extraction and hashing cost a small fraction of coding, so re-ingesting a
/// folder costs little. `None` (code it) when the content is new or anything fails here; the
/// pipeline then reports problems itself.
fn already_stored(store: &Store, document: &RawDocument) -> Option<ProcessedArticle> {
    let article = truce_extract::extract_article(document).ok()?;
    let content_hash = truce_pipeline::content_hash(&article.text);
    match store.contains_content_hash(&content_hash) {
        Ok(true) => Some(ProcessedArticle {
            article,
            content_hash,
            ..ProcessedArticle::default()
        }),
        Ok(false) | Err(_) => None,
    }
}

/// The origin stored with a document: its file, with the line for a JSON Lines record; none for
/// standard input, which names nothing that could be found again.
fn stored_origin(document: &RawDocument) -> Option<String> {
    if document.origin == "-" {
        return None;
    }
    Some(match document.line {
        Some(line) => format!("{}:{line}", document.origin),
        None => document.origin.clone(),
    })
}

/// The writer: takes results in input order, reports problems, and stores articles in batches.
fn write_in_order(
    store: &mut Store,
    slot_receiver: Receiver<Slot>,
    batch_size: usize,
    progress: &ProgressBar,
) -> anyhow::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut batch: Vec<(Option<String>, ProcessedArticle)> = Vec::with_capacity(batch_size);
    let mut oldest_in_batch = Instant::now();
    let report_problem = |diagnostic: &Diagnostic| {
        progress.suspend(|| eprintln!("truce: {diagnostic}"));
    };
    for slot in slot_receiver {
        let processed = match slot {
            Slot::Unreadable(diagnostic) => {
                report_problem(&diagnostic);
                summary.inputs_failed += 1;
                progress.set_message(format!("{} failed", summary.inputs_failed));
                continue;
            }
            Slot::Document(reply_receiver) => match reply_receiver.recv() {
                Ok(processed) => processed,
                Err(_) => anyhow::bail!("a worker thread stopped without a result"),
            },
        };
        summary.documents += 1;
        progress.inc(1);
        let article = match processed.article {
            Ok(article) => article,
            Err(diagnostic) => {
                report_problem(&diagnostic);
                summary.inputs_failed += 1;
                progress.set_message(format!("{} failed", summary.inputs_failed));
                continue;
            }
        };
        if !article.diagnostics.is_empty() {
            article.diagnostics.iter().for_each(report_problem);
            summary.inputs_failed += 1;
            progress.set_message(format!("{} failed", summary.inputs_failed));
        }
        // A document the pipeline could not extract comes back without text or hash: there is
        // nothing to store, and its diagnostic has been reported.
        if article.content_hash.is_empty() {
            continue;
        }
        if batch.is_empty() {
            oldest_in_batch = Instant::now();
        }
        batch.push((processed.origin, article));
        if batch.len() >= batch_size || oldest_in_batch.elapsed() >= MAX_BATCH_AGE {
            write_batch(store, &mut batch, &mut summary.report)?;
        }
    }
    write_batch(store, &mut batch, &mut summary.report)?;
    Ok(summary)
}

/// Store `batch` in one transaction, add its counts to `report`, and empty it.
fn write_batch(
    store: &mut Store,
    batch: &mut Vec<(Option<String>, ProcessedArticle)>,
    report: &mut IngestReport,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let batch_report = store.ingest_with_origins(
        batch
            .iter()
            .map(|(origin, article)| (origin.as_deref(), article)),
    )?;
    report.add(&batch_report);
    batch.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_stored_with_their_line_and_standard_input_without_origin() {
        let mut document = truce_sources::document_from_text("a", "news/a.jsonl", "Text.");
        document.line = Some(7);
        assert_eq!(stored_origin(&document).as_deref(), Some("news/a.jsonl:7"));
        document.line = None;
        assert_eq!(stored_origin(&document).as_deref(), Some("news/a.jsonl"));
        let piped = truce_sources::document_from_text("stdin", "-", "Text.");
        assert_eq!(stored_origin(&piped), None);
    }

    #[test]
    fn the_json_summary_flattens_the_store_report() {
        let summary = IngestSummary {
            report: IngestReport {
                new_articles: 3,
                duplicates: 1,
                ..IngestReport::default()
            },
            documents: 4,
            inputs_failed: 2,
        };
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["new_articles"], 3);
        assert_eq!(json["duplicates"], 1);
        assert_eq!(json["documents"], 4);
        assert_eq!(json["inputs_failed"], 2);
    }
}
