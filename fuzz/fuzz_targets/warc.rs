//! Fuzz target: the WARC record reader and the HTML-response decoding on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for record in truce_web::WarcReader::new(std::io::Cursor::new(data)).take(64) {
        if let Ok(record) = record {
            let _ = truce_web::html_document(&record, "fuzz.warc");
        }
    }
});
