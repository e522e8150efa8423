//! A minimal HTML-to-text fallback: strip markup, keep block breaks, decode common entities.
//!
//! This is deliberately simple and is not main-content extraction: menus, footers and related
//! links that are ordinary text in the page survive it (the cleanup rules catch some). The
//! `truce-html` crate is where real boilerplate removal belongs; this only makes an HTML input
//! usable until that crate is wired in.

use std::sync::OnceLock;

use regex::Regex;

struct HtmlPatterns {
    /// Elements whose content is never article text.
    invisible: Regex,
    title: Regex,
    /// Tags that end a block of text.
    block_break: Regex,
    line_break: Regex,
    any_tag: Regex,
    entity: Regex,
    spaces: Regex,
}

fn patterns() -> Option<&'static HtmlPatterns> {
    static PATTERNS: OnceLock<Option<HtmlPatterns>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            Some(HtmlPatterns {
                invisible: Regex::new(
                    r"(?is)<!--.*?-->|<(script|style|noscript|template|svg|head|nav|aside|footer|figcaption|iframe)\b[^>]*>.*?</\s*(?:script|style|noscript|template|svg|head|nav|aside|footer|figcaption|iframe)\s*>",
                )
                .ok()?,
                title: Regex::new(r"(?is)<title\b[^>]*>(.*?)</\s*title\s*>").ok()?,
                block_break: Regex::new(
                    r"(?i)</?(?:p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|blockquote|figure|main|pre|dd|dt)\b[^>]*>",
                )
                .ok()?,
                line_break: Regex::new(r"(?i)<br\s*/?>").ok()?,
                any_tag: Regex::new(r"(?s)<[^>]*>").ok()?,
                entity: Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").ok()?,
                spaces: Regex::new(r"[ \t\u{A0}]+").ok()?,
            })
        })
        .as_ref()
}

/// The visible text of an HTML page (blocks separated by blank lines) and its `<title>`.
pub fn html_to_text(html: &str) -> (String, Option<String>) {
    let Some(patterns) = patterns() else {
        return (html.to_string(), None);
    };
    let title = patterns
        .title
        .captures(html)
        .and_then(|captures| captures.get(1))
        .map(|title| collapse_spaces(patterns, &decode_entities(patterns, title.as_str())))
        .filter(|title| !title.is_empty());
    let visible = patterns.invisible.replace_all(html, "");
    let with_breaks = patterns.block_break.replace_all(&visible, "\n\n");
    let with_lines = patterns.line_break.replace_all(&with_breaks, "\n");
    let without_tags = patterns.any_tag.replace_all(&with_lines, "");
    let decoded = decode_entities(patterns, &without_tags);
    let text: Vec<String> = decoded
        .split('\n')
        .map(|line| collapse_spaces(patterns, line))
        .collect();
    (text.join("\n"), title)
}

fn collapse_spaces(patterns: &HtmlPatterns, text: &str) -> String {
    patterns.spaces.replace_all(text, " ").trim().to_string()
}

fn decode_entities(patterns: &HtmlPatterns, text: &str) -> String {
    patterns
        .entity
        .replace_all(text, |captures: &regex::Captures<'_>| {
            let name = &captures[1];
            let decoded =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else if let Some(decimal) = name.strip_prefix('#') {
                    decimal.parse().ok().and_then(char::from_u32)
                } else {
                    named_entity(name)
                };
            decoded.map_or_else(|| captures[0].to_string(), String::from)
        })
        .into_owned()
}

/// The named entities common in news pages; any other is left as written.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped_and_blocks_become_paragraphs() {
        let html = "<html><head><title>Rusia &amp; Armenia</title><style>p{}</style></head><body><nav>Home | World</nav><h1>Judul</h1><p>Satu&nbsp;kalimat.<br>Baris &#8220;dua&#x201D;.</p><script>var x = '<p>';</script><figure><img src=x><figcaption>Foto: AFP</figcaption></figure><p>Tiga &unknown; &lt;b&gt;.</p></body></html>";
        let (text, title) = html_to_text(html);
        assert_eq!(title.as_deref(), Some("Rusia & Armenia"));
        let paragraphs: Vec<&str> = text
            .split('\n')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        assert_eq!(
            paragraphs,
            [
                "Judul",
                "Satu kalimat.",
                "Baris \u{201C}dua\u{201D}.",
                "Tiga &unknown; <b>."
            ]
        );
    }
}
