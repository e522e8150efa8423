//! Property tests for the WARC reader: arbitrary bytes, and damaged copies of a valid archive, never make it panic or loop.

use proptest::prelude::*;
use truce_web::{WarcReader, html_document};

/// A small valid archive: a warcinfo record and an HTML response.
fn valid_archive() -> Vec<u8> {
    let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n0\r\n\r\n";
    let mut archive =
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n".to_vec();
    archive.extend_from_slice(
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .as_bytes(),
    );
    archive.extend_from_slice(http);
    archive.extend_from_slice(b"\r\n\r\n");
    archive
}

/// Read every record and every page; the count of records read is bounded by the input's size,
/// which proves the reader always advances.
fn read_all(bytes: &[u8]) -> usize {
    let mut n_items = 0;
    for record in WarcReader::new(bytes) {
        n_items += 1;
        assert!(n_items <= bytes.len() + 1, "the reader stopped advancing");
        if let Ok(record) = record {
            let _ = html_document(&record, "fuzz.warc");
        }
    }
    n_items
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        read_all(&bytes);
    }

    #[test]
    fn damaged_archives_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut archive = valid_archive();
        for (position, byte) in edits {
            let position = position.index(archive.len());
            archive[position] = byte;
        }
        let cut = cut.index(archive.len() + 1);
        read_all(&archive[..cut]);
    }

    #[test]
    fn text_shaped_like_headers_never_panics(text in "(WARC/1.0\r\n|[A-Za-z-]{1,12}: [ -~]{0,20}\r\n|Content-Length: [0-9]{1,3}\r\n|\r\n|HTTP/1.1 200 OK\r\n|[ -~]{0,30}){0,30}") {
        read_all(text.as_bytes());
    }
}

#[test]
fn the_valid_archive_yields_its_page() {
    let pages: Vec<_> = WarcReader::new(valid_archive().as_slice())
        .filter_map(|record| html_document(&record.unwrap(), "valid.warc").unwrap())
        .collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].text, "<p>Hi");
}
