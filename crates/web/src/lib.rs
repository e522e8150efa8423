//! Web sources: WARC archives read as streams of HTML pages, news feeds (RSS, Atom, JSON Feed) read into items, and fetched pages and items turned into raw documents.

pub mod feeds;
pub mod gzip_members;
pub mod pages;
pub mod warc;

pub use feeds::{Feed, FeedError, FeedItem, in_reading_order, looks_like_feed, parse_feed};
pub use pages::{
    FetchedContent, ItemDocument, ItemLanguage, fetch_problem, item_document, page_document,
    read_fetched,
};
pub use warc::{
    WarcError, WarcHtmlDocuments, WarcReader, WarcRecord, html_document, is_warc_path, open_warc,
    read_warc_html,
};
