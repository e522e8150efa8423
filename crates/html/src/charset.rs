//! Finding a page's character encoding and decoding it to UTF-8.
//!
//! The order follows what browsers do, minus the HTTP header we do not have: a byte order mark wins,
//! then a `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` within the
//! first kilobytes, then a statistical guess (chardetng) when the bytes are not valid UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes are searched for a `<meta>` declaration. The HTML standard's prescan
/// looks at 1,024 bytes; real pages often put the declaration after long comments or scripts, so
/// a wider window finds it more often at a small cost.
const PRESCAN_BYTES: usize = 8 * 1024;

/// Where the encoding came from, for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    MetaDeclaration,
    ValidUtf8,
    Guessed,
}

/// Decodes `bytes` to a string, returning the encoding used and how it was chosen.
/// Malformed sequences become U+FFFD; decoding never fails.
pub fn decode_html(bytes: &[u8]) -> (String, &'static Encoding, CharsetSource) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), encoding, CharsetSource::ByteOrderMark);
    }
    if let Some(declared) = declared_encoding(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page that declares a single-byte charset but is valid UTF-8 beyond ASCII was almost
        // always re-encoded by a server or a crawler without updating the declaration.
        let chosen = if declared != UTF_8 && is_utf8_with_non_ascii(bytes) {
            UTF_8
        } else {
            declared
        };
        let (text, _) = chosen.decode_without_bom_handling(bytes);
        return (text.into_owned(), chosen, CharsetSource::MetaDeclaration);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8, CharsetSource::ValidUtf8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = guessed.decode_without_bom_handling(bytes);
    (text.into_owned(), guessed, CharsetSource::Guessed)
}

fn is_utf8_with_non_ascii(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Finds a charset named by a `<meta>` tag in `head_bytes`, as an encoding_rs label.
/// UTF-16 declarations are read as UTF-8, as the HTML standard says, since a page whose
/// declaration is readable as ASCII cannot be UTF-16.
pub fn declared_encoding(head_bytes: &[u8]) -> Option<&'static Encoding> {
    let mut position = 0;
    while let Some(offset) = memchr::memmem::find(&head_bytes[position..], b"<") {
        let start = position + offset;
        position = start + 1;
        let rest = &head_bytes[start..];
        if rest.starts_with(b"<!--") {
            position = memchr::memmem::find(&rest[4..], b"-->")
                .map_or(head_bytes.len(), |p| start + 4 + p + 3);
            continue;
        }
        if rest.len() < 6 || !rest[1..5].eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if let Some(label) = charset_in_tag(tag)
            && let Some(encoding) = Encoding::for_label(label)
        {
            return Some(if encoding.name().starts_with("UTF-16") {
                UTF_8
            } else {
                encoding
            });
        }
        position = start + tag_end.max(1);
    }
    None
}

/// The value after `charset=` in a meta tag's bytes, whether it is the `charset` attribute or
/// part of an http-equiv `content` value.
fn charset_in_tag(tag: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = tag.to_ascii_lowercase();
    let found = memchr::memmem::find(&lower, b"charset")?;
    let mut index = found + b"charset".len();
    while tag.get(index).is_some_and(|b| b.is_ascii_whitespace()) {
        index += 1;
    }
    if tag.get(index) != Some(&b'=') {
        return None;
    }
    index += 1;
    while tag
        .get(index)
        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
    {
        index += 1;
    }
    let start = index;
    while tag.get(index).is_some_and(|b| {
        !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>')
    }) {
        index += 1;
    }
    (index > start).then(|| &tag[start..index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_selects_a_legacy_encoding() {
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        // "Привет" in windows-1251.
        page.extend_from_slice(&[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        let (text, encoding, source) = decode_html(&page);
        assert_eq!(encoding.name(), "windows-1251");
        assert_eq!(source, CharsetSource::MetaDeclaration);
        assert!(text.ends_with("Привет"));
    }

    #[test]
    fn http_equiv_content_type_is_read() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        let (text, encoding, _) = decode_html(page);
        assert_eq!(encoding.name(), "windows-1252");
        assert!(text.contains("café"));
    }

    #[test]
    fn byte_order_mark_wins_over_declaration() {
        let page = b"\xef\xbb\xbf<meta charset=\"iso-8859-2\"><p>\xc5\xbc</p>";
        let (text, encoding, source) = decode_html(page);
        assert_eq!(encoding, UTF_8);
        assert_eq!(source, CharsetSource::ByteOrderMark);
        assert!(text.contains('ż'));
    }

    #[test]
    fn undeclared_legacy_bytes_are_guessed() {
        let mut page = b"<html><body><p>".to_vec();
        // A German sentence in windows-1252, long enough for a guess.
        page.extend_from_slice(
            b"Die Gr\xfc\xdfe der Stra\xdfe \xfcberrascht die B\xfcrger, sagte der B\xfcrgermeister am Montag in M\xfcnchen.",
        );
        let (text, _, source) = decode_html(&page);
        assert_eq!(source, CharsetSource::Guessed);
        assert!(text.contains("Bürgermeister"));
    }

    #[test]
    fn declared_latin1_but_valid_utf8_is_read_as_utf8() {
        let page = "<meta charset=iso-8859-1><p>naïve café</p>".as_bytes();
        let (text, encoding, _) = decode_html(page);
        assert_eq!(encoding, UTF_8);
        assert!(text.contains("naïve café"));
    }
}
