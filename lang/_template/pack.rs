//! A template language pack: copy this folder to `lang/<bcp47>/`, fill its files, and add one line to `PACKS` in `crates/lang/src/lib.rs`.
//!
//! After copying, change the `lang/_template/` prefix in `file!` below to `lang/<code>/` (it names
//! files in error messages), set `code` and `english_name`, and point `word_roots` at a
//! morphology module if the language needs one (see `lang/id/pack.rs` and `lang/id/morphology.rs`).

use crate::{DictionaryFile, LanguagePack};

macro_rules! file {
    ($name:literal) => {
        DictionaryFile {
            name: concat!("lang/_template/", $name),
            text: include_str!($name),
        }
    };
}

pub static PACK: LanguagePack = LanguagePack {
    code: "xx",
    english_name: "Template",
    verbs: &[file!("verbs.txt")],
    actors: &[file!("actors.txt"), file!("names.actors.txt")],
    agents: &[file!("agents.txt")],
    discards: &[file!("discards.txt")],
    issues: &[],
    cleanup: include_str!("cleanup.toml"),
    abbreviations: include_str!("abbreviations.txt"),
    dates: include_str!("dates.toml"),
    numbers: include_str!("numbers.toml"),
    flags: include_str!("flags.toml"),
    places: include_str!("places.toml"),
    acled: include_str!("acled.toml"),
    common_words: include_str!("common_words.txt"),
    word_roots: None,
    noun_determiners: &[],
    passive_prefixes: &[],
    // Verbs that make the event noun after them happen ("hold talks"), as the verb
    // dictionaries write them, upper case.
    light_verbs: &[],
    verb_only_written_form: None,
};
