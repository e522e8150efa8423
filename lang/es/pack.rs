//! The Spanish language pack: declares which files in this folder truce bundles for `es`.

use crate::{DictionaryFile, LanguagePack};

macro_rules! file {
    ($name:literal) => {
        DictionaryFile {
            name: concat!("lang/es/", $name),
            text: include_str!($name),
        }
    };
}

pub static PACK: LanguagePack = LanguagePack {
    code: "es",
    english_name: "Spanish",
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
    word_roots: None,
};
