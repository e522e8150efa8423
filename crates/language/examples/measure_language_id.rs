//! Measures language identification accuracy and speed on English, Indonesian and Spanish texts, short and long; prints the table in LANGUAGE_ID.md.
//!
//! Run from the workspace root: `cargo run --release -p truce-language --example measure_language_id`.
//! Texts: the example articles in `examples/` and `../shared/examples/` (whole, by paragraph and
//! by sentence), the English and Spanish coding dev records in `../shared/data/coding/dev/`
//! (one record each, and five consecutive records joined), and, where the machine has them, the
//! translated messages in `/usr/share/locale/{id,es}/LC_MESSAGES/*.mo` with their English
//! originals (short interface sentences of four words or more).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use whatlang::{Detector, Lang};

const OUR_LANGUAGES: [&str; 3] = ["en", "id", "es"];

struct Sample {
    lang: &'static str,
    /// "sentence", "paragraph" or "article"; what the length class is.
    length_class: &'static str,
    corpus: &'static str,
    text: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lang_of_example(file_name: &str) -> Option<&'static str> {
    OUR_LANGUAGES
        .into_iter()
        .find(|lang| file_name.ends_with(&format!(".{lang}.txt")))
}

fn push_article_samples(samples: &mut Vec<Sample>, lang: &'static str, text: &str) {
    samples.push(Sample {
        lang,
        length_class: "article",
        corpus: "example articles",
        text: text.to_string(),
    });
    for paragraph in text
        .split('\n')
        .filter(|line| line.split_whitespace().count() >= 20)
    {
        samples.push(Sample {
            lang,
            length_class: "paragraph",
            corpus: "example articles",
            text: paragraph.to_string(),
        });
    }
    for sentence in truce_segment::segment(text, lang) {
        let sentence_text = &text[sentence.span.start..sentence.span.end];
        if sentence_text.split_whitespace().count() >= 4 {
            samples.push(Sample {
                lang,
                length_class: "sentence",
                corpus: "example articles",
                text: sentence_text.to_string(),
            });
        }
    }
}

fn example_samples(samples: &mut Vec<Sample>) {
    let folders = [
        workspace_root().join("examples"),
        workspace_root().join("../shared/examples"),
    ];
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        for path in paths {
            let file_name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (Some(lang), Ok(raw_text)) =
                (lang_of_example(&file_name), std::fs::read_to_string(&path))
            else {
                continue;
            };
            // Measure on cleaned text, as the pipeline does.
            let document = without_short_lines(&raw_text);
            push_article_samples(samples, lang, &document);
        }
    }
}

/// The example files' leftovers (comment counters, share prompts) are a few words; dropping lines
/// of fewer than four words approximates the cleanup stage without depending on it.
fn without_short_lines(raw_text: &str) -> String {
    raw_text
        .lines()
        .filter(|line| line.split_whitespace().count() >= 4)
        .collect::<Vec<_>>()
        .join("\n")
}

fn dev_record_samples(samples: &mut Vec<Sample>) {
    let dev = workspace_root().join("../shared/data/coding/dev");
    // Arabic has no pack: it checks that a variant tuned for en/id/es still names other languages.
    for (file_name, lang) in [
        ("case2021-acled-en.input.jsonl", "en"),
        ("plover-gsr-en.input.jsonl", "en"),
        ("up-fight-es.input.jsonl", "es"),
        ("arabic-assault-ar.input.jsonl", "ar"),
    ] {
        let Ok(contents) = std::fs::read_to_string(dev.join(file_name)) else {
            continue;
        };
        let texts: Vec<String> = contents
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|record| record.get("text")?.as_str().map(str::to_string))
            // The Spanish records start with a date and a record id before ` | `.
            .map(|text| text.rsplit(" | ").next().unwrap_or(&text).to_string())
            .collect();
        for text in &texts {
            samples.push(Sample {
                lang,
                length_class: "sentence",
                corpus: "coding dev records",
                text: text.clone(),
            });
        }
        for chunk in texts.chunks(5).filter(|chunk| chunk.len() == 5) {
            samples.push(Sample {
                lang,
                length_class: "paragraph",
                corpus: "coding dev records",
                text: chunk.join(" "),
            });
        }
    }
}

/// The (original, translation) pairs of a GNU `.mo` file.
fn read_mo_file(bytes: &[u8]) -> Vec<(String, String)> {
    let word = |offset: usize| -> Option<u32> {
        Some(u32::from_le_bytes(
            bytes.get(offset..offset + 4)?.try_into().ok()?,
        ))
    };
    let string_at = |table: usize, index: usize| -> Option<String> {
        let length = word(table + index * 8)? as usize;
        let offset = word(table + index * 8 + 4)? as usize;
        let raw = bytes.get(offset..offset + length)?;
        let first_form = raw.split(|&byte| byte == 0).next()?;
        String::from_utf8(first_form.to_vec()).ok()
    };
    let (Some(0x9504_12de), Some(count), Some(originals), Some(translations)) =
        (word(0), word(8), word(12), word(16))
    else {
        return Vec::new();
    };
    (0..count as usize)
        .filter_map(|index| {
            Some((
                string_at(originals as usize, index)?,
                string_at(translations as usize, index)?,
            ))
        })
        .filter(|(original, _)| !original.is_empty())
        .collect()
}

/// Interface strings without format specifiers, accelerators and line breaks; `None` when fewer
/// than four words of letters remain.
fn clean_message(message: &str) -> Option<String> {
    let words: Vec<&str> = message
        .split_whitespace()
        .filter(|word| {
            !word.contains(['%', '{', '}', '<', '>', '=', '/', '\\', '$', '@'])
                && !word.starts_with('-')
        })
        .collect();
    let letter_words = words
        .iter()
        .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    (letter_words >= 4).then(|| words.join(" ").replace(['&', '_'], ""))
}

fn message_samples(samples: &mut Vec<Sample>, per_language_limit: usize) {
    let mut english_seen = std::collections::HashSet::new();
    for lang in ["id", "es"] {
        let folder = PathBuf::from(format!("/usr/share/locale/{lang}/LC_MESSAGES"));
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        let mut n_taken = 0;
        for path in paths {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for (original, translation) in read_mo_file(&bytes) {
                if n_taken >= per_language_limit {
                    break;
                }
                let (Some(original), Some(translation)) =
                    (clean_message(&original), clean_message(&translation))
                else {
                    continue;
                };
                if original == translation {
                    continue;
                }
                let lang_static: &'static str = if lang == "id" { "id" } else { "es" };
                samples.push(Sample {
                    lang: lang_static,
                    length_class: "sentence",
                    corpus: "interface messages",
                    text: translation,
                });
                if english_seen.insert(original.clone()) {
                    samples.push(Sample {
                        lang: "en",
                        length_class: "sentence",
                        corpus: "interface messages",
                        text: original,
                    });
                }
                n_taken += 1;
            }
        }
    }
}

fn tag(lang: Lang) -> &'static str {
    truce_language::tag_for_lang(lang)
}

fn main() {
    let mut samples = Vec::new();
    example_samples(&mut samples);
    dev_record_samples(&mut samples);
    message_samples(&mut samples, 600);
    let pack_languages: Vec<Lang> = OUR_LANGUAGES
        .iter()
        .filter_map(|tag| truce_language::lang_for_tag(tag))
        .collect();
    let all_languages = Detector::new();
    let packs_only = Detector::with_allowlist(pack_languages.clone());
    let guess_with = |detector: &Detector, text: &str| {
        detector
            .detect(text)
            .map(|info| tag(info.lang()).to_string())
    };
    type Variant<'a> = (&'static str, Box<dyn Fn(&str) -> Option<String> + 'a>);
    let variants: Vec<Variant> = vec![
        (
            "whatlang, all 70 languages (whatlang's default)",
            Box::new(|text: &str| guess_with(&all_languages, text)),
        ),
        (
            "whatlang, only en/id/es (allow-list)",
            Box::new(|text: &str| guess_with(&packs_only, text)),
        ),
        (
            "whatlang, all languages; an unreliable Latin-script guess without a pack is retried with the allow-list (truce's choice)",
            Box::new(|text: &str| truce_language::identify(text).map(|(tag, _)| tag)),
        ),
    ];
    let mut counts: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for sample in &samples {
        *counts
            .entry((sample.corpus, sample.lang, sample.length_class))
            .or_default() += 1;
    }
    println!("## Samples\n\n| corpus | language | length | texts |\n| --- | --- | --- | --- |");
    for ((corpus, lang, length_class), count) in &counts {
        println!("| {corpus} | {lang} | {length_class} | {count} |");
    }
    for (variant_name, guess_language) in &variants {
        let mut correct: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
        let mut confusions: BTreeMap<(&str, String), usize> = BTreeMap::new();
        let started = Instant::now();
        for sample in &samples {
            let guess = guess_language(&sample.text).unwrap_or_else(|| "none".into());
            let entry = correct
                .entry((sample.lang, sample.length_class))
                .or_default();
            entry.1 += 1;
            if guess == sample.lang {
                entry.0 += 1;
            } else {
                *confusions.entry((sample.lang, guess)).or_default() += 1;
            }
        }
        let elapsed = started.elapsed();
        println!("\n## {variant_name}\n");
        println!("| language | length | correct | accuracy |\n| --- | --- | --- | --- |");
        for ((lang, length_class), (n_correct, n_total)) in &correct {
            println!(
                "| {lang} | {length_class} | {n_correct}/{n_total} | {:.1} % |",
                100.0 * *n_correct as f64 / *n_total as f64
            );
        }
        let mut confusion_list: Vec<_> = confusions.into_iter().collect();
        confusion_list.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        let listed: Vec<String> = confusion_list
            .iter()
            .take(8)
            .map(|((truth, guess), n)| format!("{truth}→{guess} ×{n}"))
            .collect();
        println!("\nMost frequent errors: {}", listed.join(", "));
        println!(
            "Speed: {} texts in {:.1} ms ({:.1} µs per text).",
            samples.len(),
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e6 / samples.len() as f64
        );
    }
}
