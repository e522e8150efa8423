//! Coding speed and dictionary load time with the bundled English dictionaries (`cargo bench -p truce-coding`).
//!
//! The sentences are the PLOVER gold-standard English records in `../shared` (161 news
//! sentences), coded round-robin; throughput is reported in sentences per second.

use std::sync::LazyLock;

use truce_coding::Coder;

static SENTENCES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/coding/dev/plover-gsr-en.input.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let sentences: Vec<String> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| record["text"].as_str().map(str::to_string))
        .collect();
    assert!(!sentences.is_empty(), "no sentences at {path}");
    sentences
});

static ENGLISH: LazyLock<Coder> = LazyLock::new(|| {
    Coder::from_language_pack(truce_lang::pack("en").expect("English pack")).expect("English coder")
});

fn main() {
    divan::main();
}

/// Codes every sentence of the set once per iteration, counting sentences as items.
fn code_all_sentences(bencher: divan::Bencher, coder: &Coder) {
    let sentences = &*SENTENCES;
    bencher
        .counter(divan::counter::ItemsCount::new(sentences.len()))
        .bench(|| {
            let mut events = 0;
            for sentence in sentences {
                events += coder
                    .code_sentence(divan::black_box(sentence), None)
                    .events
                    .len();
            }
            events
        });
}

/// Parsing and compiling the full English dictionaries, as every `truce` start-up does.
#[divan::bench(sample_count = 10)]
fn load_english_dictionaries() -> Coder {
    Coder::from_language_pack(truce_lang::pack("en").expect("English pack")).expect("English coder")
}

/// Coding every sentence of the set once.
#[divan::bench(sample_count = 30)]
fn code_english_sentences(bencher: divan::Bencher) {
    code_all_sentences(bencher, &ENGLISH);
}

/// The same with every other language pack's coder built and resident, to show that
/// loading all packs does not slow English coding.
#[divan::bench(sample_count = 30)]
fn code_english_sentences_with_all_packs_loaded(bencher: divan::Bencher) {
    let others: Vec<Coder> = truce_lang::all_packs()
        .filter(|pack| pack.code != "en")
        .filter_map(|pack| Coder::from_language_pack(pack).ok())
        .collect();
    code_all_sentences(bencher, &ENGLISH);
    drop(others);
}
