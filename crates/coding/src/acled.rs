//! ACLED sub-event types for coded events, by the rules in `data/acled-sub-events.tsv`.
//!
//! The coder gives an event its PLOVER type and CAMEO code; ACLED splits those by weapon, by
//! victim and by kind of gathering. The weapon and the gathering come from the words of the
//! sentence (classes of each pack's `acled.toml`, found by `truce-recognise`), the victim from
//! the actors' sector codes. The rules themselves, with the definition each follows, are data:
//! one table, read top to bottom, first fit wins.

use std::sync::LazyLock;

use truce_core::{AcledCue, AcledCues, PloverEvent};

/// What the rules look at in one event.
#[derive(Debug, Clone, Copy)]
pub struct AcledFacts<'a> {
    pub event: PloverEvent,
    pub cameo: &'a str,
    pub source_codes: &'a [&'a str],
    pub target_codes: &'a [&'a str],
    pub cues: AcledCues,
}

/// The sub-event type of an event, or `None` when ACLED would not record it (a statement, a
/// threat, an appeal).
pub fn acled_sub_event(facts: &AcledFacts<'_>) -> Option<&'static str> {
    RULES
        .iter()
        .find(|rule| rule.fits(facts))
        .map(|rule| rule.label)
}

/// Whether any rule that can apply to events of this PLOVER type looks at the sentence's
/// words: finding them costs a pass over the sentence, which events of other types skip.
pub fn needs_cues(event: PloverEvent) -> bool {
    RULES.iter().any(|rule| {
        !rule.cues.is_empty()
            && rule
                .events
                .as_ref()
                .is_none_or(|events| events.contains(&event))
    })
}

/// Every label the table can give, in table order, each once.
pub fn acled_labels() -> Vec<&'static str> {
    let mut labels: Vec<&'static str> = Vec::new();
    for rule in RULES.iter() {
        if !labels.contains(&rule.label) {
            labels.push(rule.label);
        }
    }
    labels
}

/// ACLED's own words for a label (`AIR_STRIKE` → "Air/drone strike"), for ACLED-style exports.
pub fn acled_sub_event_name(label: &str) -> Option<&'static str> {
    Some(match label {
        "ARMED_CLASH" => "Armed clash",
        "GOV_REGAINS_TERIT" => "Government regains territory",
        "NON_STATE_ACTOR_OVERTAKES_TER" => "Non-state actor overtakes territory",
        "CHEM_WEAP" => "Chemical weapon",
        "AIR_STRIKE" => "Air/drone strike",
        "SUIC_BOMB" => "Suicide bomb",
        "ART_MISS_ATTACK" => "Shelling/artillery/missile attack",
        "REM_EXPLOS" => "Remote explosive/landmine/IED",
        "GRENADE" => "Grenade",
        "SEX_VIOL" => "Sexual violence",
        "ATTACK" => "Attack",
        "ABDUCT_DISSAP" => "Abduction/forced disappearance",
        "PEACE_PROTEST" => "Peaceful protest",
        "PROTEST_WITH_INTER" => "Protest with intervention",
        "FORCE_AGAINST_PROTEST" => "Excessive force against protesters",
        "VIOL_DEMONSTR" => "Violent demonstration",
        "MOB_VIOL" => "Mob violence",
        "AGREEMENT" => "Agreement",
        "ARREST" => "Arrests",
        "CHANGE_TO_GROUP_ACT" => "Change to group/activity",
        "DISR_WEAP" => "Disrupted weapons use",
        "HQ_ESTABLISHED" => "Headquarters or base established",
        "NON_VIOL_TERRIT_TRANSFER" => "Non-violent transfer of territory",
        "PROPERTY_DISTRUCT" => "Looting/property destruction",
        "OTHER" => "Other",
        _ => return None,
    })
}

/// ACLED's event type for a label (`AIR_STRIKE` → "Explosions/Remote violence").
pub fn acled_event_type(label: &str) -> Option<&'static str> {
    Some(match label {
        "ARMED_CLASH" | "GOV_REGAINS_TERIT" | "NON_STATE_ACTOR_OVERTAKES_TER" => "Battles",
        "CHEM_WEAP" | "AIR_STRIKE" | "SUIC_BOMB" | "ART_MISS_ATTACK" | "REM_EXPLOS" | "GRENADE" => {
            "Explosions/Remote violence"
        }
        "SEX_VIOL" | "ATTACK" | "ABDUCT_DISSAP" => "Violence against civilians",
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" | "FORCE_AGAINST_PROTEST" => "Protests",
        "VIOL_DEMONSTR" | "MOB_VIOL" => "Riots",
        "AGREEMENT"
        | "ARREST"
        | "CHANGE_TO_GROUP_ACT"
        | "DISR_WEAP"
        | "HQ_ESTABLISHED"
        | "NON_VIOL_TERRIT_TRANSFER"
        | "PROPERTY_DISTRUCT"
        | "OTHER" => "Strategic developments",
        _ => return None,
    })
}

/// Sector codes (CAMEO's three-letter agent codes) of the state's armed and governing bodies.
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];
/// Sector codes of the state's armed bodies.
const ARMED_STATE_SECTORS: &[&str] = &["MIL", "COP", "SPY"];
/// Sector codes of armed groups outside the state.
const NONSTATE_ARMED_SECTORS: &[&str] = &["REB", "INS", "UAF", "SEP", "IMG", "RAD", "CRM"];
/// Sector codes of people without arms.
const CIVILIAN_SECTORS: &[&str] = &[
    "CVL", "PPL", "EDU", "JRN", "MED", "HLH", "AGR", "LAB", "BUS", "REL", "REF", "NGO", "HRI",
    "ELI", "OPP", "ENV",
];

fn sectors(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / 3).filter_map(move |index| code.get(index * 3..index * 3 + 3))
}

fn has_sector(code: &str, wanted: &[&str]) -> bool {
    sectors(code).skip(1).any(|sector| wanted.contains(&sector))
        || code.get(..3).is_some_and(|first| wanted.contains(&first))
}

/// A country named alone (`SYR`): the state itself.
fn is_bare_country(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    Anyone,
    State,
    Nonstate,
    Armed,
    Civilian,
    Nobody,
}

impl Party {
    fn parse(text: &str) -> Option<Party> {
        Some(match text {
            "*" => Party::Anyone,
            "state" => Party::State,
            "nonstate" => Party::Nonstate,
            "armed" => Party::Armed,
            "civilian" => Party::Civilian,
            "none" => Party::Nobody,
            _ => return None,
        })
    }

    fn fits(self, codes: &[&str]) -> bool {
        let is_state = |code: &&str| {
            (has_sector(code, STATE_SECTORS) || is_bare_country(code))
                && !has_sector(code, NONSTATE_ARMED_SECTORS)
        };
        let is_nonstate = |code: &&str| has_sector(code, NONSTATE_ARMED_SECTORS);
        match self {
            Party::Anyone => true,
            Party::State => codes.iter().any(is_state),
            Party::Nonstate => codes.iter().any(is_nonstate),
            Party::Armed => codes
                .iter()
                .any(|code| has_sector(code, ARMED_STATE_SECTORS) || is_nonstate(code)),
            Party::Civilian => codes.iter().any(|code| {
                has_sector(code, CIVILIAN_SECTORS)
                    && !has_sector(code, STATE_SECTORS)
                    && !is_nonstate(code)
            }),
            Party::Nobody => codes.is_empty(),
        }
    }
}

/// Any of `alternatives`, or (negated) none of them.
#[derive(Debug, Clone)]
struct PartyRequirement {
    alternatives: Vec<Party>,
    negated: bool,
}

impl PartyRequirement {
    fn fits(&self, codes: &[&str]) -> bool {
        self.alternatives.iter().any(|party| party.fits(codes)) != self.negated
    }
}

/// One requirement on the sentence's cue classes: any of `alternatives`, or none of them.
#[derive(Debug, Clone)]
struct CueRequirement {
    alternatives: Vec<AcledCue>,
    negated: bool,
}

#[derive(Debug, Clone)]
struct Rule {
    label: &'static str,
    events: Option<Vec<PloverEvent>>,
    /// `(code, is_prefix)`; `None` is any code.
    cameo: Option<Vec<(&'static str, bool)>>,
    cues: Vec<CueRequirement>,
    source: PartyRequirement,
    target: PartyRequirement,
}

impl Rule {
    fn fits(&self, facts: &AcledFacts<'_>) -> bool {
        self.events
            .as_ref()
            .is_none_or(|events| events.contains(&facts.event))
            && self.cameo.as_ref().is_none_or(|codes| {
                codes.iter().any(|&(code, is_prefix)| {
                    if is_prefix {
                        facts.cameo.starts_with(code)
                    } else {
                        facts.cameo == code
                    }
                })
            })
            && self.cues.iter().all(|requirement| {
                requirement
                    .alternatives
                    .iter()
                    .any(|&cue| facts.cues.contains(cue))
                    != requirement.negated
            })
            && self.source.fits(facts.source_codes)
            && self.target.fits(facts.target_codes)
    }
}

/// A line of the table that does not read; the table is bundled, so a test reads every line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("crates/coding/data/acled-sub-events.tsv line {line}: {what}")]
pub struct AcledTableError {
    pub line: usize,
    pub what: String,
}

fn parse_party(text: &str, line: usize) -> Result<PartyRequirement, AcledTableError> {
    let (negated, name) = match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let alternatives = name
        .split('|')
        .map(|party| {
            Party::parse(party).ok_or_else(|| AcledTableError {
                line,
                what: format!("unknown party {party:?}"),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PartyRequirement {
        alternatives,
        negated,
    })
}

fn parse_rules(text: &'static str) -> Result<Vec<Rule>, AcledTableError> {
    let mut rules = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let line = index + 1;
        if raw_line.trim().is_empty() || raw_line.starts_with('#') {
            continue;
        }
        let columns: Vec<&'static str> = raw_line.split('\t').map(str::trim).collect();
        let [label, events, cameo, cues, source, target, _reason] = columns[..] else {
            return Err(AcledTableError {
                line,
                what: format!("{} columns, not 7", columns.len()),
            });
        };
        if acled_sub_event_name(label).is_none() {
            return Err(AcledTableError {
                line,
                what: format!("unknown label {label:?}"),
            });
        }
        let events = match events {
            "*" => None,
            list => Some(
                list.split('|')
                    .map(|name| {
                        name.parse::<PloverEvent>().map_err(|_| AcledTableError {
                            line,
                            what: format!("unknown PLOVER type {name:?}"),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let cameo = match cameo {
            "*" => None,
            list => Some(
                list.split('|')
                    .map(|code| match code.strip_suffix('*') {
                        Some(prefix) => (prefix, true),
                        None => (code, false),
                    })
                    .collect(),
            ),
        };
        let cues = match cues {
            "*" => Vec::new(),
            list => list
                .split(',')
                .map(|requirement| {
                    let (negated, names) = match requirement.strip_prefix('!') {
                        Some(rest) => (true, rest),
                        None => (false, requirement),
                    };
                    let alternatives = names
                        .split('|')
                        .map(|name| {
                            name.parse::<AcledCue>().map_err(|error| AcledTableError {
                                line,
                                what: error.to_string(),
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(CueRequirement {
                        alternatives,
                        negated,
                    })
                })
                .collect::<Result<Vec<_>, AcledTableError>>()?,
        };
        rules.push(Rule {
            label,
            events,
            cameo,
            cues,
            source: parse_party(source, line)?,
            target: parse_party(target, line)?,
        });
    }
    Ok(rules)
}

const TABLE: &str = include_str!("../data/acled-sub-events.tsv");

/// The bundled table. A line that does not read is a bug caught by the tests; the product then
/// gives no sub-event types rather than failing.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| parse_rules(TABLE).unwrap_or_default());

/// Reads the bundled table, reporting the first line that does not read.
pub fn check_acled_table() -> Result<(), AcledTableError> {
    parse_rules(TABLE).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(
        event: PloverEvent,
        cameo: &str,
        source: &[&str],
        target: &[&str],
        cues: &[AcledCue],
    ) -> Option<&'static str> {
        acled_sub_event(&AcledFacts {
            event,
            cameo,
            source_codes: source,
            target_codes: target,
            cues: cues.iter().copied().collect(),
        })
    }

    #[test]
    fn the_bundled_table_reads_and_names_only_known_labels() {
        check_acled_table().unwrap();
        for label in acled_labels() {
            assert!(acled_event_type(label).is_some(), "{label}");
        }
    }

    #[test]
    fn the_weapon_decides_before_the_victim() {
        use AcledCue::*;
        use PloverEvent::Assault;
        assert_eq!(
            label(Assault, "190", &["---UAF"], &["---CVL"], &[Grenade]),
            Some("GRENADE")
        );
        assert_eq!(
            label(Assault, "195", &["USAMIL"], &["SYRCVL"], &[]),
            Some("AIR_STRIKE")
        );
        assert_eq!(
            label(
                Assault,
                "190",
                &[],
                &["IRQMIL"],
                &[Suicide, RemoteExplosive]
            ),
            Some("SUIC_BOMB")
        );
        assert_eq!(
            label(Assault, "190", &["SYRGOV"], &[], &[Chemical, Air]),
            Some("CHEM_WEAP")
        );
    }

    #[test]
    fn victims_and_sides_tell_attacks_from_clashes() {
        use PloverEvent::Assault;
        assert_eq!(
            label(Assault, "190", &["---UAF"], &["AFGEDU"], &[]),
            Some("ATTACK")
        );
        assert_eq!(
            label(Assault, "190", &["AFGREB"], &["AFGMIL"], &[]),
            Some("ARMED_CLASH")
        );
    }

    #[test]
    fn protests_by_how_they_went() {
        use AcledCue::*;
        assert_eq!(
            label(PloverEvent::Protest, "141", &["---OPP"], &[], &[Protest]),
            Some("PEACE_PROTEST")
        );
        assert_eq!(
            label(PloverEvent::Protest, "145", &["---OPP"], &[], &[]),
            Some("VIOL_DEMONSTR")
        );
        assert_eq!(
            label(
                PloverEvent::Assault,
                "193",
                &["IRQCOP"],
                &["IRQ"],
                &[Protest]
            ),
            Some("FORCE_AGAINST_PROTEST")
        );
        assert_eq!(
            label(
                PloverEvent::Coerce,
                "173",
                &["KENCOP"],
                &["---OPP"],
                &[Protest]
            ),
            Some("PROTEST_WITH_INTER")
        );
        assert_eq!(
            label(PloverEvent::Coerce, "173", &["KENCOP"], &["---OPP"], &[]),
            Some("ARREST")
        );
    }

    #[test]
    fn only_types_whose_rules_read_words_need_the_words() {
        assert!(needs_cues(PloverEvent::Assault));
        assert!(needs_cues(PloverEvent::Protest));
        assert!(!needs_cues(PloverEvent::Consult));
    }

    #[test]
    fn statements_get_no_sub_event() {
        assert_eq!(
            label(PloverEvent::Accuse, "112", &["IRN"], &["USA"], &[]),
            None
        );
        assert_eq!(
            label(PloverEvent::Threaten, "138", &["IRN"], &["USA"], &[]),
            None
        );
    }

    #[test]
    fn a_bad_line_is_named() {
        let error = parse_rules("AIRSTRIKE\t*\t*\t*\t*\t*\treason").unwrap_err();
        assert_eq!(error.line, 1);
        assert!(error.what.contains("AIRSTRIKE"));
        let error = parse_rules("# comment\nATTACK\tASSAULT\t*\tplanes\t*\t*\treason").unwrap_err();
        assert_eq!(error.line, 2);
    }
}
