//! What recognition and resolution need from a gazetteer, as a trait, and its implementation
//! for the bundled gazetteer; unit tests use small gazetteers built from hand-made tables.

use truce_gazetteer::Gazetteer;
pub use truce_gazetteer::{
    Attestation, Entry, EntryFacts, EntryId, EntryKind, LanguageTag, NamedCandidate,
};

/// The lookups place recognition makes. Keys are normalised names ([`PlaceIndex::key`]).
pub trait PlaceIndex {
    /// The lookup key of a surface text.
    fn key(&self, text: &str) -> String;
    /// Appends the entries `key` names to `out`.
    fn named(&self, key: &str, out: &mut Vec<NamedCandidate>);
    /// True when some longer name starts with `key` followed by a space.
    fn continues(&self, key: &str) -> bool;
    /// The country or continent a demonym or place adjective names; `lang` is the article's
    /// language, and `lower_case` says the word was written in lower case, which only a
    /// demonym attested for that language may be ("ruso" in Spanish).
    fn demonym(&self, key: &str, lang: &str, lower_case: bool) -> Option<EntryId>;
    fn entry(&self, id: EntryId) -> Entry;
    /// What resolution weighs of an entry, without building the whole [`Entry`].
    fn entry_facts(&self, id: EntryId) -> EntryFacts<'_>;
    /// The kind of an entry, without building the whole [`Entry`].
    fn entry_kind(&self, id: EntryId) -> EntryKind;
    /// The entry of a country, by ISO 3166-1 alpha-3.
    fn country_entry(&self, alpha3: &str) -> Option<EntryId>;
    /// ISO alpha-3 for an alpha-2 code.
    fn alpha3(&self, alpha2: &str) -> Option<String>;
    /// The entry of a first-level region, by its country (alpha-3) and code.
    fn admin1_entry(&self, country: &str, admin1_code: &str) -> Option<EntryId>;
}

impl PlaceIndex for Gazetteer {
    fn key(&self, text: &str) -> String {
        truce_gazetteer::name_key(text)
    }

    fn named(&self, key: &str, out: &mut Vec<NamedCandidate>) {
        Gazetteer::named(self, key, out);
    }

    fn continues(&self, key: &str) -> bool {
        Gazetteer::continues(self, key)
    }

    fn demonym(&self, key: &str, lang: &str, lower_case: bool) -> Option<EntryId> {
        Gazetteer::demonym(self, key, lang, lower_case)
    }

    fn entry(&self, id: EntryId) -> Entry {
        Gazetteer::entry(self, id)
    }

    fn entry_facts(&self, id: EntryId) -> EntryFacts<'_> {
        Gazetteer::entry_facts(self, id)
    }

    fn entry_kind(&self, id: EntryId) -> EntryKind {
        Gazetteer::entry_kind(self, id)
    }

    fn country_entry(&self, alpha3: &str) -> Option<EntryId> {
        Gazetteer::country_entry(self, alpha3)
    }

    fn alpha3(&self, alpha2: &str) -> Option<String> {
        Gazetteer::alpha3(self, alpha2).map(str::to_string)
    }

    fn admin1_entry(&self, country: &str, admin1_code: &str) -> Option<EntryId> {
        Gazetteer::admin1_entry(self, country, admin1_code)
    }
}
