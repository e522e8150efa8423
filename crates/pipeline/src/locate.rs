//! Where each event happened, and whose its country-less actors are.
//!
//! The location rule, in order (the first that gives a place wins):
//! 1. a place introduced by a preposition in the event's sentence ("di Jakarta", "en Bogotá",
//!    "in Kyiv"), the one nearest the event's verb (after the verb, or opening the sentence);
//! 2. a "nationwide" phrase of the pack in the sentence ("di dalam negeri", "en todo el país"):
//!    the country of the event's actors, else the article's dominant country, at country
//!    precision;
//! 3. a town or region named bare in the sentence, outside the actors' own words (a bare
//!    country or capital is an actor far more often than a scene);
//! 4. the dateline's place;
//! 5. the article's dominant place.
//!
//! Demonyms and continents never locate an event, and neither does a name inside an actor's
//! words unless a preposition introduces it ("Moscow" in "Moscow sent troops" names the actor,
//! "Nagorno-Karabakh" in "withdrew from Nagorno-Karabakh" is where it happened). Nothing found
//! leaves the location empty.
//!
//! An actor coded without a country (`---COP`, `---EDU`) takes, in order: a nationality or a
//! place in its own words, or a nationality in its sentence that is no other actor's (`text`), the
//! event's location (`location`), the dateline (`dateline`), the article's dominant country
//! (`article`). Actors with a code of their own (the UN, the ICRC, a named country) keep it.
//! A generic phrase a one-country dictionary gave that country ("la policía" as `COLMIL`) is
//! recoded to another country only by a cued location (rules 1, 2) or the dateline: a bare
//! town or the dominant place is too often a namesake abroad to overrule the dictionary.

use truce_core::{
    ActorRef, CountrySource, EventRecord, Location, LocationPrecision, PlaceCue, PlaceMention,
    PlaceMentionKind, Span,
};
use truce_places::{ArticlePlaces, PlaceIndex};

/// How far into its sentence a locative phrase still opens it ("Di Jakarta, …", "En la
/// ciudad de Cali, …").
const SENTENCE_OPENING_BYTES: usize = 30;

/// Where an event sits in its article, as the coder found it.
#[derive(Debug, Clone)]
pub(crate) struct EventAnchor {
    pub sentence: Span,
    pub verb: Span,
    /// The spans of the event's actors and recipients, in the order of the record's lists.
    pub actor_spans: Vec<Span>,
    pub recipient_spans: Vec<Span>,
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn distance(a: &Span, b: &Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Locates every event and gives country-less actors a country.
pub(crate) fn locate_events(
    events: &mut [EventRecord],
    anchors: &[EventAnchor],
    places: &ArticlePlaces,
    index: &dyn PlaceIndex,
    fill_countries: bool,
) {
    let all_actor_spans: Vec<Span> = anchors
        .iter()
        .flat_map(|anchor| anchor.actor_spans.iter().chain(&anchor.recipient_spans))
        .copied()
        .collect();
    let dominant_place = places
        .dominant_place(&all_actor_spans)
        .and_then(truce_places::location_of);
    let dominant_country = places.dominant_country(&all_actor_spans);
    let dateline = places
        .dateline_mention()
        .and_then(truce_places::location_of);
    for (event, anchor) in events.iter_mut().zip(anchors) {
        let (location, cued) =
            match sentence_location(event, anchor, places, index, dominant_country.as_deref()) {
                Some((location, cued)) => (Some(location), cued),
                None => match &dateline {
                    Some(place) => (Some(place.clone()), true),
                    None => (dominant_place.clone(), false),
                },
            };
        event.location = location;
        if !fill_countries {
            continue;
        }
        fill_actor_countries(
            event,
            anchor,
            places,
            cued,
            dateline.as_ref().and_then(|place| place.country.as_deref()),
            dominant_country.as_deref(),
        );
    }
}

/// Rules 1-3: a place of the event's own sentence, and whether words of the text tie it to
/// the event (a preposition or a nationwide phrase) rather than it only standing near.
fn sentence_location(
    event: &EventRecord,
    anchor: &EventAnchor,
    places: &ArticlePlaces,
    index: &dyn PlaceIndex,
    dominant_country: Option<&str>,
) -> Option<(Location, bool)> {
    let actor_spans: Vec<&Span> = anchor
        .actor_spans
        .iter()
        .chain(&anchor.recipient_spans)
        .collect();
    let in_sentence = |mention: &&PlaceMention| {
        anchor.sentence.contains(&mention.span)
            && mention.kind == PlaceMentionKind::Place
            && mention.precision.is_some()
    };
    let inside_actor =
        |mention: &PlaceMention| actor_spans.iter().any(|span| overlaps(span, &mention.span));
    let verb = anchor.verb;
    let nearest = |candidates: Vec<&PlaceMention>| -> Option<Location> {
        candidates
            .into_iter()
            .min_by_key(|mention| distance(&mention.span, &verb))
            .and_then(truce_places::location_of)
    };
    // A locative phrase attaches to the verb before it ("arrested students in Surabaya"); one
    // before the verb belongs to it only when it opens the sentence ("In Kyiv, police…"),
    // since elsewhere it is more often part of a noun phrase ("the war in Ukraine forced…").
    let sentence_opening = anchor.sentence.start + SENTENCE_OPENING_BYTES;
    let sentence_mentions = places.mentions_starting_within(&anchor.sentence);
    let introduced = sentence_mentions
        .iter()
        .filter(in_sentence)
        .filter(|mention| mention.cue == PlaceCue::Preposition)
        .filter(|mention| mention.span.start >= verb.end || mention.span.start < sentence_opening)
        .collect();
    if let Some(location) = nearest(introduced) {
        return Some((location, true));
    }
    let nationwide = places
        .home_country_phrases
        .iter()
        .any(|phrase| anchor.sentence.contains(phrase));
    if nationwide {
        let actors_country = event
            .actor
            .iter()
            .chain(&event.recipient)
            .find_map(|actor| actor.country.clone());
        let country = actors_country.or_else(|| dominant_country.map(str::to_string))?;
        return country_location(&country, index).map(|location| (location, true));
    }
    // A bare country or capital is far more often an actor ("Baku agreed", "talks with
    // Moscow") than the scene, so only towns and regions count here.
    let named = sentence_mentions
        .iter()
        .filter(in_sentence)
        .filter(|mention| {
            mention.cue == PlaceCue::Bare
                && !inside_actor(mention)
                && mention.precision != Some(LocationPrecision::Country)
                && mention.feature.as_deref() != Some("P.PPLC")
        })
        .collect();
    nearest(named).map(|location| (location, false))
}

/// A country as a location, at country precision.
fn country_location(alpha3: &str, index: &dyn PlaceIndex) -> Option<Location> {
    let entry = index.entry(index.country_entry(alpha3)?);
    Some(Location {
        name: entry.name,
        country: entry.country,
        admin1: None,
        lat: Some(entry.lat),
        lon: Some(entry.lon),
        geonames_id: entry.geonames_id,
        precision: Some(LocationPrecision::Country),
    })
}

fn fill_actor_countries(
    event: &mut EventRecord,
    anchor: &EventAnchor,
    places: &ArticlePlaces,
    location_is_cued: bool,
    dateline_country: Option<&str>,
    dominant_country: Option<&str>,
) {
    let known_countries: Vec<String> = event
        .actor
        .iter()
        .chain(&event.recipient)
        .filter_map(|actor| actor.country.clone())
        .collect();
    let location_country = event
        .location
        .as_ref()
        .and_then(|location| location.country.clone());
    let spans: Vec<Span> = anchor
        .actor_spans
        .iter()
        .chain(&anchor.recipient_spans)
        .copied()
        .collect();
    for (position, actor) in event
        .actor
        .iter_mut()
        .chain(event.recipient.iter_mut())
        .enumerate()
    {
        let own_span = spans.get(position).copied();
        if let Some(span) = own_span
            && actor.country_source == Some(CountrySource::Text)
            && country_only_from_a_locative(places, &span, actor.country.as_deref())
        {
            // "students in Nairobi": the coder read the country from the place phrase inside
            // the actor's words, which is where the event is, not a nationality.
            actor.country_source = Some(CountrySource::Location);
            continue;
        }
        // "La policía" coded COLMIL by a dictionary written for one country's news: the words
        // name no country, so the place of the story, when the text ties it to the event and
        // it says another, decides. A town only named near the event, or the article's
        // heaviest place, is too often a namesake abroad to overrule the dictionary.
        if let (Some(span), Some(country)) = (own_span, actor.country.clone())
            && actor.country_source == Some(CountrySource::Text)
            && is_generic_phrase(&actor.text)
            && country_in_words(places, &span, &[], false).is_none()
        {
            let context_country = location_country
                .as_deref()
                .filter(|_| location_is_cued)
                .map(|country| (country, CountrySource::Location))
                .or(dateline_country.map(|country| (country, CountrySource::Dateline)));
            if let Some((context, source)) = context_country
                && context != country
                && actor.code.starts_with(&country)
            {
                let sector = actor.code[country.len()..].to_string();
                give_country(actor, context, &sector, source);
            }
            continue;
        }
        let Some(sector) = countryless_sector(actor) else {
            continue;
        };
        let other_spans: Vec<Span> = spans
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != position)
            .map(|(_, span)| *span)
            .collect();
        let from_text = own_span
            .and_then(|span| country_in_words(places, &span, &[], false))
            .or_else(|| {
                let sentence_country =
                    country_in_words(places, &anchor.sentence, &other_spans, true)?;
                (!known_countries.contains(&sentence_country)).then_some(sentence_country)
            });
        let (country, source) = if let Some(country) = from_text {
            (country, CountrySource::Text)
        } else if let Some(country) = &location_country {
            (country.clone(), CountrySource::Location)
        } else if let Some(country) = dateline_country {
            (country.to_string(), CountrySource::Dateline)
        } else if let Some(country) = dominant_country {
            (country.to_string(), CountrySource::Article)
        } else {
            continue;
        };
        give_country(actor, &country, &sector, source);
    }
}

/// The one country that the demonyms (and, unless `demonyms_only`, place names) inside `span`
/// but outside `excluded` agree on; none when they name two. A place elsewhere in the sentence
/// is where the event happened, which the location rule reads, not a nationality.
fn country_in_words(
    places: &ArticlePlaces,
    span: &Span,
    excluded: &[Span],
    demonyms_only: bool,
) -> Option<String> {
    let mut found: Option<String> = None;
    for mention in places.mentions_starting_within(span) {
        let outside = !span.contains(&mention.span)
            || excluded.iter().any(|other| overlaps(other, &mention.span));
        if outside || (demonyms_only && mention.kind != PlaceMentionKind::Demonym) {
            continue;
        }
        let Some(country) = &mention.country else {
            continue;
        };
        match &found {
            None => found = Some(country.clone()),
            Some(already) if already == country => {}
            Some(_) => return None,
        }
    }
    found
}

/// A phrase of common words only ("la policía", "the army"): nothing after its first letter
/// is written in capitals, so it names no particular body.
/// A single capitalised word ("Kremlin", "Yerevan") is a name, never generic.
fn is_generic_phrase(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    let first_is_lower = !first.chars().next().is_some_and(char::is_uppercase);
    (first_is_lower || !rest.is_empty())
        && rest
            .iter()
            .all(|word| !word.chars().next().is_some_and(char::is_uppercase))
}

/// True when the only mentions of `country` inside `span` are places introduced by a
/// preposition, so the actor's country can only have come from where it is.
fn country_only_from_a_locative(
    places: &ArticlePlaces,
    span: &Span,
    country: Option<&str>,
) -> bool {
    let Some(country) = country else {
        return false;
    };
    let inside: Vec<&PlaceMention> = places
        .mentions_starting_within(span)
        .iter()
        .filter(|mention| {
            span.contains(&mention.span) && mention.country.as_deref() == Some(country)
        })
        .collect();
    !inside.is_empty()
        && inside
            .iter()
            .all(|mention| mention.cue == PlaceCue::Preposition)
}

/// CAMEO's heads for actors that belong to no one country: international and non-governmental
/// organisations, companies, transnational armed groups, unidentified state actors.
const TRANSNATIONAL_HEADS: &[&str] = &["IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "INT"];

/// The sector code of an actor the text gave no country (`---COP`, or a bare `EDU` as the
/// Spanish agent dictionaries write it); `None` for an actor with a country or a transnational
/// one.
fn countryless_sector(actor: &ActorRef) -> Option<String> {
    if actor.country.is_some() {
        return None;
    }
    if let Some(sector) = actor.code.strip_prefix("---") {
        return Some(sector.to_string());
    }
    let head = actor.code.get(..3)?;
    let is_sector = head.bytes().all(|byte| byte.is_ascii_uppercase());
    (is_sector && !TRANSNATIONAL_HEADS.contains(&head)).then(|| actor.code.clone())
}

fn give_country(actor: &mut ActorRef, country: &str, sector: &str, source: CountrySource) {
    actor.code = format!("{country}{sector}");
    actor.country = Some(country.to_string());
    actor.country_source = Some(source);
}
