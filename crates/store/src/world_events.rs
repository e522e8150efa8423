//! Joining each stored report to its real-world event, as it is written, with the rule of `truce_dedupe::same_event`.
//!
//! A new report is compared with the stored reports filed under one of its keys in
//! `world_event_keys` (its type group, a type or both types of a compatible pair, and a
//! party or place country) whose first day lies in its candidate window, other than those of
//! its own article: at most [`CANDIDATES_PER_KEY`] per key, the latest first, so that a busy
//! day of one kind in one country costs a bounded amount.
//! Reports it agrees with firmly pull their real-world events together: it joins the one it is
//! most alike, and any other it also agrees with is merged into that one, with the merge and its
//! reason recorded in `world_event_merges`. Because agreement links reports pairwise and events
//! are the groups those links make, the grouping does not depend on the order in which reports
//! arrive, with one exception: a report that agrees only loosely (a month against a day) joins
//! an event only when no other event competes for it at the time.
//!
//! Two reports of one article are never compared (the pipeline has already merged what it
//! told twice), but both may join one real-world event through other articles' reports: a
//! headline and a lead the pipeline kept apart are then counted as one report of the event.

use crate::StoreError;
use crate::event_rows::{EVENT_COLUMNS, EventRows};
use crate::ingest::{IngestReport, sqlite};
use rusqlite::{OptionalExtension, Transaction};
use std::path::Path;
use truce_dedupe::same_event::{ReportFacts, Strength, Verdict, compare, type_group};

/// One real-world event the new report agrees with, and how well.
struct Match {
    world_event_pk: i64,
    strength: Strength,
    score: u32,
    reason: String,
}

/// The most candidates read under one blocking key.
pub(crate) const CANDIDATES_PER_KEY: i64 = 16;

/// The real-world event a new report `event_id` (whose facts are `facts`, from an article
/// published on `published`) belongs to: an existing one it agrees with, into which any other
/// it also agrees with is merged, or a new one. Called before the report is written, so that
/// its row is written once, with its event.
pub(crate) fn world_event_for(
    transaction: &Transaction<'_>,
    path: &Path,
    event_id: &str,
    published: Option<&str>,
    facts: &ReportFacts,
    report: &mut IngestReport,
) -> Result<i64, StoreError> {
    let matches = agreeing_events(transaction, path, facts)?;
    match choose(&matches) {
        Some((best, also)) => {
            // Which event keeps its row changes nothing of the grouping; keeping the largest
            // moves the fewest reports.
            let mut target = best;
            let mut target_size = size_of(transaction, path, best)?;
            let mut merged_events = Vec::new();
            for (other, reason) in also {
                let other_size = size_of(transaction, path, other)?;
                if other_size > target_size {
                    merged_events.push((target, reason));
                    (target, target_size) = (other, other_size);
                } else {
                    merged_events.push((other, reason));
                }
            }
            for (merged, reason) in merged_events {
                merge_into(transaction, path, target, merged, event_id, &reason)?;
                report.world_event_merges += 1;
            }
            report.reports_joined += 1;
            add_reports(transaction, path, target, 1, published, event_id)?;
            Ok(target)
        }
        None => {
            transaction
                .prepare_cached(
                    "INSERT INTO world_events (world_event_id, first_published, first_event_id)
                     VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut statement| {
                    statement.execute((format!("w-{event_id}"), published, event_id))
                })
                .map_err(sqlite(path, "starting a real-world event"))?;
            report.world_events_started += 1;
            Ok(transaction.last_insert_rowid())
        }
    }
}

/// Counts `added` more reports in real-world event `world_event_pk`, and names it after the
/// report `event_id` (published on `published`) when that one is earlier than the report it is
/// named after: earliest publication, an undated one last, then smallest id. So the name
/// depends on which reports an event holds, not on the order they came in.
fn add_reports(
    transaction: &Transaction<'_>,
    path: &Path,
    world_event_pk: i64,
    added: i64,
    published: Option<&str>,
    event_id: &str,
) -> Result<(), StoreError> {
    let operation = "counting the reports of a real-world event";
    let first: Option<(Option<String>, String)> = transaction
        .prepare_cached(
            "SELECT first_published, first_event_id FROM world_events WHERE world_event_pk = ?1",
        )
        .and_then(|mut statement| {
            statement
                .query_row([world_event_pk], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
        })
        .map_err(sqlite(path, operation))?;
    // `None` sorts after every date.
    let key = |date: Option<&str>| (date.is_none(), date.map(str::to_string));
    let earlier = first.is_some_and(|(first_published, first_event_id)| {
        (key(published), event_id) < (key(first_published.as_deref()), first_event_id.as_str())
    });
    transaction
        .prepare_cached(
            "UPDATE world_events SET size = size + ?5,
                 world_event_id = CASE WHEN ?4 THEN 'w-' || ?3 ELSE world_event_id END,
                 first_published = CASE WHEN ?4 THEN ?2 ELSE first_published END,
                 first_event_id = CASE WHEN ?4 THEN ?3 ELSE first_event_id END
             WHERE world_event_pk = ?1",
        )
        .and_then(|mut statement| {
            statement.execute((world_event_pk, published, event_id, earlier, added))
        })
        .map_err(sqlite(path, operation))?;
    Ok(())
}

/// How many reports real-world event `world_event_pk` holds.
fn size_of(
    transaction: &Transaction<'_>,
    path: &Path,
    world_event_pk: i64,
) -> Result<i64, StoreError> {
    transaction
        .prepare_cached("SELECT size FROM world_events WHERE world_event_pk = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([world_event_pk], |row| row.get(0))
                .optional()
        })
        .map(Option::unwrap_or_default)
        .map_err(sqlite(path, "reading the size of a real-world event"))
}

/// Files the written report `event_pk` under its blocking keys, for later reports to find.
pub(crate) fn file_report(
    transaction: &Transaction<'_>,
    path: &Path,
    event_pk: i64,
    facts: &ReportFacts,
) -> Result<(), StoreError> {
    let Some(date) = facts.date else {
        return Ok(());
    };
    let line = facts.to_compact();
    let mut statement = transaction
        .prepare_cached(
            "INSERT OR IGNORE INTO world_event_keys (block, day, event_pk, facts)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(sqlite(path, "filing a report for later reports"))?;
    for key in facts.blocking_keys() {
        statement
            .execute((
                format!("{}|{key}", type_group(facts.event)),
                date.first_day,
                event_pk,
                &line,
            ))
            .map_err(sqlite(path, "filing a report for later reports"))?;
    }
    Ok(())
}

/// The real-world events of stored reports that agree with `facts`, best first.
fn agreeing_events(
    transaction: &Transaction<'_>,
    path: &Path,
    facts: &ReportFacts,
) -> Result<Vec<Match>, StoreError> {
    let Some(days) = facts.candidate_days() else {
        return Ok(Vec::new());
    };
    let operation = "looking for reports of the same event";
    let keys = facts.candidate_keys();
    let mut seen: Vec<i64> = Vec::new();
    let mut agreeing: Vec<(i64, Strength, u32, String)> = Vec::new();
    let mut candidates = transaction
        .prepare_cached(
            "SELECT event_pk, facts FROM world_event_keys
             WHERE block = ?1 AND day BETWEEN ?2 AND ?3
             ORDER BY day DESC LIMIT ?4",
        )
        .map_err(sqlite(path, operation))?;
    let mut ranges = vec![(days.first, days.last)];
    ranges.extend(days.month_start.map(|start| (start, start)));
    // Both sides of a compatible pair are filed under one group, so one lookup per key finds
    // them; the rule then tells which types may merge.
    let group = type_group(facts.event);
    for key in &keys {
        let block = format!("{group}|{key}");
        for &(first_day, last_day) in &ranges {
            let mut rows = candidates
                .query((&block, first_day, last_day, CANDIDATES_PER_KEY))
                .map_err(sqlite(path, operation))?;
            while let Some(row) = rows.next().map_err(sqlite(path, operation))? {
                let candidate_pk: i64 = row.get(0).map_err(sqlite(path, operation))?;
                if seen.contains(&candidate_pk) {
                    continue;
                }
                seen.push(candidate_pk);
                let line: String = row.get(1).map_err(sqlite(path, operation))?;
                let Some(candidate) = ReportFacts::from_compact(&line) else {
                    continue;
                };
                if let Verdict::Same {
                    strength,
                    score,
                    reason,
                } = compare(facts, &candidate)
                {
                    agreeing.push((candidate_pk, strength, score, reason));
                }
            }
        }
    }
    let mut matches: Vec<Match> = Vec::new();
    let mut world_event_of = transaction
        .prepare_cached("SELECT world_event_pk FROM events WHERE event_pk = ?1")
        .map_err(sqlite(path, operation))?;
    for (candidate_pk, strength, score, reason) in agreeing {
        let world_event_pk: Option<i64> = world_event_of
            .query_row([candidate_pk], |row| row.get(0))
            .optional()
            .map_err(sqlite(path, operation))?
            .flatten();
        let Some(world_event_pk) = world_event_pk else {
            continue;
        };
        match matches
            .iter_mut()
            .find(|found| found.world_event_pk == world_event_pk)
        {
            Some(found) if (strength, score) > (found.strength, found.score) => {
                (found.strength, found.score, found.reason) = (strength, score, reason);
            }
            Some(_) => {}
            None => matches.push(Match {
                world_event_pk,
                strength,
                score,
                reason,
            }),
        }
    }
    matches.sort_by(|a, b| {
        (b.strength, b.score)
            .cmp(&(a.strength, a.score))
            .then(a.world_event_pk.cmp(&b.world_event_pk))
    });
    Ok(matches)
}

/// Which event the report joins and which others merge into it, or `None` for a new event.
fn choose(matches: &[Match]) -> Option<(i64, Vec<(i64, String)>)> {
    let mut firm = matches
        .iter()
        .filter(|found| found.strength == Strength::Firm);
    match firm.next() {
        Some(target) => Some((
            target.world_event_pk,
            firm.map(|found| (found.world_event_pk, found.reason.clone()))
                .collect(),
        )),
        // A loose agreement joins only an event nothing else competes with.
        None => match matches {
            [only] => Some((only.world_event_pk, Vec::new())),
            _ => None,
        },
    }
}

/// Moves every report of event `merged` into event `kept`, and records why.
fn merge_into(
    transaction: &Transaction<'_>,
    path: &Path,
    kept: i64,
    merged: i64,
    by_event_id: &str,
    reason: &str,
) -> Result<(), StoreError> {
    let operation = "merging two real-world events";
    transaction
        .prepare_cached("UPDATE events SET world_event_pk = ?1 WHERE world_event_pk = ?2")
        .and_then(|mut statement| statement.execute((kept, merged)))
        .map_err(sqlite(path, operation))?;
    let merged_facts: Option<(i64, Option<String>, String)> = transaction
        .prepare_cached(
            "SELECT size, first_published, first_event_id FROM world_events
             WHERE world_event_pk = ?1",
        )
        .and_then(|mut statement| {
            statement
                .query_row([merged], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .optional()
        })
        .map_err(sqlite(path, operation))?;
    if let Some((size, published, event_id)) = merged_facts {
        add_reports(
            transaction,
            path,
            kept,
            size,
            published.as_deref(),
            &event_id,
        )?;
    }
    transaction
        .prepare_cached("DELETE FROM world_events WHERE world_event_pk = ?1")
        .and_then(|mut statement| statement.execute([merged]))
        .map_err(sqlite(path, operation))?;
    transaction
        .prepare_cached(
            "INSERT INTO world_event_merges (kept_pk, merged_pk, by_event_id, reason, merged_at)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        )
        .and_then(|mut statement| statement.execute((kept, merged, by_event_id, reason)))
        .map_err(sqlite(path, operation))?;
    Ok(())
}

/// Joins the reports stored before real-world events existed (schema version 8), oldest date
/// first, so that a store written by an older truce lists real-world events too.
pub(crate) fn join_unjoined_reports(
    transaction: &Transaction<'_>,
    path: &Path,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    let operation = "joining reports stored before real-world events";
    // The reports are read as every query reads them, then joined one by one.
    let mut unjoined = Vec::new();
    {
        let mut statement = transaction
            .prepare(&format!(
                "SELECT {EVENT_COLUMNS}, a.date FROM events AS e
                 JOIN articles AS a ON a.article_pk = e.article_pk
                 WHERE e.world_event_pk IS NULL
                 ORDER BY e.date_start IS NULL, e.date_start, e.event_id"
            ))
            .map_err(sqlite(path, operation))?;
        let mut rows = statement.query([]).map_err(sqlite(path, operation))?;
        let mut reader = EventRows::prepare(transaction, path, operation)?;
        while let Some(row) = rows.next().map_err(sqlite(path, operation))? {
            let event_pk: i64 = row.get(0).map_err(sqlite(path, operation))?;
            let article_pk: i64 = row.get(1).map_err(sqlite(path, operation))?;
            let published: Option<String> =
                row.get(PUBLISHED_COLUMN).map_err(sqlite(path, operation))?;
            let record = reader.read(row)?;
            unjoined.push((event_pk, article_pk, published, record));
        }
    }
    for (event_pk, article_pk, published, record) in unjoined {
        let facts = ReportFacts::of_record(article_pk, &record);
        let world_event_pk = world_event_for(
            transaction,
            path,
            &record.id,
            published.as_deref(),
            &facts,
            report,
        )?;
        transaction
            .prepare_cached("UPDATE events SET world_event_pk = ?1 WHERE event_pk = ?2")
            .and_then(|mut statement| statement.execute((world_event_pk, event_pk)))
            .map_err(sqlite(path, operation))?;
        file_report(transaction, path, event_pk, &facts)?;
    }
    Ok(())
}

/// Where the back-fill's query has the article's publication date: right after
/// [`EVENT_COLUMNS`].
const PUBLISHED_COLUMN: usize = 33;

/// A report read back for listing its real-world event: its record, its article's publication
/// date and its article's address.
pub(crate) struct StoredReport {
    pub(crate) record: truce_core::EventRecord,
    pub(crate) published: Option<String>,
    pub(crate) url: Option<String>,
}

/// One real-world event as one record: the best-supported report's type, date, place, actors
/// and flags (`truce_dedupe::same_event::best_supported`), with the event's id, the number of
/// reports (articles), the distinct outlets as `sources`, the earliest publication as
/// `first_reported`, and the first evidence sentence of every report, earliest publication
/// first.
pub(crate) fn summarise(
    world_event_id: String,
    mut reports: Vec<StoredReport>,
) -> truce_core::EventRecord {
    // An article whose headline and lead the pipeline kept apart is still one report of the
    // event: its first event (reports come oldest first, then by id) speaks for it.
    let mut seen_articles: Vec<String> = Vec::new();
    reports.retain(|report| {
        if seen_articles.contains(&report.record.doc_id) {
            false
        } else {
            seen_articles.push(report.record.doc_id.clone());
            true
        }
    });
    let records: Vec<&truce_core::EventRecord> =
        reports.iter().map(|report| &report.record).collect();
    let best = truce_dedupe::same_event::best_supported(&records);
    let mut summary = reports[best].record.clone();
    let mut outlets: Vec<String> = Vec::new();
    for report in &reports {
        // An article without an address is known by the agencies it credits, if any.
        let named = match report
            .url
            .as_deref()
            .and_then(truce_dedupe::same_event::outlet_of_url)
        {
            Some(outlet) => vec![outlet],
            None => report.record.sources.clone(),
        };
        for outlet in named {
            if !outlets.contains(&outlet) {
                outlets.push(outlet);
            }
        }
    }
    summary.id = world_event_id;
    summary.event_id = None;
    summary.reports = Some(reports.len() as u64);
    summary.first_reported = reports
        .iter()
        .filter_map(|report| report.published.clone())
        .min();
    summary.sources = outlets;
    summary.evidence = reports
        .iter()
        .filter_map(|report| report.record.evidence.first().cloned())
        .collect();
    summary
}

#[cfg(test)]
mod tests {
    use crate::test_support::{article, event};
    use crate::{EventFilter, Store};
    use truce_core::{DatePrecision, Location, LocationPrecision, PloverEvent, ProcessedArticle};

    /// An article of outlet `host` published on `published`, with one withdrawal by Russia
    /// dated `day`, at Stepanakert.
    fn withdrawal_report(id: &str, host: &str, published: &str, day: &str) -> ProcessedArticle {
        let text = format!("Russian troops left Stepanakert on {day}, {host} reported.");
        let mut processed = article(id, &text);
        processed.article.url = Some(format!("https://{host}/{id}"));
        processed.article.date = truce_core::PartialDate::parse_iso(published).ok();
        let mut record = event(
            &processed,
            0,
            PloverEvent::Retreat,
            "0874",
            Some((day, DatePrecision::Day)),
            ("Russian troops", "RUSMIL", Some("RUS")),
            ("Stepanakert", "AZE", Some("AZE")),
        );
        record.location = Some(Location {
            name: "Stepanakert".into(),
            country: Some("AZE".into()),
            admin1: Some("Karabakh".into()),
            lat: Some(39.82),
            lon: Some(46.75),
            geonames_id: None,
            precision: Some(LocationPrecision::Place),
        });
        processed.events = vec![record];
        processed
    }

    /// The doc ids of each real-world event's reports, sorted, for comparing groupings.
    fn grouping(store: &Store) -> Vec<Vec<String>> {
        let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        store
            .for_each_report(&EventFilter::default(), |report| {
                groups
                    .entry(report.event_id.clone().unwrap())
                    .or_default()
                    .push(report.doc_id);
                Ok::<(), crate::StoreError>(())
            })
            .unwrap();
        let mut groups: Vec<Vec<String>> = groups
            .into_values()
            .map(|mut docs| {
                docs.sort();
                docs
            })
            .collect();
        groups.sort();
        groups
    }

    fn merges(store: &Store) -> i64 {
        store
            .connection
            .query_row("SELECT count(*) FROM world_event_merges", [], |row| {
                row.get(0)
            })
            .unwrap()
    }

    #[test]
    fn reports_from_two_outlets_are_one_real_world_event_with_both_sentences() {
        let mut store = Store::open_in_memory().unwrap();
        let first = withdrawal_report("a", "kabar.example", "2024-06-12", "2024-06-12");
        let second = withdrawal_report("b", "www.diario.example", "2024-06-13", "2024-06-12");
        let written = store.ingest_batch(&[first, second]).unwrap();
        assert_eq!(
            (written.world_events_started, written.reports_joined),
            (1, 1)
        );
        let events = store.world_events(&EventFilter::default()).unwrap();
        assert_eq!(events.len(), 1);
        let world = &events[0];
        assert_eq!(world.reports, Some(2));
        assert_eq!(world.sources, vec!["kabar.example", "diario.example"]);
        assert_eq!(world.first_reported.as_deref(), Some("2024-06-12"));
        assert_eq!(world.evidence.len(), 2);
        assert_eq!(world.id, "w-a#0#0874");
        assert_eq!(store.stats().unwrap().events, 1);
        assert_eq!(store.stats().unwrap().reports, 2);
        // Re-offering the same articles changes nothing.
        let again = withdrawal_report("b", "www.diario.example", "2024-06-13", "2024-06-12");
        store.ingest_batch(&[again]).unwrap();
        assert_eq!(store.world_events(&EventFilter::default()).unwrap(), events);
    }

    #[test]
    fn the_grouping_does_not_depend_on_the_order_and_a_bridging_report_records_its_merge() {
        // `a` (the 12th) and `c` (the 14th) are two days apart, too far for one event; `b`
        // (the 13th) agrees with both, so all three are one event whatever the order.
        let reports = [
            withdrawal_report("a", "one.example", "2024-06-12", "2024-06-12"),
            withdrawal_report("b", "two.example", "2024-06-13", "2024-06-13"),
            withdrawal_report("c", "three.example", "2024-06-14", "2024-06-14"),
        ];
        let orders: [[usize; 3]; 3] = [[0, 1, 2], [0, 2, 1], [2, 1, 0]];
        let mut groupings = Vec::new();
        for order in orders {
            let mut store = Store::open_in_memory().unwrap();
            for index in order {
                store
                    .ingest_batch(std::slice::from_ref(&reports[index]))
                    .unwrap();
            }
            groupings.push(grouping(&store));
            let expected_merges = if order == [0, 2, 1] { 1 } else { 0 };
            assert_eq!(merges(&store), expected_merges, "order {order:?}");
            let ids: Vec<String> = store
                .world_events(&EventFilter::default())
                .unwrap()
                .into_iter()
                .map(|world| world.id)
                .collect();
            assert_eq!(ids, vec!["w-a#0#0874"], "order {order:?}");
        }
        assert_eq!(groupings[0], vec![vec!["a", "b", "c"]]);
        assert!(groupings.iter().all(|grouping| *grouping == groupings[0]));
    }

    #[test]
    fn another_withdrawal_two_months_later_stays_apart_and_one_article_is_one_report() {
        let mut store = Store::open_in_memory().unwrap();
        let june = withdrawal_report("june", "one.example", "2024-06-12", "2024-06-12");
        let august = withdrawal_report("august", "one.example", "2024-08-01", "2024-08-01");
        // The same withdrawal told twice in one article, which the pipeline kept apart.
        let mut twice = withdrawal_report("twice", "two.example", "2024-06-12", "2024-06-12");
        let mut second = twice.events[0].clone();
        second.id = "twice#0#0874-b".into();
        twice.events.push(second);
        store.ingest_batch(&[june, august, twice]).unwrap();
        let groups = grouping(&store);
        assert_eq!(
            groups,
            vec![vec!["august"], vec!["june", "twice", "twice"]],
            "{groups:?}"
        );
        let events = store.world_events(&EventFilter::default()).unwrap();
        let june_event = events
            .iter()
            .find(|event| event.date.as_deref() == Some("2024-06-12"))
            .unwrap();
        assert_eq!(june_event.reports, Some(2), "one report per article");
        assert_eq!(june_event.evidence.len(), 2);
    }

    #[test]
    fn a_filter_selects_whole_real_world_events() {
        let mut store = Store::open_in_memory().unwrap();
        let mut first = withdrawal_report("a", "one.example", "2024-06-12", "2024-06-12");
        first.events[0].evidence[0].sentence = first.article.text.clone();
        let second = withdrawal_report("b", "two.example", "2024-06-12", "2024-06-12");
        store.ingest_batch(&[first, second]).unwrap();
        let by_text = store
            .world_events(&EventFilter {
                evidence_text: Some("one.example reported".into()),
                ..EventFilter::default()
            })
            .unwrap();
        assert_eq!(by_text.len(), 1);
        assert_eq!(by_text[0].reports, Some(2), "the other report comes along");
        let none = store
            .world_events(&EventFilter {
                evidence_text: Some("no such words".into()),
                ..EventFilter::default()
            })
            .unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn reports_stored_before_real_world_events_are_joined_by_the_next_ingest() {
        let mut store = Store::open_in_memory().unwrap();
        let first = withdrawal_report("a", "one.example", "2024-06-12", "2024-06-12");
        store.ingest_batch(&[first]).unwrap();
        // As a store of schema version 7 left it: no real-world events at all.
        store
            .connection
            .execute_batch("UPDATE events SET world_event_pk = NULL; DELETE FROM world_events;")
            .unwrap();
        assert_eq!(
            store.world_events(&EventFilter::default()).unwrap()[0].reports,
            Some(1)
        );
        let second = withdrawal_report("b", "two.example", "2024-06-13", "2024-06-12");
        let written = store.ingest_batch(&[second]).unwrap();
        assert_eq!(
            (written.world_events_started, written.reports_joined),
            (1, 1)
        );
        assert_eq!(grouping(&store), vec![vec!["a", "b"]]);
    }
}
