//! News feeds (RSS 0.9–2.0, RSS 1.0/RDF, Atom, JSON Feed) read into items: id, link, title, dates, summary and content, language.
//!
//! Parsing is feed-rs's; this module decides what truce keeps of an entry and turns the HTML
//! that feeds carry in their summaries into plain paragraphs, for the articles built from an
//! item when its page cannot be fetched.

use truce_core::PartialDate;
use truce_html::dom::{Document, NodeKind, Tag};

/// The largest feed read, in bytes: far above any real news feed, low enough that one runaway
/// document cannot exhaust memory.
pub const MAX_FEED_BYTES: u64 = 20 * 1024 * 1024;

/// A feed as truce reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    /// The feed's declared language (`en-us` as written), if any.
    pub lang: Option<String>,
    /// The entries in the order the feed lists them.
    pub items: Vec<FeedItem>,
}

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedItem {
    /// The entry's identity: RSS `guid`, Atom `id` or JSON Feed `id`; when the feed gives none,
    /// a stable hash of the link and title (feed-rs's scheme), so it stays the same across polls.
    pub id: String,
    /// The article's address, resolved against the feed's URL: the `alternate` link when the
    /// entry has several, else the first.
    pub link: Option<String>,
    pub title: Option<String>,
    /// Publication date, else the last update, as a day.
    pub published: Option<PartialDate>,
    /// The same moment in seconds since 1970, for ordering.
    pub published_timestamp: Option<i64>,
    /// The summary or description, as plain paragraphs.
    pub summary: Option<String>,
    /// The full content (`content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`),
    /// as plain paragraphs.
    pub content: Option<String>,
    /// The entry's own language, if it declares one.
    pub lang: Option<String>,
}

impl FeedItem {
    /// The item's own text: the content when it has some, else the summary.
    pub fn text(&self) -> Option<&str> {
        self.content
            .as_deref()
            .filter(|text| !text.is_empty())
            .or(self.summary.as_deref().filter(|text| !text.is_empty()))
    }

    /// What identifies the item across polls: its id, else its link.
    pub fn key(&self) -> &str {
        if self.id.is_empty() {
            self.link.as_deref().unwrap_or("")
        } else {
            &self.id
        }
    }
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a readable RSS, Atom or JSON feed: {reason}")]
pub struct FeedError {
    pub reason: String,
}

/// Read the feed in `bytes`; relative links are resolved against `base_url` (the feed's own URL).
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<Feed, FeedError> {
    if bytes.len() as u64 > MAX_FEED_BYTES {
        return Err(FeedError {
            reason: format!("{} bytes exceed the limit of {MAX_FEED_BYTES}", bytes.len()),
        });
    }
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .build()
        .parse(bytes)
        .map_err(|error| FeedError {
            reason: error.to_string(),
        })?;
    let items = parsed.entries.into_iter().map(item_of).collect();
    Ok(Feed {
        title: parsed
            .title
            .map(|title| text_of(&title.content, title.content_type.as_ref()))
            .filter(|title| !title.is_empty()),
        lang: parsed.language.filter(|lang| !lang.trim().is_empty()),
        items,
    })
}

/// Whether `bytes` look like a feed rather than a web page: an RSS, RDF or Atom root element near
/// the start, or a JSON Feed version marker. `media_type` (lower-case, without parameters) is the
/// server's word, used when the bytes say nothing either way.
pub fn looks_like_feed(media_type: Option<&str>, bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head_text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head_text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return trimmed.contains("jsonfeed.org/version");
    }
    if ["<rss", "<rdf:rdf", "<feed"]
        .iter()
        .any(|root| trimmed.contains(root))
    {
        return true;
    }
    if trimmed.contains("<html") || trimmed.starts_with("<!doctype html") {
        return false;
    }
    media_type.is_some_and(|media_type| {
        matches!(
            media_type,
            "application/rss+xml"
                | "application/atom+xml"
                | "application/rdf+xml"
                | "application/feed+json"
                | "application/xml"
                | "text/xml"
        )
    })
}

/// The primary language subtag of a language tag, lower-cased (`en-US` → `en`), when it looks
/// like one.
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let is_subtag =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    is_subtag.then_some(primary)
}

fn item_of(entry: feed_rs::model::Entry) -> FeedItem {
    let link = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref() == Some("alternate"))
        .or_else(|| {
            entry
                .links
                .iter()
                .find(|link| link.rel.is_none() || link.rel.as_deref() == Some(""))
        })
        .or_else(|| entry.links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty());
    let moment = entry.published.or(entry.updated);
    let published = moment.and_then(|moment| {
        let text = moment.to_rfc3339();
        PartialDate::parse_iso(text.get(..10)?).ok()
    });
    let content = entry
        .content
        .as_ref()
        .and_then(|content| {
            let body = content.body.as_deref()?;
            Some(text_of(body, content.content_type.as_ref()))
        })
        .filter(|text| !text.is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|summary| text_of(&summary.content, summary.content_type.as_ref()))
        .filter(|text| !text.is_empty());
    FeedItem {
        id: entry.id.trim().to_string(),
        link,
        title: entry
            .title
            .map(|title| text_of(&title.content, title.content_type.as_ref()))
            .filter(|title| !title.is_empty()),
        published,
        published_timestamp: moment.map(|moment| moment.timestamp()),
        summary,
        content,
        lang: entry.language.filter(|lang| !lang.trim().is_empty()),
    }
}

/// Feed text as plain paragraphs: HTML (declared, or text that holds tags, as RSS descriptions
/// often do while calling themselves plain) is reduced to its text; plain text keeps its lines.
fn text_of(text: &str, media_type: &str) -> String {
    let holds_markup = media_type.contains("html") || media_type.contains("xml") || {
        let trimmed = text.trim_start();
        trimmed.starts_with('<')
            || text.contains("</")
            || text.contains("<br")
            || text.contains("<p")
    };
    if holds_markup {
        html_fragment_text(text)
    } else {
        normalise_paragraphs(text)
    }
}

/// The text of an HTML fragment, a paragraph per block element, spaces collapsed; scripts and
/// styles dropped.
pub fn html_fragment_text(fragment: &str) -> String {
    let document = Document::parse(fragment);
    let mut text = String::new();
    for node in &document.nodes {
        match &node.kind {
            NodeKind::Element { tag, .. } if *tag == Tag::Br => text.push('\n'),
            NodeKind::Element { tag, .. } if tag.is_block() => text.push_str("\n\n"),
            NodeKind::Element { .. } => {}
            NodeKind::Text(content) => {
                let hidden = matches!(
                    document.tag(node.parent),
                    Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Title)
                );
                if !hidden {
                    text.push_str(content);
                }
            }
        }
    }
    normalise_paragraphs(&text)
}

/// Collapse spaces inside lines, drop empty lines, and separate paragraphs (blank-line blocks)
/// by one blank line.
fn normalise_paragraphs(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(collapsed);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    paragraphs.join("\n\n")
}

/// `items` in the order truce reads them: oldest first when every item has a date, so an
/// article's first copy is the earliest published; otherwise the feed's own order.
pub fn in_reading_order(mut items: Vec<FeedItem>) -> Vec<FeedItem> {
    if items.iter().all(|item| item.published_timestamp.is_some()) {
        items.sort_by_key(|item| item.published_timestamp);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Test Gazette</title><link>https://news.example.org/</link>
<language>en-us</language>
<item><title>Talks resume in Geneva</title><link>/2024/03/05/talks.html</link>
<guid isPermaLink="false">gazette-1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Negotiators met again on &lt;b&gt;Tuesday&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description>
</item>
<item><title>Older story</title><link>https://news.example.org/old.html</link>
<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Full <em>text</em> here.</p><script>ignored()</script>]]></content:encoded>
</item>
</channel></rss>"#;

    #[test]
    fn rss_items_give_ids_resolved_links_dates_and_plain_text() {
        let feed = parse_feed(RSS.as_bytes(), Some("https://news.example.org/feed.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("The Test Gazette"));
        assert_eq!(feed.lang.as_deref(), Some("en-us"));
        assert_eq!(feed.items.len(), 2);
        let first = &feed.items[0];
        assert_eq!(first.id, "gazette-1");
        assert_eq!(
            first.link.as_deref(),
            Some("https://news.example.org/2024/03/05/talks.html")
        );
        assert_eq!(first.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(first.published, PartialDate::day(2024, 3, 5));
        assert_eq!(
            first.summary.as_deref(),
            Some("Negotiators met again on Tuesday.\n\nSecond paragraph.")
        );
        let second = &feed.items[1];
        assert!(!second.id.is_empty(), "a generated id keeps the item apart");
        assert_eq!(second.text(), Some("Full text here."));
        let ordered = in_reading_order(feed.items.clone());
        assert_eq!(ordered[0].title.as_deref(), Some("Older story"));
    }

    #[test]
    fn generated_ids_are_stable_across_reads() {
        let first = parse_feed(RSS.as_bytes(), None).unwrap();
        let again = parse_feed(RSS.as_bytes(), None).unwrap();
        assert_eq!(first.items[1].id, again.items[1].id);
    }

    #[test]
    fn atom_entries_are_read() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
<title>Kabar</title><id>urn:kabar</id><updated>2024-02-10T07:00:00Z</updated>
<entry><title>Banjir melanda Jakarta</title><id>urn:kabar:1</id>
<link rel="alternate" href="https://kabar.example/banjir"/><link rel="enclosure" href="https://kabar.example/a.jpg"/>
<published>2024-02-10T07:00:00+07:00</published><updated>2024-02-11T07:00:00Z</updated>
<summary type="html">&lt;p&gt;Ribuan warga mengungsi.&lt;/p&gt;</summary>
<content type="text">Banjir besar melanda.</content></entry></feed>"#;
        let feed = parse_feed(atom.as_bytes(), None).unwrap();
        let item = &feed.items[0];
        assert_eq!(item.id, "urn:kabar:1");
        assert_eq!(item.link.as_deref(), Some("https://kabar.example/banjir"));
        // 07:00 at +07:00 is midnight UTC the same day.
        assert_eq!(item.published, PartialDate::day(2024, 2, 10));
        assert_eq!(item.summary.as_deref(), Some("Ribuan warga mengungsi."));
        assert_eq!(item.text(), Some("Banjir besar melanda."));
    }

    #[test]
    fn json_feed_items_are_read() {
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "es",
            "items": [{"id": "j-1", "url": "https://j.example/1", "title": "Uno",
                       "content_html": "<p>Hola <b>mundo</b>.</p>", "date_published": "2024-01-02T03:04:05Z"}]}"#;
        assert!(looks_like_feed(Some("application/json"), json.as_bytes()));
        let feed = parse_feed(json.as_bytes(), None).unwrap();
        assert_eq!(feed.lang.as_deref(), Some("es"));
        let item = &feed.items[0];
        assert_eq!(item.key(), "j-1");
        assert_eq!(item.link.as_deref(), Some("https://j.example/1"));
        assert_eq!(item.text(), Some("Hola mundo."));
        assert_eq!(item.published, PartialDate::day(2024, 1, 2));
    }

    #[test]
    fn rss_0_91_and_rdf_feeds_are_read() {
        let rss091 = r#"<rss version="0.91"><channel><title>Old</title>
<item><title>One</title><link>http://old.example/1</link><description>First.</description></item>
</channel></rss>"#;
        let feed = parse_feed(rss091.as_bytes(), None).unwrap();
        assert_eq!(feed.items[0].link.as_deref(), Some("http://old.example/1"));
        assert_eq!(feed.items[0].text(), Some("First."));
        let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://rdf.example/"><title>R</title><link>http://rdf.example/</link></channel>
<item rdf:about="http://rdf.example/a"><title>A</title><link>http://rdf.example/a</link><description>Text A.</description></item>
</rdf:RDF>"#;
        assert!(looks_like_feed(None, rdf.as_bytes()));
        let feed = parse_feed(rdf.as_bytes(), None).unwrap();
        assert_eq!(feed.items[0].link.as_deref(), Some("http://rdf.example/a"));
    }

    #[test]
    fn feeds_and_pages_are_told_apart() {
        assert!(looks_like_feed(Some("text/html"), RSS.as_bytes()));
        assert!(!looks_like_feed(
            Some("application/xml"),
            b"<!DOCTYPE html><html><body><p>x</p></body></html>"
        ));
        assert!(!looks_like_feed(
            Some("text/html"),
            b"<html><body>rss</body></html>"
        ));
        assert!(looks_like_feed(Some("application/rss+xml"), b"  "));
        assert!(!looks_like_feed(Some("application/json"), b"{\"a\": 1}"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse_feed(b"<html><body>no feed</body></html>", None).is_err());
        assert!(parse_feed(b"", None).is_err());
        assert!(parse_feed(&[0xff, 0xfe, 0x00, 0x3c], None).is_err());
    }

    #[test]
    fn language_tags_give_their_primary_subtag() {
        assert_eq!(primary_language("en-US").as_deref(), Some("en"));
        assert_eq!(primary_language(" id ").as_deref(), Some("id"));
        assert_eq!(primary_language("x").as_deref(), None);
        assert_eq!(primary_language("english").as_deref(), None);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = looks_like_feed(Some("text/xml"), &bytes);
            if let Ok(feed) = parse_feed(&bytes, Some("https://example.org/feed")) {
                for item in feed.items {
                    let _ = item.text();
                }
            }
        }

        #[test]
        fn rss_shaped_noise_parses_or_fails_cleanly(title in ".{0,40}", body in ".{0,200}", date in ".{0,40}") {
            let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;");
            let feed = format!(
                "<rss version=\"2.0\"><channel><title>{}</title><item><title>{}</title><pubDate>{}</pubDate><description>{}</description></item></channel></rss>",
                escape(&title), escape(&title), escape(&date), escape(&body)
            );
            if let Ok(parsed) = parse_feed(feed.as_bytes(), None) {
                proptest::prop_assert!(parsed.items.len() <= 1);
            }
        }
    }
}
