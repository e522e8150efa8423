//! Sentences without tokens: skipping tokens changes nothing else the pipeline finds.

use truce_pipeline::{Pipeline, PipelineOptions};

/// The repository's example articles, in English, Spanish and Indonesian.
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

#[test]
fn an_article_without_tokens_has_the_same_sentences_events_and_mentions() {
    let with_tokens = Pipeline::new(PipelineOptions {
        sentence_tokens: true,
        ..PipelineOptions::default()
    })
    .expect("the bundled packs load");
    let without_tokens = Pipeline::new(PipelineOptions::default()).expect("the bundled packs load");
    let mut n_articles = 0;
    let mut n_events = 0;
    for entry in std::fs::read_dir(EXAMPLES).expect("the examples folder is readable") {
        let path = entry.expect("a readable folder entry").path();
        if path.extension().and_then(|extension| extension.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable example");
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let raw = truce_sources::document_from_text(&id, path.display().to_string(), text);
        let full = with_tokens.process(&raw);
        let lean = without_tokens.process(&raw);
        assert!(
            full.sentences
                .iter()
                .any(|sentence| !sentence.tokens.is_empty())
        );
        assert!(
            lean.sentences
                .iter()
                .all(|sentence| sentence.tokens.is_empty())
        );
        let spans = |article: &truce_core::ProcessedArticle| {
            article
                .sentences
                .iter()
                .map(|sentence| sentence.span)
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(&lean), spans(&full), "{id}");
        assert_eq!(lean.events, full.events, "{id}");
        assert_eq!(lean.mentions, full.mentions, "{id}");
        assert_eq!(lean.article, full.article, "{id}");
        n_articles += 1;
        n_events += full.events.len();
    }
    assert!(n_articles >= 6, "found {n_articles} example articles");
    assert!(n_events > 0);
}
