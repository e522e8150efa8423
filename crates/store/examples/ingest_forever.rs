//! Ingests synthetic articles into a store in batches; the crash test kills it half-way.
//!
//! Usage: `ingest_forever DB N_ARTICLES BATCH_SIZE`. The articles are the same on every run
//! (article `i` is generated from `i` alone), so running it again after a kill must store exactly
//! the articles the killed run did not commit. After each committed batch it prints
//! `committed batch=K new=N duplicates=D` and at the end
//! `done new=N duplicates=D articles=A sentences=S events=E mentions=M`, where the last four
//! count what was generated, for the test to compare with the store.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use truce_core::{
    ActorRef, Article, EventFlags, EventRecord, Evidence, Fatalities, Mention, MentionKind,
    PartialDate, PloverEvent, ProcessedArticle, Sentence, Span,
};
use truce_store::{IngestReport, Store};

const SUBJECTS: [(&str, &str); 6] = [
    ("The government", "GOV"),
    ("Rebel fighters", "REB"),
    ("The police", "COP"),
    ("Opposition leaders", "OPP"),
    ("The army", "MIL"),
    ("Local officials", "GOV"),
];
const COUNTRIES: [&str; 5] = ["AZE", "ARM", "IDN", "MEX", "SYR"];
const ACTIONS: [(&str, PloverEvent, &str); 5] = [
    ("withdrew troops from", PloverEvent::Retreat, "0874"),
    ("held talks with", PloverEvent::Consult, "040"),
    ("accused", PloverEvent::Accuse, "112"),
    ("protested against", PloverEvent::Protest, "141"),
    ("sent aid to", PloverEvent::Aid, "070"),
];
const OBJECTS: [&str; 5] = [
    "the northern province",
    "community representatives",
    "a neighbouring state",
    "the electoral commission",
    "displaced families",
];
const FILLERS: [&str; 6] = [
    "Witnesses described the scene in detail",
    "The statement was read on national television",
    "Observers expect further talks next month",
    "Prices in the capital rose sharply",
    "Schools remained closed for a second day",
    "A spokesperson declined to comment",
];

/// A small deterministic generator, so article `i` is identical on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

fn synthetic_article(article_idx: u64) -> ProcessedArticle {
    let mut random = Lcg(article_idx.wrapping_add(0x5eed));
    let (subject, sector) = SUBJECTS[random.next(SUBJECTS.len())];
    let country = COUNTRIES[random.next(COUNTRIES.len())];
    let (verb, plover, cameo) = ACTIONS[random.next(ACTIONS.len())];
    let object = OBJECTS[random.next(OBJECTS.len())];
    let day = 1 + random.next(28) as u8;
    let doc_id = format!("synthetic-{article_idx}");
    let mut text = format!("{subject} {verb} {object} on {day} May, report {article_idx} says.");
    let first_sentence = Span::new(0, text.len());
    let mut sentences = vec![Sentence {
        span: first_sentence,
        tokens: Vec::new(),
    }];
    for _ in 0..(2 + random.next(4)) {
        text.push(' ');
        let start = text.len();
        text.push_str(FILLERS[random.next(FILLERS.len())]);
        text.push('.');
        sentences.push(Sentence {
            span: Span::new(start, text.len()),
            tokens: Vec::new(),
        });
    }
    let date = PartialDate::day(2024, 5, day).map(|date| date.to_iso_prefix());
    let event = EventRecord {
        id: format!("{doc_id}-e0"),
        doc_id: doc_id.clone(),
        event: plover,
        mode: None,
        context: Vec::new(),
        cameo: cameo.to_string(),
        quad_class: 1,
        goldstein: 1.0,
        acled: None,
        date,
        date_precision: Some(truce_core::DatePrecision::Day),
        date_is_publication: false,
        actor: vec![ActorRef {
            text: subject.to_string(),
            code: format!("{country}{sector}"),
            country: Some(country.to_string()),
            sector: Some(sector.to_string()),
            country_source: None,
        }],
        recipient: Vec::new(),
        location: None,
        fatalities: Fatalities::default(),
        size: None,
        flags: EventFlags::default(),
        evidence: vec![Evidence {
            doc_id: doc_id.clone(),
            sentence: text[first_sentence.start..first_sentence.end].to_string(),
            start: first_sentence.start,
            end: first_sentence.end,
            lang: Some("en".to_string()),
            url: None,
        }],
        sources: Vec::new(),
        issues: Vec::new(),
        event_id: None,
        reports: None,
        first_reported: None,
    };
    let mentions = vec![Mention {
        kind: MentionKind::Actor,
        span: Span::new(0, subject.len()),
        code: format!("{country}{sector}"),
    }];
    let content_hash = Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    ProcessedArticle {
        article: Article {
            id: doc_id,
            lang: Some("en".to_string()),
            text,
            ..Article::default()
        },
        sentences,
        mentions,
        places: Vec::new(),
        events: vec![event],
        diagnostics: Vec::new(),
        content_hash,
    }
}

fn run(database: PathBuf, n_articles: u64, batch_size: u64) -> Result<(), String> {
    let mut store = Store::open(&database).map_err(|error| error.to_string())?;
    let mut stdout = std::io::stdout().lock();
    let mut totals = IngestReport::default();
    let (mut n_sentences, mut n_events, mut n_mentions) = (0_usize, 0_usize, 0_usize);
    let mut batch_start = 0;
    let mut batch_number = 0;
    while batch_start < n_articles {
        let batch_end = (batch_start + batch_size).min(n_articles);
        let batch: Vec<ProcessedArticle> =
            (batch_start..batch_end).map(synthetic_article).collect();
        for processed in &batch {
            n_sentences += processed.sentences.len();
            n_events += processed.events.len();
            n_mentions += processed.mentions.len();
        }
        let report = store
            .ingest_batch(&batch)
            .map_err(|error| error.to_string())?;
        totals.add(&report);
        batch_number += 1;
        // Printed only after the commit, so every batch the test sees announced is durable.
        writeln!(
            stdout,
            "committed batch={batch_number} new={} duplicates={}",
            report.new_articles, report.duplicates
        )
        .and_then(|()| stdout.flush())
        .map_err(|error| error.to_string())?;
        batch_start = batch_end;
    }
    writeln!(
        stdout,
        "done new={} duplicates={} articles={n_articles} sentences={n_sentences} \
         events={n_events} mentions={n_mentions}",
        totals.new_articles, totals.duplicates
    )
    .map_err(|error| error.to_string())
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match arguments.as_slice() {
        [database, n_articles, batch_size] => n_articles
            .parse::<u64>()
            .ok()
            .zip(batch_size.parse::<u64>().ok().filter(|size| *size > 0))
            .map(|(n_articles, batch_size)| (PathBuf::from(database), n_articles, batch_size)),
        _ => None,
    };
    let Some((database, n_articles, batch_size)) = parsed else {
        eprintln!("usage: ingest_forever DB N_ARTICLES BATCH_SIZE (BATCH_SIZE at least 1)");
        return ExitCode::from(2);
    };
    match run(database, n_articles, batch_size) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ingest_forever: {message}");
            ExitCode::FAILURE
        }
    }
}
