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
//!
//! Copies are not coded twice. Before coding, each worker extracts its document and signs the
//! text ([`truce_dedupe::TextSignature`]); then, strictly in input order, the document is looked up
//! in one shared [`NearDuplicateIndex`] of first copies. A copy (the same words up to case and
//! punctuation, or a near copy above `--near-duplicate-threshold`) is stored uncoded and linked
//! to its first copy (`exact` or `near`); everything else is indexed as a first copy. Taking turns
//! in input order makes the first copy the earliest in the input whatever the number of workers,
//! so a re-run after an interruption takes the same decisions and the links come out the same.
//! The index starts with the signatures of every first copy already in the store, so a copy of an
//! article stored by an earlier run (an earlier poll of a feed, yesterday's archive) is linked
//! too. A first copy's signature and a copy's link are written in the same transaction as the
//! article itself.

use crate::Outcome;
use anyhow::Context;
use crossbeam_channel::{Receiver, RecvError, RecvTimeoutError, Sender, bounded};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};
use truce_core::{Article, Diagnostic, ProcessedArticle};
use truce_dedupe::{
    DEFAULT_NEAR_DUPLICATE_THRESHOLD, DuplicateMatch, MatchKind, NearDuplicateIndex, TextSignature,
};
use truce_pipeline::Pipeline;
use truce_sources::RawDocument;
use truce_store::{CopyOf, DuplicateKind, IngestItem, IngestReport, IngestTransaction, Store};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files (`.txt`, `.jsonl`, `.html`, WARC archives `.warc` and `.warc.gz`), folders (read
    /// recursively), `-` for standard input, or http(s) URLs: a feed's items or one page.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub settings: IngestSettings,
    #[command(flatten)]
    pub pipeline: super::pipeline_args::PipelineArgs,
    /// `text` prints a one-line summary on stderr; `json` also prints the counts as JSON on stdout.
    #[arg(long, value_enum, default_value_t = IngestFormat::Text)]
    pub format: IngestFormat,
    #[command(flatten)]
    pub web: super::web_args::WebArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IngestFormat {
    Text,
    Json,
}

/// The longest a processed article waits in an unwritten batch: a slow trickle of input (a feed
/// on standard input) or input that stalls is still committed regularly, and a crash loses at
/// most this much work.
const MAX_BATCH_AGE: Duration = Duration::from_secs(2);

/// Documents queued for the workers, per worker.
const WORK_QUEUE_PER_JOB: usize = 16;

/// Documents in flight (queued, being processed, or done and waiting for their turn), per worker.
const IN_FLIGHT_PER_JOB: usize = 64;

/// What `--format json` prints: the store's counts for this run plus what happened to the inputs.
/// `new_articles` counts the distinct articles stored (and coded) for the first time, as
/// `truce stats` counts articles; `linked_copies` counts the copies stored uncoded and linked to
/// their first copy (`near_duplicate_links` + `exact_duplicate_links`), which `truce stats`
/// counts among its duplicates.
#[derive(Debug, Default, Serialize)]
pub(crate) struct IngestSummary {
    #[serde(flatten)]
    pub(crate) report: IngestReport,
    /// Documents read and processed, whether stored or not.
    pub(crate) documents: u64,
    /// Inputs that could not be read, or were read with problems; each was reported on stderr.
    pub(crate) inputs_failed: u64,
    /// New articles stored but not coded because truce has no pack for their language, by
    /// language (`und` when it could not be identified).
    pub(crate) uncoded_by_language: std::collections::BTreeMap<String, u64>,
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
    /// For a copy: the first copy it repeats. The article is then uncoded.
    copy_of: Option<DuplicateMatch>,
    /// For a new first copy: its signature, stored so later runs can find its copies.
    signature: Option<Vec<u8>>,
}

/// A document for the workers, numbered in input order from 0.
struct Work {
    sequence: u64,
    document: RawDocument,
    reply_sender: Sender<Processed>,
}

pub fn run(args: IngestArgs) -> anyhow::Result<Outcome> {
    let pipeline = Pipeline::new(args.pipeline.options())?;
    // Opening the store before any work starts makes a bad `--db` fail at once.
    let mut store = Store::open(&args.settings.db)?;
    let fetcher = args.web.fetcher();
    let progress = progress_bar();
    // A large ingest into a smaller store writes without the search indexes and builds them
    // once at the end, which costs less than keeping them up to date row by row (see
    // `truce_store::SEARCH_INDEXES`). Any other ingest first builds those an interrupted
    // large ingest left out.
    let input_bytes = super::sources::local_input_bytes(&args.paths);
    if store.search_indexes_worth_setting_aside(input_bytes)? {
        store.set_aside_search_indexes()?;
    } else {
        build_search_indexes(&mut store, &progress)?;
    }
    let summary = ingest_documents(
        &args.settings,
        &pipeline,
        &mut store,
        || {
            super::sources::read_all_sources(&args.paths, &fetcher).inspect(|item| {
                if let Some(note) = item.as_ref().ok().and_then(super::sources::encoding_note) {
                    progress.suspend(|| eprintln!("truce: {note}"));
                }
            })
        },
        &progress,
    );
    // Built whether or not the ingest succeeded: queries need them either way.
    let built = build_search_indexes(&mut store, &progress);
    progress.finish_and_clear();
    let summary = summary?;
    built?;

    eprintln!("{}", summary_line(&summary));
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

/// Put the signature of every first copy in the store into `index`, oldest first, so this run
/// links copies of articles stored by earlier runs. Signatures written in another format of the
/// dedupe stage cannot be compared: those articles are signed again from their stored text.
fn index_stored_first_copies(
    store: &mut Store,
    index: &mut NearDuplicateIndex,
) -> anyhow::Result<()> {
    // Signatures an older truce stored in another format cannot be compared with new ones:
    // those first copies are signed again from their stored text, once, and the store keeps the
    // new signature. Index order stays the store's, so the earliest first copy still wins ties.
    let mut stored: Vec<(String, Option<TextSignature>)> = Vec::new();
    store
        .for_each_signature(|content_hash, bytes| {
            stored.push((content_hash.to_string(), TextSignature::from_bytes(bytes)));
        })
        .context("loading the near-duplicate signatures of stored articles")?;
    let mut re_signed: Vec<(String, Vec<u8>)> = Vec::new();
    for (content_hash, signature) in stored {
        let signature = match signature {
            Some(signature) => signature,
            None => {
                let Some(article) = store
                    .load_article(&content_hash)
                    .context("reading a stored article to sign it again")?
                else {
                    continue;
                };
                let signature = TextSignature::of(&article.article.text);
                re_signed.push((content_hash.clone(), signature.to_bytes()));
                signature
            }
        };
        index.insert_signature(content_hash, signature);
    }
    if !re_signed.is_empty() {
        store
            .replace_signatures(&re_signed)
            .context("storing the new near-duplicate signatures of stored articles")?;
    }
    Ok(())
}

/// How [`ingest_documents`] runs: the options `truce ingest` and `truce watch` share.
#[derive(clap::Args)]
pub struct IngestSettings {
    /// The store to write; created when missing (`truce watch` also keeps each feed's poll
    /// state in it).
    #[arg(long, env = "TRUCE_DB", default_value = "truce.db")]
    pub db: PathBuf,
    /// How many documents to process at once; defaults to one more than the number of CPUs.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// Articles stored per transaction (fewer when input pauses: a transaction commits at the
    /// latest two seconds after its first article). Articles are written as they come, so a
    /// large transaction costs no memory; it costs only what an interruption loses.
    #[arg(long, value_name = "N", default_value = "2048")]
    pub batch_size: NonZeroUsize,
    /// An article whose three-word shingles overlap an earlier article's this much (estimated
    /// Jaccard similarity, in (0, 1]) is stored as a near copy linked to it, not coded again; 1
    /// links only copies with the same words.
    #[arg(long, value_name = "SIMILARITY", default_value_t = DEFAULT_NEAR_DUPLICATE_THRESHOLD)]
    pub near_duplicate_threshold: f64,
}

/// Workers when `--jobs` is not given: one per CPU and one more. With one per CPU the cores sit
/// partly idle (while a worker waits for its turn at the index of first copies, or for the
/// writer to take its result). Two per CPU was the default while the writer was slow; once it
/// was not, the fourth worker on a 2-core machine only added switching and cache misses:
/// 100,000 generated articles took 48 s with three workers against 53 s with four, and 20,000
/// took 7.8 s with three, 8.1 s with two and 8.5 s with four (BENCHMARKS.md).
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(3, |cpus| cpus.get() + 1)
}

/// `1 input`, `3 inputs`: a count with its noun in the right number.
pub(crate) fn counted(count: impl Into<u64>, singular: &str, plural: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// The counts of one ingest as the line printed on stderr.
pub(crate) fn summary_line(summary: &IngestSummary) -> String {
    let mut line = format!(
        "{}, {} ({} joining an event already stored, {}), {} ({} already stored, {} linked to a first copy and not coded: {} near, {} exact), {} failed",
        counted(summary.report.new_articles, "new article", "new articles"),
        counted(summary.report.events, "report", "reports"),
        summary.report.reports_joined,
        counted(
            summary.report.world_events_started,
            "new real-world event",
            "new real-world events"
        ),
        counted(
            summary.report.duplicates + summary.report.linked_copies,
            "duplicate",
            "duplicates"
        ),
        summary.report.duplicates,
        counted(summary.report.linked_copies, "copy", "copies"),
        summary.report.near_duplicate_links,
        summary.report.exact_duplicate_links,
        counted(summary.inputs_failed, "input", "inputs"),
    );
    if !summary.uncoded_by_language.is_empty() {
        line.push_str(&format!(
            "\ntruce: {} stored but not coded, in languages without a pack: {}",
            counted(
                summary.uncoded_by_language.values().sum::<u64>(),
                "article",
                "articles"
            ),
            super::counts_by_language(&summary.uncoded_by_language)
        ));
    }
    if summary.report.copies_without_first_copy > 0 {
        line.push_str(&format!(
            "\ntruce: warning: {} copies were stored unlinked because their first copy is missing from the store (it failed to store); they were not coded",
            summary.report.copies_without_first_copy
        ));
    }
    line
}

/// Code and store the documents `read_documents` makes (files, records, fetched pages: anything
/// read as raw documents) through the reader, the workers and the single writer described in the
/// module documentation. The iterator is made and run on the reader thread.
pub(crate) fn ingest_documents<Documents>(
    settings: &IngestSettings,
    pipeline: &Pipeline,
    store: &mut Store,
    make_documents: impl FnOnce() -> Documents + Send,
    progress: &ProgressBar,
) -> anyhow::Result<IngestSummary>
where
    Documents: Iterator<Item = Result<RawDocument, Diagnostic>>,
{
    let n_jobs = settings
        .jobs
        .map(NonZeroUsize::get)
        .unwrap_or_else(default_jobs);
    let mut first_copies = NearDuplicateIndex::new(settings.near_duplicate_threshold)?;
    let had_articles = store.has_articles()?;
    if had_articles {
        index_stored_first_copies(store, &mut first_copies)?;
    }

    let (work_sender, work_receiver) = bounded::<Work>(n_jobs * WORK_QUEUE_PER_JOB);
    let (slot_sender, slot_receiver) = bounded::<Slot>(n_jobs * IN_FLIGHT_PER_JOB);
    let first_copies = InputOrderTurns::new(first_copies);
    std::thread::scope(|scope| {
        scope.spawn(move || read_documents(make_documents(), slot_sender, work_sender));
        for _ in 0..n_jobs {
            let work_receiver = work_receiver.clone();
            let pipeline = &pipeline;
            let first_copies = &first_copies;
            // Each worker reads the store through its own connection (WAL lets readers run
            // beside the writer) to skip coding content that is already stored. A new store
            // has nothing to skip, and a worker that cannot open one simply codes everything.
            let lookup = had_articles
                .then(|| Store::open_existing(&settings.db).ok())
                .flatten();
            scope.spawn(move || process_documents(pipeline, first_copies, lookup, work_receiver));
        }
        drop(work_receiver);
        write_in_order(
            store,
            pipeline,
            slot_receiver,
            settings.batch_size.get(),
            progress,
        )
    })
}

/// Build the search indexes the store lacks, saying so on the progress bar: on a large store
/// this takes seconds.
fn build_search_indexes(store: &mut Store, progress: &ProgressBar) -> anyhow::Result<()> {
    let missing = store.missing_search_indexes()?;
    if !missing.is_empty() {
        progress.set_message(format!(
            "building the search indexes ({})",
            missing.join(", ")
        ));
        store.build_search_indexes()?;
        progress.set_message("");
    }
    Ok(())
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
    documents: impl Iterator<Item = Result<RawDocument, Diagnostic>>,
    slot_sender: Sender<Slot>,
    work_sender: Sender<Work>,
) {
    let mut sequence = 0;
    for item in documents {
        match item {
            Ok(document) => {
                let (reply_sender, reply_receiver) = bounded(1);
                let work = Work {
                    sequence,
                    document,
                    reply_sender,
                };
                sequence += 1;
                if slot_sender.send(Slot::Document(reply_receiver)).is_err()
                    || work_sender.send(work).is_err()
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

/// The index of first copies, consulted by the workers one at a time in input order.
///
/// A worker waits for its document's turn, which comes once every earlier document has had its
/// own. This cannot deadlock: documents leave the work queue in input order and a worker takes
/// its turn before it takes another document, so the earliest document still waiting is held by
/// a worker that is about to take its turn.
struct InputOrderTurns {
    state: Mutex<TurnState>,
    turn_taken: Condvar,
}

struct TurnState {
    next_sequence: u64,
    first_copies: NearDuplicateIndex,
}

impl InputOrderTurns {
    fn new(first_copies: NearDuplicateIndex) -> InputOrderTurns {
        InputOrderTurns {
            state: Mutex::new(TurnState {
                next_sequence: 0,
                first_copies,
            }),
            turn_taken: Condvar::new(),
        }
    }

    /// Wait for document `sequence`'s turn, run `decide` on the index, and pass the turn on.
    fn in_turn<T>(&self, sequence: u64, decide: impl FnOnce(&mut NearDuplicateIndex) -> T) -> T {
        // A panic in another worker's turn cannot leave the index half-changed in a way that
        // matters (an entry is pushed whole or not at all), so a poisoned lock is used as is.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.next_sequence < sequence {
            state = self
                .turn_taken
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let decision = decide(&mut state.first_copies);
        state.next_sequence = sequence + 1;
        drop(state);
        self.turn_taken.notify_all();
        decision
    }
}

/// What a worker does with a document once its turn has come.
enum Decision {
    /// New content: run the whole pipeline, and store the signature (when known) with it. The
    /// article and its content hash come along when extraction already ran, so the pipeline
    /// does not extract and hash the document a second time.
    Code(Option<Box<Extracted>>, Option<Vec<u8>>),
    /// Content already stored, or repeated earlier in this input: hand the writer the extracted
    /// article uncoded; the store recognises the hash and counts the repeat.
    Repeat(Box<Article>, String),
    /// A copy of an earlier first copy: store it uncoded and link it.
    Copy(Box<Article>, String, DuplicateMatch),
}

/// A worker thread: runs the pipeline over documents until the reader is done.
fn process_documents(
    pipeline: &Pipeline,
    first_copies: &InputOrderTurns,
    lookup: Option<Store>,
    work_receiver: Receiver<Work>,
) {
    for work in work_receiver {
        let document = work.document;
        let origin = stored_origin(&document);
        // Extraction and signing run here, in parallel; only the lookup takes turns. A panic
        // while preparing must not keep this document from taking its turn, or every later
        // document would wait for ever: the document is then simply coded.
        let prepared = catch_unwind(AssertUnwindSafe(|| {
            prepare_for_lookup(&document, lookup.as_ref())
        }))
        .ok()
        .flatten();
        let decision = first_copies.in_turn(work.sequence, |index| decide(index, prepared));
        let (article, copy_of, signature) = match decision {
            Decision::Repeat(article, content_hash) => {
                (Ok(uncoded(*article, content_hash)), None, None)
            }
            Decision::Copy(article, content_hash, first_copy) => {
                (Ok(uncoded(*article, content_hash)), Some(first_copy), None)
            }
            Decision::Code(extracted, signature) => (
                code_document(pipeline, &document, extracted.map(|extracted| *extracted)),
                None,
                signature,
            ),
        };
        drop(document);
        // The writer only goes away when it failed, and then this result is not wanted.
        let _ = work.reply_sender.send(Processed {
            origin,
            article,
            copy_of,
            signature,
        });
    }
}

/// A document's extracted article and the content hash of its text.
struct Extracted {
    article: Article,
    content_hash: String,
}

/// A document extracted and signed, ready for its turn at the index.
struct Prepared {
    article: Article,
    content_hash: String,
    signature: TextSignature,
    already_stored: bool,
}

/// Extract and sign `document`; `None` when it cannot be extracted (the pipeline then reports
/// why). Extraction, hashing and signing cost a small fraction of coding.
fn prepare_for_lookup(document: &RawDocument, lookup: Option<&Store>) -> Option<Prepared> {
    let article = truce_extract::extract_article(document).ok()?;
    let content_hash = truce_pipeline::content_hash(&article.text);
    let signature = TextSignature::of(&article.text);
    // A failed lookup only means the content is coded again; the store still stores it once.
    let already_stored =
        lookup.is_some_and(|store| store.contains_content_hash(&content_hash).unwrap_or(false));
    Some(Prepared {
        article,
        content_hash,
        signature,
        already_stored,
    })
}

/// The decision for one document, taken in input order: a copy of an indexed first copy is
/// linked to it; anything else becomes a first copy itself, coded unless already stored.
fn decide(index: &mut NearDuplicateIndex, prepared: Option<Prepared>) -> Decision {
    let Some(prepared) = prepared else {
        return Decision::Code(None, None);
    };
    match index.find_signature(&prepared.signature) {
        // The same bytes as a first copy: a plain repeat, which the store counts.
        Some(found) if found.first_copy_content_hash == prepared.content_hash => {
            Decision::Repeat(Box::new(prepared.article), prepared.content_hash)
        }
        Some(found) => Decision::Copy(Box::new(prepared.article), prepared.content_hash, found),
        None => {
            let signature_bytes = (!prepared.already_stored).then(|| prepared.signature.to_bytes());
            index.insert_signature(prepared.content_hash.clone(), prepared.signature);
            match signature_bytes {
                Some(bytes) => Decision::Code(
                    Some(Box::new(Extracted {
                        article: prepared.article,
                        content_hash: prepared.content_hash,
                    })),
                    Some(bytes),
                ),
                None => Decision::Repeat(Box::new(prepared.article), prepared.content_hash),
            }
        }
    }
}

/// An extracted article with its content hash and nothing coded, for content that is stored (or
/// linked) but not coded again.
fn uncoded(article: Article, content_hash: String) -> ProcessedArticle {
    ProcessedArticle {
        article,
        content_hash,
        ..ProcessedArticle::default()
    }
}

/// Run the pipeline over `document`.
fn code_document(
    pipeline: &Pipeline,
    document: &RawDocument,
    extracted: Option<Extracted>,
) -> Result<ProcessedArticle, Diagnostic> {
    // A panic is a bug in truce, but one document that triggers it should not lose the rest of
    // the batch: it becomes a diagnostic on that document (the panic message itself has already
    // been printed by the panic hook).
    catch_unwind(AssertUnwindSafe(|| match extracted {
        Some(extracted) => {
            pipeline.process_extracted(document, extracted.article, extracted.content_hash)
        }
        None => pipeline.process(document),
    }))
    .map_err(|_| Diagnostic {
        origin: document.origin.clone(),
        line: document.line,
        message: "internal error: processing this document panicked; please report it".to_string(),
    })
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
    pipeline: &Pipeline,
    slot_receiver: Receiver<Slot>,
    batch_size: usize,
    progress: &ProgressBar,
) -> anyhow::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut uncoded = super::UncodedLanguages::default();
    // Articles are written as their results arrive, into a transaction left open until it holds
    // `batch_size` articles or its oldest is `MAX_BATCH_AGE` old. Writing as they come, rather
    // than collecting a batch and then writing it, keeps the workers busy while the writer
    // works, and lets a transaction hold thousands of articles (each index page it touches is
    // then logged once per thousands of articles, not once per few hundred) without holding
    // them all in memory.
    let mut open: Option<IngestTransaction<'_>> = None;
    let mut open_since = Instant::now();
    let mut n_in_open = 0;
    let report_problem = |diagnostic: &Diagnostic| {
        progress.suspend(|| eprintln!("truce: {diagnostic}"));
    };
    loop {
        // While a transaction is open, stalled input (a pipe, a feed) must not hold it back: the
        // wait for the next document ends when the transaction comes of age, and it commits.
        let slot = if open.is_none() {
            match slot_receiver.recv() {
                Ok(slot) => slot,
                Err(RecvError) => break,
            }
        } else {
            let age_left = MAX_BATCH_AGE.saturating_sub(open_since.elapsed());
            match slot_receiver.recv_timeout(age_left) {
                Ok(slot) => slot,
                Err(RecvTimeoutError::Timeout) => {
                    commit(&mut open, &mut summary)?;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
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
        if processed.copy_of.is_none() {
            let place = processed.origin.as_deref().unwrap_or("-");
            progress.suspend(|| uncoded.note(pipeline, &article.article, place));
        }
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
        let transaction = match &mut open {
            Some(transaction) => transaction,
            None => {
                open_since = Instant::now();
                n_in_open = 0;
                open.insert(store.begin_ingest()?)
            }
        };
        // Copies are stored with their links and first copies with their signatures; a copy's
        // first copy is always stored by then, earlier in this transaction or in an earlier one,
        // since it came earlier in the input.
        transaction.write(IngestItem {
            origin: processed.origin.as_deref(),
            article: &article,
            signature: processed.signature.as_deref(),
            copy_of: processed.copy_of.as_ref().map(|first_copy| CopyOf {
                first_copy_content_hash: &first_copy.first_copy_content_hash,
                kind: match first_copy.kind {
                    MatchKind::Exact => DuplicateKind::Exact,
                    MatchKind::Near => DuplicateKind::Near,
                },
                similarity: first_copy.similarity,
            }),
        })?;
        n_in_open += 1;
        if n_in_open >= batch_size || open_since.elapsed() >= MAX_BATCH_AGE {
            commit(&mut open, &mut summary)?;
        }
    }
    commit(&mut open, &mut summary)?;
    summary.uncoded_by_language = uncoded.by_language().clone();
    Ok(summary)
}

/// Commit the open transaction, if any, and add its counts to `summary`.
fn commit(
    open: &mut Option<IngestTransaction<'_>>,
    summary: &mut IngestSummary,
) -> anyhow::Result<()> {
    if let Some(transaction) = open.take() {
        summary.report.add(&transaction.commit()?);
    }
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
                near_duplicate_links: 1,
                ..IngestReport::default()
            },
            documents: 4,
            inputs_failed: 2,
            uncoded_by_language: [("ar".to_string(), 1)].into_iter().collect(),
        };
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["uncoded_by_language"]["ar"], 1);
        assert_eq!(json["new_articles"], 3);
        assert_eq!(json["duplicates"], 1);
        assert_eq!(json["documents"], 4);
        assert_eq!(json["inputs_failed"], 2);
        assert_eq!(json["near_duplicate_links"], 1);
        assert_eq!(json["exact_duplicate_links"], 0);
    }
}
