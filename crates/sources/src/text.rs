//! Whole-file documents: a `.txt` or `.html` file (or piped text) read, size-limited, and decoded from its character encoding.

use std::io::Read;

use truce_core::Diagnostic;

use encoding_rs::{Encoding, UTF_8};

use crate::problem::SourceProblem;
use crate::{DocumentKind, RawDocument};

/// Read all of `reader` (at most `max_bytes`) as one document of `kind`.
pub(crate) fn read_whole_document(
    reader: impl Read,
    id: String,
    origin: &str,
    kind: DocumentKind,
    max_bytes: usize,
) -> Result<RawDocument, Diagnostic> {
    let mut bytes = Vec::new();
    // Reading one byte past the limit tells a file of exactly the limit from a larger one
    // without ever holding more than the limit in memory.
    reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SourceProblem::Io { source }.at(origin, None))?;
    if bytes.len() > max_bytes {
        return Err(SourceProblem::FileTooLarge { limit: max_bytes }.at(origin, None));
    }
    let decoded = decode_document_text(&bytes, kind).map_err(|problem| problem.at(origin, None))?;
    Ok(RawDocument {
        kind,
        decoded_from: decoded.encoding,
        ..crate::document_from_text(id, origin, decoded.text)
    })
}

/// A whole document's text, and the encoding it was read as when that was not UTF-8.
#[derive(Debug)]
pub(crate) struct DecodedText {
    pub text: String,
    pub encoding: Option<&'static str>,
}

/// How many leading bytes are looked at to tell a binary file from text.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Decode a whole file's bytes to text. HTML follows the browsers' order (byte order mark,
/// `<meta charset>`, then detection); plain text is UTF-8 or UTF-16 with a byte order mark,
/// else UTF-8 when it is valid, else the encoding the bytes look like. NUL and other control
/// characters are dropped from the text: a stray one does not make a page unreadable. Only a
/// file that looks binary (a known binary signature, or NUL bytes filling an eighth of its
/// start) is refused, and an empty one.
pub(crate) fn decode_document_text(
    bytes: &[u8],
    kind: DocumentKind,
) -> Result<DecodedText, SourceProblem> {
    let bom = Encoding::for_bom(bytes);
    if bom.is_none() && looks_binary(bytes) {
        let byte_offset = bytes.iter().position(|&byte| byte == 0).unwrap_or(0) as u64;
        return Err(SourceProblem::Binary { byte_offset });
    }
    let (text, encoding) = match kind {
        DocumentKind::Html => {
            let (text, encoding, _) = truce_html::charset::decode_html(bytes);
            (text, encoding)
        }
        DocumentKind::Text | DocumentKind::JsonRecord => decode_plain_text(bytes, bom),
    };
    let text = without_control_characters(text);
    if text.trim().is_empty() {
        return Err(SourceProblem::EmptyFile);
    }
    Ok(DecodedText {
        text,
        encoding: (encoding != UTF_8).then(|| encoding.name()),
    })
}

fn decode_plain_text(
    bytes: &[u8],
    bom: Option<(&'static Encoding, usize)>,
) -> (String, &'static Encoding) {
    if let Some((encoding, bom_length)) = bom {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = guessed.decode_without_bom_handling(bytes);
    (text.into_owned(), guessed)
}

/// A known binary signature (zip, PDF, PNG, GIF, JPEG, gzip), or NUL bytes making up an eighth
/// of the first kilobytes, which no text in a single-byte or UTF-8 encoding has.
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 6] = [
        b"PK\x03\x04",
        b"%PDF",
        b"\x89PNG",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"\x1F\x8B",
    ];
    if SIGNATURES
        .iter()
        .any(|signature| bytes.starts_with(signature))
    {
        return true;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let nul_count = head.iter().filter(|&&byte| byte == 0).count();
    nul_count > 0 && nul_count * 8 >= head.len()
}

/// The text without NUL and other control characters, keeping tabs and line breaks.
fn without_control_characters(text: String) -> String {
    if !text
        .chars()
        .any(|character| character.is_control() && !matches!(character, '\n' | '\r' | '\t'))
    {
        return text;
    }
    text.chars()
        .filter(|character| !character.is_control() || matches!(character, '\n' | '\r' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], max_bytes: usize) -> Result<RawDocument, Diagnostic> {
        read_whole_document(
            bytes,
            "doc".into(),
            "doc.txt",
            DocumentKind::Text,
            max_bytes,
        )
    }

    #[test]
    fn text_is_read_whole_without_its_byte_order_mark() {
        let document = read("\u{FEFF}Baris satu.\nBaris dua.".as_bytes(), 100).unwrap();
        assert_eq!(document.text, "Baris satu.\nBaris dua.");
        assert_eq!(document.id, "doc");
        assert_eq!(document.origin, "doc.txt");
    }

    #[test]
    fn binary_empty_and_oversized_files_are_refused_with_a_reason() {
        let binary = read(b"PK\x03\x04\x00\x00", 100).unwrap_err();
        assert!(binary.message.contains("NUL byte at byte 4"), "{binary}");
        let mostly_nul = read(b"a\0\0\0\0\0\0\0b", 100).unwrap_err();
        assert!(mostly_nul.message.contains("binary data"), "{mostly_nul}");
        let empty = read(b" \n\n", 100).unwrap_err();
        assert!(empty.message.contains("empty file"), "{empty}");
        let large = read(&[b'a'; 11], 10).unwrap_err();
        assert!(large.message.contains("larger than the limit"), "{large}");
        assert!(read(&[b'a'; 10], 10).is_ok());
    }

    #[test]
    fn a_stray_nul_or_control_character_is_dropped_not_a_reason_to_refuse() {
        let document = read(b"Polisi menangkap\0 delapan\x07 mahasiswa.\n", 100).unwrap();
        assert_eq!(document.text, "Polisi menangkap delapan mahasiswa.\n");
        assert_eq!(document.decoded_from, None);
    }

    #[test]
    fn text_in_another_encoding_is_decoded_and_the_encoding_named() {
        let russian = "Российские миротворцы покинули Нагорный Карабах. Колонна техники ушла \
                       через Лачинский коридор, сообщило министерство обороны.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let document = read(&cp1251, 1000).unwrap();
        assert_eq!(document.text, russian);
        assert_eq!(document.decoded_from, Some("windows-1251"));

        let spanish = "La policía dispersó a los manifestantes en Bogotá; según la alcaldía, \
                       once personas fueron detenidas.";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(spanish);
        let document = read(&latin1, 1000).unwrap();
        assert_eq!(document.text, spanish);
        assert_eq!(document.decoded_from, Some("windows-1252"));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Pasukan Rusia mundur.".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let document = read(&utf16, 1000).unwrap();
        assert_eq!(document.text, "Pasukan Rusia mundur.");
        assert_eq!(document.decoded_from, Some("UTF-16LE"));
    }

    #[test]
    fn html_follows_its_meta_charset() {
        let page = "<html><head><meta charset=\"shift_jis\"><title>停戦</title></head>\
                    <body><p>ロシアの平和維持部隊がナゴルノ・カラバフから撤退した。</p></body></html>";
        let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode(page);
        let document = read_whole_document(
            &shift_jis[..],
            "p".into(),
            "p.html",
            DocumentKind::Html,
            10_000,
        )
        .unwrap();
        assert_eq!(document.text, page);
        assert_eq!(document.decoded_from, Some("Shift_JIS"));
    }

    proptest::proptest! {
        /// Whatever bytes a file holds, decoding never panics, and text it accepts is not blank
        /// and holds no control character other than tabs and line breaks.
        #[test]
        fn any_bytes_decode_to_clean_text_or_a_reason(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
            as_html in proptest::prelude::any::<bool>(),
        ) {
            let kind = if as_html { DocumentKind::Html } else { DocumentKind::Text };
            if let Ok(decoded) = decode_document_text(&bytes, kind) {
                proptest::prop_assert!(!decoded.text.trim().is_empty());
                proptest::prop_assert!(decoded.text.chars().all(|character| !character.is_control()
                    || matches!(character, '\n' | '\r' | '\t')));
            }
        }
    }
}
