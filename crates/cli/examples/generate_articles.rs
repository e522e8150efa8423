//! Generates realistic news articles as JSON Lines, from the project's own texts, for the ingest benchmark and tests.
//!
//! Usage: `generate_articles OUTPUT.jsonl N_ARTICLES [SEED]`.
//!
//! The articles are built from real paragraphs in English, Spanish and Indonesian: the
//! paragraphs of `examples/*.txt` (after the same cleanup truce applies, so they are the text
//! truce codes) and the texts of `../shared/data/coding/dev/*-{en,es}.input.jsonl`. Each article
//! has a title, several paragraphs in one language and, often, the scraping leftovers the example
//! files carry (ad placeholders, comment counters, share prompts, credit lines) at its end.
//!
//! Articles are put together sentence by sentence, not paragraph by paragraph: the pools hold a
//! few dozen Indonesian paragraphs, and articles made of whole paragraphs from so small a pool
//! would share most of their text, so a quarter of them would be near copies of each other that
//! truce links instead of coding. Drawing sentences into new paragraphs keeps every article in
//! its language's real sentences while two articles share only a few of them, as two unrelated
//! news stories do, so the benchmark codes (nearly) every article it ingests.
//!
//! Every article's text is distinct by construction, not by luck: within a language, article
//! number `k` opens with the sentences whose pool indices are the digits of `k` written in base
//! (pool size), so two articles of the same language differ in at least one opening sentence.
//! Sentences are deduplicated and never contain a line break, so a different sequence of
//! sentences is a different text, before and after cleanup.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The languages generated, and how many articles in a hundred are in each.
const LANGUAGE_SHARES: [(&str, u64); 3] = [("en", 50), ("es", 25), ("id", 25)];

/// How many distinct articles each language must be able to produce at least.
const DISTINCT_ARTICLES_PER_LANGUAGE: u64 = 10_000_000;

/// Sentences after the distinguishing opening ones, drawn at random: between these bounds.
const EXTRA_SENTENCES: (u64, u64) = (4, 14);

/// Sentences per paragraph: between these bounds.
const SENTENCES_PER_PARAGRAPH: (u64, u64) = (1, 3);

/// One language's material: titles, paragraphs of body text, and leftover lines of scraped pages.
#[derive(Debug, Default)]
pub struct LanguagePool {
    pub lang: &'static str,
    pub titles: Vec<String>,
    pub paragraphs: Vec<String>,
    /// The sentences of the paragraphs, which articles are made of.
    pub sentences: Vec<String>,
    pub leftovers: Vec<String>,
}

/// Material for every generated language, in the order of [`LANGUAGE_SHARES`].
#[derive(Debug)]
pub struct ArticlePools {
    pub languages: Vec<LanguagePool>,
}

/// One generated article, as a JSON Lines record for `truce ingest`.
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    pub id: String,
    pub lang: &'static str,
    pub date: String,
    pub url: String,
    pub title: String,
    pub text: String,
}

impl GeneratedArticle {
    pub fn to_json_line(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "text": self.text,
            "date": self.date,
            "url": self.url,
            "lang": self.lang,
            "title": self.title,
        })
        .to_string()
    }
}

/// The folders of example articles: the workspace's own, and the project's seed article.
pub fn default_example_dirs() -> Vec<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        manifest_dir.join("../../examples"),
        manifest_dir.join("../../../shared/examples"),
    ]
}

/// The folder of the shared coding development sets.
pub fn default_dev_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/coding/dev")
}

impl ArticlePools {
    /// Read the pools from the example articles and, when the folder exists, the development sets.
    /// Folders that do not exist are skipped; too little text in a language is an error.
    pub fn load(example_dirs: &[PathBuf], dev_dir: &Path) -> Result<ArticlePools, String> {
        let mut languages: Vec<LanguagePool> = LANGUAGE_SHARES
            .iter()
            .map(|(lang, _)| LanguagePool {
                lang,
                ..LanguagePool::default()
            })
            .collect();
        let mut example_files: Vec<PathBuf> = example_dirs
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flatten()
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        example_files.sort();
        for path in &example_files {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(pool) = languages
                .iter_mut()
                .find(|pool| name.ends_with(&format!(".{}.txt", pool.lang)))
            else {
                continue;
            };
            let raw_text = std::fs::read_to_string(path)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            add_example_article(pool, &name, &raw_text)?;
        }
        for pool in &mut languages {
            let dev_file = dev_dir.join(format!(
                "{}-{}.input.jsonl",
                dev_set_name(pool.lang),
                pool.lang
            ));
            if let Ok(contents) = std::fs::read_to_string(&dev_file) {
                add_dev_texts(pool, &contents);
            }
            // The workspace's own test sentences, written for truce, add to the smaller pools.
            if let Some(own_file) = workspace_sentence_file(pool.lang)
                && let Ok(contents) = std::fs::read_to_string(&own_file)
            {
                add_dev_texts(pool, &contents);
            }
            // English has a second development set.
            if pool.lang == "en"
                && let Ok(contents) =
                    std::fs::read_to_string(dev_dir.join("plover-gsr-en.input.jsonl"))
            {
                add_dev_texts(pool, &contents);
            }
            let unique: BTreeSet<String> = pool.paragraphs.drain(..).collect();
            pool.paragraphs = unique.into_iter().collect();
            let sentences: BTreeSet<String> = pool
                .paragraphs
                .iter()
                .flat_map(|paragraph| sentences_of(paragraph))
                .collect();
            pool.sentences = sentences.into_iter().collect();
            let unique_leftovers: BTreeSet<String> = pool.leftovers.drain(..).collect();
            pool.leftovers = unique_leftovers.into_iter().collect();
            if pool.sentences.len() < 2 || pool.titles.is_empty() {
                return Err(format!(
                    "too little {} text under {example_dirs:?}",
                    pool.lang
                ));
            }
        }
        Ok(ArticlePools { languages })
    }

    /// Article number `article_idx` of a run with `seed`: the same inputs give the same article.
    pub fn article(&self, article_idx: u64, seed: u64) -> GeneratedArticle {
        let total_share: u64 = LANGUAGE_SHARES.iter().map(|(_, share)| share).sum();
        // Languages take turns in blocks of `total_share`, so the index within a language is
        // known without counting, and differs for every article of that language.
        let block = article_idx / total_share;
        let mut place_in_block = article_idx % total_share;
        let mut language_slot = 0;
        for (slot, (_, share)) in LANGUAGE_SHARES.iter().enumerate() {
            if place_in_block < *share {
                language_slot = slot;
                break;
            }
            place_in_block -= share;
        }
        let pool = &self.languages[language_slot];
        let index_in_language = block * LANGUAGE_SHARES[language_slot].1 + place_in_block;
        // SplitMix64 walks its state in steps of one constant, so starting article `k` at
        // `k` steps would make article `k + 1` draw the same numbers shifted by one: the
        // starting state is itself a mixed value, unrelated between neighbouring articles.
        let mut random = SplitMix64::new(
            SplitMix64::new(seed.rotate_left(32) ^ article_idx.wrapping_mul(0x9E37_79B9_7F4A_7C15))
                .next(),
        );

        let n_sentences = pool.sentences.len() as u64;
        let mut n_opening = 1;
        let mut capacity = n_sentences;
        while capacity < DISTINCT_ARTICLES_PER_LANGUAGE {
            n_opening += 1;
            capacity = capacity.saturating_mul(n_sentences);
        }
        // An affine map with a multiplier coprime to `capacity` is a bijection on
        // `0..capacity`: neighbouring articles get unrelated openings, and distinct articles
        // still get distinct ones.
        let mut multiplier: u128 = 0x2545_F491_4F6C_DD1D;
        while gcd(multiplier, u128::from(capacity)) != 1 {
            multiplier += 1;
        }
        let mut remaining = ((u128::from(index_in_language) * multiplier + u128::from(seed))
            % u128::from(capacity)) as u64;
        let mut sentence_indices: Vec<usize> = Vec::new();
        for _ in 0..n_opening {
            sentence_indices.push((remaining % n_sentences) as usize);
            remaining /= n_sentences;
        }
        let n_extra = random.between(EXTRA_SENTENCES.0, EXTRA_SENTENCES.1);
        for _ in 0..n_extra {
            sentence_indices.push(random.below(n_sentences) as usize);
        }

        let title = pool.titles[random.below(pool.titles.len() as u64) as usize].clone();
        let mut text = title.clone();
        let mut left_in_paragraph = 0;
        for sentence_idx in sentence_indices {
            if left_in_paragraph == 0 {
                text.push_str("\n\n");
                left_in_paragraph =
                    random.between(SENTENCES_PER_PARAGRAPH.0, SENTENCES_PER_PARAGRAPH.1);
            } else {
                text.push(' ');
            }
            text.push_str(&pool.sentences[sentence_idx]);
            left_in_paragraph -= 1;
        }
        // Two pages in five carry scraping leftovers, as real pages often do.
        if !pool.leftovers.is_empty() && random.below(5) < 2 {
            for _ in 0..random.between(1, 3) {
                text.push_str("\n\n");
                text.push_str(&pool.leftovers[random.below(pool.leftovers.len() as u64) as usize]);
            }
        }
        let year = 2023 + random.below(2);
        let month = 1 + random.below(12);
        let day = 1 + random.below(28);
        let id = format!("gen-{seed}-{article_idx}");
        GeneratedArticle {
            url: format!(
                "https://news.example.org/{}/{year}/{month:02}/{day:02}/{id}",
                pool.lang
            ),
            date: format!("{year}-{month:02}-{day:02}"),
            id,
            lang: pool.lang,
            title,
            text,
        }
    }
}

/// A JSON Lines file of the workspace's own news sentences in `lang`, records with a `text`.
fn workspace_sentence_file(lang: &str) -> Option<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    match lang {
        "id" => Some(manifest_dir.join("../pipeline/tests/data/id-sentences.jsonl")),
        _ => None,
    }
}

/// The development set named for each language.
fn dev_set_name(lang: &str) -> &'static str {
    match lang {
        "en" => "case2021-acled",
        "es" => "up-fight",
        _ => "none",
    }
}

/// Split an example article into its title, its body paragraphs as truce cleans them, and the
/// lines cleanup takes out (the leftovers).
fn add_example_article(pool: &mut LanguagePool, name: &str, raw_text: &str) -> Result<(), String> {
    let document = truce_sources::document_from_text(name, name, raw_text);
    let article =
        truce_extract::extract_article(&document).map_err(|diagnostic| diagnostic.to_string())?;
    let cleaned_paragraphs: Vec<String> = paragraphs_of(&article.text);
    let mut cleaned = cleaned_paragraphs.into_iter();
    if let Some(title) = cleaned.next() {
        pool.titles.push(title);
    }
    let body: Vec<String> = cleaned.collect();
    for line in paragraphs_of(raw_text) {
        if !article.text.contains(line.as_str()) {
            pool.leftovers.push(line);
        }
    }
    pool.paragraphs.extend(body);
    Ok(())
}

/// The texts of a development set's records (one short news paragraph each), without the
/// record-keeping prefix some sets put before ` | `.
fn add_dev_texts(pool: &mut LanguagePool, contents: &str) {
    for line in contents.lines() {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = record.get("text").and_then(|text| text.as_str()) else {
            continue;
        };
        let text = text.rsplit(" | ").next().unwrap_or(text);
        let paragraph = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if paragraph.len() >= 40 {
            pool.paragraphs.push(paragraph);
        }
    }
}

/// The sentences of a one-line paragraph: split after `.`, `!` or `?` followed by a space and an
/// upper-case letter or a digit, which is where news sentences end often enough for a benchmark
/// (an abbreviation before a name is occasionally split, and the pieces are still real text).
fn sentences_of(paragraph: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let characters: Vec<(usize, char)> = paragraph.char_indices().collect();
    for window in characters.windows(3) {
        let [(_, end_mark), (space_at, space), (_, next)] = window else {
            continue;
        };
        if matches!(end_mark, '.' | '!' | '?')
            && *space == ' '
            && (next.is_uppercase() || next.is_ascii_digit())
        {
            sentences.push(paragraph[start..*space_at].to_string());
            start = space_at + 1;
        }
    }
    sentences.push(paragraph[start..].to_string());
    sentences
        .into_iter()
        .filter(|sentence| sentence.split_whitespace().count() >= 4)
        .collect()
}

/// Non-empty paragraphs of `text`, each on one line with single spaces.
fn paragraphs_of(text: &str) -> Vec<String> {
    text.split("\n\n")
        .flat_map(|block| block.lines())
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

fn gcd(mut left: u128, mut right: u128) -> u128 {
    while right != 0 {
        (left, right) = (right, left % right);
    }
    left
}

/// A small deterministic generator (SplitMix64), so a seed always gives the same articles.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }
}

#[allow(
    dead_code,
    reason = "the crash test includes this file as a module and has its own main"
)]
fn main() -> std::process::ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (Some(output), Some(count)) = (arguments.first(), arguments.get(1)) else {
        eprintln!("usage: generate_articles OUTPUT.jsonl N_ARTICLES [SEED]");
        return std::process::ExitCode::from(2);
    };
    let Ok(n_articles) = count.parse::<u64>() else {
        eprintln!("generate_articles: N_ARTICLES must be a number, not `{count}`");
        return std::process::ExitCode::from(2);
    };
    let seed = arguments
        .get(2)
        .and_then(|seed| seed.parse::<u64>().ok())
        .unwrap_or(1);
    let pools = match ArticlePools::load(&default_example_dirs(), &default_dev_dir()) {
        Ok(pools) => pools,
        Err(message) => {
            eprintln!("generate_articles: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let written = std::fs::File::create(output).and_then(|file| {
        let mut out = BufWriter::new(file);
        for article_idx in 0..n_articles {
            writeln!(out, "{}", pools.article(article_idx, seed).to_json_line())?;
        }
        out.flush()
    });
    if let Err(error) = written {
        eprintln!("generate_articles: {output}: {error}");
        return std::process::ExitCode::from(2);
    }
    for pool in &pools.languages {
        eprintln!(
            "{}: {} titles, {} paragraphs, {} sentences, {} leftover lines",
            pool.lang,
            pool.titles.len(),
            pool.paragraphs.len(),
            pool.sentences.len(),
            pool.leftovers.len()
        );
    }
    std::process::ExitCode::SUCCESS
}
