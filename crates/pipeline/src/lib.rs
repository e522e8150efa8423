//! The article-to-events pipeline: the one place that knows the order of truce's stages.
//!
//! `Pipeline::process` takes a raw document and runs extract → language → segment → code →
//! recognise (flags, quantities) → resolve dates → places (mentions, event locations, actor
//! countries) → merge repeats, returning a
//! `ProcessedArticle` whose every span points into the article's cleaned text. Coders are built
//! lazily, once per language, and shared by every thread that processes articles.

mod assemble;
mod locate;
mod merge;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};
use truce_coding::{Coder, CoderSettings};
use truce_core::{Article, Diagnostic, PartialDate, ProcessedArticle};
use truce_places::{ArticlePlaces, Gazetteer, PlaceFinder};
use truce_sources::RawDocument;

pub use assemble::event_id;

/// The language tag of a text too short or too unusual to identify: BCP 47's "undetermined".
/// No pack has it, so such a text is stored and not coded, like any language without a pack.
pub const UNDETERMINED_LANGUAGE: &str = "und";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error("could not load the dictionaries at {path}: {message}")]
    Dictionaries { path: PathBuf, message: String },
    #[error("could not build the coder for language `{lang}`: {message}")]
    LanguageCoder { lang: String, message: String },
    #[error("could not find places: {message}")]
    Places { message: String },
}

/// Whose conventions the coder follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Conventions {
    /// truce's own: events with an unnamed doer kept, actors' countries filled from the place,
    /// the main clause's event coded.
    #[default]
    Product,
    /// PETRARCH-2's: dyads only, every verb coded, actors' codes as the dictionaries give them.
    Petrarch,
    /// TABARI's: as PETRARCH-2's; the `.project` file's options do the rest.
    Tabari,
}

impl Conventions {
    fn coder_settings(self) -> CoderSettings {
        match self {
            Conventions::Product => CoderSettings::default(),
            Conventions::Petrarch | Conventions::Tabari => CoderSettings::VALIDATION,
        }
    }
}

/// Per-run overrides, from the command line.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Code every article with this TABARI `.project` or PETRARCH folder instead of the packs.
    pub dictionaries: Option<PathBuf>,
    /// Treat every article as written in this language.
    pub lang: Option<String>,
    /// Treat every article as published on this date.
    pub date: Option<PartialDate>,
    /// Whose coding conventions to follow.
    pub conventions: Conventions,
    /// Give each sentence its segmenter tokens. Off by default: the coder, recognition and dates
    /// read the sentence text their own way, no command prints or stores tokens, and making the
    /// normalised form of every token was about a tenth of an ingest worker's time.
    pub sentence_tokens: bool,
}

/// A language's coder, built on first use; the error says why it could not be built.
type CoderCell = OnceLock<Result<Arc<Coder>, String>>;
/// A language's place finder, built on first use, or why it could not be.
type PlaceFinderCell = OnceLock<Result<Arc<PlaceFinder>, String>>;

/// The pipeline with its coders. Cheap to share across threads (`&Pipeline` is `Sync`).
pub struct Pipeline {
    options: PipelineOptions,
    /// A coder built from `--dictionaries`, used for every language when present.
    analyst_coder: Option<Arc<Coder>>,
    /// Coders built from the bundled language packs, one per language, on first use.
    pack_coders: Mutex<HashMap<String, Arc<CoderCell>>>,
    /// Place finders of the language packs, one per language, on first use.
    place_finders: Mutex<HashMap<String, Arc<PlaceFinderCell>>>,
}

impl Pipeline {
    pub fn new(options: PipelineOptions) -> Result<Pipeline, PipelineError> {
        let analyst_coder = match &options.dictionaries {
            Some(path) => Some(Arc::new(
                Coder::load_path(path)
                    .map_err(|error| PipelineError::Dictionaries {
                        path: path.clone(),
                        message: error.to_string(),
                    })?
                    .with_settings(options.conventions.coder_settings()),
            )),
            None => None,
        };
        Ok(Pipeline {
            options,
            analyst_coder,
            pack_coders: Mutex::new(HashMap::new()),
            place_finders: Mutex::new(HashMap::new()),
        })
    }

    /// Whether articles in `lang` are coded: by the analyst's dictionaries, which code every
    /// article, or by the language's pack. An article in a language without a pack is stored
    /// with its language and not coded: another language's verbs would only code noise.
    pub fn codes_language(&self, lang: &str) -> bool {
        self.analyst_coder.is_some() || truce_lang::pack(lang).is_some()
    }

    /// The coder for a language: the analyst's dictionaries when given, else the language's pack
    /// (built once); a language without a pack has none.
    pub fn coder_for(&self, lang: &str) -> Result<Arc<Coder>, PipelineError> {
        if let Some(coder) = &self.analyst_coder {
            return Ok(coder.clone());
        }
        let pack_code = truce_lang::pack(lang)
            .map(|pack| pack.code)
            .ok_or_else(|| PipelineError::LanguageCoder {
                lang: lang.to_string(),
                message: "no language pack".to_string(),
            })?;
        let cell = {
            let mut coders = self
                .pack_coders
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            coders.entry(pack_code.to_string()).or_default().clone()
        };
        let settings = self.options.conventions.coder_settings();
        let built = cell.get_or_init(|| {
            build_pack_coder(pack_code).map(|coder| Arc::new(coder.with_settings(settings)))
        });
        built
            .clone()
            .map_err(|message| PipelineError::LanguageCoder {
                lang: pack_code.to_string(),
                message,
            })
    }

    /// The place finder of a language's pack; a language without a pack has none, so its
    /// articles get no places rather than another language's cues.
    pub fn place_finder_for(&self, lang: &str) -> Result<Option<Arc<PlaceFinder>>, PipelineError> {
        let Some(pack) = truce_lang::pack(lang) else {
            return Ok(None);
        };
        let cell = {
            let mut finders = self
                .place_finders
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            finders.entry(pack.code.to_string()).or_default().clone()
        };
        let built = cell.get_or_init(|| {
            PlaceFinder::for_pack(pack)
                .map(Arc::new)
                .map_err(|error| error.to_string())
        });
        built
            .clone()
            .map(Some)
            .map_err(|message| PipelineError::Places { message })
    }

    /// Finds the places of an extracted article in its language, as `truce places` prints them.
    pub fn find_places(
        &self,
        article: &Article,
        lang: &str,
    ) -> Result<ArticlePlaces, PipelineError> {
        let Some(finder) = self.place_finder_for(lang)? else {
            return Ok(ArticlePlaces::default());
        };
        let gazetteer = Gazetteer::bundled().map_err(|error| PipelineError::Places {
            message: error.to_string(),
        })?;
        let url = article.url.as_deref().or(article.source_url.as_deref());
        Ok(finder.find(&article.text, url, gazetteer))
    }

    /// Build the coder and the place finder for a language now (and load the gazetteer), so
    /// their start-up cost is not charged to the first article.
    pub fn warm_up(&self, lang: &str) -> Result<(), PipelineError> {
        self.coder_for(lang)?;
        self.place_finder_for(lang)?;
        Gazetteer::bundled().map_err(|error| PipelineError::Places {
            message: error.to_string(),
        })?;
        Ok(())
    }

    /// The language an article is processed in (the run's `--lang`, the record's, else
    /// identified), written into the article.
    fn settle_language(&self, article: &mut Article) -> String {
        let lang = match (&self.options.lang, &article.lang) {
            (Some(forced), _) => forced.clone(),
            (None, Some(known)) => known.clone(),
            (None, None) => match truce_language::identify(&article.text) {
                Some((identified, confidence)) => {
                    article.lang_confidence = Some(confidence);
                    identified
                }
                None => UNDETERMINED_LANGUAGE.to_string(),
            },
        };
        article.lang = Some(lang.clone());
        lang
    }

    /// Extracts one document and finds its places, without coding it (`truce places`).
    pub fn places_of(&self, raw: &RawDocument) -> Result<(Article, ArticlePlaces), Diagnostic> {
        let mut article = truce_extract::extract_article(raw)?;
        let lang = self.settle_language(&mut article);
        let places = self
            .find_places(&article, &lang)
            .map_err(|error| Diagnostic {
                origin: raw.origin.clone(),
                line: raw.line,
                message: error.to_string(),
            })?;
        Ok((article, places))
    }

    /// Run every stage over one document. Problems become diagnostics on the result; a document
    /// that cannot be extracted at all comes back with no text and the diagnostic.
    pub fn process(&self, raw: &RawDocument) -> ProcessedArticle {
        match truce_extract::extract_article(raw) {
            Ok(article) => {
                let content_hash = content_hash(&article.text);
                self.process_extracted(raw, article, content_hash)
            }
            Err(diagnostic) => ProcessedArticle {
                diagnostics: vec![diagnostic],
                ..ProcessedArticle::default()
            },
        }
    }

    /// [`Pipeline::process`] for a document already extracted (by
    /// `truce_extract::extract_article`) into `article`, whose text hashes to `content_hash`
    /// ([`content_hash`]). Ingest extracts and hashes every document before deciding whether it
    /// is a copy, and would otherwise do both again for every document it codes.
    pub fn process_extracted(
        &self,
        raw: &RawDocument,
        mut article: Article,
        content_hash: String,
    ) -> ProcessedArticle {
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        if let Some(date) = self.options.date {
            article.date = Some(date);
            article.date_source = Some(truce_core::DateSource::Given);
        }
        let lang = self.settle_language(&mut article);
        let sentences = if self.options.sentence_tokens {
            truce_segment::segment(&article.text, &lang)
        } else {
            truce_segment::segment_sentences(&article.text, &lang)
        };
        // An article in a language without a pack is stored uncoded, and that is no problem
        // of the article's; a pack whose coder cannot be built is.
        let coder = match self.coder_for(&lang) {
            Ok(coder) => Some(coder),
            Err(_) if !self.codes_language(&lang) => None,
            Err(error) => {
                diagnostics.push(Diagnostic {
                    origin: raw.origin.clone(),
                    line: raw.line,
                    message: error.to_string(),
                });
                None
            }
        };
        let Some(coder) = coder else {
            return ProcessedArticle {
                article,
                sentences,
                content_hash,
                diagnostics,
                ..ProcessedArticle::default()
            };
        };
        let time_expressions =
            truce_dates::find_time_expressions(&article.text, &lang, article.date);
        let mut events = Vec::new();
        let mut anchors = Vec::new();
        let mut mentions = Vec::new();
        let sentence_cues: Vec<std::cell::OnceCell<truce_core::AcledCues>> =
            std::iter::repeat_with(std::cell::OnceCell::new)
                .take(sentences.len())
                .collect();
        for (sentence_index, sentence) in sentences.iter().enumerate() {
            let context = assemble::SentenceContext {
                article: &article,
                lang: &lang,
                sentences: &sentences,
                sentence_index,
                time_expressions: &time_expressions,
                peer_conventions: self.options.conventions != Conventions::Product,
                sentence_cues: &sentence_cues,
            };
            assemble::code_sentence(
                &coder,
                &context,
                sentence,
                &mut events,
                &mut anchors,
                &mut mentions,
            );
        }
        let places = match self.find_places(&article, &lang) {
            Ok(places) => places,
            Err(error) => {
                diagnostics.push(Diagnostic {
                    origin: raw.origin.clone(),
                    line: raw.line,
                    message: error.to_string(),
                });
                ArticlePlaces::default()
            }
        };
        if let Ok(gazetteer) = Gazetteer::bundled() {
            // The peer coders give an actor the code their dictionaries spell; a country from
            // the place is truce's own reading.
            let fill_countries = self.options.conventions == Conventions::Product;
            locate::locate_events(&mut events, &anchors, &places, gazetteer, fill_countries);
        }
        // Actor codes may have gained a country, and the id hashes the codes.
        for (event, anchor) in events.iter_mut().zip(&anchors) {
            event.id = assemble::event_id(event, anchor.verb);
        }
        let events = merge::merge_repeated_events(events);
        ProcessedArticle {
            article,
            sentences,
            mentions,
            places: places.mentions,
            events,
            diagnostics,
            content_hash,
        }
    }
}

fn build_pack_coder(pack_code: &str) -> Result<Coder, String> {
    let pack =
        truce_lang::pack(pack_code).ok_or_else(|| format!("no language pack for `{pack_code}`"))?;
    Coder::from_language_pack(pack).map_err(|error| error.to_string())
}

/// Hex SHA-256 of a text: the identity of an article's content.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}
