//! Helpers the end-to-end tests share: real article texts from the project's example and development texts, news pages around them, edited copies, and reading a run's output.

// These helpers run only inside tests, where a panic is the failure report we want.
#![allow(clippy::unwrap_used, dead_code)]

#[path = "../../examples/generate_articles.rs"]
pub mod generate_articles;

use generate_articles::{ArticlePools, default_dev_dir, default_example_dirs};
use std::process::Output;

/// Words each test article has at least: long enough for shingles to tell copies from news.
pub const MIN_ARTICLE_WORDS: usize = 90;

pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Distinct article texts of at least [`MIN_ARTICLE_WORDS`] words, each made of its own
/// paragraphs of the project's English example and development texts: no two share a paragraph.
pub fn distinct_articles(n_articles: usize) -> Vec<Vec<String>> {
    let pools = ArticlePools::load(&default_example_dirs(), &default_dev_dir()).unwrap();
    let english = pools
        .languages
        .iter()
        .find(|pool| pool.lang == "en")
        .unwrap();
    let mut articles = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for paragraph in &english.paragraphs {
        current.push(paragraph.clone());
        let n_words: usize = current
            .iter()
            .map(|paragraph| paragraph.split_whitespace().count())
            .sum();
        if n_words >= MIN_ARTICLE_WORDS {
            articles.push(std::mem::take(&mut current));
            if articles.len() == n_articles {
                return articles;
            }
        }
    }
    panic!(
        "the English pool gives only {} articles of {MIN_ARTICLE_WORDS} words",
        articles.len()
    );
}

/// A news page around `paragraphs`, with the navigation and footer real pages carry.
pub fn html_page(title: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|paragraph| format!("<p>{}</p>\n", escape_html(paragraph)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n\
         <article><h1>{title}</h1>\n{body}</article>\n\
         <footer>Copyright The Test Gazette</footer></body></html>\n"
    )
}

pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Change every `every_nth` word of `text` to another word, as a copy editor might.
pub fn edit_words(text: &str, every_nth: usize) -> String {
    text.split(' ')
        .enumerate()
        .map(|(word_idx, word)| {
            if word_idx % every_nth == every_nth / 2 {
                "reportedly"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Near copies of five of `originals` (at least 41), edited the ways aggregators edit: a few
/// words changed, a note on the source or a correction added, an appeal to readers appended.
/// (Share prompts and "Advertisement" lines would not do: cleanup removes them, and the copy is
/// then byte for byte the original, a plain repeat.) Each comes with its original's index.
pub fn copy_edits(originals: &[String]) -> Vec<(usize, String)> {
    vec![
        (3, edit_words(&originals[3], 30)),
        (
            10,
            format!(
                "Our partner newspaper first published this report.\n\n{}",
                edit_words(&originals[10], 50)
            ),
        ),
        (
            17,
            format!(
                "{}\n\nThe Test Gazette is funded by its readers. Support independent journalism today.",
                originals[17]
            ),
        ),
        (
            29,
            format!(
                "{}\n\nRead more: the latest from our correspondents.",
                edit_words(&originals[29], 40)
            ),
        ),
        (
            40,
            format!(
                "{}\n\nThis story has been corrected to give the right name of the village.",
                originals[40]
            ),
        ),
    ]
}
