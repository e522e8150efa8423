//! The small vocabularies of the gazetteer's tables: what an entry is, how a name is attested
//! and in which language. Shared by the build script, which writes them into the index, and the
//! library, which reads them back.

/// What kind of thing an entry is, from widest to narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Continent,
    Country,
    /// A region no administrative list has as such (Nagorno-Karabakh, Darfur, Kashmir).
    Region,
    Admin1,
    Admin2,
    /// A city, town, village or other populated place.
    Place,
}

impl EntryKind {
    const ALL: [EntryKind; 6] = [
        EntryKind::Continent,
        EntryKind::Country,
        EntryKind::Region,
        EntryKind::Admin1,
        EntryKind::Admin2,
        EntryKind::Place,
    ];

    pub fn parse(text: &str) -> Option<EntryKind> {
        Some(match text {
            "continent" => EntryKind::Continent,
            "country" => EntryKind::Country,
            "region" => EntryKind::Region,
            "admin1" => EntryKind::Admin1,
            "admin2" => EntryKind::Admin2,
            "place" => EntryKind::Place,
            _ => return None,
        })
    }

    /// The kind's number in the index.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(number: u8) -> Option<EntryKind> {
        EntryKind::ALL.get(number as usize).copied()
    }
}

/// How a name is attested for an entry, from best to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attestation {
    /// The entry's own (usually English or local official) name, or its ASCII form.
    Primary,
    /// A name given for a language (CLDR, GeoNames language-tagged names), or curated.
    Tagged,
    /// An alternate spelling with no language.
    Alternate,
    /// A short form or code ("US", "UK", "BC").
    Abbreviation,
}

impl Attestation {
    const ALL: [Attestation; 4] = [
        Attestation::Primary,
        Attestation::Tagged,
        Attestation::Alternate,
        Attestation::Abbreviation,
    ];

    pub fn parse(text: &str) -> Option<Attestation> {
        Some(match text {
            "primary" => Attestation::Primary,
            "tagged" => Attestation::Tagged,
            "alternate" => Attestation::Alternate,
            "abbreviation" => Attestation::Abbreviation,
            _ => return None,
        })
    }

    /// The attestation's number in the index.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(number: u8) -> Option<Attestation> {
        Attestation::ALL.get(number as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_what_was_written() {
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::from_number(kind.number()), Some(kind));
        }
        for attestation in Attestation::ALL {
            assert_eq!(
                Attestation::from_number(attestation.number()),
                Some(attestation)
            );
        }
        assert_eq!(EntryKind::from_number(6), None);
        assert_eq!(Attestation::from_number(4), None);
    }
}

/// A BCP 47 primary language subtag ("en", "id", "ast"), held inline so that a name lookup
/// copies its candidates without allocating. The build rejects a table whose tag is longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LanguageTag {
    bytes: [u8; LanguageTag::MAX_BYTES],
    length: u8,
}

impl LanguageTag {
    /// Primary subtags are two or three letters; eight is the longest BCP 47 allows.
    pub const MAX_BYTES: usize = 8;

    /// The tag, or `None` when it is empty, longer than eight bytes or not ASCII letters.
    pub fn new(tag: &str) -> Option<LanguageTag> {
        if tag.is_empty()
            || tag.len() > LanguageTag::MAX_BYTES
            || !tag.bytes().all(|byte| byte.is_ascii_alphabetic())
        {
            return None;
        }
        let mut bytes = [0; LanguageTag::MAX_BYTES];
        bytes[..tag.len()].copy_from_slice(tag.as_bytes());
        Some(LanguageTag {
            bytes,
            length: tag.len() as u8,
        })
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so the bytes are always valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.length as usize]).unwrap_or_default()
    }
}

impl PartialEq<str> for LanguageTag {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
