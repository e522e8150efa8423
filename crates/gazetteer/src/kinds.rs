//! The two small vocabularies of the gazetteer's tables: what an entry is and how a name is
//! attested. Shared by the build script, which writes them into the index as numbers, and the
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
