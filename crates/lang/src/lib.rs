//! Language packs: each language's resources, declared in `lang/<bcp47>/pack.rs`, and the one table that picks them.
//!
//! A pack is data first: verb patterns, agents, actor names, discards and issues in the
//! TABARI/PETRARCH formats, plus cleanup rules, abbreviations, date words and number words in
//! small TOML or text files. The pack's `pack.rs` includes those files into the binary, so the
//! product never reads the repository at run time. Adding a language means copying
//! `lang/_template/` to `lang/<code>/` and adding one line to `PACKS` below.

/// One bundled dictionary file: its name (for error messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct DictionaryFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// Everything truce knows about one language. Empty slices and strings mean "nothing yet".
#[derive(Debug)]
pub struct LanguagePack {
    /// BCP 47 tag: `en`, `id`, `es`.
    pub code: &'static str,
    pub english_name: &'static str,
    /// Verb dictionaries in the PETRARCH format.
    pub verbs: &'static [DictionaryFile],
    /// Actor dictionaries in the PETRARCH format (names, dated roles).
    pub actors: &'static [DictionaryFile],
    /// Agent dictionaries in the PETRARCH format.
    pub agents: &'static [DictionaryFile],
    pub discards: &'static [DictionaryFile],
    pub issues: &'static [DictionaryFile],
    /// Scraping-leftover rules (`cleanup.toml`).
    pub cleanup: &'static str,
    /// Abbreviations that do not end a sentence, one per line (`abbreviations.txt`).
    pub abbreviations: &'static str,
    /// Month, weekday and relative-time words (`dates.toml`).
    pub dates: &'static str,
    /// Number words and quantity patterns (`numbers.toml`).
    pub numbers: &'static str,
    /// Words that mark an event as negated, planned, hypothetical or background (`flags.toml`).
    pub flags: &'static str,
    /// Words around a name that make it a place, and which kind (`places.toml`).
    pub places: &'static str,
    /// Words that tell ACLED's sub-event types apart: weapons, victims, kinds of gathering
    /// (`acled.toml`).
    pub acled: &'static str,
    /// The language's most frequent function words, one per line (`common_words.txt`), by
    /// which language identification recognises the pack's language without the full detector.
    pub common_words: &'static str,
    /// Morphology: pushes the dictionary roots a surface word may come from (Indonesian
    /// `penarikan` → `tarik`). `None` means words are matched as written.
    pub word_roots: Option<fn(&str, &mut Vec<String>)>,
    /// Words after which a verb form is read as a noun (English `the attack`), upper case.
    pub noun_determiners: &'static [&'static str],
    /// Prefixes that mark a verb found through `word_roots` as passive (Indonesian `di-`).
    pub passive_prefixes: &'static [&'static str],
    /// Light verbs: verbs that make the event noun after them happen (`hold talks`, `realizar
    /// una huelga`, `menggelar unjuk rasa`), as the verb dictionaries write them, upper case.
    /// The noun's event is coded with the verb's actors, whatever code the verb has.
    pub light_verbs: &'static [&'static str],
    /// Whether a word, as written (accents kept), can only be a verb form in the language:
    /// Spanish `retiró`, whose unaccented spelling `retiro` is also a noun. The coder compares
    /// words without their accents, so without this it reads such a verb as the noun (an agent
    /// name, say) and loses the event. Such a word is never taken as an actor or agent name.
    pub verb_only_written_form: Option<fn(&str) -> bool>,
}

impl LanguagePack {
    /// A pack with no resources, to be filled with struct update syntax in `pack.rs`.
    pub const EMPTY: LanguagePack = LanguagePack {
        code: "",
        english_name: "",
        verbs: &[],
        actors: &[],
        agents: &[],
        discards: &[],
        issues: &[],
        cleanup: "",
        abbreviations: "",
        dates: "",
        numbers: "",
        flags: "",
        places: "",
        acled: "",
        common_words: "",
        word_roots: None,
        noun_determiners: &[],
        passive_prefixes: &[],
        light_verbs: &[],
        verb_only_written_form: None,
    };
}

/// The shared pack test suite (`pack_tests!`) and the template pack it runs on.
#[doc(hidden)]
pub mod testing;

#[path = "../../../lang/en/pack.rs"]
mod en;
#[path = "../../../lang/es/pack.rs"]
mod es;
#[path = "../../../lang/id/pack.rs"]
mod id;

/// The table of packs: one line per language.
pub static PACKS: &[&LanguagePack] = &[&en::PACK, &id::PACK, &es::PACK];

/// The pack for a BCP 47 tag, matching on the primary language subtag (`id-ID` → `id`).
pub fn pack(tag: &str) -> Option<&'static LanguagePack> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    PACKS.iter().copied().find(|pack| pack.code == primary)
}

/// Every registered pack, in table order.
pub fn all_packs() -> impl Iterator<Item = &'static LanguagePack> {
    PACKS.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_are_found_by_primary_subtag_and_codes_are_unique() {
        assert_eq!(pack("id-ID").map(|p| p.code), Some("id"));
        assert_eq!(pack("EN").map(|p| p.code), Some("en"));
        assert!(pack("xx").is_none());
        let mut codes: Vec<_> = all_packs().map(|p| p.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), PACKS.len());
    }
}
