//! The English language pack: declares which files in this folder truce bundles for `en`.

use crate::{DictionaryFile, LanguagePack};

macro_rules! file {
    ($name:literal) => {
        DictionaryFile {
            name: concat!("lang/en/", $name),
            text: include_str!($name),
        }
    };
}

pub static PACK: LanguagePack = LanguagePack {
    code: "en",
    english_name: "English",
    verbs: &[file!("verbs.truce.txt"), file!("verbs.txt")],
    actors: &[
        file!("countries.actors.txt"),
        file!("international.actors.txt"),
        file!("nonstate.actors.txt"),
        file!("actors.txt"),
        file!("names.actors.txt"),
    ],
    agents: &[file!("agents.txt")],
    discards: &[file!("discards.txt")],
    issues: &[file!("issues.txt")],
    cleanup: include_str!("cleanup.toml"),
    abbreviations: include_str!("abbreviations.txt"),
    dates: include_str!("dates.toml"),
    numbers: include_str!("numbers.toml"),
    flags: include_str!("flags.toml"),
    places: include_str!("places.toml"),
    acled: include_str!("acled.toml"),
    common_words: include_str!("common_words.txt"),
    word_roots: None,
    noun_determiners: &[
        "THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR",
    ],
    passive_prefixes: &[],
    // None: the English verb dictionaries code their light verbs through patterns of their
    // own (`HOLD * TALKS`, `HOLD * SUMMIT`, `STAGE * PROTEST`), and listing HOLD, STAGE,
    // LAUNCH, CONDUCT or BEGIN here changed one event of the tuning half of plover-gsr-en and
    // case2021-acled-en, for nothing.
    light_verbs: &[],
    verb_only_written_form: None,
};
