//! Fuzz target: the JSON Lines source reader on arbitrary bytes (invalid UTF-8, huge lines, broken records).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for document in truce_sources::read_jsonl_reader(std::io::Cursor::new(data), "fuzz.jsonl") {
        let _ = document;
    }
});
