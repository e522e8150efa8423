//! What a governing verb or modal makes of the verb it governs: an intent, a threat, a refusal or a demand.
//!
//! `agreed to withdraw` states an intent (`035`), `threatened to withdraw` a threat (`13x`),
//! `refused to withdraw` a refusal (`12x`), and `Russia said Sudan must return the helicopter` a
//! demand by Russia on Sudan (`10x`). The CAMEO code of the governed verb says what is intended,
//! threatened, refused or demanded; these functions turn it into the code of the statement.

use crate::tokens::CoderToken;

/// How a governing verb's block frames the verb in its infinitive complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ComplementStance {
    /// `agreed to`, `promised to`: the complement is intended.
    Intent,
    /// `threatened to`, `warned it would`: the complement is threatened.
    Threat,
    /// `refused to`, `declined to`: the complement is refused.
    Refusal,
}

/// Verb blocks whose infinitive complement is an intention (`agreed to withdraw`).
const INTENT_BLOCKS: &[&str] = &[
    "AGREE",
    "OFFER",
    "PROMISE",
    "PLEDGE",
    "VOW",
    "DECIDE",
    "PLAN",
    "INTEND",
    "UNDERTAKE",
    "COMMIT",
    "PREPARE",
    "CONSENT",
    "RESOLVE",
];

/// Verb blocks whose infinitive complement is a threat (`threatened to stop negotiations`).
const THREAT_BLOCKS: &[&str] = &["THREATEN", "WARN"];

/// Verb blocks whose infinitive complement is refused (`refused to deploy`, `declined to resign`).
const REFUSAL_BLOCKS: &[&str] = &["REFUSE"];

/// The stance a governing verb of block `block_name` gives its complement, if it gives one.
pub(super) fn complement_stance(block_name: &str) -> Option<ComplementStance> {
    if THREAT_BLOCKS.contains(&block_name) {
        Some(ComplementStance::Threat)
    } else if REFUSAL_BLOCKS.contains(&block_name) {
        Some(ComplementStance::Refusal)
    } else if INTENT_BLOCKS.contains(&block_name) {
        Some(ComplementStance::Intent)
    } else {
        None
    }
}

/// Adjectives that, with `to`, state an intention as a governing verb would: `is willing to
/// withdraw`, `is ready to negotiate`.
const INTENT_ADJECTIVES: &[&str] = &[
    "WILLING",
    "READY",
    "PREPARED",
    "DETERMINED",
    "EAGER",
    "COMMITTED",
];

/// `willing to withdraw`: the verb at `verb_start` is the infinitive after an adjective of intent.
pub(super) fn follows_intent_adjective(tokens: &[CoderToken], verb_start: usize) -> bool {
    verb_start >= 2
        && tokens[verb_start - 1].text == "TO"
        && INTENT_ADJECTIVES.contains(&tokens[verb_start - 2].text.as_str())
}

/// Words after which a pattern may not skip on: a modal or `that` opens another verb's phrase
/// (`announced that it will withdraw` is not `announced a withdrawal`).
pub(super) fn opens_another_verb_phrase(token: &CoderToken) -> bool {
    matches!(
        token.text.as_str(),
        "THAT" | "WILL" | "WOULD" | "SHALL" | "MUST" | "SHOULD" | "CAN" | "COULD" | "MAY" | "MIGHT"
    )
}

/// Which tokens are the infinitive marker `to` (`efforts to improve`, `appeal to lay down`): a
/// `to` right before a verb word that is not inflected (`to talks`, `to meetings` are nouns).
pub(super) fn infinitive_markers(tokens: &[CoderToken], verb_starts: &[usize]) -> Vec<bool> {
    let mut markers = vec![false; tokens.len()];
    for &start in verb_starts {
        let Some(before) = start.checked_sub(1) else {
            continue;
        };
        let verb_word = tokens[start].text.as_str();
        let inflected = ["S", "ED", "ING"]
            .iter()
            .any(|ending| verb_word.len() > ending.len() + 2 && verb_word.ends_with(ending));
        if tokens[before].text == "TO" && !inflected {
            markers[before] = true;
        }
    }
    markers
}

/// `must return`: a modal of obligation just before the verb.
pub(super) fn has_obligation_modal(tokens: &[CoderToken], verb_start: usize) -> bool {
    tokens[verb_start.saturating_sub(2)..verb_start]
        .iter()
        .any(|token| token.text == "MUST")
}

/// `will boycott the elections unless the president steps down`: a conditional on what another
/// party does, after the verb, makes the statement a threat or an ultimatum.
pub(super) fn has_unless_after(tokens: &[CoderToken], verb_end: usize) -> bool {
    tokens[verb_end.min(tokens.len())..]
        .iter()
        .take_while(|token| token.text != ";")
        .any(|token| token.text == "UNLESS")
}

/// The CAMEO code for threatening to do what `cameo` codes (`13x`).
pub(super) fn threat_code(cameo: &str) -> String {
    let code = if cameo.starts_with("13") {
        return cameo.to_string();
    } else if cameo.starts_with("1312") || cameo.starts_with("163") {
        "1312"
    } else if cameo.starts_with("164") {
        "134"
    } else if cameo.starts_with("165") {
        "135"
    } else if cameo.starts_with("166") {
        "136"
    } else if cameo.starts_with("162") {
        "1311"
    } else if cameo.starts_with("161") {
        "1313"
    } else if cameo.starts_with("1722") {
        "1322"
    } else if cameo.starts_with("1723") {
        "1323"
    } else if cameo.starts_with("1724") {
        "1324"
    } else if cameo.starts_with("172") {
        "132"
    } else if cameo.starts_with("191") {
        "1381"
    } else if cameo.starts_with("192") {
        "1382"
    } else {
        match cameo.get(..2) {
            Some("14") => "133",
            Some("15") | Some("18") | Some("19") | Some("20") => "138",
            Some("16") => "131",
            Some("17") => "137",
            _ => "130",
        }
    };
    code.to_string()
}

/// The CAMEO code for refusing to do what `cameo` codes (`12x`).
pub(super) fn refusal_code(cameo: &str) -> String {
    if cameo.starts_with("12") {
        return cameo.to_string();
    }
    let code = if cameo.starts_with("0841") || cameo.starts_with("0842") {
        "1243"
    } else if cameo.starts_with("083") {
        "123"
    } else if cameo.starts_with("085") {
        "1244"
    } else if cameo.starts_with("086") {
        "1245"
    } else if cameo.starts_with("087") {
        "1246"
    } else {
        match cameo.get(..3) {
            Some("031") | Some("033") => "122",
            Some("034") => "123",
            Some("035") => "124",
            Some("036") => "125",
            Some("037") => "127",
            Some("038") => "126",
            _ => match cameo.get(..2) {
                Some("04") => "125",
                Some("06") => "121",
                Some("07") => "122",
                Some("08") => "124",
                _ => "120",
            },
        }
    };
    code.to_string()
}

/// The CAMEO code for demanding that someone do what `cameo` codes (`10x`).
pub(super) fn demand_code(cameo: &str) -> String {
    if cameo.starts_with("10") {
        return cameo.to_string();
    }
    let code = if cameo.starts_with("0841") || cameo.starts_with("0842") {
        "1053"
    } else if cameo.starts_with("087") {
        "1056"
    } else if cameo.starts_with("083") || cameo.starts_with("034") {
        "104"
    } else {
        match cameo.get(..2) {
            Some("03") => "100",
            Some("04") => "106",
            Some("05") => "102",
            Some("06") => "101",
            Some("07") => "103",
            Some("08") => "105",
            _ => "100",
        }
    };
    code.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::plover_for_cameo;
    use crate::tokens::tokenize;
    use truce_core::PloverEvent;

    #[test]
    fn converted_codes_keep_their_plover_type() {
        let samples = [
            "030", "0341", "036", "040", "050", "061", "073", "0841", "0874", "0871", "083", "120",
            "141", "150", "163", "1662", "1723", "173", "181", "190", "192", "200",
        ];
        for cameo in samples {
            let plover = |code: String| plover_for_cameo(&code).map(|mapping| mapping.event);
            assert_eq!(
                plover(threat_code(cameo)),
                Some(PloverEvent::Threaten),
                "{cameo}"
            );
            assert_eq!(
                plover(refusal_code(cameo)),
                Some(PloverEvent::Reject),
                "{cameo}"
            );
            assert_eq!(
                plover(demand_code(cameo)),
                Some(PloverEvent::Request),
                "{cameo}"
            );
        }
    }

    #[test]
    fn specific_threats_refusals_and_demands() {
        assert_eq!(threat_code("1723"), "1323");
        assert_eq!(threat_code("190"), "138");
        assert_eq!(refusal_code("0841"), "1243");
        assert_eq!(refusal_code("0333"), "122");
        assert_eq!(demand_code("0842"), "1053");
        assert_eq!(demand_code("1056"), "1056");
    }

    #[test]
    fn stances_of_governing_blocks() {
        assert_eq!(
            complement_stance("THREATEN"),
            Some(ComplementStance::Threat)
        );
        assert_eq!(complement_stance("REFUSE"), Some(ComplementStance::Refusal));
        assert_eq!(complement_stance("AGREE"), Some(ComplementStance::Intent));
        assert_eq!(complement_stance("SAY"), None);
    }

    #[test]
    fn infinitive_to_is_told_from_the_preposition() {
        let tokens = tokenize("praised efforts to improve and went to talks");
        let markers = infinitive_markers(&tokens, &[0, 3, 5, 7]);
        assert!(markers[2]);
        assert!(!markers[6]);
    }

    #[test]
    fn modals_and_conditions_around_a_verb() {
        let tokens = tokenize("Sudan must return the helicopter unless it is destroyed");
        assert!(has_obligation_modal(&tokens, 2));
        assert!(!has_obligation_modal(&tokens, 4));
        assert!(has_unless_after(&tokens, 3));
        let tokens = tokenize("Syria is willing to withdraw");
        assert!(follows_intent_adjective(&tokens, 4));
        assert!(!follows_intent_adjective(&tokens, 2));
    }
}
