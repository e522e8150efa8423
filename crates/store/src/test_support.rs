//! Hand-built articles and events for the store's unit tests, and scratch directories.

use sha2::{Digest, Sha256};
use std::path::PathBuf;
use truce_core::{
    ActorRef, Article, DatePrecision, DateSource, EventFlags, EventRecord, Evidence, Fatalities,
    Location, Mention, MentionKind, PartialDate, PloverEvent, ProcessedArticle, Sentence, Span,
};

/// A unique, empty directory under the system temp dir, removed when dropped.
pub(crate) struct ScratchDir(pub PathBuf);

impl ScratchDir {
    pub(crate) fn new(label: &str) -> ScratchDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "truce-store-{label}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        ScratchDir(path)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// An article with one sentence per `. `-terminated piece of `text`, and no events.
pub(crate) fn article(id: &str, text: &str) -> ProcessedArticle {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (offset, _) in text.match_indices(". ") {
        sentences.push(Sentence {
            span: Span::new(start, offset + 1),
            tokens: Vec::new(),
        });
        start = offset + 2;
    }
    if start < text.len() {
        sentences.push(Sentence {
            span: Span::new(start, text.len()),
            tokens: Vec::new(),
        });
    }
    ProcessedArticle {
        article: Article {
            id: id.to_string(),
            text: text.to_string(),
            lang: Some("en".to_string()),
            ..Article::default()
        },
        sentences,
        content_hash: content_hash(text),
        ..ProcessedArticle::default()
    }
}

/// An event of `processed` coded from its sentence number `sentence_idx`.
#[allow(clippy::too_many_arguments)] // A test fixture: each argument is one filterable field.
pub(crate) fn event(
    processed: &ProcessedArticle,
    sentence_idx: usize,
    plover: PloverEvent,
    cameo: &str,
    date: Option<(&str, DatePrecision)>,
    actor: (&str, &str, Option<&str>),
    recipient: (&str, &str, Option<&str>),
) -> EventRecord {
    let span = processed.sentences[sentence_idx].span;
    let sentence = span.slice(&processed.article.text).unwrap().to_string();
    let actor_ref = |(text, code, country): (&str, &str, Option<&str>)| ActorRef {
        text: text.to_string(),
        code: code.to_string(),
        country: country.map(str::to_string),
        sector: None,
        country_source: None,
    };
    EventRecord {
        id: format!("{}#{}#{}", processed.article.id, sentence_idx, cameo),
        doc_id: processed.article.id.clone(),
        event: plover,
        mode: None,
        context: Vec::new(),
        cameo: cameo.to_string(),
        quad_class: 1,
        goldstein: 1.0,
        acled: None,
        date: date.map(|(text, _)| text.to_string()),
        date_precision: date.map(|(_, precision)| precision),
        date_is_publication: false,
        actor: vec![actor_ref(actor)],
        recipient: vec![actor_ref(recipient)],
        location: None,
        fatalities: Fatalities::default(),
        size: None,
        flags: EventFlags::default(),
        evidence: vec![Evidence {
            doc_id: processed.article.id.clone(),
            sentence,
            start: span.start,
            end: span.end,
            lang: processed.article.lang.clone(),
            url: processed.article.url.clone(),
        }],
        sources: Vec::new(),
        issues: Vec::new(),
        event_id: None,
        reports: None,
        first_reported: None,
    }
}

/// An article with every field of the article and of one event filled in, for round trips.
pub(crate) fn fully_populated_article() -> ProcessedArticle {
    let text = "Pasukan penjaga perdamaian Rusia mulai menarik diri dari Nagorno-Karabakh. \
                Sedikitnya 3 orang tewas.";
    let mut processed = article("karabakh", text);
    processed.article.url = Some("https://example.org/berita-185240612223242498.htm".into());
    processed.article.title = Some("Rusia menarik pasukan".into());
    processed.article.date = PartialDate::day(2024, 6, 12);
    processed.article.date_source = Some(DateSource::Url);
    processed.article.lang = Some("id".into());
    processed.article.lang_confidence = Some(0.97);
    processed.article.source_url = Some("https://example.org/original".into());
    processed.article.credited_sources = vec!["AFP".into(), "Reuters".into()];
    processed.article.outlet = Some("example.org".into());
    processed.article.authors = vec!["A. Penulis".into()];
    processed.diagnostics = vec![truce_core::Diagnostic {
        origin: "karabakh.txt".into(),
        line: Some(3),
        message: "an unreadable byline was dropped".into(),
    }];
    processed.mentions = vec![
        Mention {
            kind: MentionKind::Actor,
            span: Span::new(0, 32),
            code: "RUSMIL".into(),
        },
        Mention {
            kind: MentionKind::Place,
            span: Span::new(57, 73),
            code: "AZE".into(),
        },
    ];
    processed.places = vec![
        truce_core::PlaceMention {
            span: Span::new(27, 32),
            text: "Rusia".into(),
            kind: truce_core::PlaceMentionKind::Demonym,
            cue: truce_core::PlaceCue::Bare,
            name: "Russia".into(),
            geonames_id: Some(2_017_370),
            lat: 60.0,
            lon: 100.0,
            country: Some("RUS".into()),
            admin1: None,
            feature: Some("A.PCLI".into()),
            precision: Some(truce_core::LocationPrecision::Country),
            confidence: 0.75,
        },
        truce_core::PlaceMention {
            span: Span::new(57, 73),
            text: "Nagorno-Karabakh".into(),
            kind: truce_core::PlaceMentionKind::Place,
            cue: truce_core::PlaceCue::Preposition,
            name: "Nagorno-Karabakh".into(),
            geonames_id: None,
            lat: 39.8,
            lon: 46.7,
            country: Some("AZE".into()),
            admin1: None,
            feature: Some("L.RGN".into()),
            precision: Some(truce_core::LocationPrecision::Admin1),
            confidence: 0.9,
        },
    ];
    let mut record = event(
        &processed,
        0,
        PloverEvent::Retreat,
        "0874",
        Some(("2024-06-12", DatePrecision::Day)),
        ("pasukan penjaga perdamaian Rusia", "RUSMIL", Some("RUS")),
        ("Nagorno-Karabakh", "AZE", Some("AZE")),
    );
    record.mode = Some("withdraw".into());
    record.context = vec!["military".into()];
    record.quad_class = 2;
    record.goldstein = 7.0;
    record.acled = Some("CHANGE_TO_GROUP_ACT".into());
    record.date_is_publication = true;
    record.actor[0].sector = Some("MIL".into());
    record.actor[0].country_source = Some(truce_core::CountrySource::Location);
    record.location = Some(Location {
        name: "Nagorno-Karabakh".into(),
        country: Some("AZE".into()),
        admin1: Some("Karabakh".into()),
        lat: Some(39.8),
        lon: Some(46.7),
        geonames_id: Some(148_445),
        precision: Some(truce_core::LocationPrecision::Admin1),
    });
    record.fatalities = Fatalities {
        best: Some(3),
        low: Some(3),
        high: None,
    };
    record.size = Some(2000);
    record.flags = EventFlags {
        negated: false,
        future: true,
        hypothetical: false,
        historical: true,
    };
    record.sources = vec!["AFP".into()];
    record.issues = vec!["PEACEKEEPING".into()];
    processed.events = vec![record];
    processed
}
