//! Fetched web pages and feed items turned into raw documents for the pipeline, with the item's own text as the fallback for a page that cannot be had.

use truce_core::Diagnostic;
use truce_fetch::{FetchError, Fetched, Fetcher, Page, Validators};
use truce_sources::{DocumentKind, RawDocument};

use crate::feeds::{Feed, FeedItem, looks_like_feed, parse_feed, primary_language};

/// What a fetched URL held.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchedContent {
    /// A feed, whose items are read one by one with [`item_document`].
    Feed(Feed),
    /// A page (HTML or plain text) as one document.
    Document(Box<RawDocument>),
}

/// A diagnostic about `url`.
fn problem(url: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        origin: url.to_string(),
        line: None,
        message: message.into(),
    }
}

/// A fetch error as a diagnostic on its URL (the message already starts with the URL, which the
/// diagnostic's origin repeats, so the URL is taken off the message).
pub fn fetch_problem(requested_url: &str, error: &FetchError) -> Diagnostic {
    let message = error.to_string();
    let message = message
        .strip_prefix(error.url())
        .and_then(|rest| rest.strip_prefix(": "))
        .map_or_else(
            || message.clone(),
            |rest| {
                if error.url() == requested_url {
                    rest.to_string()
                } else {
                    format!("{}: {rest}", error.url())
                }
            },
        );
    problem(requested_url, message)
}

/// Read what `page` holds: a feed (by its bytes, else its Content-Type), an HTML page, or plain
/// text. Anything else (images, PDF) is a diagnostic.
pub fn read_fetched(page: &Page) -> Result<FetchedContent, Diagnostic> {
    let media_type = page.media_type();
    if looks_like_feed(media_type.as_deref(), &page.body) {
        return parse_feed(&page.body, Some(&page.final_url))
            .map(FetchedContent::Feed)
            .map_err(|error| problem(&page.requested_url, error.to_string()));
    }
    page_document(page).map(|document| FetchedContent::Document(Box::new(document)))
}

/// A fetched page as one raw document, identified and stored by the URL asked for.
pub fn page_document(page: &Page) -> Result<RawDocument, Diagnostic> {
    let kind = match page.media_type().as_deref() {
        None | Some("text/html" | "application/xhtml+xml") => DocumentKind::Html,
        Some("text/plain") => DocumentKind::Text,
        Some(other) => {
            return Err(problem(
                &page.requested_url,
                format!("not a web page or a feed (Content-Type {other})"),
            ));
        }
    };
    Ok(RawDocument {
        id: page.requested_url.clone(),
        origin: page.requested_url.clone(),
        line: None,
        text: crate::warc::decode_body(&page.body, page.charset()),
        url: Some(page.final_url.clone()),
        date: None,
        lang: None,
        title: None,
        kind,
        decoded_from: None,
    })
}

/// Languages for the documents of a feed's items.
#[derive(Debug, Clone, Default)]
pub struct ItemLanguage {
    /// A language the user set for the feed: it overrides whatever pages and items declare.
    pub forced: Option<String>,
    /// The feed's declared language, used for an item's own text when the item declares none.
    pub feed: Option<String>,
}

/// The document made for one feed item, and what went wrong with its page, if anything.
#[derive(Debug)]
pub struct ItemDocument {
    /// The document, or why none could be made (no page and no text in the item).
    pub document: Result<RawDocument, Diagnostic>,
    /// Why the linked page was not used when the item's own text stood in for it.
    pub page_problem: Option<Diagnostic>,
    /// No document could be made, but only because the page failed in a way that may pass
    /// (a server error, a timeout, an unreadable robots.txt): worth trying again on a later poll.
    pub retry_later: bool,
}

/// The document for `item`: its linked page fetched and read as HTML, or, when the page cannot be
/// fetched or holds no article, the item's own content or summary. The item's publication date
/// stands in for a page that gives none; the item link is the document's URL and origin.
pub fn item_document(fetcher: &Fetcher, item: &FeedItem, language: &ItemLanguage) -> ItemDocument {
    let origin = item.link.clone().unwrap_or_else(|| item.key().to_string());
    let mut page_failure_is_transient = false;
    let page_problem = match &item.link {
        None => None,
        Some(link) => match fetcher.get(link, &Validators::default()) {
            Ok(Fetched::Page(page)) => match page_for_item(&page, item, language) {
                Ok(document) => {
                    return ItemDocument {
                        document: Ok(document),
                        page_problem: None,
                        retry_later: false,
                    };
                }
                Err(diagnostic) => Some(diagnostic),
            },
            Ok(Fetched::NotModified(_)) => Some(problem(
                link,
                "the server answered 304 Not Modified to an unconditional request",
            )),
            Err(error) => {
                page_failure_is_transient = error.is_transient();
                Some(fetch_problem(link, &error))
            }
        },
    };
    let document = match item.text() {
        Some(text) => Ok(RawDocument {
            id: item.key().to_string(),
            origin: origin.clone(),
            line: None,
            text: text.to_string(),
            url: item.link.clone(),
            date: item.published,
            lang: language
                .forced
                .clone()
                .or_else(|| item.lang.as_deref().and_then(primary_language))
                .or_else(|| language.feed.as_deref().and_then(primary_language)),
            title: item.title.clone(),
            kind: DocumentKind::Text,
            decoded_from: None,
        }),
        None => Err(problem(
            &origin,
            match &page_problem {
                Some(page_problem) => format!(
                    "{}; the feed item carries no text to use instead",
                    page_problem.message
                ),
                None => "the feed item has neither a link nor any text".to_string(),
            },
        )),
    };
    ItemDocument {
        retry_later: document.is_err() && page_failure_is_transient,
        document,
        page_problem,
    }
}

/// The linked page of `item` as its document, when the page holds an article.
fn page_for_item(
    page: &Page,
    item: &FeedItem,
    language: &ItemLanguage,
) -> Result<RawDocument, Diagnostic> {
    let mut document = page_document(page)?;
    let page_date = match document.kind {
        DocumentKind::Html => match truce_html::extract_html_text(&document.text, None) {
            Ok(article) => article.date,
            Err(error) => return Err(problem(&page.requested_url, error.to_string())),
        },
        DocumentKind::Text | DocumentKind::JsonRecord => {
            if document.text.trim().is_empty() {
                return Err(problem(&page.requested_url, "the page is empty"));
            }
            None
        }
    };
    document.id = item.key().to_string();
    document.url = Some(page.requested_url.clone());
    if page_date.is_none() {
        document.date = item.published;
    }
    if document.kind == DocumentKind::Text {
        document.title = item.title.clone();
    }
    document.lang = language.forced.clone();
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_core::PartialDate;

    fn page(content_type: &str, body: &str) -> Page {
        Page {
            requested_url: "https://news.example.org/a".to_string(),
            final_url: "https://news.example.org/a/".to_string(),
            status: 200,
            content_type: Some(content_type.to_string()),
            body: body.as_bytes().to_vec(),
            validators: Validators::default(),
        }
    }

    #[test]
    fn pages_become_html_documents_and_feeds_are_recognised() {
        let html = page(
            "text/html; charset=utf-8",
            "<html><body><p>Teks berita.</p></body></html>",
        );
        match read_fetched(&html).unwrap() {
            FetchedContent::Document(document) => {
                assert_eq!(document.kind, DocumentKind::Html);
                assert_eq!(document.id, "https://news.example.org/a");
                assert_eq!(document.url.as_deref(), Some("https://news.example.org/a/"));
            }
            other => panic!("{other:?}"),
        }
        let rss = page(
            "text/xml",
            "<rss version=\"2.0\"><channel><title>T</title><item><title>I</title><link>x.html</link></item></channel></rss>",
        );
        match read_fetched(&rss).unwrap() {
            FetchedContent::Feed(feed) => assert_eq!(
                feed.items[0].link.as_deref(),
                Some("https://news.example.org/a/x.html")
            ),
            other => panic!("{other:?}"),
        }
        let image = page("image/png", "\u{89}PNG");
        let error = read_fetched(&image).unwrap_err();
        assert_eq!(error.origin, "https://news.example.org/a");
        assert!(error.message.contains("image/png"), "{error}");
    }

    #[test]
    fn an_item_without_a_link_is_its_own_text_with_its_date_and_the_feed_language() {
        let fetcher = Fetcher::new(truce_fetch::FetchOptions::default());
        let item = FeedItem {
            id: "item-1".to_string(),
            title: Some("Talks resume".to_string()),
            published: PartialDate::day(2024, 3, 5),
            summary: Some("Negotiators met again.".to_string()),
            ..FeedItem::default()
        };
        let language = ItemLanguage {
            forced: None,
            feed: Some("en-GB".to_string()),
        };
        let made = item_document(&fetcher, &item, &language);
        let document = made.document.unwrap();
        assert!(made.page_problem.is_none());
        assert_eq!(document.id, "item-1");
        assert_eq!(document.text, "Negotiators met again.");
        assert_eq!(document.date, PartialDate::day(2024, 3, 5));
        assert_eq!(document.lang.as_deref(), Some("en"));
        assert_eq!(document.title.as_deref(), Some("Talks resume"));
        let empty = FeedItem {
            id: "item-2".to_string(),
            ..FeedItem::default()
        };
        assert!(item_document(&fetcher, &empty, &language).document.is_err());
    }

    #[test]
    fn fetch_problems_name_the_url_once() {
        let error = FetchError::DisallowedByRobots {
            url: "https://a.example/x".to_string(),
        };
        let diagnostic = fetch_problem("https://a.example/x", &error);
        assert_eq!(diagnostic.origin, "https://a.example/x");
        assert_eq!(
            diagnostic.message,
            "robots.txt does not allow truce to fetch this page"
        );
        let redirected = fetch_problem("https://a.example/start", &error);
        assert!(redirected.message.starts_with("https://a.example/x: "));
    }
}
