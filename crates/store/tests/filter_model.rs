//! Property test of the event filters: for random events and random filters, the SQL query
//! returns exactly what a plain Rust model of each filter's documented meaning selects, in the
//! documented order; malformed filter values are refused, and no input makes the query itself fail.

// Helpers of a property test: a panic is the failure report we want.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use std::str::FromStr;
use truce_core::date::days_in_month;
use truce_core::{
    ActorRef, Article, DatePrecision, EventFlags, EventRecord, Evidence, Fatalities, Location,
    PartialDate, PloverEvent, ProcessedArticle, Span,
};
use truce_store::{EventFilter, NearFilter, Store, StoreError};

/// First and last day (`YYYY-MM-DD`) of a period.
type DayRange = (String, String);

/// First and last day a date covers, written independently of the store's own code.
fn model_days(date: &str, precision: DatePrecision) -> DayRange {
    let parsed = PartialDate::parse_iso(date).unwrap();
    let year = parsed.year;
    match precision {
        DatePrecision::Day => {
            let text = parsed.to_iso_prefix();
            (text.clone(), text)
        }
        DatePrecision::Month => {
            let month = parsed.month.unwrap();
            (
                format!("{year:04}-{month:02}-01"),
                format!("{year:04}-{month:02}-{:02}", days_in_month(year, month)),
            )
        }
        DatePrecision::Year | DatePrecision::Decade => {
            (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
        }
    }
}

fn precision_of(text: &str) -> DatePrecision {
    match text.len() {
        4 => DatePrecision::Year,
        7 => DatePrecision::Month,
        _ => DatePrecision::Day,
    }
}

fn date_strategy() -> impl Strategy<Value = String> {
    (2019..2022_i32, 1..=12_u8, 1..=28_u8, 0..3_u8).prop_map(|(year, month, day, precision)| {
        match precision {
            0 => format!("{year:04}"),
            1 => format!("{year:04}-{month:02}"),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        }
    })
}

fn code_strategy() -> impl Strategy<Value = String> {
    "[AB]{1,4}"
}

fn country_strategy() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![Just("AZE"), Just("RUS"), Just("idn")].prop_map(String::from))
}

fn actor_strategy() -> impl Strategy<Value = ActorRef> {
    (code_strategy(), country_strategy()).prop_map(|(code, country)| ActorRef {
        text: code.to_lowercase(),
        code,
        country,
        sector: None,
        country_source: None,
    })
}

/// Words mixing cases and scripts, so case folding beyond ASCII is exercised.
const WORDS: [&str; 8] = [
    "Troops",
    "LEFT",
    "état",
    "ÉTAT",
    "Войска",
    "ушли",
    "50%",
    "it's",
];

#[derive(Debug, Clone)]
struct GeneratedEvent {
    date: Option<String>,
    plover: PloverEvent,
    cameo: String,
    actors: Vec<ActorRef>,
    recipients: Vec<ActorRef>,
    location_country: Option<String>,
    /// Latitude and longitude of the location, when it has coordinates.
    location_point: Option<(f64, f64)>,
    words: Vec<usize>,
}

/// Points clustered around two places so that `--near` circles catch some and miss others,
/// with one near the antimeridian and one near a pole.
fn point_strategy() -> impl Strategy<Value = Option<(f64, f64)>> {
    proptest::option::of(prop_oneof![
        (-7.0..-5.0_f64, 105.0..108.0_f64),
        (40.0..41.0_f64, 45.0..47.0_f64),
        (-20.0..-10.0_f64, 178.0..180.0_f64),
        (88.0..90.0_f64, -180.0..180.0_f64),
    ])
}

fn near_strategy() -> impl Strategy<Value = Option<NearFilter>> {
    proptest::option::of(
        (
            prop_oneof![Just((-6.2, 106.8)), Just((40.2, 46.0)), Just((89.5, 0.0))],
            1.0..400.0_f64,
        )
            .prop_map(|((lat, lon), km)| NearFilter { lat, lon, km }),
    )
}

fn event_strategy() -> impl Strategy<Value = GeneratedEvent> {
    (
        proptest::option::of(date_strategy()),
        proptest::sample::select(PloverEvent::ALL.to_vec()),
        "[0-2][0-9]{1,3}",
        proptest::collection::vec(actor_strategy(), 0..3),
        proptest::collection::vec(actor_strategy(), 0..2),
        country_strategy(),
        point_strategy(),
        proptest::collection::vec(0..WORDS.len(), 1..5),
    )
        .prop_map(
            |(date, plover, cameo, actors, recipients, location_country, location_point, words)| {
                GeneratedEvent {
                    date,
                    plover,
                    cameo,
                    actors,
                    recipients,
                    location_country,
                    location_point,
                    words,
                }
            },
        )
}

/// A filter value: usually one that can match, sometimes arbitrary text.
fn sometimes_arbitrary(
    likely: impl Strategy<Value = String> + 'static,
) -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![4 => likely, 1 => any::<String>()])
}

fn filter_strategy() -> impl Strategy<Value = EventFilter> {
    (
        sometimes_arbitrary(date_strategy()),
        sometimes_arbitrary(date_strategy()),
        sometimes_arbitrary(
            prop_oneof![Just("aze"), Just("RUS"), Just("IDN")].prop_map(String::from),
        ),
        sometimes_arbitrary("[ABab%_]{1,3}"),
        sometimes_arbitrary(prop_oneof![
            proptest::sample::select(PloverEvent::ALL.to_vec()).prop_map(|event| event.to_string()),
            "[0-2][0-9]{0,2}",
        ]),
        sometimes_arbitrary(proptest::sample::select(WORDS.to_vec()).prop_map(|word| {
            // Search in a different case than stored, and for part of a word.
            let upper = word.to_uppercase();
            upper.chars().take(3).collect::<String>()
        })),
        near_strategy(),
        proptest::option::of(0..6_u64),
    )
        .prop_map(
            |(date_from, date_to, country, actor_code, event_type, evidence_text, near, limit)| {
                EventFilter {
                    date_from,
                    date_to,
                    country,
                    actor_code,
                    event_type,
                    evidence_text,
                    near,
                    limit,
                }
            },
        )
}

fn record(event_idx: usize, generated: &GeneratedEvent) -> (EventRecord, String) {
    let sentence = generated
        .words
        .iter()
        .map(|&word_idx| WORDS[word_idx])
        .collect::<Vec<_>>()
        .join(" ");
    let doc_id = format!("doc-{event_idx}");
    let event = EventRecord {
        id: format!("event-{event_idx:03}"),
        doc_id: doc_id.clone(),
        event: generated.plover,
        mode: None,
        context: Vec::new(),
        cameo: generated.cameo.clone(),
        quad_class: 1,
        goldstein: 0.0,
        acled: None,
        date: generated.date.clone(),
        date_precision: generated.date.as_deref().map(precision_of),
        date_is_publication: false,
        actor: generated.actors.clone(),
        recipient: generated.recipients.clone(),
        location: (generated.location_country.is_some() || generated.location_point.is_some())
            .then(|| Location {
                name: "somewhere".into(),
                country: generated.location_country.clone(),
                lat: generated.location_point.map(|(lat, _)| lat),
                lon: generated.location_point.map(|(_, lon)| lon),
                ..Location::default()
            }),
        fatalities: Fatalities::default(),
        size: None,
        flags: EventFlags::default(),
        evidence: vec![Evidence {
            doc_id,
            sentence: sentence.clone(),
            start: 0,
            end: sentence.len(),
            lang: None,
            url: None,
        }],
        sources: Vec::new(),
        issues: Vec::new(),
        event_id: None,
        reports: None,
        first_reported: None,
    };
    (event, sentence)
}

/// What the filter should return, or `None` when it should be refused as malformed.
fn model(events: &[EventRecord], filter: &EventFilter) -> Option<Vec<String>> {
    let from = match &filter.date_from {
        Some(text) => Some(PartialDate::parse_iso(text).ok()?),
        None => None,
    };
    let to = match &filter.date_to {
        Some(text) => Some(PartialDate::parse_iso(text).ok()?),
        None => None,
    };
    enum TypeFilter {
        Plover(PloverEvent),
        CameoPrefix(String),
    }
    let type_filter = match filter.event_type.as_deref().map(str::trim) {
        None => None,
        Some(text) => match PloverEvent::from_str(text) {
            Ok(plover) => Some(TypeFilter::Plover(plover)),
            Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                Some(TypeFilter::CameoPrefix(text.to_string()))
            }
            Err(_) => return None,
        },
    };
    let mut selected: Vec<(Option<DayRange>, String)> = events
        .iter()
        .filter(|event| {
            let days = event
                .date
                .as_deref()
                .map(|date| model_days(date, event.date_precision.unwrap()));
            let date_ok = |bound: Option<PartialDate>,
                           check: &dyn Fn(&DayRange, &DayRange) -> bool| {
                bound.is_none_or(|bound| {
                    let bound_days = model_days(&bound.to_iso_prefix(), bound.precision);
                    days.as_ref().is_some_and(|days| check(days, &bound_days))
                })
            };
            let parties = || event.actor.iter().chain(&event.recipient);
            date_ok(from, &|days, bound| days.1 >= bound.0)
                && date_ok(to, &|days, bound| days.0 <= bound.1)
                && filter.country.as_deref().is_none_or(|country| {
                    let country = country.trim();
                    let location_country =
                        event.location.as_ref().and_then(|l| l.country.as_deref());
                    location_country.is_some_and(|c| c.eq_ignore_ascii_case(country))
                        || parties().any(|actor| {
                            actor
                                .country
                                .as_deref()
                                .is_some_and(|c| c.eq_ignore_ascii_case(country))
                        })
                })
                && filter.actor_code.as_deref().is_none_or(|prefix| {
                    let prefix = prefix.trim().to_ascii_uppercase();
                    parties().any(|actor| actor.code.to_ascii_uppercase().starts_with(&prefix))
                })
                && type_filter
                    .as_ref()
                    .is_none_or(|type_filter| match type_filter {
                        TypeFilter::Plover(plover) => event.event == *plover,
                        TypeFilter::CameoPrefix(prefix) => event.cameo.starts_with(prefix.as_str()),
                    })
                && filter.near.is_none_or(|near| {
                    event.location.as_ref().is_some_and(|location| {
                        match (location.lat, location.lon) {
                            (Some(lat), Some(lon)) => {
                                truce_core::great_circle_km(near.lat, near.lon, lat, lon) <= near.km
                            }
                            _ => false,
                        }
                    })
                })
                && filter.evidence_text.as_deref().is_none_or(|needle| {
                    let needle = needle.to_lowercase();
                    event
                        .evidence
                        .iter()
                        .any(|evidence| evidence.sentence.to_lowercase().contains(&needle))
                })
        })
        .map(|event| {
            let days = event
                .date
                .as_deref()
                .map(|date| model_days(date, event.date_precision.unwrap()));
            (days, event.id.clone())
        })
        .collect();
    selected.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => a.cmp(b),
    });
    let limit = filter.limit.map_or(usize::MAX, |limit| limit as usize);
    Some(selected.into_iter().take(limit).map(|(_, id)| id).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn filters_select_what_their_documentation_says(
        generated in proptest::collection::vec(event_strategy(), 0..12),
        filters in proptest::collection::vec(filter_strategy(), 1..6),
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let mut batch = Vec::new();
        let mut events = Vec::new();
        for (event_idx, generated_event) in generated.iter().enumerate() {
            let (event, sentence) = record(event_idx, generated_event);
            events.push(event.clone());
            batch.push(ProcessedArticle {
                article: Article {
                    id: event.doc_id.clone(),
                    // Each article's text is unique so none is taken for a duplicate.
                    text: format!("{sentence} ({event_idx})"),
                    ..Article::default()
                },
                sentences: vec![truce_core::Sentence { span: Span::new(0, sentence.len()), tokens: Vec::new() }],
                events: vec![event],
                content_hash: format!("hash-{event_idx}"),
                ..ProcessedArticle::default()
            });
        }
        store.ingest_batch(&batch).unwrap();
        for filter in &filters {
            let queried = store.events(filter);
            match model(&events, filter) {
                Some(expected) => {
                    let ids: Vec<String> = queried.unwrap().into_iter().map(|event| event.id).collect();
                    prop_assert_eq!(ids, expected, "filter {:?}", filter);
                }
                None => {
                    let refused = matches!(queried, Err(StoreError::InvalidFilter { .. }));
                    prop_assert!(refused, "filter {:?} gave {:?}", filter, queried);
                }
            }
        }
    }
}
