//! Property tests: no input bytes make the HTML extractor panic, and text it returns is clean.

use proptest::prelude::*;
use truce_html::extract_html;

/// Markup fragments that exercise the parser's edge cases: unterminated tags, comments, raw-text
/// elements, entities, charset declarations and multi-byte text.
fn markup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article-body\">".to_string()),
        Just("</div>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<meta charset=\"windows-1251\">".to_string()),
        Just("<a href=x>".to_string()),
        Just("<br/>".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&amp".to_string()),
        Just("<".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\""
                .to_string()
        ),
        "[a-zA-Zéж ,.]{0,40}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract_html(&bytes, Some("https://example.com/2024/01/02/x"));
    }

    #[test]
    fn random_markup_never_panics_and_text_is_trimmed(pieces in proptest::collection::vec(markup_piece(), 0..60)) {
        let page = pieces.concat();
        if let Ok(article) = extract_html(page.as_bytes(), None) {
            prop_assert!(!article.text.is_empty());
            prop_assert_eq!(article.text.trim(), article.text.as_str());
            prop_assert!(!article.text.contains("\n\n\n"));
        }
    }
}
