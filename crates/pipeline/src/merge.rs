//! Merges an article's repeated events: the same withdrawal told in the lead and again later is one event with two pieces of evidence.

use truce_core::{ActorRef, EventRecord};

/// What must agree for two events of one article to be the same event: type, parties, and
/// whether they claim that something happened.
fn identity(record: &EventRecord) -> (&'static str, Vec<String>, Vec<String>, bool) {
    let countries = |actors: &[ActorRef]| {
        let mut codes: Vec<String> = actors
            .iter()
            .map(|actor| actor.country.clone().unwrap_or_else(|| actor.code.clone()))
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    (
        record.event.as_str(),
        countries(&record.actor),
        countries(&record.recipient),
        record.flags.is_not_a_claim(),
    )
}

/// Two dates can name the same event unless the text gave both and they disagree. A date taken
/// from the publication date is a default, not a claim, so it agrees with anything.
fn dates_compatible(first: &EventRecord, second: &EventRecord) -> bool {
    match (&first.date, &second.date) {
        (Some(a), Some(b)) if !first.date_is_publication && !second.date_is_publication => {
            a.starts_with(b.as_str()) || b.starts_with(a.as_str())
        }
        _ => true,
    }
}

/// Keep the first telling of each event and add the later tellings' evidence to it, taking the
/// most precise date the text gave. Events that differ in type, parties or claim status, or whose
/// text-given dates disagree, are kept apart.
pub(crate) fn merge_repeated_events(events: Vec<EventRecord>) -> Vec<EventRecord> {
    let mut merged: Vec<EventRecord> = Vec::with_capacity(events.len());
    for event in events {
        let key = identity(&event);
        let existing = merged
            .iter_mut()
            .find(|kept| identity(kept) == key && dates_compatible(kept, &event));
        let Some(kept) = existing else {
            merged.push(event);
            continue;
        };
        let event_date_is_better = !event.date_is_publication
            && (kept.date_is_publication
                || kept.date.is_none()
                || event.date_precision > kept.date_precision);
        if event_date_is_better {
            kept.date = event.date.clone();
            kept.date_precision = event.date_precision;
            kept.date_is_publication = false;
        }
        for evidence in event.evidence {
            if !kept
                .evidence
                .iter()
                .any(|have| have.start == evidence.start)
            {
                kept.evidence.push(evidence);
            }
        }
        if kept.fatalities.best.is_none() && kept.fatalities.low.is_none() {
            kept.fatalities = event.fatalities;
        }
        kept.size = kept.size.or(event.size);
    }
    merged
}
