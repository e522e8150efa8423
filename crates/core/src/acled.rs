//! The classes of words that tell ACLED's sub-event types apart, as a small set.

use std::fmt;
use std::str::FromStr;

/// One class of words a language pack lists in `acled.toml`: a weapon, a kind of victim, a kind
/// of gathering. The coder's event type and CAMEO code say what happened; these say how and to
/// whom, which is what ACLED's sub-event types add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcledCue {
    Air,
    Artillery,
    RemoteExplosive,
    Suicide,
    Grenade,
    Chemical,
    Sexual,
    Abduction,
    Mob,
    Protest,
    Riot,
    Clash,
    Civilians,
    Weapons,
    Property,
    Territory,
    Hazard,
    Base,
}

impl AcledCue {
    /// Every class, in the order `acled.toml` documents them.
    pub const ALL: [AcledCue; 18] = [
        AcledCue::Air,
        AcledCue::Artillery,
        AcledCue::RemoteExplosive,
        AcledCue::Suicide,
        AcledCue::Grenade,
        AcledCue::Chemical,
        AcledCue::Sexual,
        AcledCue::Abduction,
        AcledCue::Mob,
        AcledCue::Protest,
        AcledCue::Riot,
        AcledCue::Clash,
        AcledCue::Civilians,
        AcledCue::Weapons,
        AcledCue::Property,
        AcledCue::Territory,
        AcledCue::Hazard,
        AcledCue::Base,
    ];

    /// The class's name in `acled.toml` and in the sub-event table.
    pub fn name(self) -> &'static str {
        match self {
            AcledCue::Air => "air",
            AcledCue::Artillery => "artillery",
            AcledCue::RemoteExplosive => "remote_explosive",
            AcledCue::Suicide => "suicide",
            AcledCue::Grenade => "grenade",
            AcledCue::Chemical => "chemical",
            AcledCue::Sexual => "sexual",
            AcledCue::Abduction => "abduction",
            AcledCue::Mob => "mob",
            AcledCue::Protest => "protest",
            AcledCue::Riot => "riot",
            AcledCue::Clash => "clash",
            AcledCue::Civilians => "civilians",
            AcledCue::Weapons => "weapons",
            AcledCue::Property => "property",
            AcledCue::Territory => "territory",
            AcledCue::Hazard => "hazard",
            AcledCue::Base => "base",
        }
    }

    /// Whether the class names what an attack was carried out with (an aircraft, a shell, a
    /// planted bomb, a suicide bomber, a grenade, a chemical).
    pub fn is_weapon(self) -> bool {
        matches!(
            self,
            AcledCue::Air
                | AcledCue::Artillery
                | AcledCue::RemoteExplosive
                | AcledCue::Suicide
                | AcledCue::Grenade
                | AcledCue::Chemical
        )
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for AcledCue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// A name that is not one of the classes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown ACLED cue class {0:?} (known: air, artillery, remote_explosive, suicide, grenade, chemical, sexual, abduction, mob, protest, riot, clash, civilians, weapons, property, territory, hazard, base)"
)]
pub struct UnknownAcledCue(pub String);

impl FromStr for AcledCue {
    type Err = UnknownAcledCue;

    fn from_str(name: &str) -> Result<AcledCue, UnknownAcledCue> {
        AcledCue::ALL
            .into_iter()
            .find(|cue| cue.name() == name)
            .ok_or_else(|| UnknownAcledCue(name.to_string()))
    }
}

/// The classes found in one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AcledCues(u32);

impl AcledCues {
    pub fn insert(&mut self, cue: AcledCue) {
        self.0 |= cue.bit();
    }

    pub fn contains(self, cue: AcledCue) -> bool {
        self.0 & cue.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The weapon classes of the set ([`AcledCue::is_weapon`]).
    pub fn weapons(self) -> AcledCues {
        AcledCue::ALL
            .into_iter()
            .filter(|&cue| cue.is_weapon() && self.contains(cue))
            .collect()
    }

    /// Both sets' classes.
    pub fn union(self, other: AcledCues) -> AcledCues {
        AcledCues(self.0 | other.0)
    }
}

impl FromIterator<AcledCue> for AcledCues {
    fn from_iter<I: IntoIterator<Item = AcledCue>>(cues: I) -> AcledCues {
        let mut set = AcledCues::default();
        for cue in cues {
            set.insert(cue);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_reads_back_from_its_name() {
        for cue in AcledCue::ALL {
            assert_eq!(cue.name().parse::<AcledCue>(), Ok(cue));
        }
        assert!("airplane".parse::<AcledCue>().is_err());
    }

    #[test]
    fn a_set_holds_what_was_put_in_and_nothing_else() {
        let set: AcledCues = [AcledCue::Grenade, AcledCue::Protest].into_iter().collect();
        assert!(set.contains(AcledCue::Grenade));
        assert!(set.contains(AcledCue::Protest));
        assert!(!set.contains(AcledCue::Air));
        assert!(AcledCues::default().is_empty());
        assert_eq!(
            set.weapons(),
            [AcledCue::Grenade].into_iter().collect::<AcledCues>()
        );
        assert!(set.union(AcledCues::default()).contains(AcledCue::Protest));
    }
}
