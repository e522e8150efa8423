//! Page metadata: title, publication date, language, outlet, canonical URL and authors, read from
//! `<meta>` tags (OpenGraph, article:*, Dublin Core, name=date...), JSON-LD, `<time datetime>`,
//! `<html lang>`, `<link rel=canonical>` and, for the date, the URL path.

use crate::dom::{AttrName, Document, NodeId, Tag};
use crate::page_date::{self, PlausibleDates};
use serde_json::Value;
use truce_core::PartialDate;

/// Metadata found on a page; every field is optional because pages omit any of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    /// Where on the page the date was read.
    pub date_rule: Option<PageDateRule>,
    pub lang: Option<String>,
    pub outlet: Option<String>,
    pub canonical_url: Option<String>,
    pub authors: Vec<String>,
}

/// Where a page's publication date was read, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageDateRule {
    /// `datePublished` of the page's JSON-LD: of an article object, else of any object.
    JsonLd,
    /// A `<meta>` tag (`article:published_time`, Dublin Core, `pubdate`...).
    MetaTag,
    /// A `<time datetime>`: the one nearest the headline, else the first.
    TimeElement,
    /// The visible text of an element whose class, id or itemprop marks a date.
    DateElement,
    /// A date in the page's URL path.
    Url,
    /// The first date in the visible text around the headline.
    VisibleText,
}

/// Meta names and properties that carry the publication date, most specific first.
const PUBLICATION_DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "article_date_original",
    "publication_date",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
];

/// How many nodes above the headline a date element is looked for: a blog's date header sits
/// a few elements above its post title.
const NODES_SEARCHED_ABOVE_HEADLINE: usize = 24;

/// `<meta name="date">`: many content systems fill it with the day the page was last saved,
/// so the page's own byline is preferred to it.
const GENERIC_DATE_KEYS: &[&str] = &["date"];

/// When the page was changed, a last resort for when it was published.
const MODIFICATION_DATE_KEYS: &[&str] = &["og:updated_time", "article:modified_time"];

const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "headline", "title"];
const OUTLET_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "dc.publisher",
    "publisher",
];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];
const LANG_KEYS: &[&str] = &[
    "og:locale",
    "content-language",
    "language",
    "dc.language",
    "inlanguage",
];

/// Reads every metadata source on the page and merges them: JSON-LD first (it is structured and
/// usually generated from the publisher's database), then meta tags, then markup fallbacks.
pub fn read_metadata(document: &Document<'_>, url: Option<&str>) -> PageMetadata {
    let mut meta = MetaTags::default();
    let mut json_ld = JsonLd::default();
    let mut html_lang = None;
    let mut canonical = None;
    let mut times: Vec<(NodeId, PartialDate)> = Vec::new();
    let mut first_h1 = None;
    let mut headline_node: NodeId = 0;
    let mut title_element = None;
    for index in 0..document.nodes.len() {
        let node = index as NodeId;
        let Some(tag) = document.tag(node) else {
            continue;
        };
        match tag {
            Tag::Meta => meta.add(document, node),
            Tag::Script => {
                let is_json_ld = document
                    .attribute(node, AttrName::Type)
                    .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_json_ld {
                    json_ld.add(&document.raw_text(node));
                }
            }
            Tag::Html if html_lang.is_none() => {
                html_lang = document.attribute(node, AttrName::Lang).map(str::to_string);
            }
            Tag::Link if canonical.is_none() => {
                let is_canonical = document.attribute(node, AttrName::Rel).is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|word| word.eq_ignore_ascii_case("canonical"))
                });
                if is_canonical {
                    canonical = document.attribute(node, AttrName::Href).map(str::to_string);
                }
            }
            Tag::Time => {
                if let Some(date) = document
                    .attribute(node, AttrName::Datetime)
                    .and_then(parse_date_text)
                {
                    times.push((node, date));
                }
            }
            Tag::Title if title_element.is_none() => {
                title_element = Some(document.raw_text(node));
            }
            // A site logo is often an `<h1>` with no text; the headline is the first with some.
            Tag::H1 if first_h1.is_none() => {
                let text = document.raw_text(node);
                if !text.trim().is_empty() {
                    first_h1 = Some(text);
                    headline_node = node;
                }
            }
            _ => {}
        }
    }
    let outlet = json_ld
        .publisher
        .clone()
        .or_else(|| meta.first(OUTLET_KEYS))
        .map(|name| clean_text(&name))
        .filter(|name| !name.is_empty());
    let title = json_ld
        .headline
        .clone()
        .or_else(|| meta.first(TITLE_KEYS))
        .or_else(|| first_h1.clone().filter(|h1| !clean_text(h1).is_empty()))
        .or(title_element)
        .map(|title| strip_site_suffix(&title, outlet.as_deref()))
        .filter(|title| !title.is_empty());
    let canonical_url = canonical
        .or_else(|| meta.get("og:url").map(str::to_string))
        .map(|href| href.trim().to_string())
        .filter(|href| !href.is_empty());
    let plausible = PlausibleDates::until_today();
    let admitted = |date: Option<PartialDate>| date.filter(|date| plausible.admits(*date));
    let month_first = html_lang
        .as_deref()
        .or_else(|| meta.get("og:locale"))
        .is_some_and(writes_month_first);
    let first_time_from = |from: NodeId| {
        times
            .iter()
            .filter(|(node, date)| *node >= from && plausible.admits(*date))
            .copied()
            .next()
    };
    // The sources in order of trust, each tried only when the ones before give no day: a
    // month-only date ("2008-05") is kept as a last resort, and a later source with a day in
    // the same month refines it. A page's own date sits by its headline; the `<time>` and date
    // elements elsewhere are often a sidebar's or a teaser list's, so those are tried later.
    type DateFinder<'s> = &'s dyn Fn() -> Option<(PartialDate, PageDateRule)>;
    let with_rule = |rule: PageDateRule| move |date: PartialDate| (date, rule);
    let date_finders: [DateFinder<'_>; 10] = [
        &|| {
            admitted(json_ld.date_published.as_deref().and_then(parse_date_text))
                .map(with_rule(PageDateRule::JsonLd))
        },
        &|| {
            PUBLICATION_DATE_KEYS
                .iter()
                .find_map(|key| admitted(meta.get(key).and_then(parse_date_text)))
                .map(with_rule(PageDateRule::MetaTag))
        },
        &|| {
            // The date nearest the headline: the first `<time>` or marked element after it, or
            // a marked element just above it.
            if headline_node == 0 {
                return None;
            }
            let tagged = |rule: PageDateRule| {
                move |(node, date): (NodeId, PartialDate)| (node, (date, rule))
            };
            let candidates = [
                first_time_from(headline_node).map(tagged(PageDateRule::TimeElement)),
                page_date::date_in_marked_elements(document, headline_node, month_first, plausible)
                    .map(tagged(PageDateRule::DateElement)),
                page_date::date_in_marked_elements_before(
                    document,
                    headline_node,
                    NODES_SEARCHED_ABOVE_HEADLINE,
                    month_first,
                    plausible,
                )
                .map(tagged(PageDateRule::DateElement)),
            ];
            candidates
                .into_iter()
                .flatten()
                .min_by_key(|(node, _)| node.abs_diff(headline_node))
                .map(|(_, dated)| dated)
        },
        &|| {
            admitted(
                json_ld
                    .any_date_published
                    .as_deref()
                    .and_then(parse_date_text),
            )
            .map(with_rule(PageDateRule::JsonLd))
        },
        &|| first_time_from(0).map(|(_, date)| (date, PageDateRule::TimeElement)),
        &|| {
            page_date::date_in_marked_elements(document, 0, month_first, plausible)
                .map(|(_, date)| (date, PageDateRule::DateElement))
        },
        &|| {
            GENERIC_DATE_KEYS
                .iter()
                .find_map(|key| admitted(meta.get(key).and_then(parse_date_text)))
                .map(with_rule(PageDateRule::MetaTag))
        },
        &|| {
            admitted(url.and_then(date_from_url))
                .or_else(|| admitted(canonical_url.as_deref().and_then(date_from_url)))
                .map(with_rule(PageDateRule::Url))
        },
        &|| {
            page_date::date_near_headline(document, month_first, plausible)
                .map(with_rule(PageDateRule::VisibleText))
        },
        &|| {
            MODIFICATION_DATE_KEYS
                .iter()
                .find_map(|key| admitted(meta.get(key).and_then(parse_date_text)))
                .map(with_rule(PageDateRule::MetaTag))
        },
    ];
    let mut dated: Option<(PartialDate, PageDateRule)> = None;
    for finder in date_finders {
        let Some((found, rule)) = finder() else {
            continue;
        };
        match dated {
            None => dated = Some((found, rule)),
            Some((month_only, _))
                if found.day.is_some()
                    && (found.year, found.month) == (month_only.year, month_only.month) =>
            {
                dated = Some((found, rule));
            }
            Some(_) => {}
        }
        if dated.is_some_and(|(date, _)| date.day.is_some()) {
            break;
        }
    }
    let lang = html_lang
        .or_else(|| meta.first(LANG_KEYS))
        .or(json_ld.in_language.clone())
        .map(|code| normalise_language(&code))
        .filter(|code| !code.is_empty());
    let mut authors: Vec<String> = Vec::new();
    let author_candidates = if json_ld.authors.is_empty() {
        meta.all(AUTHOR_KEYS)
    } else {
        json_ld.authors.clone()
    };
    for author in author_candidates {
        let cleaned = clean_text(&author);
        // Profile URLs are identifiers, not names.
        if cleaned.is_empty() || cleaned.starts_with("http") || authors.contains(&cleaned) {
            continue;
        }
        authors.push(cleaned);
    }
    PageMetadata {
        title,
        date: dated.map(|(date, _)| date),
        date_rule: dated.map(|(_, rule)| rule),
        lang,
        outlet,
        canonical_url,
        authors,
    }
}

/// `(key, content)` of every `<meta>` tag, keys lower-cased from `property`, `name`, `itemprop`
/// or `http-equiv`.
#[derive(Default)]
struct MetaTags {
    entries: Vec<(String, String)>,
}

impl MetaTags {
    fn add(&mut self, document: &Document<'_>, node: NodeId) {
        let Some(content) = document.attribute(node, AttrName::Content) else {
            return;
        };
        for key_attribute in [
            AttrName::Property,
            AttrName::Name,
            AttrName::Itemprop,
            AttrName::HttpEquiv,
        ] {
            if let Some(key) = document.attribute(node, key_attribute) {
                // `itemprop="datePublished dateCreated"` names several properties at once.
                for key in key.split_whitespace() {
                    self.entries
                        .push((key.to_ascii_lowercase(), content.to_string()));
                }
            }
        }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(name, value)| name == key && !value.trim().is_empty())
            .map(|(_, value)| value.as_str())
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|key| self.get(key))
            .map(str::to_string)
    }

    fn all(&self, keys: &[&str]) -> Vec<String> {
        self.entries
            .iter()
            .filter(|(name, value)| keys.contains(&name.as_str()) && !value.trim().is_empty())
            .map(|(_, value)| value.clone())
            .collect()
    }
}

/// The article fields of the page's JSON-LD blocks. Only objects whose `@type` names an article
/// (NewsArticle, BlogPosting, ReportageNewsArticle...) are read, so a WebSite or Organization
/// block cannot lend its name as a headline.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    date_published: Option<String>,
    /// The first `datePublished` of any object (a `WebPage` in an `@graph`), for pages whose
    /// JSON-LD names no article.
    any_date_published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    in_language: Option<String>,
}

impl JsonLd {
    fn add(&mut self, raw: &str) {
        let trimmed = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let Ok(value) = serde_json::from_str::<Value>(trimmed) else {
            return;
        };
        self.visit(&value, 0);
    }

    fn visit(&mut self, value: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|item| self.visit(item, depth + 1)),
            Value::Object(object) => {
                if self.any_date_published.is_none() {
                    self.any_date_published = object.get("datePublished").and_then(text_of);
                }
                if let Some(graph) = object.get("@graph") {
                    self.visit(graph, depth + 1);
                }
                if names_article_type(object.get("@type")) {
                    self.read_article(object);
                }
                if let Some(main_entity) = object.get("mainEntity") {
                    self.visit(main_entity, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn read_article(&mut self, object: &serde_json::Map<String, Value>) {
        if self.headline.is_none() {
            self.headline = object
                .get("headline")
                .and_then(text_of)
                .or_else(|| object.get("name").and_then(text_of));
        }
        if self.date_published.is_none() {
            self.date_published = object
                .get("datePublished")
                .or_else(|| object.get("dateCreated"))
                .and_then(text_of);
        }
        if self.authors.is_empty()
            && let Some(author) = object.get("author").or_else(|| object.get("creator"))
        {
            collect_names(author, &mut self.authors, 0);
        }
        if self.publisher.is_none() {
            self.publisher = object
                .get("publisher")
                .and_then(|publisher| match publisher {
                    Value::Object(fields) => fields.get("name").and_then(text_of),
                    Value::Array(items) => items
                        .iter()
                        .find_map(|item| item.get("name").and_then(text_of)),
                    other => text_of(other),
                });
        }
        if self.in_language.is_none() {
            self.in_language = object.get("inLanguage").and_then(text_of);
        }
    }
}

fn names_article_type(kind: Option<&Value>) -> bool {
    let is_article = |name: &str| {
        let name = name
            .trim_start_matches("http://schema.org/")
            .trim_start_matches("https://schema.org/");
        name.ends_with("Article")
            || matches!(
                name,
                "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
            )
    };
    match kind {
        Some(Value::String(name)) => is_article(name),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

fn collect_names(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::String(name) => out.push(name.clone()),
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_names(item, out, depth + 1)),
        Value::Object(fields) => {
            if let Some(name) = fields.get("name") {
                collect_names(name, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Collapses whitespace and decodes nothing further (entities were decoded by the parser).
pub fn clean_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes " - Outlet" or " | Outlet" from a `<title>` when the outlet is known.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    let cleaned = clean_text(title);
    if let Some(outlet) = outlet {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some(stripped) = cleaned.strip_suffix(&format!("{separator}{outlet}")) {
                return stripped.to_string();
            }
        }
    }
    cleaned
}

/// Whether a page in this language writes numeric dates month first (`06/12/2024` for 12
/// June): American English does, and English with no region is most often American.
fn writes_month_first(code: &str) -> bool {
    let code = code.trim().to_ascii_lowercase().replace('_', "-");
    code == "en" || code == "en-us"
}

/// `en-US`, `en_US` and `EN` all become the lower-case primary subtag `en`.
fn normalise_language(code: &str) -> String {
    code.trim()
        .split(['-', '_', ',', ';'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Reads a date from the start of a metadata value: ISO 8601 (`2024-03-05T10:00:00Z`),
/// `2024/03/05` or `20240305`, after any leading non-digits. Written-out dates ("March 5, 2024")
/// give `None`: month names are language data, and the ISO forms cover what meta tags carry.
pub fn parse_date_text(text: &str) -> Option<PartialDate> {
    let trimmed = text.trim();
    let digits_start = trimmed.find(|c: char| c.is_ascii_digit())?;
    let candidate = &trimmed[digits_start..];
    let bytes = candidate.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let slice = candidate.get(range)?;
        slice
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| slice.parse().ok())?
    };
    let year = number(0..4)?;
    let plausible_year = (1900..=2100).contains(&year);
    if !plausible_year {
        return None;
    }
    let separator = bytes.get(4).copied();
    let (month, day) = match separator {
        Some(b'-' | b'/' | b'.') => {
            let month = number(5..7)?;
            let day = if bytes.get(7).copied() == separator {
                number(8..10)
            } else {
                None
            };
            (Some(month), day)
        }
        Some(b'0'..=b'9') => (number(4..6), number(6..8)),
        _ => (None, None),
    };
    let year = year as i32;
    match (month, day) {
        (Some(month), Some(day)) => {
            PartialDate::day(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
        }
        (Some(month), None) => PartialDate::month(year, u8::try_from(month).ok()?),
        _ => Some(PartialDate::year(year)),
    }
}

/// Finds `/2024/03/05/`, `/2024-03-05` or `/20240305` in a URL path.
pub fn date_from_url(url: &str) -> Option<PartialDate> {
    let path_start = url.find("://").map_or(0, |p| p + 3);
    let path = &url[path_start..];
    let segments: Vec<&str> = path.split(['/', '?', '&', '=']).collect();
    for (index, segment) in segments.iter().enumerate() {
        let is_year = segment.len() == 4 && segment.bytes().all(|b| b.is_ascii_digit());
        if is_year {
            let month = segments.get(index + 1).and_then(|s| two_digit(s));
            let day = segments.get(index + 2).and_then(|s| two_digit(s));
            let year: i32 = segment.parse().ok()?;
            if !(1990..=2100).contains(&year) {
                continue;
            }
            if let (Some(month), Some(day)) = (month, day)
                && let Some(date) = PartialDate::day(year, month, day)
            {
                return Some(date);
            }
            if let Some(month) = month
                && let Some(date) = PartialDate::month(year, month)
            {
                return Some(date);
            }
            continue;
        }
        // `2024-03-05` or `20240305` inside a slug.
        for piece in segment.split(['_', '.']) {
            if let Some(date) = dashed_or_packed_date(piece) {
                return Some(date);
            }
        }
    }
    None
}

fn two_digit(segment: &str) -> Option<u8> {
    (segment.len() == 2 && segment.bytes().all(|b| b.is_ascii_digit()))
        .then(|| segment.parse().ok())
        .flatten()
}

fn dashed_or_packed_date(piece: &str) -> Option<PartialDate> {
    let bytes = piece.as_bytes();
    for start in 0..bytes.len() {
        let window = piece.get(start..)?;
        let preceded_by_digit = start > 0 && bytes[start - 1].is_ascii_digit();
        if preceded_by_digit || !window.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let wb = window.as_bytes();
        if wb.len() >= 10
            && wb[4] == b'-'
            && wb[7] == b'-'
            && wb.get(10).is_none_or(|b| !b.is_ascii_digit())
        {
            let date = PartialDate::parse_iso(&window[..10]).ok()?;
            if (1990..=2100).contains(&date.year) {
                return Some(date);
            }
        }
        // `29-10-2021`: day first, as European sites write it; American slugs put the year
        // first or leave the date out.
        if wb.len() >= 10
            && wb[2] == b'-'
            && wb[5] == b'-'
            && [0, 1, 3, 4, 6, 7, 8, 9]
                .iter()
                .all(|&at| wb[at].is_ascii_digit())
            && wb.get(10).is_none_or(|b| !b.is_ascii_digit())
            && let (Ok(day), Ok(month), Ok(year)) = (
                window[..2].parse::<u8>(),
                window[3..5].parse::<u8>(),
                window[6..10].parse::<i32>(),
            )
            && (1990..=2100).contains(&year)
            && let Some(date) = PartialDate::day(year, month, day)
        {
            return Some(date);
        }
        if wb.len() >= 8
            && wb[..8].iter().all(u8::is_ascii_digit)
            && wb.get(8).is_none_or(|b| !b.is_ascii_digit())
            && let Ok(date) = PartialDate::parse_iso(&window[..8])
            && (1990..=2100).contains(&date.year)
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_article_fields_are_read() {
        let html = r#"<html lang="en-GB"><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example Site"},
              {"@type":"NewsArticle","headline":"Floods hit the coast","datePublished":"2024-03-05T08:00:00Z",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Li Wei"}],
               "publisher":{"@type":"Organization","name":"Example News"}}]}</script>
            <link rel="canonical" href="https://example.com/floods"></head><body></body></html>"#;
        let metadata = read_metadata(&Document::parse(html), None);
        assert_eq!(metadata.title.as_deref(), Some("Floods hit the coast"));
        assert_eq!(metadata.date, PartialDate::day(2024, 3, 5));
        assert_eq!(metadata.authors, vec!["Ana Ruiz", "Li Wei"]);
        assert_eq!(metadata.outlet.as_deref(), Some("Example News"));
        assert_eq!(metadata.lang.as_deref(), Some("en"));
        assert_eq!(
            metadata.canonical_url.as_deref(),
            Some("https://example.com/floods")
        );
    }

    #[test]
    fn meta_tags_are_used_without_json_ld() {
        let html = r#"<head><meta property="og:title" content="Talks resume">
            <meta property="article:published_time" content="2023-11-19T11:00:09.000Z">
            <meta property="og:site_name" content="The Daily"><meta name="author" content="Sam Lee"></head>"#;
        let metadata = read_metadata(&Document::parse(html), None);
        assert_eq!(metadata.title.as_deref(), Some("Talks resume"));
        assert_eq!(metadata.date, PartialDate::day(2023, 11, 19));
        assert_eq!(metadata.outlet.as_deref(), Some("The Daily"));
        assert_eq!(metadata.authors, vec!["Sam Lee"]);
    }

    #[test]
    fn time_element_and_url_are_date_fallbacks() {
        let with_time = read_metadata(
            &Document::parse("<p><time datetime=\"2022-01-31\">Jan 31</time></p>"),
            None,
        );
        assert_eq!(with_time.date, PartialDate::day(2022, 1, 31));
        let from_url = read_metadata(
            &Document::parse("<p>x</p>"),
            Some("https://news.example/2021/07/04/story"),
        );
        assert_eq!(from_url.date, PartialDate::day(2021, 7, 4));
    }

    #[test]
    fn the_byline_by_the_headline_beats_a_sidebar_time_and_a_generic_meta_date() {
        let page = "<html><head><meta name=\"date\" content=\"2023-11-20\"></head><body>\
            <aside><time datetime=\"2020-12-03\">3.12.2020</time></aside>\
            <h1>Intendanten-Wechsel beim Sender</h1>\
            <p class=\"meta\">Von Anna · <span class=\"published\">31. Oktober 2023</span></p>\
            <p>Der Rundfunkrat hat am Dienstag einen neuen Intendanten gewählt.</p></body></html>";
        let metadata = read_metadata(&Document::parse(page), None);
        assert_eq!(metadata.date, PartialDate::day(2023, 10, 31));
        assert_eq!(metadata.date_rule, Some(PageDateRule::DateElement));
    }

    #[test]
    fn a_month_only_date_is_refined_by_a_later_source_and_future_dates_are_refused() {
        let page = "<html><head><meta property=\"article:published_time\" content=\"2015-06\">\
            <meta name=\"dc.date\" content=\"2999-01-01\"></head><body>\
            <h1>Juni</h1><div class=\"date-header\">Freitag, 5. Juni 2015</div><p>Text.</p></body></html>";
        let metadata = read_metadata(&Document::parse(page), None);
        assert_eq!(metadata.date, PartialDate::day(2015, 6, 5));
    }

    #[test]
    fn an_unmarked_date_near_the_headline_is_the_last_resort() {
        let page = "<html><body><h1>Unser Kräutergarten</h1>\
            <div>von Maria am 20.06.2018</div><p>Im Garten wachsen Thymian und Salbei.</p></body></html>";
        let metadata = read_metadata(&Document::parse(page), None);
        assert_eq!(metadata.date, PartialDate::day(2018, 6, 20));
        assert_eq!(metadata.date_rule, Some(PageDateRule::VisibleText));
    }

    #[test]
    fn url_dates_in_slugs_and_invalid_dates() {
        assert_eq!(
            date_from_url("https://a.example/story-2020-02-29.html"),
            PartialDate::day(2020, 2, 29)
        );
        assert_eq!(
            date_from_url("https://a.example/news/20191119/item"),
            PartialDate::day(2019, 11, 19)
        );
        assert_eq!(
            date_from_url("https://verein.example/meldungen/29-10-2021"),
            PartialDate::day(2021, 10, 29)
        );
        assert_eq!(date_from_url("https://a.example/2019/13/40/x"), None);
        assert_eq!(date_from_url("https://a.example/id/123456789012"), None);
        assert_eq!(parse_date_text("not a date"), None);
        assert_eq!(parse_date_text("2019/11"), PartialDate::month(2019, 11));
    }
}
