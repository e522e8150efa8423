//! Fuzz target: every TABARI/PETRARCH dictionary reader, in both dialects, and the coder built from what they read, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce_dictionaries::{Dialect, DictionarySet, DictionarySource};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for dialect in [Dialect::Tabari, Dialect::Petrarch] {
        let mut set = DictionarySet::default();
        for source in [
            DictionarySource::Verbs,
            DictionarySource::Actors,
            DictionarySource::Agents,
            DictionarySource::Discards,
            DictionarySource::Issues,
            DictionarySource::Options,
        ] {
            let _ = set.add_text(source, "fuzz", &text, dialect);
        }
        // Whatever the readers accepted must also compile and code without panicking.
        if let Ok(coder) = truce_coding::Coder::from_dictionaries(set) {
            let _ = coder.code_sentence(&text, None);
        }
    }
});
