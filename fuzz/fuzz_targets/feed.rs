//! Fuzz target: the feed reader (RSS, RDF, Atom, JSON Feed via feed-rs, then truce's item mapping and HTML-summary flattening) and the feed/page sniffing on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = truce_web::looks_like_feed(Some("application/xml"), data);
    if let Ok(feed) = truce_web::parse_feed(data, Some("https://news.example.org/feed.xml")) {
        for item in truce_web::in_reading_order(feed.items) {
            let _ = item.text();
            let _ = item.key();
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = truce_web::feeds::html_fragment_text(text);
    }
});
