//! Unit tests of the coder on small hand-written dictionaries, one behaviour each.

use truce_dictionaries::{Dialect, DictionarySet, DictionarySource};

use super::*;

fn coder(verbs: &str, actors: &str, agents: &str) -> Coder {
    let mut set = DictionarySet::default();
    set.add_text(DictionarySource::Verbs, "v", verbs, Dialect::Petrarch)
        .unwrap();
    set.add_text(DictionarySource::Actors, "a", actors, Dialect::Petrarch)
        .unwrap();
    set.add_text(DictionarySource::Agents, "g", agents, Dialect::Petrarch)
        .unwrap();
    set.add_text(
        DictionarySource::Discards,
        "d",
        "+WORLD CUP\n",
        Dialect::Petrarch,
    )
    .unwrap();
    Coder::from_dictionaries(set).unwrap()
}

const ACTORS: &str = "RUSSIA [RUS]\n+RUSSIAN\n+MOSCOW\nARMENIA [ARM]\nAZERBAIJAN [AZE]\nVLADIMIR_PUTIN\n\t[RUSELI 000101-000506]\n\t[RUSGOV 000507-080507]\n";
const AGENTS: &str = "TROOP [~MIL]\nPRESIDENT [~GOV]\nPOLICE {} [~COP]\n";
const VERBS: &str = "--- ATTACK [190] ---\nATTACK\nSHELL\n- * ^ (WITH ARTILLERY) [194]\n--- WITHDRAW [087] ---\nWITHDRAW {WITHDREW WITHDRAWN WITHDRAWS WITHDRAWING}\n- * (FROM +) [0874]\n--- ACCUSE [112] ---\nACCUSE\n--- MEET [040] ---\nMEET {MET MEETS MEETING}\n- % * [043:043]\n";

fn summary(coding: &SentenceCoding) -> Vec<String> {
    coding
        .events
        .iter()
        .map(|event| {
            let codes = |actors: &Vec<CodedActor>| {
                actors
                    .iter()
                    .map(|a| a.code.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            format!(
                "{}>{}:{}{}",
                codes(&event.source),
                codes(&event.target),
                event.cameo,
                if event.negated { "!" } else { "" }
            )
        })
        .collect()
}

#[test]
fn source_verb_target() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russian troops attacked Armenia on Monday.", None)),
        vec!["RUSMIL>ARM:190"]
    );
}

#[test]
fn patterns_pick_codes() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Azerbaijan shelled Armenia with heavy artillery.", None)),
        vec!["AZE>ARM:194"]
    );
}

#[test]
fn agent_before_actor_and_spans() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    let sentence = "The president of Russia accused Azerbaijan.";
    let coding = coder.code_sentence(sentence, None);
    assert_eq!(summary(&coding), vec!["RUSGOV>AZE:112"]);
    let event = &coding.events[0];
    assert_eq!(
        event.source[0].span.slice(sentence),
        Some("president of Russia")
    );
    assert_eq!(event.verb_span.slice(sentence), Some("accused"));
}

#[test]
fn compound_actors_and_paired_codes() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Armenia and Azerbaijan met in Moscow.", None)),
        vec!["ARM>AZE:043", "AZE>ARM:043"]
    );
    let coding = coder.code_sentence("Russia, Armenia and Azerbaijan accused police.", None);
    assert_eq!(summary(&coding), vec!["RUS+ARM+AZE>---COP:112"]);
}

#[test]
fn passive_voice_swaps_roles() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Armenia was attacked by Azerbaijan.", None)),
        vec!["AZE>ARM:190"]
    );
}

#[test]
fn negation_is_flagged() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia did not attack Armenia.", None)),
        vec!["RUS>ARM:190!"]
    );
}

#[test]
fn dated_roles_follow_the_sentence_date() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    let date = |text: &str| Some(PartialDate::parse_iso(text).unwrap());
    assert_eq!(
        summary(&coder.code_sentence("Vladimir Putin accused Armenia.", date("2000-03-01"))),
        vec!["RUSELI>ARM:112"]
    );
    assert_eq!(
        summary(&coder.code_sentence("Vladimir Putin accused Armenia.", date("2004-03-01"))),
        vec!["RUSGOV>ARM:112"]
    );
}

#[test]
fn determiners_make_nouns_and_discards_stop_coding() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert!(
        coder
            .code_sentence("Russia condemned the attack on Armenia.", None)
            .events
            .is_empty()
    );
    let coding = coder.code_sentence("Russia attacked Armenia in the World Cup final.", None);
    assert!(coding.discarded && coding.story_discarded && coding.events.is_empty());
}

#[test]
fn second_clause_inherits_the_source() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia accused Armenia and attacked Azerbaijan.", None)),
        vec!["RUS>ARM:112", "RUS>AZE:190"]
    );
}

#[test]
fn withdraw_from_source_pattern_and_countryless_sources() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    // The product drops a source whose country the text does not give...
    assert!(
        coder
            .code_sentence("Troops withdrew from Armenia.", None)
            .events
            .is_empty()
    );
    // ...which the peer suites code as `---MIL`.
    let coder = coder.with_settings(CoderSettings::VALIDATION);
    assert_eq!(
        summary(&coder.code_sentence("Troops withdrew from Armenia.", None)),
        vec!["---MIL>ARM:0874"]
    );
}
