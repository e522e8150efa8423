//! URLs named on the command line, read as documents: a feed gives its items (each through its linked page), a page gives itself.

use std::path::Path;

use truce_core::Diagnostic;
use truce_fetch::{Fetched, Fetcher, Validators};
use truce_sources::RawDocument;
use truce_web::{FeedItem, FetchedContent, ItemLanguage};

/// The URL a command-line argument names, if it is an `http://` or `https://` URL.
pub fn url_argument(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    let scheme_end = text.find("://")?;
    let scheme = &text[..scheme_end];
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(text)
}

/// The documents at `url`, fetched when the iteration reaches them: the items of a feed in
/// reading order, or the page itself. Problems with one item's page are noted on stderr and the
/// item's own text is used; an item with neither is a diagnostic, and the rest go on.
pub fn url_documents<'fetcher>(
    fetcher: &'fetcher Fetcher,
    url: &'fetcher str,
) -> impl Iterator<Item = Result<RawDocument, Diagnostic>> + 'fetcher {
    std::iter::once(()).flat_map(
        move |()| -> Box<dyn Iterator<Item = Result<RawDocument, Diagnostic>> + 'fetcher> {
            let page = match fetcher.get(url, &Validators::default()) {
                Ok(Fetched::Page(page)) => page,
                Ok(Fetched::NotModified(_)) => {
                    return Box::new(std::iter::once(Err(Diagnostic {
                        origin: url.to_string(),
                        line: None,
                        message: "the server answered 304 Not Modified to an unconditional request"
                            .to_string(),
                    })));
                }
                Err(error) => {
                    return Box::new(std::iter::once(Err(truce_web::fetch_problem(url, &error))));
                }
            };
            match truce_web::read_fetched(&page) {
                Ok(FetchedContent::Document(document)) => Box::new(std::iter::once(Ok(*document))),
                Ok(FetchedContent::Feed(feed)) => {
                    let language = ItemLanguage {
                        forced: None,
                        feed: feed.lang.clone(),
                    };
                    let items = truce_web::in_reading_order(feed.items);
                    Box::new(
                        items
                            .into_iter()
                            .map(move |item| item_document(fetcher, &item, &language).0),
                    )
                }
                Err(diagnostic) => Box::new(std::iter::once(Err(diagnostic))),
            }
        },
    )
}

/// Whether a file's name says it may be a feed (`.rss`, `.atom`, `.xml`, `.json`, `.rdf`); its
/// first bytes decide ([`truce_web::looks_like_feed`]).
pub fn may_be_feed_file(path: &Path) -> bool {
    path.extension().is_some_and(|extension| {
        let extension = extension.to_string_lossy().to_ascii_lowercase();
        matches!(extension.as_str(), "rss" | "atom" | "xml" | "json" | "rdf")
    })
}

/// What a file that may be a feed holds: its bytes when they are a feed, else `None` (the file
/// is then read as any other file is).
pub fn read_feed_file(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(truce_sources::MAX_DOCUMENT_BYTES as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    truce_web::looks_like_feed(None, &bytes).then_some(bytes)
}

/// The documents of a saved feed file, as `truce ingest URL` gives those of the feed at a URL:
/// each item through its linked page, or its own text when the page cannot be had.
pub fn feed_file_documents<'fetcher>(
    fetcher: &'fetcher Fetcher,
    origin: String,
    bytes: &[u8],
) -> Box<dyn Iterator<Item = Result<RawDocument, Diagnostic>> + 'fetcher> {
    match truce_web::parse_feed(bytes, None) {
        Ok(feed) => {
            let language = ItemLanguage {
                forced: None,
                feed: feed.lang.clone(),
            };
            let items = truce_web::in_reading_order(feed.items);
            Box::new(
                items
                    .into_iter()
                    .map(move |item| item_document(fetcher, &item, &language).0),
            )
        }
        Err(error) => Box::new(std::iter::once(Err(Diagnostic {
            origin,
            line: None,
            message: format!("not a readable feed: {error}"),
        }))),
    }
}

/// The document for one feed item, noting on stderr when its page could not be used; the flag
/// says whether a failure is worth another try on a later poll.
pub fn item_document(
    fetcher: &Fetcher,
    item: &FeedItem,
    language: &ItemLanguage,
) -> (Result<RawDocument, Diagnostic>, bool) {
    let made = truce_web::item_document(fetcher, item, language);
    if let (Some(problem), Ok(_)) = (&made.page_problem, &made.document) {
        eprintln!("truce: {problem}; the feed item's own text is used instead");
    }
    (made.document, made.retry_later)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_arguments_are_urls() {
        assert_eq!(
            url_argument(Path::new("https://news.example.org/feed.xml")),
            Some("https://news.example.org/feed.xml")
        );
        assert!(url_argument(Path::new("HTTP://a.example/")).is_some());
        assert_eq!(url_argument(Path::new("examples/feed.xml")), None);
        assert_eq!(url_argument(Path::new("ftp://a.example/x")), None);
        assert_eq!(url_argument(Path::new("-")), None);
    }
}
