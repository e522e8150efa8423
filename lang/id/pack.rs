//! The Indonesian language pack: declares which files in this folder truce bundles for `id`.

use crate::{DictionaryFile, LanguagePack};

#[path = "morphology.rs"]
mod morphology;

macro_rules! file {
    ($name:literal) => {
        DictionaryFile {
            name: concat!("lang/id/", $name),
            text: include_str!($name),
        }
    };
}

pub static PACK: LanguagePack = LanguagePack {
    code: "id",
    english_name: "Indonesian",
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
    word_roots: Some(morphology::word_roots),
    noun_determiners: &[],
    passive_prefixes: &["DI"],
    // None yet: the Indonesian verb dictionaries have no entries for "menggelar", "melakukan"
    // or "mengadakan", so the event noun after them ("unjuk rasa", "serangan") is coded by
    // its own entry already.
    light_verbs: &[],
    verb_only_written_form: None,
};
