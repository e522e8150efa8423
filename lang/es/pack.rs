//! The Spanish language pack: declares which files in this folder truce bundles for `es`.

use crate::{DictionaryFile, LanguagePack};

#[path = "morphology.rs"]
mod morphology;

macro_rules! file {
    ($name:literal) => {
        DictionaryFile {
            name: concat!("lang/es/", $name),
            text: include_str!($name),
        }
    };
}

/// Curated files come first: on a tie between two entries the first listed wins.
pub static PACK: LanguagePack = LanguagePack {
    code: "es",
    english_name: "Spanish",
    verbs: &[file!("verbs.truce.txt"), file!("verbs.txt")],
    actors: &[file!("names.actors.txt"), file!("actors.txt")],
    agents: &[file!("agents.truce.txt"), file!("agents.txt")],
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
    passive_prefixes: &[],
    // Verbos que hacen suceder el nombre de evento que los sigue: "realizaron una huelga",
    // "protagonizaron una marcha", "convocaron un paro", "llevaron a cabo un ataque". Only
    // verbs whose object is a noun: `declarar`, `hacer`, `mantener` and `sostener` also take a
    // clause (`declaró que los rebeldes atacaron`), whose verb is no event of theirs.
    light_verbs: &[
        "REALIZAR",
        "EFECTUAR",
        "PROTAGONIZAR",
        "CELEBRAR",
        "LLEVAR",
        "CARRY_OUT",
        "ORGANIZAR",
        "CONVOCAR",
        "INICIAR",
        "EMPRENDER",
        "LANZAR",
        // Finishing an event is telling that it happened: "culminó la retirada", "completaron
        // el repliegue", "concluyeron la evacuación".
        "CULMINAR",
        "COMPLETAR",
        "CONCLUIR",
    ],
    // A written accent on the last vowel marks the preterite (`retiró`, `anunció`, `paró`);
    // without it the word is often a noun (`retiro`, `anuncio`, `paro`).
    verb_only_written_form: Some(morphology::is_verb_only_written_form),
};
