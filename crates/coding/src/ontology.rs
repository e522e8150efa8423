//! CAMEO codes to PLOVER event, mode and context, quad class, Goldstein score, and actor codes to country and sector.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use truce_core::PloverEvent;

/// What PLOVER calls a CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverMapping {
    pub event: PloverEvent,
    pub mode: Option<String>,
    pub context: Vec<String>,
}

/// truce's readings (`plover-readings.truce.txt`, where the PLOVER codebook overrules the table)
/// come first, so that they win; then the PLOVER project's table.
static CAMEO_TO_PLOVER: LazyLock<HashMap<String, PloverMapping>> = LazyLock::new(|| {
    parse_cameo_to_plover(concat!(
        include_str!("../data/plover-readings.truce.txt"),
        "\n",
        include_str!("../data/CAMEO2PLOVER-2021.txt")
    ))
});

static ISO_COUNTRIES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/iso3166-alpha3.txt")
        .lines()
        .map(str::trim)
        .filter(|code| code.len() == 3)
        .collect()
});

static GOLDSTEIN_ROOTS: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    include_str!("../data/goldstein-roots.tsv")
        .lines()
        .filter_map(|line| {
            let (root, score) = line.split_once('\t')?;
            Some((root, score.trim().parse().ok()?))
        })
        .collect()
});

/// Reads lines `0874: RETREAT, disarm,   military # comment`; a root line `08: CONCEDE` names the
/// root's type (the first root line wins where, as for `08`, a root is split between types).
fn parse_cameo_to_plover(text: &str) -> HashMap<String, PloverMapping> {
    let mut table = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut fields = rest.split(',').map(str::trim);
        let Some(event) = fields
            .next()
            .and_then(|name| name.parse::<PloverEvent>().ok())
        else {
            continue;
        };
        let mode = fields
            .next()
            .filter(|mode| !mode.is_empty())
            .map(str::to_string);
        let context = fields
            .filter(|context| !context.is_empty())
            .map(str::to_string)
            .collect();
        table.entry(code.to_string()).or_insert(PloverMapping {
            event,
            mode,
            context,
        });
    }
    table
}

/// The PLOVER mapping of a CAMEO code: the code itself, else its three-digit parent, else its root.
pub fn plover_for_cameo(cameo: &str) -> Option<PloverMapping> {
    let digits: String = cameo.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 2 {
        return None;
    }
    for length in (2..=digits.len()).rev() {
        if let Some(mapping) = CAMEO_TO_PLOVER.get(&digits[..length]) {
            return Some(mapping.clone());
        }
    }
    None
}

/// GDELT's quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
pub fn quad_class(cameo: &str) -> u8 {
    match cameo.get(..2).and_then(|root| root.parse::<u8>().ok()) {
        Some(1..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(14..=20) => 4,
        _ => 0,
    }
}

/// The Goldstein score of the code's root.
pub fn goldstein(cameo: &str) -> Option<f64> {
    GOLDSTEIN_ROOTS.get(cameo.get(..2)?).copied()
}

/// Whether a three-letter code is an ISO 3166-1 alpha-3 country.
pub fn is_country_code(code: &str) -> bool {
    ISO_COUNTRIES.contains(code)
}

/// Splits a CAMEO-style actor code into its country (when it starts with one) and the first
/// sector after it: `RUSMIL` → (`RUS`, `MIL`), `IGOUNO` → (None, `IGO`), `MIL` → (None, `MIL`).
pub fn country_and_sector(code: &str) -> (Option<String>, Option<String>) {
    if let Some(sector) = code.strip_prefix("---") {
        // An agent whose country the text does not say: `---GOV`.
        return (None, sector.get(..3).map(str::to_string));
    }
    let head = code.get(..3);
    match head {
        Some(country) if is_country_code(country) => {
            let sector = code
                .get(3..6)
                .filter(|sector| sector.len() == 3)
                .map(str::to_string);
            (Some(country.to_string()), sector)
        }
        Some(sector) => (None, Some(sector.to_string())),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_plover() {
        let retreat = plover_for_cameo("0874").unwrap();
        assert_eq!(retreat.event, PloverEvent::Retreat);
        assert_eq!(retreat.mode.as_deref(), Some("disarm"));
        assert_eq!(retreat.context, vec!["military"]);
        assert_eq!(
            plover_for_cameo("1951").map(|m| m.event),
            plover_for_cameo("195").map(|m| m.event)
        );
        assert!(
            plover_for_cameo("010").is_none(),
            "statements are not PLOVER events"
        );
        assert_eq!(plover_for_cameo("190").unwrap().event, PloverEvent::Assault);
    }

    #[test]
    fn truce_readings_win_over_the_table() {
        let resignation = plover_for_cameo("0831").unwrap();
        assert_eq!(resignation.event, PloverEvent::Retreat);
        assert_eq!(resignation.mode.as_deref(), Some("resign"));
        assert_eq!(plover_for_cameo("083").unwrap().event, PloverEvent::Concede);
        assert_eq!(
            plover_for_cameo("0832").unwrap().event,
            PloverEvent::Concede
        );
    }

    #[test]
    fn quad_class_and_goldstein() {
        assert_eq!(quad_class("0874"), 2);
        assert_eq!(quad_class("190"), 4);
        assert_eq!(goldstein("190"), Some(-10.0));
        assert_eq!(goldstein("x"), None);
    }

    #[test]
    fn countries_and_sectors() {
        assert_eq!(
            country_and_sector("RUSMIL"),
            (Some("RUS".into()), Some("MIL".into()))
        );
        assert_eq!(country_and_sector("IGOUNO"), (None, Some("IGO".into())));
        assert_eq!(country_and_sector("AZE"), (Some("AZE".into()), None));
        assert_eq!(country_and_sector("---GOV"), (None, Some("GOV".into())));
    }
}
