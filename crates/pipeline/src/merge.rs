//! Merges an article's repeated events: the same withdrawal told in the lead and again later is one event with two pieces of evidence.

use std::collections::{HashMap, HashSet};

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
    type Identity = (&'static str, Vec<String>, Vec<String>, bool);
    let mut merged: Vec<EventRecord> = Vec::with_capacity(events.len());
    // Kept events by identity, and the evidence starts each already has: lookups rather than
    // scans, so a long article with thousands of events merges in linear time.
    let mut kept_by_identity: HashMap<Identity, Vec<usize>> = HashMap::new();
    let mut evidence_starts: Vec<HashSet<usize>> = Vec::with_capacity(events.len());
    for event in events {
        let key = identity(&event);
        let candidates = kept_by_identity.entry(key).or_default();
        let existing = candidates
            .iter()
            .copied()
            .find(|&kept_idx| dates_compatible(&merged[kept_idx], &event));
        let Some(kept_idx) = existing else {
            candidates.push(merged.len());
            evidence_starts.push(
                event
                    .evidence
                    .iter()
                    .map(|evidence| evidence.start)
                    .collect(),
            );
            merged.push(event);
            continue;
        };
        let kept = &mut merged[kept_idx];
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
            if evidence_starts[kept_idx].insert(evidence.start) {
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
