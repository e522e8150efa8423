//! One module per `truce` subcommand.

pub mod code;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod pipeline_args;
pub mod places;
pub mod records;
pub mod sources;
pub mod stats;
pub mod watch;
pub mod web_args;
pub mod web_input;

/// Articles left uncoded because truce has no pack for their language, counted by language.
/// The first article of each such language is named on stderr; the counts follow at the end.
#[derive(Debug, Default)]
pub(crate) struct UncodedLanguages {
    counts: std::collections::BTreeMap<String, u64>,
}

impl UncodedLanguages {
    /// Counts `article` if the pipeline does not code its language, naming the first of each.
    pub(crate) fn note(
        &mut self,
        pipeline: &truce_pipeline::Pipeline,
        article: &truce_core::Article,
        place: &str,
    ) {
        let Some(lang) = article.lang.as_deref() else {
            return;
        };
        if article.text.is_empty() || pipeline.codes_language(lang) {
            return;
        }
        let count = self.counts.entry(lang.to_string()).or_default();
        if *count == 0 {
            eprintln!(
                "truce: {place}: written in `{lang}`, a language truce has no pack for: stored, not coded (later articles in `{lang}` are counted at the end)"
            );
        }
        *count += 1;
    }

    pub(crate) fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    pub(crate) fn by_language(&self) -> &std::collections::BTreeMap<String, u64> {
        &self.counts
    }

    /// `3 articles not coded, in languages without a pack: ar 2, und 1`, or `None`.
    pub(crate) fn summary_line(&self) -> Option<String> {
        (!self.counts.is_empty()).then(|| {
            format!(
                "{} not coded, in languages without a pack: {}",
                ingest::counted(self.total(), "article", "articles"),
                counts_by_language(&self.counts)
            )
        })
    }
}

/// `ar 2, en 5, und 1`: article counts by language, as the commands print them.
pub(crate) fn counts_by_language(counts: &std::collections::BTreeMap<String, u64>) -> String {
    let languages: Vec<String> = counts
        .iter()
        .map(|(lang, count)| format!("{lang} {count}"))
        .collect();
    languages.join(", ")
}
