//! Fuzz target: HTML main-content and metadata extraction on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = truce_html::extract_html(data, Some("https://example.org/2024/06/12/page.html"));
});
