//! Main content and metadata from HTML pages: charset sniffing, boilerplate removal, dates, titles.
//!
//! [`extract_html`] takes the bytes of a page as fetched (any charset, broken markup allowed) and
//! returns the article text as paragraphs plus the metadata the page declares. The parser is the
//! forgiving arena builder in [`dom`]; [`content`] picks the article text; [`metadata`] reads meta
//! tags, JSON-LD and markup hints.

pub mod charset;
pub mod content;
pub mod dom;
pub mod metadata;
pub mod page_date;

use truce_core::PartialDate;

/// The article found in one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// Main text, paragraphs separated by `"\n\n"`; a `<br>` inside a paragraph gives `"\n"`.
    pub text: String,
    pub title: Option<String>,
    /// Publication date from JSON-LD, meta tags, `<time datetime>`, an element marked as a
    /// date, or the URL, in that order; never before 1995 or after today.
    pub date: Option<PartialDate>,
    /// Which of those the date was read from.
    pub date_rule: Option<metadata::PageDateRule>,
    /// Lower-case primary language subtag (`en`, `id`), as the page declares it.
    pub lang: Option<String>,
    /// Site or publisher name (`og:site_name`, JSON-LD publisher).
    pub outlet: Option<String>,
    pub canonical_url: Option<String>,
    pub authors: Vec<String>,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HtmlError {
    #[error("the page is empty")]
    Empty,
    #[error("no article text was found in the page ({bytes} bytes of HTML)")]
    NoText { bytes: usize },
}

/// Extracts the main text and metadata of an HTML page.
///
/// `bytes` are the page as received; the charset comes from a byte order mark, a `<meta>`
/// declaration, or a guess. `url` is where the page was fetched from, used as a date fallback
/// (`/2024/03/05/` in the path). Fails only when there are no bytes or no text at all.
pub fn extract_html(bytes: &[u8], url: Option<&str>) -> Result<HtmlArticle, HtmlError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(HtmlError::Empty);
    }
    let (source, _encoding, _charset_source) = charset::decode_html(bytes);
    extract_html_text(&source, url)
}

/// [`extract_html`] for a page already decoded to text, as every document that reaches the
/// extractor is (files, archives and fetched pages are decoded where they are read).
pub fn extract_html_text(source: &str, url: Option<&str>) -> Result<HtmlArticle, HtmlError> {
    if source.trim().is_empty() {
        return Err(HtmlError::Empty);
    }
    let document = dom::Document::parse(source);
    let page = metadata::read_metadata(&document, url);
    let text = content::extract_main_text(&document, page.title.as_deref());
    if text.is_empty() {
        return Err(HtmlError::NoText {
            bytes: source.len(),
        });
    }
    Ok(HtmlArticle {
        text,
        title: page.title,
        date: page.date,
        date_rule: page.date_rule,
        lang: page.lang,
        outlet: page.outlet,
        canonical_url: page.canonical_url,
        authors: page.authors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_page_gives_text_and_metadata() {
        let page = "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
            <title>Banjir melanda Jakarta - Kabar</title>\
            <meta property=\"og:site_name\" content=\"Kabar\">\
            <meta property=\"article:published_time\" content=\"2024-02-10T07:00:00+07:00\"></head>\
            <body><nav><a href=\"/\">Beranda</a></nav><article><h1>Banjir melanda Jakarta</h1>\
            <p>Banjir besar melanda sebagian wilayah Jakarta pada Sabtu pagi setelah hujan deras semalaman.</p>\
            <p>Ribuan warga mengungsi ke tempat yang lebih tinggi, kata pejabat setempat kepada wartawan.</p>\
            </article></body></html>";
        let article = extract_html(page.as_bytes(), None).unwrap();
        assert_eq!(article.title.as_deref(), Some("Banjir melanda Jakarta"));
        assert_eq!(article.lang.as_deref(), Some("id"));
        assert_eq!(article.outlet.as_deref(), Some("Kabar"));
        assert_eq!(article.date, PartialDate::day(2024, 2, 10));
        assert!(article.text.starts_with("Banjir besar melanda"));
        assert_eq!(article.text.split("\n\n").count(), 2);
    }

    #[test]
    fn empty_and_textless_pages_are_errors() {
        assert_eq!(extract_html(b"  \n", None), Err(HtmlError::Empty));
        assert!(matches!(
            extract_html(b"<html><script>x()</script></html>", None),
            Err(HtmlError::NoText { .. })
        ));
    }
}
