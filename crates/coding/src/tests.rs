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
    // In the product a paired code's reverse event of the same PLOVER type is the same event.
    assert_eq!(
        summary(&coder.code_sentence("Armenia and Azerbaijan met in Moscow.", None)),
        vec!["ARM>AZE:043"]
    );
    let both_directions = crate::CoderSettings {
        reverse_events_of_the_same_type: true,
        ..crate::CoderSettings::default()
    };
    let paired_coder = self::coder(VERBS, ACTORS, AGENTS).with_settings(both_directions);
    assert_eq!(
        summary(&paired_coder.code_sentence("Armenia and Azerbaijan met in Moscow.", None)),
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

#[test]
fn an_agent_code_the_actor_already_carries_is_not_repeated() {
    let coder = coder(
        VERBS,
        "WHITE_HOUSE [USAGOV]\nARMENIA [ARM]\n",
        "OFFICIAL [~GOV]\n",
    );
    assert_eq!(
        summary(&coder.code_sentence("White House officials accused Armenia.", None)),
        vec!["USAGOV>ARM:112"]
    );
}

/// A small TABARI project: stems, `[023?]` subordinate codes, `###`/`+++` codes, options.
fn tabari_coder(options: &str) -> Coder {
    let mut set = DictionarySet::default();
    let files = [
        (
            DictionarySource::Verbs,
            "<TIME>\nYESTERDAY [-1]\nKAN_WA_MA_KAN [###]\n</TIME>\nURGE  [102]\nASSIST  [092]\nSAID  [023?]\nATTACK  [223]\nBLAST  [+++]\nDEPART_ [032]\nPOSTPONE  [---]\n- % * MEETING  [191]\n",
        ),
        (
            DictionarySource::Actors,
            "ELROND  [ELF]\nBREE  [BRE]\nGONDOR  [GON]\nNASGUL  [###]\nPRINCE DOL_AMROTH  [DOL]\nTHE_STEWARD  [GONELI 950101-950131] [GONGOV]\n",
        ),
        (DictionarySource::Agents, "MINISTER_  [~GOV]\n"),
        (DictionarySource::Options, options),
    ];
    for (source, text) in files {
        set.add_text(source, "t", text, Dialect::Tabari).unwrap();
    }
    Coder::from_dictionaries(set)
        .unwrap()
        .with_settings(CoderSettings::VALIDATION)
}

#[test]
fn tabari_codes_the_first_verb_of_each_clause_unless_told_to_code_all() {
    let sentence = "Elrond urged Bree on Monday to assist him in the coming talks.";
    let mut coder = tabari_coder("");
    assert_eq!(
        summary(&coder.code_sentence(sentence, None)),
        vec!["ELF>BRE:102"]
    );
    assert!(coder.apply_option_line("SET: CODE ALL"));
    // `him` is Elrond, who does not act on himself: the target is Bree, before the verb.
    assert_eq!(
        summary(&coder.code_sentence(sentence, None)),
        vec!["ELF>BRE:102", "ELF>BRE:092"]
    );
}

#[test]
fn tabari_rejects_sentences_with_discard_and_complex_codes_and_short_ones() {
    let coder = tabari_coder("");
    let coding = coder.code_sentence(
        "The Nasgul attacked Gondor in the early hours of Monday.",
        None,
    );
    assert!(coding.discarded && coding.events.is_empty());
    let coding = coder.code_sentence("Gondor blasted Bree in the early hours of Monday.", None);
    assert!(coding.complex && coding.events.is_empty());
    // Fewer than TABARI's default eight words.
    assert!(
        coder
            .code_sentence("Gondor attacked Bree.", None)
            .events
            .is_empty()
    );
}

#[test]
fn tabari_forwards_the_first_actor_to_a_pronoun_opening_the_next_sentence() {
    let coder = tabari_coder("");
    let mut story = StoryContext::default();
    let first = coder.code_sentence_in_story(
        "Elrond said on Monday that the region needed calm.",
        None,
        &mut story,
    );
    assert!(
        first.events.is_empty(),
        "SAID [023?] codes no event of its own"
    );
    let second = coder.code_sentence_in_story(
        "He later attacked Gondor in the early hours of Tuesday.",
        None,
        &mut story,
    );
    assert_eq!(summary(&second), vec!["ELF>GON:223"]);
    // Without the story, the pronoun stands for no one.
    assert!(
        coder
            .code_sentence(
                "He later attacked Gondor in the early hours of Tuesday.",
                None
            )
            .events
            .is_empty()
    );
}

#[test]
fn tabari_deletes_short_comma_clauses_and_inflects_whole_word_verbs() {
    let coder = tabari_coder("");
    // The internal clause names Bree, but TABARI deletes it before coding.
    assert_eq!(
        summary(&coder.code_sentence(
            "Elrond departed, with Bree close behind him, for Gondor on Monday.",
            None
        )),
        vec!["ELF>GON:032"]
    );
    let mut coder = tabari_coder("COMMA: OFF\n");
    assert_eq!(
        summary(&coder.code_sentence(
            "Elrond departed, with Bree close behind him, for Gondor on Monday.",
            None
        )),
        vec!["ELF>BRE:032"]
    );
    assert!(coder.apply_option_line("DEFAULT: SOURCE [DEF] PRIOR TARGET [TGT] AFTER"));
    assert_eq!(
        summary(&coder.code_sentence("On Monday it seems Bree departs quietly and alone.", None)),
        vec!["BRE>TGT:032"]
    );
}

#[test]
fn tabari_actor_phrases_written_with_blanks_reach_over_other_words() {
    let coder = tabari_coder("");
    // `PRINCE DOL_AMROTH`: other words may stand at the blank, none at the underscore, and
    // an underscore in the text separates words as a blank does.
    assert_eq!(
        summary(&coder.code_sentence(
            "Gondor attacked the Prince of Dol_Amroth in the early hours of Monday.",
            None
        )),
        vec!["GON>DOL:223"]
    );
    assert_eq!(
        summary(&coder.code_sentence(
            "Gondor attacked the Prince of Dol and Amroth in the early hours of Monday.",
            None
        )),
        Vec::<String>::new()
    );
}

#[test]
fn tabari_symmetric_compounds_code_both_directions() {
    let coder = tabari_coder("");
    assert_eq!(
        summary(&coder.code_sentence(
            "Gondor and Bree postponed their meeting in the early hours of Monday.",
            None
        )),
        vec!["GON>BRE:191", "BRE>GON:191"]
    );
}

#[test]
fn tabari_time_phrases_reject_sentences_and_move_the_date_of_dated_roles() {
    let mut coder = tabari_coder("");
    let date = truce_core::PartialDate::parse_iso("1995-02-01").ok();
    let sentence = "Yesterday the Steward attacked Bree in the early hours of Monday.";
    // Without `TIME SHIFT` the phrase does nothing: on 1 February the Steward is GONGOV.
    assert_eq!(
        summary(&coder.code_sentence(sentence, date)),
        vec!["GONGOV>BRE:223"]
    );
    assert!(coder.apply_option_line("SET: TIME SHIFT = TRUE"));
    assert_eq!(
        summary(&coder.code_sentence(sentence, date)),
        vec!["GONELI>BRE:223"]
    );
    let coding = coder.code_sentence(
        "Gondor, kan wa ma kan, attacked Bree in the early hours of Monday.",
        date,
    );
    assert!(coding.discarded && coding.events.is_empty());
}

#[test]
fn a_verb_base_form_after_a_determiner_and_modifiers_is_a_noun() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    // `a brief cowardly attack` is a noun phrase, not a second event by Armenia.
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia accused Armenia of a brief cowardly attack on Azerbaijan.",
            None
        )),
        vec!["RUS>ARM:112"]
    );
    // A plural before the verb ends the subject: `the Russian troops attack` keeps its verb.
    assert_eq!(
        summary(&coder.code_sentence("The Russian troops attack Armenia.", None)),
        vec!["RUSMIL>ARM:190"]
    );
}

#[test]
fn a_pattern_that_spells_out_the_negation_is_not_negated_again_and_objects_end_at_commas() {
    let verbs = "&NEGATIVE\n+DID N'T\n--- CLASH [190] ---\nCLASH\n- &NEGATIVE * [904]\n--- BURN [222] ---\nBURN\n";
    let coder = coder(verbs, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia didn't clash with Armenia.", None)),
        vec!["RUS>ARM:904"]
    );
    assert_eq!(
        summary(&coder.code_sentence("Russia never clashed with Armenia.", None)),
        vec!["RUS>ARM:190!"]
    );
    // Armenia said it; Russia did not burn Armenia.
    assert_eq!(
        summary(&coder.code_sentence("Russia burned the embassy, Armenia said.", None)),
        vec!["RUS>:222"]
    );
}

const STANCE_VERBS: &str = "--- THREATEN [130] ---\nTHREATEN\n--- REFUSE [---] ---\nREFUSE [120]\n--- SAY [---] ---\nSAY {SAID SAYS}\n--- ATTACK [190] ---\nATTACK\n--- WITHDRAW [087] ---\nWITHDRAW {WITHDREW WITHDRAWN WITHDRAWS WITHDRAWING}\n- * (FROM +) [0874]\n";

#[test]
fn a_threatened_complement_is_a_threat() {
    let coder = coder(STANCE_VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia threatened to attack Armenia.", None)),
        vec!["RUS>ARM:138"]
    );
}

#[test]
fn a_refused_complement_is_a_refusal_that_happened() {
    let coder = coder(STANCE_VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia refused to withdraw from Armenia.", None)),
        vec!["RUS>ARM:1246"]
    );
}

#[test]
fn must_after_a_reporting_verb_is_the_reporter_s_demand() {
    let coder = coder(STANCE_VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence("Russia said Armenia must withdraw.", None)),
        vec!["RUS>ARM:1056"]
    );
}

#[test]
fn a_conditional_intent_is_a_threat_to_the_condition_s_subject() {
    let coder = coder(STANCE_VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia will attack Armenia unless Azerbaijan withdraws.",
            None
        )),
        vec!["RUS>AZE:138"]
    );
}

#[test]
fn a_countryless_object_gives_way_to_a_country_in_the_object_phrase() {
    let coder = coder(VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence(
            "Russian troops attacked police on the border with Armenia.",
            None
        )),
        vec!["RUSMIL>ARM:190"]
    );
    let validation = coder.with_settings(CoderSettings::VALIDATION);
    assert_eq!(
        summary(&validation.code_sentence(
            "Russian troops attacked police on the border with Armenia.",
            None
        )),
        vec!["RUSMIL>---COP:190"]
    );
}

#[test]
fn a_complement_of_an_uncoded_subordinate_verb_stays_uncoded() {
    let coder = coder(STANCE_VERBS, ACTORS, AGENTS);
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia attacked Armenia as Azerbaijan threatened to withdraw.",
            None
        )),
        vec!["RUS>ARM:190"]
    );
}

fn validation_coder_without_dyads(verbs: &str, actors: &str, agents: &str) -> Coder {
    let mut coder = coder(verbs, actors, agents).with_settings(CoderSettings::VALIDATION);
    coder.settings.require_target = false;
    coder
}

#[test]
fn an_agent_ends_its_noun_phrase_and_a_bare_time_word_is_no_complement() {
    let coder =
        validation_coder_without_dyads("--- SAID [023] ---\nSAID\n", ACTORS, "OFFICIAL [~GOV]\n");
    assert_eq!(
        summary(&coder.code_sentence("A senior official said on Saturday.", None)),
        vec!["---GOV>:023"]
    );
    assert!(
        summary(&coder.code_sentence("A senior official said today.", None)).is_empty(),
        "PETRARCH codes a verb through its complements"
    );
}

#[test]
fn counted_nouns_and_participles_after_nouns_leave_the_object_reachable() {
    let coder = coder(
        "--- FIRE [190] ---\nFIRE\n- * ARTILLERY [194]\n--- SHELL [195] ---\nSHELL\n--- CORDON [1721] ---\nCORDON\n--- LEAD [---] ---\nLEAD\n",
        ACTORS,
        AGENTS,
    )
    .with_settings(CoderSettings::VALIDATION);
    assert_eq!(
        summary(&coder.code_sentence("Russia fired two artillery shells at Armenia.", None)),
        vec!["RUS>ARM:194"]
    );
    assert_eq!(
        summary(&coder.code_sentence("Russia cordoned the roads leading into Armenia.", None)),
        vec!["RUS>ARM:1721"]
    );
    // After a subordinator the `-ing` form heads a clause of its own.
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia cordoned the roads while leading troops into Armenia.",
            None
        )),
        Vec::<String>::new()
    );
}

#[test]
fn a_subordinate_event_without_target_nests_in_the_event_before() {
    let coder = validation_coder_without_dyads(
        "--- RESTORE [064] ---\nRESTORE\n--- BURN [222] ---\nBURN {BURNED}\n",
        ACTORS,
        AGENTS,
    );
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia restored ties with them after Armenia burned its embassy.",
            None
        )),
        vec!["RUS>ARM:064"]
    );
}

#[test]
fn coordinations_share_their_agents_and_modifiers() {
    let coder = coder(VERBS, ACTORS, "TROOP [~MIL]\nPOLICE {} [~COP]\n")
        .with_settings(CoderSettings::VALIDATION);
    assert_eq!(
        summary(&coder.code_sentence("Police and troops from Russia attacked Azerbaijan.", None)),
        vec!["RUSCOP+RUSMIL>AZE:190"]
    );
    assert_eq!(
        summary(&coder.code_sentence(
            "Russia and the brave valiant Armenia attacked Azerbaijan.",
            None
        )),
        vec!["RUS+ARM>AZE:190"]
    );
    // A comma between two modifiers of the object does not close the verb's phrase.
    assert_eq!(
        summary(&coder.code_sentence("Russia attacked complete, full forces of Armenia.", None)),
        vec!["RUS>ARM:190"]
    );
}

#[test]
fn words_one_coder_remembered_never_answer_for_another_coder() {
    let spanish = Coder::from_language_pack(truce_lang::pack("es").unwrap()).unwrap();
    let indonesian = Coder::from_language_pack(truce_lang::pack("id").unwrap()).unwrap();
    // The same words in both languages' sentences, so a shared memory would mix them up.
    let sentences = [
        (&spanish, "Los rebeldes atacaron la base militar de Kidal."),
        (
            &indonesian,
            "Pasukan Rusia menyerang atacaron base militar di Kidal.",
        ),
        (
            &spanish,
            "Pasukan Rusia menyerang atacaron base militar di Kidal.",
        ),
        (
            &indonesian,
            "Los rebeldes atacaron la base militar de Kidal.",
        ),
    ];
    // What each coder finds on a thread that has analysed nothing before.
    let on_fresh_threads: Vec<_> = sentences
        .iter()
        .map(|(coder, sentence)| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| coder.code_sentence(sentence, None))
                    .join()
                    .unwrap()
            })
        })
        .collect();
    assert!(
        !on_fresh_threads[0].events.is_empty(),
        "`atacaron` is found through its root `atacar`"
    );
    // The same after this thread has run every sentence through both coders.
    for (coder, _) in &sentences {
        for (_, sentence) in &sentences {
            coder.code_sentence(sentence, None);
        }
    }
    for ((coder, sentence), expected) in sentences.iter().zip(&on_fresh_threads) {
        assert_eq!(&coder.code_sentence(sentence, None), expected, "{sentence}");
    }
}

/// A coder on the hand-written dictionaries with `light_verbs` set, as a pack would set them.
fn coder_with_light_verbs(verbs: &str, light_verbs: &'static [&'static str]) -> Coder {
    let mut coder = coder(verbs, ACTORS, AGENTS);
    coder.grammar.light_verbs = light_verbs;
    coder
}

const LIGHT_VERB_DICTIONARY: &str = "--- HOLD [---] ---\nHOLD {HOLDS HELD HOLDING}\n- * ELECTIONS [0341]\n--- PROTEST [140] ---\nPROTEST\nSTRIKE [143]\n";

#[test]
fn a_light_verb_codes_the_event_noun_after_it_with_its_own_actors() {
    let coder = coder_with_light_verbs(LIGHT_VERB_DICTIONARY, &["HOLD"]);
    assert_eq!(
        summary(&coder.code_sentence("Armenia held on Tuesday a strike against Russia.", None)),
        vec!["ARM>RUS:143"]
    );
    // The noun is the event only right after the light verb: across punctuation it is not
    // the light verb's, and the verb alone codes nothing.
    let across_a_comma = summary(&coder.code_sentence(
        "Armenia held, after a long and very bitter debate, a strike.",
        None,
    ));
    assert_eq!(across_a_comma, Vec::<String>::new(), "{across_a_comma:?}");
}

#[test]
fn without_light_verbs_the_dictionary_decides() {
    let coder = coder_with_light_verbs(LIGHT_VERB_DICTIONARY, &[]);
    let coded =
        summary(&coder.code_sentence("Armenia held on Tuesday a strike against Russia.", None));
    assert!(!coded.contains(&"ARM>RUS:143".to_string()), "{coded:?}");
}
