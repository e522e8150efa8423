//! Article extraction: a raw document becomes an `Article` whose cleaned text every later span points into.
//!
//! The steps: a web page goes through `truce-html`'s main-content extractor; scraping
//! leftovers are removed by the cleanup rules of every language pack plus this crate's generic
//! rules (the language is not known yet); credit lines (`Sumber: …`) are taken out of the text and
//! kept as the source URL and credited sources; the publication date comes from the record, else
//! from a date pattern in the article's URL or its credited source's URL (`data/url_dates.toml`).

pub mod cleanup;
pub mod credits;
pub mod url_dates;

use truce_core::{Article, DateSource, Diagnostic};
use truce_html::metadata::PageDateRule;
use truce_sources::{DocumentKind, RawDocument};

pub use cleanup::{CleanedText, CleanupError, CleanupRules};
pub use credits::Credit;
pub use url_dates::{UrlDateError, UrlDateTable};

/// Why a raw document gave no article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    #[error("the bundled cleanup rules do not load: {0}")]
    CleanupRules(&'static CleanupError),
    #[error("the bundled URL date table does not load: {0}")]
    UrlDates(&'static UrlDateError),
    #[error("no article text is left once scraping leftovers and credit lines are removed")]
    NothingLeft,
    #[error("the page holds no article: {0}")]
    Html(#[from] truce_html::HtmlError),
    #[error(
        "the article text is {bytes} bytes, more than the {limit} an article may have; split it into its articles"
    )]
    TextTooLong { bytes: usize, limit: usize },
}

/// The longest article text coded, in bytes. News articles are a few kilobytes; coding takes
/// time linear in the text but about forty bytes of memory per byte of it, so a text of tens of
/// megabytes (a book, a database dump in one record) is refused with a reason rather than
/// coded.
pub const MAX_ARTICLE_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Clean a raw document into an article. A document that leaves no text is a diagnostic naming
/// its origin and line.
pub fn extract_article(raw: &RawDocument) -> Result<Article, Diagnostic> {
    extract(raw).map_err(|error| Diagnostic {
        origin: raw.origin.clone(),
        line: raw.line,
        message: error.to_string(),
    })
}

fn extract(raw: &RawDocument) -> Result<Article, ExtractError> {
    let rules = CleanupRules::bundled().map_err(ExtractError::CleanupRules)?;
    let url_dates = UrlDateTable::bundled().map_err(ExtractError::UrlDates)?;
    // A web page goes through truce-html's main-content extractor first; its metadata fills
    // what the record does not say. The URL date table below stays the URL's authority, so the
    // page is read without its URL.
    let page = match raw.kind {
        DocumentKind::Html => Some(truce_html::extract_html_text(&raw.text, None)?),
        DocumentKind::Text | DocumentKind::JsonRecord => None,
    };
    let body = page
        .as_ref()
        .map_or_else(|| raw.text.clone(), |page| page.text.clone());
    let html_title = page.as_ref().and_then(|page| page.title.clone());
    if body.len() > MAX_ARTICLE_TEXT_BYTES {
        return Err(ExtractError::TextTooLong {
            bytes: body.len(),
            limit: MAX_ARTICLE_TEXT_BYTES,
        });
    }
    let cleaned = rules.clean(&body);
    if cleaned.text.is_empty() {
        return Err(ExtractError::NothingLeft);
    }
    let source_url = cleaned.credits.iter().find_map(|credit| credit.url.clone());
    let mut credited_sources: Vec<String> = Vec::new();
    for name in cleaned.credits.iter().flat_map(|credit| &credit.names) {
        if !credited_sources.contains(name) {
            credited_sources.push(name.clone());
        }
    }
    let (date, date_source) = match raw.date {
        Some(date) => (Some(date), Some(DateSource::Given)),
        None => {
            let from_url = raw
                .url
                .iter()
                .chain(source_url.iter())
                .find_map(|url| url_dates.date_in_url(url));
            match (from_url, page.as_ref().and_then(|page| page.date)) {
                (Some(date), _) => (Some(date), Some(DateSource::Url)),
                (None, Some(date)) => {
                    let source = match page.as_ref().and_then(|page| page.date_rule) {
                        Some(PageDateRule::Url) => DateSource::Url,
                        Some(PageDateRule::DateElement | PageDateRule::VisibleText) => {
                            DateSource::Text
                        }
                        _ => DateSource::Metadata,
                    };
                    (Some(date), Some(source))
                }
                (None, None) => (None, None),
            }
        }
    };
    let outlet = page
        .as_ref()
        .and_then(|page| page.outlet.clone())
        .or_else(|| {
            raw.url
                .as_deref()
                .and_then(credits::host_of)
                .map(|host| host.trim_start_matches("www.").to_string())
        });
    Ok(Article {
        id: raw.id.clone(),
        url: raw.url.clone(),
        title: raw.title.clone().or(html_title),
        date,
        date_source,
        lang: raw
            .lang
            .clone()
            .or_else(|| page.as_ref().and_then(|page| page.lang.clone())),
        lang_confidence: None,
        text: cleaned.text,
        source_url,
        credited_sources,
        outlet,
        authors: page.map(|page| page.authors).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_core::PartialDate;
    use truce_sources::document_from_text;

    #[test]
    fn a_record_date_wins_over_the_url_and_is_marked_given() {
        let mut raw = document_from_text("a", "a.jsonl", "Text of the story.");
        raw.url = Some("https://www.example.com/2020/01/02/story".into());
        raw.date = PartialDate::day(2021, 3, 4);
        let article = extract_article(&raw).unwrap();
        assert_eq!(article.date, PartialDate::day(2021, 3, 4));
        assert_eq!(article.date_source, Some(DateSource::Given));
        assert_eq!(article.outlet.as_deref(), Some("example.com"));
        raw.date = None;
        let article = extract_article(&raw).unwrap();
        assert_eq!(article.date, PartialDate::day(2020, 1, 2));
        assert_eq!(article.date_source, Some(DateSource::Url));
    }

    #[test]
    fn a_text_longer_than_an_article_may_be_is_refused_with_its_size() {
        let long = "Police detained protesters. ".repeat(MAX_ARTICLE_TEXT_BYTES / 28 + 1);
        let mut raw = document_from_text("dump", "dump.jsonl", long.clone());
        raw.line = Some(3);
        let diagnostic = extract_article(&raw).unwrap_err();
        assert_eq!(diagnostic.line, Some(3));
        assert!(
            diagnostic
                .message
                .starts_with(&format!("the article text is {} bytes", long.len())),
            "{}",
            diagnostic.message
        );
    }

    #[test]
    fn an_unknown_date_stays_unknown() {
        let article = extract_article(&document_from_text("a", "-", "Story.")).unwrap();
        assert_eq!((article.date, article.date_source), (None, None));
    }

    #[test]
    fn a_document_of_leftovers_only_is_a_diagnostic_at_its_line() {
        let mut raw = document_from_text("a", "feed.jsonl", "[iklan_1]\n\nKomentar (0)\n");
        raw.line = Some(7);
        let diagnostic = extract_article(&raw).unwrap_err();
        assert_eq!(diagnostic.origin, "feed.jsonl");
        assert_eq!(diagnostic.line, Some(7));
        assert!(diagnostic.message.contains("no article text is left"));
    }

    #[test]
    fn html_documents_are_reduced_to_text_and_give_their_title() {
        let mut raw = document_from_text(
            "page",
            "page.html",
            concat!(
                "<html lang=\"id\"><head><title>Judul</title></head><body><nav><a href=\"/\">Beranda</a></nav>",
                "<article><p>Pemerintah Indonesia mengirimkan bantuan kemanusiaan ke Gaza pada hari Senin, kata pejabat setempat kepada wartawan.</p>",
                "<p>Bantuan itu terdiri atas makanan, obat-obatan dan tenda untuk ribuan pengungsi yang kehilangan rumah mereka.</p></article>",
                "<p>Bagikan artikel ini</p></body></html>"
            ),
        );
        raw.kind = DocumentKind::Html;
        let article = extract_article(&raw).unwrap();
        assert!(
            article
                .text
                .starts_with("Pemerintah Indonesia mengirimkan bantuan"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Beranda") && !article.text.contains("Bagikan"));
        assert_eq!(article.lang.as_deref(), Some("id"));
        assert_eq!(article.title.as_deref(), Some("Judul"));
    }
}
