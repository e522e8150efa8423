//! Web sources: WARC archives read as streams of HTML pages (fetching and RSS/Atom feeds are still to come).

pub mod warc;

pub use warc::{
    WarcError, WarcHtmlDocuments, WarcReader, WarcRecord, html_document, is_warc_path, open_warc,
    read_warc_html,
};
