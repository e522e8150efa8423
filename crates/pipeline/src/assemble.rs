//! Turns the coder's output for one sentence into event records: evidence, date, flags, numbers.

use sha2::{Digest, Sha256};
use truce_coding::{CodedActor, CodedEvent, Coder, acled, ontology};
use truce_core::{
    AcledCues, ActorRef, Article, EventRecord, Evidence, Mention, MentionKind, Sentence, Span,
};
use truce_dates::TimeExpression;

use crate::locate::EventAnchor;

/// Everything about the article that coding one sentence needs to see.
pub(crate) struct SentenceContext<'a> {
    pub article: &'a Article,
    pub lang: &'a str,
    pub sentences: &'a [Sentence],
    pub sentence_index: usize,
    pub time_expressions: &'a [TimeExpression],
    /// Coding by a peer coder's conventions: negation is what the coder's dictionaries say
    /// (TABARI and PETRARCH code it through patterns), not the pack's cue words.
    pub peer_conventions: bool,
    /// The ACLED cue classes of the article's sentences, found when first asked for: a
    /// paragraph's later events look back at the same sentences.
    pub sentence_cues: &'a [std::cell::OnceCell<AcledCues>],
}

pub(crate) fn code_sentence(
    coder: &Coder,
    context: &SentenceContext<'_>,
    sentence: &Sentence,
    events: &mut Vec<EventRecord>,
    anchors: &mut Vec<EventAnchor>,
    mentions: &mut Vec<Mention>,
) {
    let Some(sentence_text) = sentence.span.slice(&context.article.text) else {
        return;
    };
    let coding = coder.code_sentence(sentence_text, context.article.date);
    if coding.discarded {
        return;
    }
    // Tokenized for recognition once, and only when the sentence has events.
    let recognised = (!coding.events.is_empty())
        .then(|| truce_recognise::RecognisedSentence::new(sentence_text, context.lang));
    for coded in &coding.events {
        let verb_span = coded.verb_span.shifted(sentence.span.start);
        mentions.push(Mention {
            kind: MentionKind::Verb,
            span: verb_span,
            code: coded.cameo.clone(),
        });
        for actor in coded.source.iter().chain(&coded.target) {
            mentions.push(Mention {
                kind: MentionKind::Actor,
                span: actor.span.shifted(sentence.span.start),
                code: actor.code.clone(),
            });
        }
        if let Some(recognised) = &recognised
            && let Some(record) = event_record(context, sentence, sentence_text, recognised, coded)
        {
            events.push(record);
            let in_article = |actor: &CodedActor| actor.span.shifted(sentence.span.start);
            anchors.push(EventAnchor {
                sentence: sentence.span,
                verb: verb_span,
                actor_spans: coded.source.iter().map(in_article).collect(),
                recipient_spans: coded.target.iter().map(in_article).collect(),
            });
        }
    }
}

fn event_record(
    context: &SentenceContext<'_>,
    sentence: &Sentence,
    sentence_text: &str,
    recognised: &truce_recognise::RecognisedSentence,
    coded: &CodedEvent,
) -> Option<EventRecord> {
    let mapping = ontology::plover_for_cameo(&coded.cameo)?;
    // Force with no named doer in a sentence about an earthquake or a crash is the disaster's
    // toll ("77 people were killed in the floods"), not violence.
    if coded.source.is_empty()
        && ontology::quad_class(&coded.cameo) == 4
        && recognised
            .acled_cues()
            .contains(truce_core::AcledCue::Hazard)
    {
        return None;
    }
    let article = context.article;
    let mut flags = recognised.flags(coded.verb_span, article.date.map(|date| date.year));
    flags.negated |= coded.negated;
    if context.peer_conventions {
        flags.negated = coded.negated;
    }
    if coded.intent {
        // The coded event is the statement of intent (or threat, refusal, demand), which did
        // happen; whether it is negated the coder decided (`refused to go` is a refusal, not a
        // negated event).
        flags.negated = coded.negated;
        flags.future = false;
        flags.hypothetical = false;
    }
    let quantities = recognised.quantities(coded.verb_span);
    let anchor = sentence.span.start + coded.verb_span.start;
    let (date, date_is_publication) = match governing_date(context, sentence, anchor) {
        Some(expression) => (Some(expression.date), false),
        None => (article.date, article.date.is_some()),
    };
    let actor = coded.source.iter().map(actor_ref).collect::<Vec<_>>();
    let recipient = coded.target.iter().map(actor_ref).collect::<Vec<_>>();
    let evidence = Evidence {
        doc_id: article.id.clone(),
        sentence: sentence_text.to_string(),
        start: sentence.span.start,
        end: sentence.span.end,
        lang: Some(context.lang.to_string()),
        url: article.url.clone().or_else(|| article.source_url.clone()),
    };
    // ACLED records what happened: a planned, denied or supposed event gets no sub-event type.
    let acled = if flags.negated || flags.future || flags.hypothetical {
        None
    } else {
        let source_codes: Vec<&str> = coded
            .source
            .iter()
            .map(|actor| actor.code.as_str())
            .collect();
        let target_codes: Vec<&str> = coded
            .target
            .iter()
            .map(|actor| actor.code.as_str())
            .collect();
        acled::acled_sub_event(&acled::AcledFacts {
            event: mapping.event,
            cameo: &coded.cameo,
            source_codes: &source_codes,
            target_codes: &target_codes,
            cues: if acled::needs_cues(mapping.event) {
                with_paragraph_weapons(context, recognised.acled_cues())
            } else {
                truce_core::AcledCues::default()
            },
        })
        .map(str::to_string)
    };
    let mut record = EventRecord {
        id: String::new(),
        doc_id: article.id.clone(),
        event: mapping.event,
        mode: mapping.mode,
        context: mapping.context,
        cameo: coded.cameo.clone(),
        quad_class: ontology::quad_class(&coded.cameo),
        goldstein: ontology::goldstein(&coded.cameo).unwrap_or(0.0),
        acled,
        date: date.map(|date| date.to_iso_prefix()),
        date_precision: date.map(|date| date.precision),
        date_is_publication,
        actor,
        recipient,
        location: None,
        fatalities: quantities.fatalities.unwrap_or_default(),
        size: quantities.size,
        flags,
        evidence: vec![evidence],
        sources: article.credited_sources.clone(),
        issues: coded.issues.clone(),
        event_id: None,
        reports: None,
        first_reported: None,
    };
    record.id = event_id(&record, coded.verb_span.shifted(sentence.span.start));
    Some(record)
}

/// The time expression that dates an event: one in its own sentence (the stage's rule picks the
/// one governing the verb), else one in an earlier sentence of the same paragraph, since news
/// paragraphs keep the time frame their first sentence sets ("In May, Armenia returned four
/// villages. The move set off protests.").
/// The most sentences back a paragraph's date is looked for.
const MAX_SENTENCES_SHARING_A_DATE: usize = 12;

fn governing_date<'a>(
    context: &'a SentenceContext<'_>,
    sentence: &Sentence,
    anchor: usize,
) -> Option<&'a TimeExpression> {
    if let Some(found) =
        truce_dates::governing_date(context.time_expressions, sentence.span, anchor)
    {
        return Some(found);
    }
    // A run of sentences longer than any news paragraph is a text without paragraph breaks
    // (a one-line dump), whose sentences share no time frame; stopping there also keeps the
    // walk short in such texts.
    earlier_in_paragraph(context, MAX_SENTENCES_SHARING_A_DATE).find_map(|previous| {
        let previous = &context.sentences[previous];
        let in_previous: Vec<&TimeExpression> =
            truce_dates::expressions_starting_within(context.time_expressions, previous.span)
                .iter()
                .filter(|expression| previous.span.contains(&expression.span))
                .collect();
        // The sentence before sets the scene with its first date ("Pada bulan Mei, … sejak
        // tahun 1990-an"); a decade there is background, not the time of what follows.
        in_previous
            .iter()
            .find(|expression| expression.date.precision != truce_core::DatePrecision::Decade)
            .or(in_previous.first())
            .copied()
    })
}

/// The indices of the sentences before the current one in its paragraph, nearest first, at
/// most `limit` of them: the walk stops at a line break between two sentences.
fn earlier_in_paragraph<'a>(
    context: &'a SentenceContext<'_>,
    limit: usize,
) -> impl Iterator<Item = usize> + 'a {
    let text = &context.article.text;
    let current = context.sentence_index;
    (current.saturating_sub(limit)..current)
        .rev()
        .take_while(move |&previous| {
            text.get(
                context.sentences[previous].span.end..context.sentences[previous + 1].span.start,
            )
            .is_some_and(|between| !between.contains('\n'))
        })
}

/// The most sentences back a paragraph's weapon is looked for.
const MAX_SENTENCES_SHARING_A_WEAPON: usize = 3;

/// A sentence's cue classes, with the weapon of the paragraph's earlier sentences when it
/// names none itself: "A suicide bomber struck a market in Maiduguri. The blast killed eight
/// people." tells one attack, whose weapon the first sentence gave. Earlier sentences are read
/// only when needed, once per article, so most events cost nothing here.
fn with_paragraph_weapons(context: &SentenceContext<'_>, own: AcledCues) -> AcledCues {
    if !own.weapons().is_empty() {
        return own;
    }
    let text = &context.article.text;
    let cues_of = |index: usize| {
        let find = || {
            context.sentences[index]
                .span
                .slice(text)
                .map(|sentence| {
                    truce_recognise::RecognisedSentence::new(sentence, context.lang).acled_cues()
                })
                .unwrap_or_default()
        };
        match context.sentence_cues.get(index) {
            Some(cell) => *cell.get_or_init(find),
            None => find(),
        }
    };
    earlier_in_paragraph(context, MAX_SENTENCES_SHARING_A_WEAPON)
        .map(|previous| cues_of(previous).weapons())
        .find(|weapons| !weapons.is_empty())
        .map_or(own, |weapons| own.union(weapons))
}

fn actor_ref(actor: &CodedActor) -> ActorRef {
    let (country, sector) = ontology::country_and_sector(&actor.code);
    // A country in the code came from the actor's own words (a name, a nationality); actors
    // without one may get theirs from the places of the article (`locate`).
    let country_source = country.is_some().then_some(truce_core::CountrySource::Text);
    ActorRef {
        text: actor.text.clone(),
        code: actor.code.clone(),
        country,
        sector,
        country_source,
    }
}

/// A stable id: the same event coded from the same place of the same document always gets the
/// same id, so re-running the pipeline never mints new ones.
pub fn event_id(record: &EventRecord, verb_span: Span) -> String {
    let mut hasher = Sha256::new();
    hasher.update(record.doc_id.as_bytes());
    hasher.update(verb_span.start.to_le_bytes());
    hasher.update(record.cameo.as_bytes());
    for actor in record.actor.iter().chain(&record.recipient) {
        hasher.update(actor.code.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
