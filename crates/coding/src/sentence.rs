//! Coding one sentence: actors and agents, compound groups, verbs, patterns, source and target, negation and passive voice.

use truce_core::Span;
use truce_dictionaries::{AgentPlacement, CodeSpec, PatternElement, PatternItem, TimeShift};

use crate::lexicon::{Lexicon, PhraseHit, PhraseTarget};
use crate::tokens::{CoderToken, tokenize};
use crate::{CodedActor, CodedEvent, SentenceCoding};

/// Words remembered per coder in [`ROOT_FORMS`] before that coder's entries are dropped and
/// remembering starts again: a few megabytes per thread at most.
const ROOT_FORMS_PER_CODER: usize = 1 << 16;

/// Type of [`ROOT_FORMS`]: coder id, then word, to the forms reached through the word's roots.
type RootFormsByCoder =
    foldhash::HashMap<u64, foldhash::HashMap<String, std::rc::Rc<[(usize, bool)]>>>;

thread_local! {
    /// What [`SentenceCoder::root_forms`] found, per thread so that worker threads never wait
    /// for each other.
    static ROOT_FORMS: std::cell::RefCell<RootFormsByCoder> =
        std::cell::RefCell::new(RootFormsByCoder::default());
}

mod modality;
mod names;
mod recipients;

/// Conjunctions TABARI counts against its `CONJ[n]` complexity limit.
const CLAUSE_CONJUNCTIONS: &[&str] = &["AND", "OR", "BUT", "NOR"];
/// Words that join the members of a compound actor.
const CONJUNCTIONS: &[&str] = &[",", "AND", "&", "DAN", "SERTA", "Y", "E", "-"];
/// Words that may stand between an agent and the actor it belongs to (`president of Russia`).
const AGENT_CONNECTORS: &[&str] = &[
    "OF", "FROM", "IN", "THE", "DE", "DEL", "LA", "EL", "LOS", "LAS", "DARI", "ASAL",
];
/// Auxiliaries of the passive voice.
const PASSIVE_AUXILIARIES: &[&str] = &[
    "WAS", "WERE", "IS", "ARE", "BEEN", "BEING", "BE", "FUE", "FUERON", "SIDO", "ES", "SON",
    "FUERA", "HAN", "HA",
];
/// Words that introduce the agent of a passive verb.
const PASSIVE_AGENT_MARKERS: &[&str] = &["BY", "POR", "OLEH"];
/// Words that negate the verb they precede.
const NEGATORS: &[&str] = &[
    "NOT", "N'T", "NEVER", "NO", "TIDAK", "TAK", "BELUM", "BUKAN", "NUNCA", "JAMAS", "NI",
];

/// The agent code TABARI gives a role its holder has left (`former officials`).
const FORMER_AGENT_CODE: &str = "ELI";
/// TABARI's code for "this sentence is too complex to code" on an actor or verb.
const COMPLEX_CODE: &str = "+++";
/// TABARI's code for "discard this sentence" on an actor (a sports team, a dated name).
const DISCARD_CODE: &str = "###";

/// An actor coded `###` (discard) or `+++` (complex) anywhere in the sentence rejects it
/// whole, whatever role the actor plays, as TABARI does.
fn sentence_rejection_by_actor(units: &[(usize, usize, Unit)]) -> Option<SentenceCoding> {
    units.iter().find_map(|(_, _, unit)| match unit {
        Unit::Actor(Some(code)) if code == DISCARD_CODE => Some(SentenceCoding {
            discarded: true,
            ..SentenceCoding::default()
        }),
        Unit::Actor(Some(code)) if code == COMPLEX_CODE => Some(SentenceCoding {
            complex: true,
            ..SentenceCoding::default()
        }),
        _ => None,
    })
}

/// A resolved actor mention: an actor, an agent, or an agent qualifying an actor.
#[derive(Debug, Clone)]
struct Mention {
    code: String,
    start: usize,
    end: usize,
    /// The bare actor code, when the mention names an actor.
    actor: Option<String>,
    /// The agent qualifying it, when there is one.
    agent: Option<usize>,
}

/// Mentions joined by commas and conjunctions: `Arnor, Osgiliath and Gondor`.
#[derive(Debug, Clone)]
struct Group {
    members: Vec<usize>,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone)]
struct VerbHit {
    start: usize,
    end: usize,
    verb_token: usize,
    form: usize,
    /// Found through the language's morphology with a passive prefix (`di-`).
    passive_prefix: bool,
}

#[derive(Debug, Clone)]
enum Unit {
    Actor(Option<String>),
    Agent(usize),
}

#[derive(Debug, Default, Clone, Copy)]
struct Captures {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// Where the pattern's items before the verb begin (`&NEGATVAUXVRB *` over `did n't
    /// clash`): words there belong to the pattern's code.
    start: Option<usize>,
}

pub(crate) struct SentenceCoder<'a> {
    /// The coder's id, which keys its entries in [`ROOT_FORMS`].
    pub coder_id: u64,
    pub lexicon: &'a Lexicon,
    /// The sentence's date (`yyyymmdd`), moved by a TABARI time phrase (`yesterday`).
    pub date: std::cell::Cell<Option<u32>>,
    pub word_roots: Option<fn(&str, &mut Vec<String>)>,
    pub settings: crate::CoderSettings,
    pub options: &'a crate::TabariOptions,
    /// The actor a sentence-initial pronoun stands for, carried from the story's previous
    /// sentence (TABARI's `FORWARD`).
    pub forwarded_actor: Option<&'a str>,
    /// Set while coding: the bare code of the sentence's first actor, for the next sentence.
    pub first_actor: std::cell::RefCell<Option<String>>,
    /// Set while coding: which tokens are the infinitive marker `to` (product settings only).
    pub infinitive_markers: std::cell::RefCell<Vec<bool>>,
    pub grammar: &'a crate::Grammar,
}

impl SentenceCoder<'_> {
    pub(crate) fn code(&self, sentence: &str) -> SentenceCoding {
        if sentence.split_whitespace().count() < self.options.minimum_words {
            return SentenceCoding::default();
        }
        let mut tokens = tokenize(sentence);
        self.lexicon.vocabulary.identify(&mut tokens);
        if let Some(verb_only_written_form) = self.grammar.verb_only_written_form {
            for token in &mut tokens {
                token.verb_only = token
                    .span
                    .slice(sentence)
                    .is_some_and(verb_only_written_form);
            }
        }
        // TABARI looks for time phrases before deleting comma clauses (`Gondor, kan wa ma
        // kan, …` is discarded even though the clause would go).
        if self.options.time_shift {
            match self.time_shift(&tokens) {
                Some(TimeShift::Discard) => {
                    return SentenceCoding {
                        discarded: true,
                        ..SentenceCoding::default()
                    };
                }
                Some(TimeShift::Complex) => {
                    return SentenceCoding {
                        complex: true,
                        ..SentenceCoding::default()
                    };
                }
                Some(TimeShift::Days(days)) => {
                    self.date
                        .set(self.date.get().map(|date| shift_date(date, days)));
                }
                Some(TimeShift::Nothing) | None => {}
            }
        }
        if let Some(limits) = self.options.comma {
            tokens = self.without_comma_clauses(tokens, &limits);
        }
        let mut coding = SentenceCoding::default();
        let mut discard_hits = Vec::new();
        self.lexicon.discards.find(&tokens, &mut discard_hits);
        if let Some(hit) = discard_hits.first() {
            coding.discarded = true;
            coding.story_discarded =
                self.lexicon.discards.keys[hit.key]
                    .targets
                    .iter()
                    .any(|target| match target {
                        PhraseTarget::Actor(index) | PhraseTarget::Agent(index) => self
                            .lexicon
                            .story_discards
                            .get(*index)
                            .copied()
                            .unwrap_or(false),
                    });
            return coding;
        }
        let issues = self.issues(&tokens);

        let (units, covered) = self.phrase_units(&tokens);
        if let Some(rejection) = sentence_rejection_by_actor(&units) {
            return rejection;
        }
        let verbs = self.verbs(&tokens, &covered, is_all_capitals(&tokens));
        if self.settings.pattern_window.is_some() {
            let verb_starts: Vec<usize> = verbs.iter().map(|verb| verb.verb_token).collect();
            self.infinitive_markers
                .replace(modality::infinitive_markers(&tokens, &verb_starts));
        }
        let mut in_verb = vec![false; tokens.len()];
        for verb in &verbs {
            for flag in &mut in_verb[verb.start..verb.end] {
                *flag = true;
            }
        }
        let mut mentions = self.mentions(&units, &tokens, &in_verb);
        let mut groups = group_mentions(
            &mentions,
            &tokens,
            |token| {
                // TABARI (and PETRARCH's parse) drop listed adjectives and `the` inside a
                // compound (`Fornost and the evil awful Gondor`).
                (self.lexicon.dialect == truce_dictionaries::Dialect::Tabari
                    || self.settings.compounds_skip_modifiers)
                    && (token.text == "THE" || self.lexicon.is_listed_adjective(token.word))
            },
            |position| self.is_unlisted_modifier(&tokens, &in_verb, position),
        );
        if let Some(first) = mentions.iter().find_map(|mention| mention.actor.clone()) {
            self.first_actor.replace(Some(first));
        }
        if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            dereference_pronouns(
                &tokens,
                &covered,
                &in_verb,
                self.forwarded_actor,
                &mut mentions,
                &mut groups,
            );
        }
        if self.exceeds_complexity_limits(&verbs, &tokens, &groups) {
            return SentenceCoding {
                complex: true,
                ..SentenceCoding::default()
            };
        }
        let mut previous_source: Option<usize> = None;
        let mut previous_target: Option<usize> = None;
        let tabari = self.lexicon.dialect == truce_dictionaries::Dialect::Tabari;
        let clause_boundaries = if tabari {
            let coded_verb_starts: Vec<usize> = verbs
                .iter()
                .filter(|verb| self.form_is_coded(verb.form))
                .map(|verb| verb.start)
                .collect();
            tabari_clause_boundaries(&tokens, &groups, &coded_verb_starts)
        } else {
            Vec::new()
        };
        let code_by = match self.options.code_by {
            crate::CodeBy::Unset if tabari => crate::CodeBy::Clause,
            code_by => code_by,
        };
        let mut coded_clauses: Vec<usize> = Vec::new();
        let light_verb_nouns = self.light_verb_nouns(&verbs, &tokens);
        for (verb_index, verb) in verbs.iter().enumerate() {
            // An event noun a light verb made happen is coded at that verb.
            if light_verb_nouns
                .iter()
                .any(|&(_, _, noun_token)| verb.start <= noun_token && noun_token < verb.end)
            {
                continue;
            }
            let form = &self.lexicon.forms[verb.form];
            let block = &self.lexicon.blocks[form.block];
            let mut chosen: Option<(CodeSpec, Captures)> = None;
            let words = tokens.iter().map(|token| token.word);
            for pattern in block
                .candidate_patterns(words)
                .into_iter()
                .map(|index| &block.patterns[index as usize])
            {
                if let Some(captures) = self.match_pattern(&pattern.items, verb, &tokens, &groups) {
                    chosen = Some((pattern.code.clone(), captures));
                    break;
                }
            }
            // Whether the verb itself names an event, rather than only through a pattern
            // around it (`hallar` is no event, `el cadáver … fue hallado` is coded as one).
            let verb_names_an_event = form.code.as_ref().unwrap_or(&block.code).code.is_some();
            let (mut code, captures) = chosen.unwrap_or_else(|| {
                (
                    form.code.clone().unwrap_or_else(|| block.code.clone()),
                    Captures::default(),
                )
            });
            // `realizaron una huelga`, `held talks`: the event is the noun's, told with the
            // light verb's actors, whatever the verb's own code or pattern says.
            let light_verb_noun = light_verb_nouns
                .iter()
                .find(|&&(light_index, _, _)| light_index == verb_index)
                .map(|&(_, noun_form, noun_token)| (noun_form, noun_token));
            if let Some((noun_form_index, noun_token)) = light_verb_noun {
                let noun_form = &self.lexicon.forms[noun_form_index];
                let noun_block = &self.lexicon.blocks[noun_form.block];
                // The noun's own patterns read the words after it (`la retirada de sus
                // tropas`), as they would after the noun coded as a verb.
                let noun_start = noun_token.saturating_sub(noun_form.verb_position);
                let noun_hit = VerbHit {
                    start: noun_start,
                    end: (noun_start + noun_form.words.len()).min(tokens.len()),
                    verb_token: noun_token,
                    form: noun_form_index,
                    passive_prefix: false,
                };
                let words = tokens.iter().map(|token| token.word);
                let noun_pattern = noun_block
                    .candidate_patterns(words)
                    .into_iter()
                    .map(|index| &noun_block.patterns[index as usize])
                    .find(|pattern| {
                        self.match_pattern(&pattern.items, &noun_hit, &tokens, &groups)
                            .is_some()
                    });
                code = match noun_pattern {
                    Some(pattern) => pattern.code.clone(),
                    None => noun_form
                        .code
                        .clone()
                        .unwrap_or_else(|| noun_block.code.clone()),
                };
            }
            let verb_names_an_event = verb_names_an_event || light_verb_noun.is_some();
            if code.discard {
                return SentenceCoding {
                    discarded: true,
                    ..SentenceCoding::default()
                };
            }
            if code.code.as_deref() == Some(COMPLEX_CODE) {
                return SentenceCoding {
                    complex: true,
                    ..SentenceCoding::default()
                };
            }
            let (clause_start, clause_end) = if tabari {
                tabari_clause(&clause_boundaries, verb, tokens.len())
            } else {
                let clause_start = if verb_index == 0 {
                    0
                } else {
                    verbs[verb_index - 1].end
                };
                // A relative clause (`desa yang telah direbutnya`, `villages that it seized`)
                // sits inside this clause: its verb does not end the search for this verb's
                // target.
                let clause_end = verbs[verb_index + 1..]
                    .iter()
                    .find(|next| {
                        !is_relative_clause_verb(&tokens, next.start)
                            && !is_reduced_relative_participle(&tokens, next)
                    })
                    .map_or(tokens.len(), |next| next.start);
                (clause_start, clause_end)
            };
            if code_by == crate::CodeBy::Clause && coded_clauses.contains(&clause_start) {
                continue;
            }
            if code_by == crate::CodeBy::Sentence && !coding.events.is_empty() {
                break;
            }
            let events_before = coding.events.len();
            let (source, target, compound) = self.roles(
                verb,
                captures,
                &tokens,
                &groups,
                &mentions,
                clause_start,
                clause_end,
                previous_source,
                // TABARI's clauses end at conjunctions, not verbs: an actor after an earlier
                // verb of the clause may still be this verb's subject.
                if tabari { None } else { previous_target },
            );
            // "Gunmen kidnapped students": force by an unnamed group is an event worth counting
            // (ACLED codes such actors as unidentified); anything else needs a named source.
            // "controlled by separatists for three decades": a verb with a duration of months
            // or years tells a state of affairs, not an event.
            if !self.settings.code_infinitive_complements
                && has_duration_of_months_or_more(&tokens, verb.end, clause_end)
            {
                continue;
            }
            let material_conflict = code
                .code
                .as_deref()
                .is_some_and(|cameo| crate::ontology::quad_class(cameo) == 4);
            let source = source.filter(|&group| {
                self.settings.countryless_sources
                    || material_conflict
                    || groups[group].members.iter().any(|&member| {
                        !mentions[member]
                            .code
                            .starts_with(self.unknown_actor_marker())
                    })
            });
            // `Russia said Sudan must return …`: the source of the verb before (the reporter)
            // is who demands, should this verb turn out to be an obligation.
            let reporter = previous_source;
            let reporter_object = previous_target;
            if source.is_some() {
                previous_source = source;
            }
            // The actor after a verb without a code (`On accord Gondor repelled …`) is not its
            // object: it stays free to be the subject of the verbs after it.
            let Some(mut cameo) = code.code.clone() else {
                previous_target = None;
                continue;
            };
            previous_target = target;
            let target = if self.settings.recipients_in_object_phrase && !tabari {
                self.recipient_in_object_phrase(verb, &tokens, &groups, &mentions, source, target)
            } else {
                target
            };
            // `SAID [023?]`: a subordinate (reporting) verb's code only marks the verb; the
            // event is what is reported, coded by the verb after it.
            if cameo.ends_with('?') {
                continue;
            }
            let complement = verb_index > 0 && is_infinitive_complement(&tokens, verb.start);
            let mut intent = false;
            let mut negation_consumed = false;
            // Whether this verb's event takes the place of its governing verb's event.
            let mut replaces_governing_event = false;
            let mut demand_by_reporter = None;
            if !self.settings.code_infinitive_complements
                && modality::follows_intent_adjective(&tokens, verb.start)
            {
                // `is willing to withdraw`: an intent stated with an adjective, not a verb.
                cameo = intent_code(&cameo);
                intent = true;
            } else if !self.settings.code_infinitive_complements && complement {
                let governing = &verbs[verb_index - 1];
                let governing_block =
                    &self.lexicon.blocks[self.lexicon.forms[governing.form].block].name;
                let Some(stance) = modality::complement_stance(governing_block) else {
                    continue;
                };
                // `agreed to withdraw`: the event is the intent to withdraw, told by the
                // governing verb, whose own (vaguer) event gives way.
                let governing_span = Span::new(
                    tokens[governing.start].span.start,
                    tokens[governing.end - 1].span.end,
                );
                let events_with_governing = coding.events.len();
                coding
                    .events
                    .retain(|event| event.verb_span != governing_span);
                replaces_governing_event = coding.events.len() < events_with_governing;
                cameo = match stance {
                    modality::ComplementStance::Intent => intent_code(&cameo),
                    modality::ComplementStance::Threat => modality::threat_code(&cameo),
                    // `refused to deploy`: the refusal happened; the negation is its content.
                    modality::ComplementStance::Refusal => {
                        negation_consumed = true;
                        modality::refusal_code(&cameo)
                    }
                };
                intent = true;
            } else if !self.settings.code_infinitive_complements
                && has_future_modal(&tokens, verb.start)
            {
                // `will provide aid`: what is reported is the intent, and that statement happened.
                cameo = intent_code(&cameo);
                intent = true;
            } else if !self.settings.code_infinitive_complements
                && modality::has_obligation_modal(&tokens, verb.start)
                && let Some(reporter) = reporter
            {
                // `Russia said Sudan must return the helicopter`: Russia demands it of Sudan,
                // who may have been taken for the reporting verb's object.
                let addressee = if source == Some(reporter) {
                    reporter_object
                } else {
                    source
                };
                if let Some(addressee) = addressee.filter(|&group| group != reporter) {
                    cameo = modality::demand_code(&cameo);
                    intent = true;
                    demand_by_reporter = Some((reporter, addressee));
                }
            }
            if intent
                && !self.settings.code_infinitive_complements
                && modality::has_unless_after(&tokens, verb.end)
            {
                // `will boycott the elections unless the president steps down`: a threat.
                cameo = modality::threat_code(&cameo);
            }
            let target = if self.settings.recipients_in_object_phrase
                && !tabari
                && cameo.starts_with("13")
            {
                self.threat_addressee(verb, &tokens, &groups, &mentions, source)
                    .or(target)
            } else {
                target
            };
            // `threatened to attack` replaces the main clause's own event; `cancel plans to
            // sell`, in a clause that was not coded, is as subordinate as its governing verb.
            if self.settings.main_clauses_only
                && !(complement && intent && replaces_governing_event)
                && coding
                    .events
                    .iter()
                    .any(|event| crate::ontology::plover_for_cameo(&event.cameo).is_some())
                && !is_coordinated(&tokens, verb.start)
            {
                continue;
            }
            // TABARI has no negation flag: its dictionaries code negation through patterns
            // (`- HAS NOT * [121]`), and a negated verb without one keeps its code.
            // A pattern that spells the negation out (`&NEGATVAUXVRB * OVER EFFORTS [904]`)
            // has coded it: the event it gives is not negated again.
            let mut negated = self.lexicon.dialect != truce_dictionaries::Dialect::Tabari
                && negator_position(&tokens, verb.start)
                    .is_some_and(|negator| captures.start.is_none_or(|start| negator < start))
                && !negation_consumed;
            if negated && intent && cameo.starts_with("03") {
                // `will not accept refugees`: a stated refusal, which did happen.
                cameo = modality::refusal_code(&cameo);
                negated = false;
            }
            let verb_span = Span::new(tokens[verb.start].span.start, tokens[verb.end - 1].span.end);
            let actors_of = |group: Option<usize>| -> Vec<CodedActor> {
                group.map_or_else(Vec::new, |group| {
                    groups[group]
                        .members
                        .iter()
                        .flat_map(|&member| coded_actors(&mentions[member], &tokens, sentence))
                        .collect()
                })
            };
            let event =
                |cameo: &str, source: Vec<CodedActor>, target: Vec<CodedActor>| CodedEvent {
                    cameo: cameo.to_string(),
                    source,
                    target,
                    verb_span,
                    negated,
                    intent,
                    issues: issues.clone(),
                };
            // Each (source, target) pair of actor lists to code: the members of a `%` compound
            // act on each other; otherwise the source acts on the target.
            let pairs: Vec<(Vec<CodedActor>, Vec<CodedActor>)> = match compound {
                Some(compound) => {
                    self.compound_pairs(actors_of(Some(compound)), code.paired.is_some())
                }
                None => {
                    let (source, target) = match demand_by_reporter {
                        Some((reporter, addressee)) => (Some(reporter), Some(addressee)),
                        None => (source, target),
                    };
                    let mut source_actors = actors_of(source);
                    let mut target_actors = actors_of(target);
                    self.apply_default_actors(&mut source_actors, &mut target_actors, verb_span);
                    // Unnamed doers are kept for protest, which needs no victim (`se realizó
                    // una marcha`), and for force told by a verb of force with a named victim
                    // (`two soldiers were killed`). Force with neither side named, or read
                    // into a verb that is no event by itself (`a body was found`), is an
                    // inference the sentence leaves to its reader.
                    let agentless_allowed = self.settings.agentless_material_conflict
                        && !tabari
                        && crate::ontology::quad_class(&cameo) == 4
                        && (cameo.starts_with("14")
                            || (!target_actors.is_empty() && verb_names_an_event));
                    if (source_actors.is_empty() && target_actors.is_empty() && !agentless_allowed)
                        || (self.settings.require_source
                            && source_actors.is_empty()
                            && !agentless_allowed)
                        || (self.settings.require_target && target_actors.is_empty())
                    {
                        continue;
                    }
                    if target_actors.is_empty()
                        && self.settings.targetless_events_need_a_complement
                        && !tabari
                        && !has_complement(
                            &tokens,
                            verb.end,
                            self.object_search_end(&tokens, verb.end, clause_end),
                        )
                    {
                        continue;
                    }
                    vec![(source_actors, target_actors)]
                }
            };
            let pairs = if self.settings.skip_self_directed_events {
                without_self_directed_pairs(pairs)
            } else {
                pairs
            };
            for (source_actors, target_actors) in pairs {
                // A paired code (`[032:033]`: a visit and its hosting) adds the reverse event.
                // Not when the verb's code was turned into an intent, threat, refusal or demand:
                // the reverse event has not happened.
                let reversed = code
                    .paired
                    .as_deref()
                    .filter(|_| code.code.as_deref() == Some(cameo.as_str()))
                    .filter(|paired| {
                        self.settings.reverse_events_of_the_same_type
                            || crate::ontology::plover_for_cameo(paired).map(|m| m.event)
                                != crate::ontology::plover_for_cameo(&cameo).map(|m| m.event)
                    })
                    .filter(|_| !source_actors.is_empty() && !target_actors.is_empty())
                    .map(|paired| event(paired, target_actors.clone(), source_actors.clone()));
                coding
                    .events
                    .push(event(&cameo, source_actors, target_actors));
                coding.events.extend(reversed);
            }
            if coding.events.len() > events_before {
                coded_clauses.push(clause_start);
            }
        }
        if tabari {
            keep_dominant_events(&mut coding.events);
        } else {
            absorb_subordinate_events(&mut coding.events, &tokens);
        }
        coding
    }

    /// The pairs a `%` compound codes: each member acts on each other member. TABARI and
    /// PETRARCH code both directions (`Gondor and Osgiliath postponed their meeting`: GON→OSG
    /// and OSG→GON) unless the code is paired (`[044:045]`), whose reverse event already gives
    /// the other direction; the product codes each pair once (`compounds_act_both_ways`).
    fn compound_pairs(
        &self,
        members: Vec<CodedActor>,
        paired_code: bool,
    ) -> Vec<(Vec<CodedActor>, Vec<CodedActor>)> {
        let both_directions = !paired_code
            && (self.lexicon.dialect == truce_dictionaries::Dialect::Tabari
                || self.settings.compounds_act_both_ways);
        let mut pairs = Vec::new();
        for (index, first) in members.iter().enumerate() {
            for (other, second) in members.iter().enumerate() {
                if other > index || (both_directions && other < index) {
                    pairs.push((vec![first.clone()], vec![second.clone()]));
                }
            }
        }
        pairs
    }

    /// The first TABARI time phrase of the sentence and what it does (`TOMORROW [+1]`, or
    /// `[+8]` with `- * AND A WEEK`).
    fn time_shift(&self, tokens: &[CoderToken]) -> Option<TimeShift> {
        let word_matches = |word: &truce_dictionaries::PhraseWord, token: &CoderToken| {
            if word.stem {
                token.text.starts_with(word.text.as_str())
            } else {
                token.text == word.text
            }
        };
        for start in 0..tokens.len() {
            for time in &self.lexicon.time_phrases {
                let words = &time.phrase.words;
                let end = start + words.len();
                if end > tokens.len()
                    || !words
                        .iter()
                        .zip(&tokens[start..end])
                        .all(|(word, token)| word_matches(word, token))
                {
                    continue;
                }
                let by_pattern = time.patterns.iter().find_map(|(items, shift)| {
                    let mut cursor = end;
                    for item in items {
                        let PatternElement::Word(word) = &item.element else {
                            return None;
                        };
                        let last = if item.joined_to_previous {
                            cursor
                        } else {
                            tokens.len().checked_sub(1)?
                        };
                        let found = (cursor..=last.min(tokens.len().checked_sub(1)?))
                            .find(|&position| word_matches(word, &tokens[position]))?;
                        cursor = found + 1;
                    }
                    Some(*shift)
                });
                return Some(by_pattern.unwrap_or(time.shift));
            }
        }
        None
    }

    /// TABARI's `COMMA:` option: deletes the comma-delimited clauses whose word counts lie in
    /// the limits (`…, almost five years after crowds burned its embassy, …`). Commas inside
    /// a compound actor (`Mordor, the awful Fornost, and Gondor`) delimit nothing.
    fn without_comma_clauses(
        &self,
        tokens: Vec<CoderToken>,
        limits: &crate::CommaLimits,
    ) -> Vec<CoderToken> {
        let (units, _) = self.phrase_units(&tokens);
        let mentions = self.mentions(&units, &tokens, &vec![false; tokens.len()]);
        let groups = group_mentions(
            &mentions,
            &tokens,
            |token| token.text == "THE" || self.lexicon.is_listed_adjective(token.word),
            |_| false,
        );
        let commas: Vec<usize> = (0..tokens.len())
            .filter(|&position| tokens[position].text == ",")
            .filter(|&position| {
                !groups
                    .iter()
                    .any(|group| group.start < position && position < group.end)
            })
            .collect();
        if commas.is_empty() {
            return tokens;
        }
        // The sentence's closing punctuation is not part of the terminal clause.
        let end = tokens
            .iter()
            .rposition(|token| !token.is_punctuation)
            .map_or(0, |last| last + 1);
        let words = |from: usize, to: usize| {
            tokens[from..to.max(from)]
                .iter()
                .filter(|token| !token.is_punctuation)
                .count()
        };
        let within = |count: usize, (least, most): (usize, usize)| least <= count && count <= most;
        let mut deleted = vec![false; tokens.len()];
        // Internal clauses first, left to right; a deleted clause uses up both its commas, so
        // what follows it is no longer a terminal clause. Its closing comma stays in the text
        // as a boundary (`with Dagolath, officials said`: not `Dagolath officials`).
        let mut remaining = Vec::with_capacity(commas.len());
        let mut index = 0;
        while index < commas.len() {
            if let Some(&next) = commas.get(index + 1)
                && within(words(commas[index] + 1, next), limits.internal)
            {
                deleted[commas[index]..next]
                    .iter_mut()
                    .for_each(|flag| *flag = true);
                index += 2;
            } else {
                remaining.push(commas[index]);
                index += 1;
            }
        }
        if let Some(&first) = remaining.first()
            && within(words(0, first), limits.initial)
        {
            deleted[..=first].iter_mut().for_each(|flag| *flag = true);
        }
        if let Some(&last) = remaining.last()
            && last < end
            && within(words(last + 1, end), limits.terminal)
        {
            deleted[last..end].iter_mut().for_each(|flag| *flag = true);
        }
        tokens
            .into_iter()
            .zip(deleted)
            .filter(|(_, deleted)| !deleted)
            .map(|(token, _)| token)
            .collect()
    }

    /// TABARI's `DEFAULT:` option for a verb missing an actor. With `PRIOR`, a missing source
    /// is the default source; without it, the first actor after the verb is the source and
    /// the rest of its compound (or the default target) the target. With `AFTER`, a missing
    /// target is the default target; without it, the rest of a compound source is the target.
    /// Light verbs with the event noun they make happen: for each verb hit the pack lists as
    /// light, the first word within a few words after it, with no punctuation between, that an
    /// entry of the dictionaries codes as an event (`realizaron este miércoles una huelga`), as
    /// `(light verb's index among the hits, the noun's form, the noun's token)`. The noun is
    /// taken whether or not the coder would read it as a verb there: after a light verb it is
    /// the event.
    fn light_verb_nouns(
        &self,
        verbs: &[VerbHit],
        tokens: &[CoderToken],
    ) -> Vec<(usize, usize, usize)> {
        /// The most words between a light verb and its noun (a determiner, a time word, a
        /// number, an adjective).
        const LIGHT_VERB_REACH: usize = 4;
        if self.grammar.light_verbs.is_empty() {
            return Vec::new();
        }
        let is_light = |form_index: usize| {
            let form = &self.lexicon.forms[form_index];
            let written = form
                .words
                .get(form.verb_position)
                .map(|word| word.text.as_str());
            let block_name = self.lexicon.blocks[form.block].name.as_str();
            self.grammar
                .light_verbs
                .iter()
                .any(|&light| Some(light) == written || light == block_name)
        };
        let mut found = Vec::new();
        for (light_index, light) in verbs.iter().enumerate() {
            if !is_light(light.form) {
                continue;
            }
            let reach_end = (light.end + LIGHT_VERB_REACH + 1).min(tokens.len());
            for (position, token) in tokens.iter().enumerate().take(reach_end).skip(light.end) {
                if token.is_punctuation {
                    break;
                }
                let noun_form = self.lexicon.forms_of_word(token.word).and_then(|forms| {
                    forms.iter().copied().find(|&form| {
                        let entry = &self.lexicon.forms[form];
                        entry.words.len() == 1 && self.form_is_coded(form) && !is_light(form)
                    })
                });
                if let Some(form) = noun_form {
                    found.push((light_index, form, position));
                    break;
                }
            }
        }
        found
    }

    fn apply_default_actors(
        &self,
        source: &mut Vec<CodedActor>,
        target: &mut Vec<CodedActor>,
        verb_span: Span,
    ) {
        let default_actor = |code: &str| CodedActor {
            code: code.to_string(),
            text: String::new(),
            span: verb_span,
        };
        if source.is_empty()
            && let Some(default_source) = &self.options.default_source
        {
            if default_source.displaces_other_side {
                source.push(default_actor(&default_source.code));
            } else if !target.is_empty() {
                let rest = target.split_off(1);
                *source = std::mem::replace(target, rest);
            }
        }
        if target.is_empty()
            && !source.is_empty()
            && let Some(default_target) = &self.options.default_target
        {
            if !default_target.displaces_other_side && source.len() > 1 {
                *target = source.split_off(1);
            } else {
                target.push(default_actor(&default_target.code));
            }
        }
    }

    /// TABARI's `COMPLEX:` limits: too many coded verbs, too many conjunctions joining
    /// clauses (a conjunction inside a compound actor does not count), or a coded verb
    /// before any actor.
    fn exceeds_complexity_limits(
        &self,
        verbs: &[VerbHit],
        tokens: &[CoderToken],
        groups: &[Group],
    ) -> bool {
        let limits = &self.options.complexity;
        let coded_verbs: Vec<&VerbHit> = verbs
            .iter()
            .filter(|verb| self.form_is_coded(verb.form))
            .collect();
        if limits.verbs.is_some_and(|most| coded_verbs.len() >= most) {
            return true;
        }
        if let Some(most) = limits.conjunctions {
            let conjunctions = tokens
                .iter()
                .enumerate()
                .filter(|(_, token)| CLAUSE_CONJUNCTIONS.contains(&token.text.as_str()))
                .filter(|&(position, _)| {
                    !groups
                        .iter()
                        .any(|group| group.start < position && position < group.end)
                })
                .count();
            if conjunctions >= most {
                return true;
            }
        }
        limits.no_actor_prior
            && coded_verbs
                .first()
                .is_some_and(|verb| groups.first().is_none_or(|group| group.start >= verb.start))
    }

    fn issues(&self, tokens: &[CoderToken]) -> Vec<String> {
        let mut hits = Vec::new();
        self.lexicon.issues.find(tokens, &mut hits);
        let mut codes: Vec<String> = Vec::new();
        for hit in hits {
            for target in &self.lexicon.issues.keys[hit.key].targets {
                let (PhraseTarget::Actor(index) | PhraseTarget::Agent(index)) = *target;
                match self.lexicon.issue_codes.get(index) {
                    Some(Some(code)) if !codes.contains(code) => codes.push(code.clone()),
                    // An ignore phrase cancels issue coding for the sentence.
                    Some(None) => return Vec::new(),
                    _ => {}
                }
            }
        }
        codes
    }

    /// The verb forms `word` reaches through its roots, each with whether it was reached by
    /// taking a passive prefix off (`di-`), in the order the language's analyser gives the
    /// roots. Analysing a word makes and normalises dozens of candidate roots, nearly all of
    /// them in no dictionary, and the same words come back sentence after sentence: each
    /// thread remembers the answer per coder and word (see [`ROOT_FORMS`]).
    fn root_forms(
        &self,
        word: &str,
        word_roots: fn(&str, &mut Vec<String>),
        roots: &mut Vec<String>,
    ) -> std::rc::Rc<[(usize, bool)]> {
        let remembered = ROOT_FORMS.with_borrow(|cache| {
            cache
                .get(&self.coder_id)
                .and_then(|by_word| by_word.get(word).cloned())
        });
        if let Some(forms) = remembered {
            return forms;
        }
        roots.clear();
        word_roots(word, roots);
        let mut forms: Vec<(usize, bool)> = Vec::new();
        for root in roots.iter() {
            let root_word = self.lexicon.vocabulary.id_of(&crate::normalize(root));
            if let Some(candidates) = self.lexicon.forms_of_word(root_word) {
                let passive = self.grammar.passive_prefixes.iter().any(|prefix| {
                    word.starts_with(prefix) && !root.to_uppercase().starts_with(prefix)
                });
                forms.extend(candidates.iter().map(|&form| (form, passive)));
            }
        }
        let forms: std::rc::Rc<[(usize, bool)]> = forms.into();
        ROOT_FORMS.with_borrow_mut(|cache| {
            let by_word = cache.entry(self.coder_id).or_default();
            if by_word.len() >= ROOT_FORMS_PER_CODER {
                by_word.clear();
            }
            by_word.insert(word.to_string(), forms.clone());
        });
        forms
    }

    /// Finds actor and agent phrases, longest first, left to right. Returns them and which
    /// tokens they cover.
    fn phrase_units(&self, tokens: &[CoderToken]) -> (Vec<(usize, usize, Unit)>, Vec<bool>) {
        let mut hits: Vec<PhraseHit> = Vec::new();
        self.lexicon.phrases.find(tokens, &mut hits);
        hits.sort_by_key(|hit| {
            (
                hit.start,
                std::cmp::Reverse(hit.end),
                std::cmp::Reverse(hit.words),
            )
        });
        let mut units: Vec<(usize, usize, Unit)> = Vec::new();
        let mut covered = vec![false; tokens.len()];
        let mut next_free = 0;
        for mut hit in hits {
            if hit.start < next_free
                || covered[hit.start..hit.end].iter().any(|&flag| flag)
                || tokens[hit.start..hit.end]
                    .iter()
                    .any(|token| token.verb_only)
            {
                continue;
            }
            // A TABARI phrase written with blanks (`PRINCE DOL_AMROTH`) also covers its later
            // words; they stay free for verbs, which may stand in the gaps.
            let continuation = if self.lexicon.phrases.keys[hit.key].continuation.is_empty() {
                Vec::new()
            } else {
                self.lexicon
                    .phrases
                    .continuation_runs(hit.key, tokens, hit.end)
                    .unwrap_or_default()
            };
            let targets = &self.lexicon.phrases.keys[hit.key].targets;
            let actor = targets.iter().find_map(|target| match target {
                PhraseTarget::Actor(index) => Some(*index),
                PhraseTarget::Agent(_) => None,
            });
            let unit = match actor {
                Some(_) => {
                    // Several entries may share a name; the first with a role on this date wins.
                    let code = targets.iter().find_map(|target| match target {
                        PhraseTarget::Actor(index) => self.lexicon.actors[*index]
                            .code_on(self.date.get())
                            .map(str::to_string),
                        PhraseTarget::Agent(_) => None,
                    });
                    Unit::Actor(code)
                }
                None => match targets.first() {
                    Some(PhraseTarget::Agent(index)) => Unit::Agent(*index),
                    _ => continue,
                },
            };
            for &(from, to) in &continuation {
                covered[from..to].iter_mut().for_each(|flag| *flag = true);
                // Runs right after the first (`Group of 77`) belong to the unit's span.
                if from == hit.end {
                    hit.end = to;
                }
            }
            for flag in &mut covered[hit.start..hit.end] {
                *flag = true;
            }
            units.push((hit.start, hit.end, unit));
            next_free = hit.end;
        }
        (units, covered)
    }

    /// Combines agents with the actors they qualify; verbs never sit inside a mention.
    fn mentions(
        &self,
        units: &[(usize, usize, Unit)],
        tokens: &[CoderToken],
        in_verb: &[bool],
    ) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut index = 0;
        while index < units.len() {
            let (start, end, unit) = units[index].clone();
            match unit {
                Unit::Actor(None) => index += 1,
                Unit::Actor(Some(code)) => {
                    // An agent right after the actor (`Arnor's ambassador`, `Osgiliath soldiers`).
                    if let Some((agent_start, agent_end, Unit::Agent(agent))) =
                        units.get(index + 1).cloned()
                        && !in_verb[end..agent_start].iter().any(|&flag| flag)
                        && ((gap_is_modifiers(tokens, end, agent_start, 2)
                            && !agent_binds_forward(units, index + 1))
                            || (self.lexicon.dialect != truce_dictionaries::Dialect::Tabari
                                && is_possessive_modifier_gap(tokens, end, agent_start)))
                    {
                        mentions.push(self.actor_with_agent(code, agent, tokens, start, agent_end));
                        index += 2;
                    } else {
                        mentions.push(Mention {
                            code: code.clone(),
                            start,
                            end,
                            actor: Some(code),
                            agent: None,
                        });
                        index += 1;
                    }
                }
                Unit::Agent(agent) => {
                    // The actor after the agent (`ambassadors of Arnor`, `pasukan Rusia`).
                    if let Some((actor_start, actor_end, Unit::Actor(Some(code)))) =
                        units.get(index + 1).cloned()
                        && tokens[end..actor_start]
                            .iter()
                            .all(|token| AGENT_CONNECTORS.contains(&token.text.as_str()))
                        && !in_verb[end..actor_start].iter().any(|&flag| flag)
                        && actor_start - end <= 2
                    {
                        mentions.push(self.actor_with_agent(code, agent, tokens, start, actor_end));
                        index += 2;
                    } else if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari
                        && !self.options.convert_agents
                    {
                        // TABARI codes an agent without its actor only when told to
                        // (`SET: CONVERT AGENT = TRUE`); otherwise `a senior official` is no actor.
                        index += 1;
                    } else {
                        mentions.push(Mention {
                            // An agent without its actor: PETRARCH writes the unknown country as `---`.
                            code: match self.lexicon.agent_placement(agent) {
                                AgentPlacement::AfterActor => format!(
                                    "{}{}",
                                    self.unknown_actor_marker(),
                                    self.lexicon.agents[agent].code
                                ),
                                AgentPlacement::BeforeActor => {
                                    self.lexicon.agents[agent].code.clone()
                                }
                            },
                            start,
                            end,
                            actor: None,
                            agent: Some(agent),
                        });
                        index += 1;
                    }
                }
            }
        }
        self.distribute_agents(&mut mentions, tokens);
        let mentions = merge_adjacent_mentions(mentions);
        if self.lexicon.dialect != truce_dictionaries::Dialect::Tabari
            && self.settings.pattern_window.is_some()
        {
            names::absorb_agents_ending_names(mentions, tokens, self.unknown_actor_marker())
        } else {
            mentions
        }
    }

    /// What stands for the actor of an agent the text gives none for: `---` (PETRARCH), or
    /// `~` with TABARI's `SET: CONVERT AGENT = TRUE`.
    fn unknown_actor_marker(&self) -> &'static str {
        if self.options.convert_agents {
            "~"
        } else {
            "---"
        }
    }

    /// An actor qualified by an agent (`RUS` + `~MIL` → `RUSMIL`) over tokens `start..end`.
    fn actor_with_agent(
        &self,
        actor: String,
        agent: usize,
        tokens: &[CoderToken],
        start: usize,
        end: usize,
    ) -> Mention {
        let code = if self.is_former_agent(tokens, start, end) {
            combine(&actor, FORMER_AGENT_CODE, AgentPlacement::AfterActor)
        } else {
            combine(
                &actor,
                &self.lexicon.agents[agent].code,
                self.lexicon.agent_placement(agent),
            )
        };
        Mention {
            code,
            start,
            end,
            actor: Some(actor),
            agent: Some(agent),
        }
    }

    /// TABARI's FORMER conversion: `former` before or inside an actor-with-agent mention
    /// (`former Gondor prosecutors`, `Arnor former security officials`) makes the agent an
    /// elite (`GONELI`): the people named no longer hold the role the agent codes.
    fn is_former_agent(&self, tokens: &[CoderToken], start: usize, end: usize) -> bool {
        self.lexicon.dialect == truce_dictionaries::Dialect::Tabari
            && tokens[start.saturating_sub(1)..end]
                .iter()
                .any(|token| token.text == "FORMER")
    }

    /// `the ambassadors of Arnor, Osgiliath and Gondor`, `Hungarian and Romanian officials`:
    /// an agent written once qualifies every actor of the coordination.
    fn distribute_agents(&self, mentions: &mut [Mention], tokens: &[CoderToken]) {
        let mut run_start = 0;
        for index in 0..=mentions.len() {
            let joined = index > 0
                && index < mentions.len()
                && is_conjunction_gap(&tokens[mentions[index - 1].end..mentions[index].start]);
            if joined {
                continue;
            }
            let run = &mut mentions[run_start..index];
            let agents: Vec<usize> = run
                .iter()
                .filter(|mention| mention.actor.is_some())
                .filter_map(|mention| mention.agent)
                .collect();
            if run.len() > 1 && agents.len() == 1 {
                let agent = agents[0];
                for mention in run.iter_mut().filter(|mention| mention.agent.is_none()) {
                    if let Some(actor) = &mention.actor {
                        mention.code = combine(
                            actor,
                            &self.lexicon.agents[agent].code,
                            self.lexicon.agent_placement(agent),
                        );
                        mention.agent = Some(agent);
                    }
                }
            }
            if !agents.is_empty() {
                self.give_actors_to_bare_agents(run, tokens);
            }
            run_start = index;
        }
    }

    /// `Danish media and government`, `lawmakers and officials in Fornost and Gondor`: in a
    /// coordination where an agent qualifies an actor, an agent written without one belongs
    /// to the coordination's actors too, one coded actor for each (`FORLEG/GONLEG`). After a
    /// determiner the first member is a noun phrase complete in itself, as PETRARCH's parse
    /// reads it (`the Danish media and government`: the government is not said to be Danish).
    fn give_actors_to_bare_agents(&self, run: &mut [Mention], tokens: &[CoderToken]) {
        let Some(first) = run.first() else {
            return;
        };
        if first
            .start
            .checked_sub(1)
            .is_some_and(|before| self.is_noun_determiner(&tokens[before].text))
        {
            return;
        }
        let mut actors: Vec<String> = Vec::new();
        for actor in run.iter().filter_map(|mention| mention.actor.as_ref()) {
            if !actors.contains(actor) {
                actors.push(actor.clone());
            }
        }
        if actors.is_empty() {
            return;
        }
        for mention in run.iter_mut().filter(|mention| mention.actor.is_none()) {
            let Some(agent) = mention.agent else {
                continue;
            };
            mention.code = actors
                .iter()
                .map(|actor| {
                    combine(
                        actor,
                        &self.lexicon.agents[agent].code,
                        self.lexicon.agent_placement(agent),
                    )
                })
                .collect::<Vec<_>>()
                .join("/");
        }
    }

    /// Finds verbs outside actor phrases, longest form first, skipping words used as nouns.
    fn verbs(&self, tokens: &[CoderToken], covered: &[bool], all_capitals: bool) -> Vec<VerbHit> {
        let mut hits = Vec::new();
        let mut roots = Vec::new();
        let mut index = 0;
        while index < tokens.len() {
            let token = &tokens[index];
            if covered[index]
                || token.is_punctuation
                || self.is_noun_here(tokens, covered, index, all_capitals)
                || (self.settings.capitalized_words_are_names
                    && !all_capitals
                    && index > 0
                    && token.capitalized)
            {
                index += 1;
                continue;
            }
            let mut best: Option<VerbHit> = None;
            let consider = |form_index: usize, passive_prefix: bool, best: &mut Option<VerbHit>| {
                let form = &self.lexicon.forms[form_index];
                let Some(start) = index.checked_sub(form.verb_position) else {
                    return;
                };
                let end = start + form.words.len();
                if end > tokens.len()
                    || (start..end)
                        .any(|position| covered[position] || tokens[position].is_punctuation)
                {
                    return;
                }
                let matches = form.words.iter().enumerate().all(|(offset, word)| {
                    offset == form.verb_position
                        || self.lexicon.word_matches(word, &tokens[start + offset])
                });
                if matches
                    && best
                        .as_ref()
                        .is_none_or(|current| end - start > current.end - current.start)
                {
                    *best = Some(VerbHit {
                        start,
                        end,
                        verb_token: index,
                        form: form_index,
                        passive_prefix,
                    });
                }
            };
            if let Some(candidates) = self.lexicon.forms_of_word(token.word) {
                for &form in candidates {
                    consider(form, false, &mut best);
                }
            }
            self.lexicon
                .forms_by_stem
                .for_each_stem_of(&token.text, |candidates| {
                    for &form in candidates {
                        consider(form, false, &mut best);
                    }
                });
            // A word found as written but only in an uncoded entry (a noun that hides a verb:
            // Spanish `retiro` vs `retiró`) still gets its roots tried.
            let written = best.take_if(|hit| !self.form_is_coded(hit.form));
            if best.is_none()
                && let Some(word_roots) = self.word_roots
            {
                let root_forms = self.root_forms(&token.text, word_roots, &mut roots);
                for &(form, passive) in root_forms.iter() {
                    consider(form, passive, &mut best);
                }
            }
            if best.is_none() {
                best = written;
            }
            match best {
                Some(hit) => {
                    index = hit.end.max(index + 1);
                    hits.push(hit);
                }
                None => index += 1,
            }
        }
        hits
    }

    /// Whether a verb form codes anything without a pattern (its own code or its block's).
    fn form_is_coded(&self, form: usize) -> bool {
        let form = &self.lexicon.forms[form];
        form.code.as_ref().map_or(
            self.lexicon.blocks[form.block].code.code.is_some(),
            |code| code.code.is_some(),
        )
    }

    /// A word is a noun here when the dictionaries say so, when an English determiner or a
    /// listed adjective precedes it, or when it sits inside a run of capitalised words (a name).
    fn is_noun_here(
        &self,
        tokens: &[CoderToken],
        covered: &[bool],
        index: usize,
        all_capitals: bool,
    ) -> bool {
        let token = &tokens[index];
        if self.lexicon.is_listed_noun(token.word) {
            return true;
        }
        let Some(previous) = index.checked_sub(1).map(|previous| &tokens[previous]) else {
            return false;
        };
        if self.is_noun_determiner(&previous.text)
            || self.lexicon.is_listed_adjective(previous.word)
            // `an official said`: a word the dictionaries name as an actor or agent is a
            // noun, whatever its ending.
            || (looks_like_english_adjective(previous) && !covered[index - 1])
            || self.ends_noun_phrase_with_modifiers(tokens, covered, index)
            || self.counted_noun(tokens, index)
        {
            return true;
        }
        // In a sentence written all in capitals, capitals say nothing of names.
        !all_capitals
            && token.capitalized
            && previous.capitalized
            && index >= 2
            && !tokens[index - 2].is_punctuation
    }

    /// `a brief private visit`, `the new border crossing`: a verb's base form one or two
    /// modifiers after a determiner ends a noun phrase. Not for TABARI dictionaries (whose
    /// nouns follow TABARI's own rule), and not when a modifier could end the subject
    /// instead (`the two leaders meet`: a plural; `a way to meet`: a function word; `a senior
    /// official said`: an actor or agent the dictionaries name, `covered` by its phrase).
    fn ends_noun_phrase_with_modifiers(
        &self,
        tokens: &[CoderToken],
        covered: &[bool],
        index: usize,
    ) -> bool {
        const NOT_MODIFIERS: &[&str] = &[
            "TO", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
            "NOT", "N'T", "AND", "OR", "BUT", "WHO", "WHICH", "THAT", "THEY", "WE", "YOU", "HE",
            "SHE", "IT", "I", "DID", "DO", "DOES", "TO",
        ];
        if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            return false;
        }
        // The word checks come first: they rule out most words without a hash lookup.
        let after_modifiers = (2..=3).any(|distance| {
            index >= distance
                && self.is_noun_determiner(&tokens[index - distance].text)
                && !covered[index - distance + 1..index]
                    .iter()
                    .any(|&flag| flag)
                && tokens[index - distance + 1..index].iter().all(|modifier| {
                    !modifier.is_punctuation
                        && !modifier.capitalized
                        && !modifier.text.ends_with('S')
                        && modifier.text.chars().all(char::is_alphabetic)
                        && !NOT_MODIFIERS.contains(&modifier.text.as_str())
                })
        });
        after_modifiers && self.lexicon.is_verb_base_form(tokens[index].word)
    }

    /// `two shells`, `two artillery shells`, `12 attacks`: a verb form right after a cardinal
    /// number, or a plural one a modifier further, is a counted noun. Not for TABARI
    /// dictionaries, whose nouns follow TABARI's own rule.
    fn counted_noun(&self, tokens: &[CoderToken], index: usize) -> bool {
        if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari || index == 0 {
            return false;
        }
        if is_cardinal_number(&tokens[index - 1].text) {
            return true;
        }
        index >= 2
            && is_cardinal_number(&tokens[index - 2].text)
            && tokens[index].text.ends_with('S')
            && !tokens[index - 1].is_punctuation
            && !tokens[index - 1].capitalized
    }

    /// Where the search for a verb's object ends: the clause's end, or for PETRARCH-format
    /// dictionaries the first comma that closes the verb phrase (`burned down its embassy, a
    /// senior official said`: the official is not what was burned). A comma inside a list
    /// (`Arnor, Gondor and Bree`) closes nothing.
    fn object_search_end(
        &self,
        tokens: &[CoderToken],
        verb_end: usize,
        clause_end: usize,
    ) -> usize {
        if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            return clause_end;
        }
        (verb_end..clause_end.min(tokens.len()))
            .find(|&position| {
                tokens[position].text == ","
                    && !is_list_comma(tokens, position)
                    && !self.is_comma_between_modifiers(tokens, position, verb_end)
            })
            .unwrap_or(clause_end)
    }

    /// `and the evil awful Gondor`: with PETRARCH-format dictionaries under
    /// `compounds_skip_modifiers`, a lower-case word that is no verb and no function word,
    /// after a compound's conjunction, modifies the next member as a parse would attach it,
    /// whether or not the dictionaries list it as an adjective.
    fn is_unlisted_modifier(
        &self,
        tokens: &[CoderToken],
        in_verb: &[bool],
        position: usize,
    ) -> bool {
        const FUNCTION_WORDS: &[&str] = &[
            "OF", "IN", "ON", "AT", "TO", "FROM", "BY", "FOR", "WITH", "ABOUT", "AGAINST",
            "BETWEEN", "OVER", "INTO", "THAT", "WHICH", "WHO", "NOT", "THEN", "ALSO", "BOTH",
            "EITHER", "NEITHER", "NOR", "OR", "BUT", "IT", "THEY", "HE", "SHE", "WE", "ITS",
            "THEIR", "HIS", "HER",
        ];
        let token = &tokens[position];
        self.settings.compounds_skip_modifiers
            && self.lexicon.dialect != truce_dictionaries::Dialect::Tabari
            && !in_verb[position]
            && !token.capitalized
            && !token.is_punctuation
            && token.text.chars().all(char::is_alphabetic)
            && !FUNCTION_WORDS.contains(&token.text.as_str())
            && self.lexicon.forms_of_word(token.word).is_none()
    }

    /// `restore complete, full diplomatic ties`: a comma between two modifiers of the verb's
    /// object (the word before it opens the phrase, right after the verb or a determiner, and
    /// is no plural noun; two lower-case words that are not determiners follow) lies inside
    /// the noun phrase and closes nothing.
    fn is_comma_between_modifiers(
        &self,
        tokens: &[CoderToken],
        comma: usize,
        verb_end: usize,
    ) -> bool {
        let is_plain_word = |token: &CoderToken| {
            !token.is_punctuation
                && !token.capitalized
                && token.text.chars().all(char::is_alphabetic)
                && !self.is_noun_determiner(&token.text)
        };
        let Some(before) = comma.checked_sub(1) else {
            return false;
        };
        before >= verb_end
            && (before == verb_end || self.is_noun_determiner(&tokens[before - 1].text))
            && is_plain_word(&tokens[before])
            && !tokens[before].text.ends_with('S')
            && tokens
                .get(comma + 1..comma + 3)
                .is_some_and(|after| after.iter().all(is_plain_word))
    }

    /// A word after which a verb form is a noun: the language's determiners, or for TABARI
    /// dictionaries only the articles (a verb after a possessive is still coded: `raised its
    /// voice`, with VOICE the verb of TABARI's pattern).
    fn is_noun_determiner(&self, word: &str) -> bool {
        if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            return matches!(word, "THE" | "A" | "AN");
        }
        self.grammar.noun_determiners.contains(&word)
    }

    fn match_pattern(
        &self,
        items: &[PatternItem],
        verb: &VerbHit,
        tokens: &[CoderToken],
        groups: &[Group],
    ) -> Option<Captures> {
        let verb_position = items
            .iter()
            .position(|item| item.element == PatternElement::Verb)?;
        let mut captures = Captures::default();
        // After the verb, left to right.
        let mut cursor = verb.end;
        for item in &items[verb_position + 1..] {
            cursor = self.match_forward(item, cursor, tokens, groups, &mut captures)?;
        }
        // A pattern that ends in the preposition `to` (`* (TO)`: welcomed to the summit) does
        // not match the infinitive marker (`praised efforts to improve`).
        if let Some(PatternItem {
            element: PatternElement::Word(word),
            ..
        }) = items.last()
            && word.text == "TO"
            && cursor > 0
            && self
                .infinitive_markers
                .borrow()
                .get(cursor - 1)
                .copied()
                .unwrap_or(false)
        {
            return None;
        }
        // Before the verb, right to left; adjacency is written on the right-hand item.
        let mut cursor = verb.start;
        for position in (0..verb_position).rev() {
            let must_touch = items[position + 1].joined_to_previous;
            cursor = self.match_backward(
                &items[position],
                must_touch,
                cursor,
                tokens,
                groups,
                &mut captures,
            )?;
        }
        if verb_position > 0 {
            captures.start = Some(cursor);
        }
        Some(captures)
    }

    /// Matches `item` at or after `cursor`; returns the token after the match.
    fn match_forward(
        &self,
        item: &PatternItem,
        cursor: usize,
        tokens: &[CoderToken],
        groups: &[Group],
        captures: &mut Captures,
    ) -> Option<usize> {
        let window_end = self
            .settings
            .pattern_window
            .map_or(tokens.len(), |window| (cursor + window).min(tokens.len()));
        let last_start = if item.joined_to_previous {
            cursor.min(tokens.len())
        } else {
            window_end
        };
        for start in cursor..=last_start {
            if start > cursor && self.ends_pattern_scope(tokens, start - 1) {
                return None;
            }
            if let Some(end) = self.match_at(&item.element, start, tokens, groups, captures) {
                return Some(end);
            }
        }
        None
    }

    /// Matches `item` ending at or before `cursor`; returns the token where the match starts.
    fn match_backward(
        &self,
        item: &PatternItem,
        must_touch: bool,
        cursor: usize,
        tokens: &[CoderToken],
        groups: &[Group],
        captures: &mut Captures,
    ) -> Option<usize> {
        let window_start = self
            .settings
            .pattern_window
            .map_or(0, |window| cursor.saturating_sub(window));
        let lowest_end = if must_touch { cursor } else { window_start };
        for end in (lowest_end..=cursor).rev() {
            if end < cursor && self.ends_pattern_scope(tokens, end) {
                return None;
            }
            // Find a start whose match ends exactly at `end`: a word is one token long and an
            // actor group has known bounds, so only phrases need a search.
            let first_candidate = match &item.element {
                // A word is one token, or two when the tokenizer split off its clitic.
                PatternElement::Word(_) => end.saturating_sub(2),
                PatternElement::Source
                | PatternElement::Target
                | PatternElement::Compound
                | PatternElement::Skip => match groups.iter().find(|group| group.end == end) {
                    Some(group) => group.start,
                    None => continue,
                },
                _ => end.saturating_sub(8),
            };
            for start in (first_candidate..=end).rev() {
                let mut trial = *captures;
                if self.match_at(&item.element, start, tokens, groups, &mut trial) == Some(end) {
                    *captures = trial;
                    return Some(start);
                }
            }
        }
        None
    }

    /// A pattern never reaches across `;`, and with a window set (the product's setting) not
    /// across `:` or a clause-ending `,` either: what lies beyond is another clause. A comma
    /// inside a list (`personel, senjata, dan peralatan`) does not end the clause. Nor does it
    /// reach past a modal, `that` or the infinitive marker `to`, which open another verb's
    /// phrase (`says it is willing to withdraw` is not `announced a withdrawal`).
    fn ends_pattern_scope(&self, tokens: &[CoderToken], position: usize) -> bool {
        let Some(token) = tokens.get(position) else {
            return false;
        };
        match token.text.as_str() {
            ";" => true,
            ":" => self.settings.pattern_window.is_some(),
            _ if self.settings.pattern_window.is_some()
                && (modality::opens_another_verb_phrase(token)
                    || self
                        .infinitive_markers
                        .borrow()
                        .get(position)
                        .copied()
                        .unwrap_or(false)) =>
            {
                true
            }
            "," if self.settings.pattern_window.is_some() => !is_list_comma(tokens, position),
            _ => false,
        }
    }

    /// Matches one element starting exactly at token `start`; returns its end.
    fn match_at(
        &self,
        element: &PatternElement,
        start: usize,
        tokens: &[CoderToken],
        groups: &[Group],
        captures: &mut Captures,
    ) -> Option<usize> {
        match element {
            PatternElement::Word(word) => {
                let token = tokens.get(start)?;
                if self.lexicon.word_matches(word, token) {
                    return Some(start + 1);
                }
                // `DIDN'T` in a dictionary is `DID` `N'T` to the tokenizer, and a prefix
                // written apart (`ANTI-` in "anti- Gondor") is `ANTI` `-`.
                let (stem, clitic) = match word.text.strip_suffix("N'T") {
                    Some(stem) => (stem, "N'T"),
                    None => (word.text.strip_suffix('-')?, "-"),
                };
                (!stem.is_empty() && token.text == stem && tokens.get(start + 1)?.text == clitic)
                    .then_some(start + 2)
            }
            PatternElement::Source
            | PatternElement::Target
            | PatternElement::Compound
            | PatternElement::Skip => {
                let group = groups.iter().position(|group| group.start == start)?;
                match element {
                    PatternElement::Source => captures.source = Some(group),
                    PatternElement::Target => captures.target = Some(group),
                    PatternElement::Compound => captures.compound = Some(group),
                    _ => {}
                }
                Some(groups[group].end)
            }
            PatternElement::Synset(name) => {
                let members = self.lexicon.synsets.get(name)?;
                let index = self.lexicon.synset_indices.get(name)?;
                let token_text = tokens.get(start).map(|token| token.text.as_str());
                index.candidates(token_text).find_map(|member_idx| {
                    self.match_sequence(&members[member_idx], start, tokens, groups, captures)
                })
            }
            PatternElement::Alternatives(alternatives) => {
                alternatives.iter().find_map(|alternative| {
                    self.match_sequence(alternative, start, tokens, groups, captures)
                })
            }
            PatternElement::Verb => None,
        }
    }

    /// A synset member or alternative: its items one after another from `start`.
    fn match_sequence(
        &self,
        items: &[PatternItem],
        start: usize,
        tokens: &[CoderToken],
        groups: &[Group],
        captures: &mut Captures,
    ) -> Option<usize> {
        let mut cursor = start;
        for (index, item) in items.iter().enumerate() {
            if index == 0 || item.joined_to_previous {
                cursor = self.match_at(&item.element, cursor, tokens, groups, captures)?;
            } else {
                cursor = self.match_forward(item, cursor, tokens, groups, captures)?;
            }
        }
        (cursor > start || items.is_empty()).then_some(cursor)
    }

    /// Source, target and compound groups for a verb: what the pattern captured, else the
    /// nearest group before the verb in its clause (or the previous clause's source) and the
    /// first group after it, swapped for the passive voice.
    #[allow(clippy::too_many_arguments)]
    fn roles(
        &self,
        verb: &VerbHit,
        captures: Captures,
        tokens: &[CoderToken],
        groups: &[Group],
        mentions: &[Mention],
        clause_start: usize,
        clause_end: usize,
        previous_source: Option<usize>,
        previous_target: Option<usize>,
    ) -> (Option<usize>, Option<usize>, Option<usize>) {
        if captures.compound.is_some() {
            return (None, None, captures.compound);
        }
        // The object of the previous verb is not the subject of this one (`A accused B and attacked C`).
        let in_clause_before_verb =
            |group: &Group| group.end <= verb.start && group.start >= clause_start;
        // TABARI takes the clause's first actor as its subject; other dictionaries the actor
        // nearest the verb, which skips fronted phrases (`In Moscow, Russia said`).
        let before = if self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            groups.iter().position(in_clause_before_verb)
        } else {
            groups.iter().rposition(in_clause_before_verb)
        };
        let before = before
            .filter(|&group| Some(group) != previous_target)
            // `… and promised aid`: a verb coordinated with the clause before shares its
            // subject, unless an actor stands between the conjunction and the verb.
            .filter(|&group| {
                match (
                    previous_source,
                    coordinating_conjunction(tokens, verb.start),
                ) {
                    (Some(_), Some(conjunction)) => groups[group].start > conjunction,
                    _ => true,
                }
            });
        let after_end = self.object_search_end(tokens, verb.end, clause_end);
        let after = groups
            .iter()
            .position(|group| group.start >= verb.end && group.start < after_end);
        let passive = verb.passive_prefix
            || (verb.verb_token > 0
                && tokens[verb.start.saturating_sub(2)..verb.start]
                    .iter()
                    .any(|token| PASSIVE_AUXILIARIES.contains(&token.text.as_str()))
                && looks_like_participle(&tokens[verb.verb_token]));
        let mut source = captures.source;
        let mut target = captures.target;
        if passive && source.is_none() && target.is_none() {
            let by_agent = groups.iter().position(|group| {
                group.start >= verb.end
                    && group.start < clause_end
                    && group.start > 0
                    && PASSIVE_AGENT_MARKERS.contains(&tokens[group.start - 1].text.as_str())
            });
            return (by_agent, before.or(previous_source), None);
        }
        if source.is_none() {
            source = before
                .or(previous_source)
                .filter(|&group| Some(group) != target);
        }
        if target.is_none() && self.lexicon.dialect == truce_dictionaries::Dialect::Tabari {
            target = tabari_target(verb, groups, mentions, source, clause_end);
        }
        if target.is_none() {
            target = after.filter(|&group| Some(group) != source);
        }
        (source, target, None)
    }
}

/// TABARI's dominant codes (`ATTEND [031!]`): when a verb with one codes an event, the
/// sentence's other events give way to it (TABARI's `CHECK DOMINANT`, on by default), and the
/// event is written without the `!`.
fn keep_dominant_events(events: &mut Vec<CodedEvent>) {
    if !events.iter().any(|event| event.cameo.ends_with('!')) {
        return;
    }
    events.retain(|event| event.cameo.ends_with('!'));
    for event in events {
        event.cameo.pop();
    }
}

/// Whether anything but a bare time word (`said today`) follows a verb before `end`: an
/// object, a prepositional phrase, a clause.
fn has_complement(tokens: &[CoderToken], verb_end: usize, end: usize) -> bool {
    tokens[verb_end..end.min(tokens.len())].iter().any(|token| {
        !token.is_punctuation
            && !matches!(
                token.text.as_str(),
                "TODAY" | "YESTERDAY" | "TONIGHT" | "TOMORROW" | "NOW"
            )
    })
}

/// Words that open an adverbial clause subordinate to the verb before them.
const SUBORDINATORS: &[&str] = &[
    "AFTER", "BEFORE", "WHEN", "WHILE", "SINCE", "BECAUSE", "UNTIL", "DESPUES", "CUANDO",
    "SETELAH", "KETIKA",
];

/// `Arnor restored ties with Gxndor after Calenardhon crowds burned down its embassy`: an event
/// without a target in a clause subordinate (`after`, `when`) to an earlier event's verb is
/// part of that event, as PETRARCH's parse nests it: it is not coded on its own, and its
/// source becomes the earlier event's target when that event has none.
fn absorb_subordinate_events(events: &mut Vec<CodedEvent>, tokens: &[CoderToken]) {
    let mut index = 1;
    while index < events.len() {
        let (earlier, later) = events.split_at_mut(index);
        let event = &later[0];
        // The subordinator opens the event's own clause: no punctuation stands between it
        // and the event's verb (`after a rift, the agency said` is a clause of its own).
        let subordinator = tokens
            .iter()
            .rev()
            .skip_while(|token| token.span.end > event.verb_span.start)
            .take_while(|token| !token.is_punctuation)
            .find(|token| SUBORDINATORS.contains(&token.text.as_str()));
        let governing = earlier.last_mut().filter(|governing| {
            subordinator
                .is_some_and(|subordinator| governing.verb_span.end <= subordinator.span.start)
        });
        match governing {
            Some(governing) if event.target.is_empty() && !event.source.is_empty() => {
                if governing.target.is_empty() {
                    governing.target = event.source.clone();
                }
                events.remove(index);
            }
            _ => index += 1,
        }
    }
}

/// `yyyymmdd` moved by `days` days, through the proleptic Gregorian calendar; unchanged when the
/// result would leave the calendar.
fn shift_date(date: u32, days: i32) -> u32 {
    let (Ok(year), Ok(month), Ok(day)) = (
        i32::try_from(date / 10_000),
        u8::try_from(date / 100 % 100),
        u8::try_from(date % 100),
    ) else {
        return date;
    };
    let epoch_days = truce_core::date::days_from_civil(year, month, day) + i64::from(days);
    truce_core::date::civil_from_days(epoch_days)
        .and_then(|(year, month, day)| {
            u32::try_from(i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day)).ok()
        })
        .unwrap_or(date)
}

/// A sentence written in capitals throughout (a wire headline): capitals say nothing of names.
fn is_all_capitals(tokens: &[CoderToken]) -> bool {
    let mut words = tokens
        .iter()
        .filter(|token| !token.is_punctuation)
        .peekable();
    words.peek().is_some() && words.all(|token| token.capitalized)
}

/// `diplomatic ties`, `military aid`, `formal talks`: a lower-case word with an English
/// adjective ending makes the next word a noun.
fn looks_like_english_adjective(token: &CoderToken) -> bool {
    const ENDINGS: &[&str] = &["AL", "IC", "IVE", "OUS", "ARY", "FUL", "ABLE", "IBLE"];
    !token.capitalized
        && token.text.len() > 4
        && ENDINGS.iter().any(|ending| token.text.ends_with(ending))
}

/// Past participles and Spanish participles: the forms a passive verb takes.
fn looks_like_participle(token: &CoderToken) -> bool {
    let text = token.text.as_str();
    // Spanish irregular participles, in all four forms.
    const IRREGULAR_STEMS: &[&str] = &[
        "MUERT", "HECH", "DICH", "PUEST", "ABIERT", "ESCRIT", "VIST", "ROT", "PRES", "DEVUELT",
        "CUBIERT", "RESUELT",
    ];
    if IRREGULAR_STEMS.iter().any(|stem| {
        text.strip_prefix(stem)
            .is_some_and(|ending| matches!(ending, "O" | "A" | "OS" | "AS"))
    }) {
        return true;
    }
    text.ends_with("ED")
        || text.ends_with("EN")
        || text.ends_with("ADO")
        || text.ends_with("IDO")
        || text.ends_with("ADA")
        || text.ends_with("IDA")
        || text.ends_with("ADOS")
        || text.ends_with("IDOS")
        || text.ends_with('T')
        || text.ends_with("WN")
}

/// Modal auxiliaries of the future just before a verb (`will withdraw`, `would meet`, `akan`, `va a`).
fn has_future_modal(tokens: &[CoderToken], verb_start: usize) -> bool {
    tokens[verb_start.saturating_sub(2)..verb_start]
        .iter()
        .any(|token| matches!(token.text.as_str(), "WILL" | "WOULD" | "'LL" | "SHALL"))
}

/// The CAMEO code for the stated intention to do what `cameo` codes: cooperation becomes
/// `03x` (express intent to cooperate), force and coercion become `13x` (threaten); verbal
/// codes stay as they are.
fn intent_code(cameo: &str) -> String {
    let intent = match cameo.get(..2) {
        Some("04") => "036",
        Some("05") => "032",
        Some("06") => "031",
        Some("07") => "033",
        Some("08") => "035",
        Some("14") => "133",
        Some("15") | Some("18") | Some("19") | Some("20") => "138",
        Some("16") => "130",
        Some("17") => "137",
        _ => return cameo.to_string(),
    };
    intent.to_string()
}

/// A cardinal number written in digits (`12`, `1,500`), an English one from two to twelve, or a
/// count word (`several`, `dozens`).
fn is_cardinal_number(word: &str) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "TWO",
        "THREE",
        "FOUR",
        "FIVE",
        "SIX",
        "SEVEN",
        "EIGHT",
        "NINE",
        "TEN",
        "ELEVEN",
        "TWELVE",
        "DOZENS",
        "HUNDREDS",
        "THOUSANDS",
        "SEVERAL",
    ];
    (word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
        || NUMBER_WORDS.contains(&word)
}

/// `to cooperate` after another verb: the complement of the verb before it.
fn is_infinitive_complement(tokens: &[CoderToken], verb_start: usize) -> bool {
    verb_start > 0
        && matches!(
            tokens[verb_start - 1].text.as_str(),
            "TO" | "UNTUK" | "PARA"
        )
}

/// The position of the conjunction that coordinates the verb at `verb_start` with the clause
/// before (`and promised`, `and then promised`), if there is one.
fn coordinating_conjunction(tokens: &[CoderToken], verb_start: usize) -> Option<usize> {
    (verb_start.saturating_sub(3)..verb_start)
        .rev()
        .take_while(|&position| !tokens[position].is_punctuation)
        .find(|&position| {
            matches!(
                tokens[position].text.as_str(),
                "AND" | "DAN" | "Y" | "E" | "SERTA" | "LALU" | "KEMUDIAN"
            )
        })
}

/// `… and promised`: a verb joined to the clause before by a coordinating conjunction,
/// possibly with an auxiliary or adverb between.
fn is_coordinated(tokens: &[CoderToken], verb_start: usize) -> bool {
    tokens[verb_start.saturating_sub(3)..verb_start]
        .iter()
        .rev()
        .take_while(|token| !token.is_punctuation)
        .any(|token| {
            matches!(
                token.text.as_str(),
                "AND" | "DAN" | "Y" | "E" | "SERTA" | "LALU" | "KEMUDIAN"
            )
        })
}

/// The negator among the three words before a verb (`did not`, `never`), if there is one.
fn negator_position(tokens: &[CoderToken], verb_start: usize) -> Option<usize> {
    for position in (verb_start.saturating_sub(3)..verb_start).rev() {
        let token = &tokens[position];
        if token.is_punctuation {
            return None;
        }
        if NEGATORS.contains(&token.text.as_str()) {
            return Some(position);
        }
    }
    None
}

/// `Arnor and Gondor Defense Ministers Arnor and Gondor`: an agent that runs straight into
/// an actor's name qualifies that name, not the actor before it.
fn agent_binds_forward(units: &[(usize, usize, Unit)], agent_index: usize) -> bool {
    let Some((_, agent_end, Unit::Agent(_))) = units.get(agent_index) else {
        return false;
    };
    matches!(
        units.get(agent_index + 1),
        Some((actor_start, _, Unit::Actor(Some(_)))) if actor_start == agent_end
    )
}

/// `Ithilen's awful and evil minister Calimehtar`: after a possessive, modifiers (coordinated
/// ones too) lead to the agent the possessor holds, even when a name follows the agent (the
/// name is who holds the post, and the possessor's code is the more telling), as PETRARCH
/// reads it; TABARI gives the name the agent.
fn is_possessive_modifier_gap(tokens: &[CoderToken], from: usize, to: usize) -> bool {
    let Some((possessive, words)) = tokens[from..to].split_first() else {
        return false;
    };
    (possessive.text == "'S" || possessive.text == "'")
        && words.len() <= 4
        && words.iter().all(|token| {
            !token.is_punctuation
                && !token.capitalized
                && (token.text == "AND" || !CONJUNCTIONS.contains(&token.text.as_str()))
        })
}

/// Between an actor and its agent only a possessive and a couple of modifiers may stand.
fn gap_is_modifiers(tokens: &[CoderToken], from: usize, to: usize, most: usize) -> bool {
    let gap = &tokens[from..to];
    let words: Vec<_> = gap
        .iter()
        .filter(|token| token.text != "'S" && token.text != "'")
        .collect();
    words.len() <= most
        && words.iter().all(|token| {
            !token.is_punctuation
                && !CONJUNCTIONS.contains(&token.text.as_str())
                && !token.capitalized
        })
}

/// An actor code qualified by an agent code. A code that already ends (or, for a prefixed
/// agent, starts) with the agent's code keeps its form (`USAGOV` + `~GOV` is `USAGOV`).
fn combine(actor: &str, agent: &str, placement: AgentPlacement) -> String {
    let redundant = !agent.is_empty()
        && match placement {
            AgentPlacement::AfterActor => actor.ends_with(agent),
            AgentPlacement::BeforeActor => actor.starts_with(agent),
        };
    if redundant {
        return actor.to_string();
    }
    match placement {
        AgentPlacement::AfterActor => format!("{actor}{agent}"),
        AgentPlacement::BeforeActor => format!("{agent}{actor}"),
    }
}

/// A comma followed, before any other punctuation and within a few words, by a list's
/// closing conjunction (`a, b, dan c`; `a, b and c`).
fn is_list_comma(tokens: &[CoderToken], comma: usize) -> bool {
    tokens[comma + 1..]
        .iter()
        .take(6)
        .take_while(|token| !token.is_punctuation || token.text == ",")
        .any(|token| {
            matches!(
                token.text.as_str(),
                "AND" | "DAN" | "SERTA" | "Y" | "E" | "OR" | "ATAU" | "O"
            )
        })
}

/// `for three decades`, `selama hampir tiga dekade`, `durante años` after the verb.
fn has_duration_of_months_or_more(tokens: &[CoderToken], from: usize, to: usize) -> bool {
    let clause = &tokens[from.min(to)..to];
    clause.iter().enumerate().any(|(index, token)| {
        matches!(token.text.as_str(), "FOR" | "SELAMA" | "DURANTE")
            && clause[index + 1..]
                .iter()
                .take(4)
                .take_while(|token| !token.is_punctuation)
                .any(|token| {
                    matches!(
                        token.text.as_str(),
                        "YEARS"
                            | "DECADES"
                            | "MONTHS"
                            | "CENTURIES"
                            | "TAHUN"
                            | "DEKADE"
                            | "BULAN"
                            | "ABAD"
                            | "ANOS"
                            | "DECADAS"
                            | "MESES"
                            | "SIGLOS"
                    )
                })
    })
}

/// A verb a few words after a relative pronoun, with no punctuation between.
fn is_relative_clause_verb(tokens: &[CoderToken], verb_start: usize) -> bool {
    tokens[verb_start.saturating_sub(3)..verb_start]
        .iter()
        .rev()
        .take_while(|token| !token.is_punctuation)
        .any(|token| {
            matches!(
                token.text.as_str(),
                "YANG" | "WHICH" | "WHO" | "THAT" | "QUE" | "QUIEN" | "QUIENES" | "CUAL" | "CUALES"
            )
        })
}

/// `the roads leading into Mordor`: a one-word `-ing` form right after a noun modifies that
/// noun (a reduced relative clause, as a parse attaches it), so the clause of the verb before
/// runs on through it. After an auxiliary (`are leading`), a preposition (`after leaving`), a
/// conjunction or punctuation the `-ing` form heads a clause of its own.
fn is_reduced_relative_participle(tokens: &[CoderToken], verb: &VerbHit) -> bool {
    const NOT_NOUNS: &[&str] = &[
        "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "AM", "'S", "AFTER", "BEFORE", "BY", "FOR",
        "WITHOUT", "WHILE", "WHEN", "ON", "IN", "OF", "FROM", "TO", "AT", "WITH", "AND", "OR",
        "BUT", "NOT", "ALSO", "STILL", "KEEP", "KEPT", "STOP", "STOPPED", "START", "STARTED",
    ];
    let Some(previous) = verb.start.checked_sub(1).map(|index| &tokens[index]) else {
        return false;
    };
    verb.end - verb.start == 1
        && tokens[verb.start].text.ends_with("ING")
        && !previous.is_punctuation
        && !previous.capitalized
        && !previous.text.ends_with("LY")
        && !NOT_NOUNS.contains(&previous.text.as_str())
}

/// TABARI's target: the first actor after the verb in its clause that is not the source
/// (a pronoun standing for the source is the source), else the first such actor between the
/// source and the verb (`Elrond urged Bree to assist him` → Bree).
fn tabari_target(
    verb: &VerbHit,
    groups: &[Group],
    mentions: &[Mention],
    source: Option<usize>,
    clause_end: usize,
) -> Option<usize> {
    let codes = |group: usize| -> Vec<&str> {
        groups[group]
            .members
            .iter()
            .map(|&member| mentions[member].code.as_str())
            .collect()
    };
    let source_codes = source.map(codes).unwrap_or_default();
    let is_other = |group: usize| Some(group) != source && codes(group) != source_codes;
    let after = (0..groups.len())
        .find(|&group| groups[group].start >= verb.end && groups[group].start < clause_end)
        .filter(|&group| is_other(group));
    after.or_else(|| {
        let source_end = source.map_or(usize::MAX, |source| groups[source].end);
        (0..groups.len()).find(|&group| {
            groups[group].start >= source_end && groups[group].end <= verb.start && is_other(group)
        })
    })
}

/// The positions where TABARI's clauses break: semicolons, and conjunctions (`and`, `but`,
/// `or`) outside compound actors that open a clause, with an actor or a coded verb in the
/// next two words (`but Dagolath promised`, `or assail Arnor`, `and then it requested`; not
/// `a real easy or pleasant place`).
fn tabari_clause_boundaries(
    tokens: &[CoderToken],
    groups: &[Group],
    coded_verb_starts: &[usize],
) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|&(position, token)| {
            token.text == ";"
                || (CLAUSE_CONJUNCTIONS.contains(&token.text.as_str())
                    && (position + 1..=position + 2).any(|next| {
                        coded_verb_starts.contains(&next)
                            || groups.iter().any(|group| group.start == next)
                    }))
        })
        .map(|(position, _)| position)
        .filter(|&position| {
            !groups
                .iter()
                .any(|group| group.start < position && position < group.end)
        })
        .collect()
}

/// The TABARI clause around a verb: from the boundary before it to the boundary after it.
fn tabari_clause(boundaries: &[usize], verb: &VerbHit, token_count: usize) -> (usize, usize) {
    let start = boundaries
        .iter()
        .rev()
        .find(|&&boundary| boundary < verb.start)
        .map_or(0, |&boundary| boundary + 1);
    let end = boundaries
        .iter()
        .find(|&&boundary| boundary >= verb.end)
        .copied()
        .unwrap_or(token_count);
    (start, end)
}

/// `Elrond urged Bree to assist him`: an actor acting on itself is no event. A pair whose
/// target list names one of its sources is split by source, each without itself as target.
fn without_self_directed_pairs(
    pairs: Vec<(Vec<CodedActor>, Vec<CodedActor>)>,
) -> Vec<(Vec<CodedActor>, Vec<CodedActor>)> {
    let mut kept = Vec::with_capacity(pairs.len());
    for (sources, targets) in pairs {
        let overlaps = targets
            .iter()
            .any(|target| sources.iter().any(|source| source.code == target.code));
        if !overlaps {
            kept.push((sources, targets));
            continue;
        }
        for source in sources {
            let others: Vec<CodedActor> = targets
                .iter()
                .filter(|target| target.code != source.code)
                .cloned()
                .collect();
            if !others.is_empty() {
                kept.push((vec![source], others));
            }
        }
    }
    kept
}

/// Personal pronouns TABARI replaces by the sentence's first actor (possessives are left alone:
/// `its embassy` names no one).
const PRONOUNS: &[&str] = &["HE", "HIM", "SHE", "HER", "IT", "THEY", "THEM"];

/// TABARI's pronoun dereferencing: a personal pronoun after the sentence's first actor (or
/// compound actor) stands for it (`Elrond urged Bree … and Gondor asked him` → Elrond), so
/// it becomes a group of copies of that actor's mentions at the pronoun's place.
/// A pronoun before any actor stands for the actor forwarded from the story's previous
/// sentence, when there is one (`He has also asked Gondor …`).
fn dereference_pronouns(
    tokens: &[CoderToken],
    covered: &[bool],
    in_verb: &[bool],
    forwarded_actor: Option<&str>,
    mentions: &mut Vec<Mention>,
    groups: &mut Vec<Group>,
) {
    let is_pronoun = |position: usize| {
        !covered[position]
            && !in_verb[position]
            && PRONOUNS.contains(&tokens[position].text.as_str())
    };
    let first_actor_start = groups.first().map_or(tokens.len(), |group| group.start);
    if let Some(code) = forwarded_actor
        && let Some(position) = (0..first_actor_start).find(|&position| is_pronoun(position))
    {
        mentions.push(Mention {
            code: code.to_string(),
            start: position,
            end: position + 1,
            actor: Some(code.to_string()),
            agent: None,
        });
        groups.insert(
            0,
            Group {
                members: vec![mentions.len() - 1],
                start: position,
                end: position + 1,
            },
        );
    }
    let Some(first) = groups.first().cloned() else {
        return;
    };
    let mut added = Vec::new();
    for position in first.end..tokens.len() {
        if !is_pronoun(position) {
            continue;
        }
        let mut members = Vec::with_capacity(first.members.len());
        for &member in &first.members {
            members.push(mentions.len());
            mentions.push(Mention {
                start: position,
                end: position + 1,
                ..mentions[member].clone()
            });
        }
        added.push(Group {
            members,
            start: position,
            end: position + 1,
        });
    }
    if !added.is_empty() {
        groups.extend(added);
        groups.sort_by_key(|group| group.start);
    }
}

/// Only commas and conjunctions between two mentions.
fn is_conjunction_gap(gap: &[CoderToken]) -> bool {
    !gap.is_empty()
        && gap.len() <= 2
        && gap
            .iter()
            .all(|token| CONJUNCTIONS.contains(&token.text.as_str()))
}

/// `Bree President Romendacil`: a name right after a mention is the same actor; the more
/// specific code (the longer one) stands for both.
fn merge_adjacent_mentions(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut merged: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mention in mentions {
        if let Some(last) = merged.last_mut()
            && last.end == mention.start
        {
            if mention.code.len() > last.code.len() {
                last.code = mention.code;
                last.actor = mention.actor;
                last.agent = mention.agent;
            }
            last.end = mention.end;
            continue;
        }
        merged.push(mention);
    }
    merged
}

/// Mentions joined by conjunctions and commas (at most two such words) form a group;
/// `ignorable` words (determiners, adjectives) may stand between too, uncounted.
/// `modifies_next_member` (by token position) names words that may stand after the gap's
/// last conjunction, before the member they modify (`Fornost and the evil awful Gondor`).
fn group_mentions(
    mentions: &[Mention],
    tokens: &[CoderToken],
    ignorable: impl Fn(&CoderToken) -> bool,
    modifies_next_member: impl Fn(usize) -> bool,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if let Some(last) = groups.last_mut() {
            let last_conjunction = (last.end..mention.start)
                .rev()
                .find(|&position| CONJUNCTIONS.contains(&tokens[position].text.as_str()));
            let gap: Vec<&CoderToken> = (last.end..mention.start)
                .filter(|&position| {
                    let modifies_next = last_conjunction
                        .is_some_and(|conjunction| position > conjunction)
                        && modifies_next_member(position);
                    !(ignorable(&tokens[position]) || modifies_next)
                })
                .map(|position| &tokens[position])
                .collect();
            let skipped = mention.start - last.end - gap.len();
            // `Dagolath, the Osgiliath newspaper al-Raya said`: past a skipped word, a comma
            // joins only a list that a conjunction closes.
            let comma_only = !gap.is_empty() && gap.iter().all(|token| token.text == ",");
            let comma_closes_list = skipped == 0 || !comma_only || is_list_comma(tokens, last.end);
            if (!gap.is_empty() || skipped > 0)
                && gap.len() <= 2
                && comma_closes_list
                && gap
                    .iter()
                    .all(|token| CONJUNCTIONS.contains(&token.text.as_str()))
            {
                last.members.push(index);
                last.end = mention.end;
                continue;
            }
        }
        groups.push(Group {
            members: vec![index],
            start: mention.start,
            end: mention.end,
        });
    }
    groups
}

/// The coded actors of a mention: one, or several when the dictionary gives a name several
/// codes (`THE_SHIRE [FRO/BIL/SAM]`).
fn coded_actors(mention: &Mention, tokens: &[CoderToken], sentence: &str) -> Vec<CodedActor> {
    let span = Span::new(
        tokens[mention.start].span.start,
        tokens[mention.end - 1].span.end,
    );
    let text = span.slice(sentence).unwrap_or_default().to_string();
    mention
        .code
        .split('/')
        .filter(|code| !code.is_empty())
        .map(|code| CodedActor {
            code: code.to_string(),
            text: text.clone(),
            span,
        })
        .collect()
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_shift_across_months_years_and_leap_days() {
        assert_eq!(super::shift_date(19950130, 3), 19950202);
        assert_eq!(super::shift_date(20000301, -1), 20000229);
        assert_eq!(super::shift_date(19941231, 1), 19950101);
        assert_eq!(super::shift_date(19950104, -31), 19941204);
    }
}
