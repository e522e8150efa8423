//! Events as rows: which records their columns give back exactly, and reading records back.
//!
//! An event is stored as its `events` row, its `event_actors` rows, its `evidence` spans and the
//! article it came from. Its evidence sentences are spans of the article's text, their language
//! and address are the article's, and its credited sources are the article's: storing them again
//! per event (as `record_json` did until schema version 5) made events more than half of the
//! file. A record the rows cannot give back exactly keeps its whole JSON in `record_json`.

use crate::StoreError;
use rusqlite::{Connection, Row, Statement};
use std::path::Path;
use std::str::FromStr;
use truce_core::{
    ActorRef, Article, CountrySource, DatePrecision, EventFlags, EventRecord, Evidence, Fatalities,
    Location, LocationPrecision, PloverEvent,
};

/// True when `event`, stored as rows next to `article`, reads back equal to itself.
pub(crate) fn columns_give_back(event: &EventRecord, article: &Article) -> bool {
    let article_url = article.url.as_ref().or(article.source_url.as_ref());
    let evidence_is_the_articles = event.evidence.iter().all(|evidence| {
        article.text.get(evidence.start..evidence.end) == Some(evidence.sentence.as_str())
            && evidence.lang.as_ref() == article.lang.as_ref()
            && evidence.url.as_ref() == article_url
    });
    // SQLite keeps no NaN: a NaN coordinate or score would come back as NULL.
    let numbers_keep = event.goldstein.is_finite()
        && event.location.as_ref().is_none_or(|location| {
            location.lat.is_none_or(f64::is_finite) && location.lon.is_none_or(f64::is_finite)
        });
    evidence_is_the_articles && numbers_keep && event.sources == article.credited_sources
}

/// The `events` columns [`EventRows::read`] expects, in its order, for a query over `events AS
/// e` joined with `articles AS a` on the event's article.
pub(crate) const EVENT_COLUMNS: &str = "e.event_pk, e.article_pk, e.record_json, e.event_id,
     e.doc_id, e.event, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.acled, e.date,
     e.date_precision, e.date_is_publication, e.location_name, e.location_country,
     e.location_admin1, e.location_lat, e.location_lon, e.location_geonames_id,
     e.location_precision, e.fatalities_best, e.fatalities_low, e.fatalities_high, e.size,
     e.negated, e.future, e.hypothetical, e.historical, e.issues, a.lang,
     coalesce(a.url, a.source_url)";

/// Reads event records back from rows selected with [`EVENT_COLUMNS`].
///
/// It holds its three statements for as long as it lives rather than taking them from the
/// connection's statement cache for each event: returning a statement to that cache clears its
/// bindings, and SQLite re-prepares (parses and plans again) any statement whose plan looked at a
/// bound value when its bindings are cleared, which made reading events five times slower.
pub(crate) struct EventRows<'store> {
    path: &'store Path,
    operation: &'static str,
    actors_of_event: Statement<'store>,
    evidence_of_event: Statement<'store>,
    sources_of_article: Statement<'store>,
    /// The credited sources of the article read last: an article's events are often read
    /// one after another.
    last_sources: Option<(i64, Vec<String>)>,
}

impl<'store> EventRows<'store> {
    pub(crate) fn prepare(
        connection: &'store Connection,
        path: &'store Path,
        operation: &'static str,
    ) -> Result<EventRows<'store>, StoreError> {
        let prepare = |sql: &str| {
            connection
                .prepare(sql)
                .map_err(|source| StoreError::Sqlite {
                    path: path.to_path_buf(),
                    operation,
                    source,
                })
        };
        Ok(EventRows {
            path,
            operation,
            actors_of_event: prepare(
                "SELECT role, text, code, country, sector, country_source FROM event_actors
                 WHERE event_pk = ?1 ORDER BY role, idx",
            )?,
            evidence_of_event: prepare(
                "SELECT v.doc_id, v.start, v.\"end\",
                     substr(CAST(a.text AS BLOB), v.start + 1, v.\"end\" - v.start)
                 FROM evidence AS v JOIN articles AS a ON a.article_pk = ?2
                 WHERE v.event_pk = ?1 ORDER BY v.idx",
            )?,
            sources_of_article: prepare(
                "SELECT source FROM article_sources WHERE article_pk = ?1 ORDER BY idx",
            )?,
            last_sources: None,
        })
    }

    /// The record of one row: its stored JSON when it has one, else rebuilt from its columns.
    pub(crate) fn read(&mut self, row: &Row<'_>) -> Result<EventRecord, StoreError> {
        let (path, operation) = (self.path, self.operation);
        let sqlite = self.sqlite();
        let json = |source| StoreError::CorruptRecord {
            path: path.to_path_buf(),
            operation,
            source,
        };
        let event_pk: i64 = row.get(0).map_err(sqlite)?;
        let article_pk: i64 = row.get(1).map_err(sqlite)?;
        if let Some(record_json) = row.get::<_, Option<String>>(2).map_err(sqlite)? {
            return serde_json::from_str(&record_json).map_err(json);
        }
        let event_name: String = row.get(5).map_err(sqlite)?;
        let event = PloverEvent::from_str(&event_name).map_err(|_| {
            self.corrupt(format!(
                "event {event_pk} has the unknown PLOVER type `{event_name}`"
            ))
        })?;
        let date_precision = row
            .get::<_, Option<String>>(13)
            .map_err(sqlite)?
            .map(|name| {
                serde_json::from_value::<DatePrecision>(serde_json::Value::String(name))
                    .map_err(json)
            })
            .transpose()?;
        let location = match row.get::<_, Option<String>>(15).map_err(sqlite)? {
            Some(name) => Some(Location {
                name,
                country: row.get(16).map_err(sqlite)?,
                admin1: row.get(17).map_err(sqlite)?,
                lat: row.get(18).map_err(sqlite)?,
                lon: row.get(19).map_err(sqlite)?,
                geonames_id: row.get(20).map_err(sqlite)?,
                precision: row
                    .get::<_, Option<String>>(21)
                    .map_err(sqlite)?
                    .and_then(|name| LocationPrecision::parse(&name)),
            }),
            None => None,
        };
        let context: String = row.get(7).map_err(sqlite)?;
        let issues: String = row.get(30).map_err(sqlite)?;
        let lang: Option<String> = row.get(31).map_err(sqlite)?;
        let url: Option<String> = row.get(32).map_err(sqlite)?;
        let doc_id: String = row.get(4).map_err(sqlite)?;
        let (actor, recipient) = self.actors(event_pk)?;
        Ok(EventRecord {
            id: row.get(3).map_err(sqlite)?,
            evidence: self.evidence(event_pk, article_pk, &lang, &url)?,
            doc_id,
            event,
            mode: row.get(6).map_err(sqlite)?,
            context: serde_json::from_str(&context).map_err(json)?,
            cameo: row.get(8).map_err(sqlite)?,
            quad_class: row.get(9).map_err(sqlite)?,
            goldstein: row.get(10).map_err(sqlite)?,
            acled: row.get(11).map_err(sqlite)?,
            date: row.get(12).map_err(sqlite)?,
            date_precision,
            date_is_publication: row.get(14).map_err(sqlite)?,
            actor,
            recipient,
            location,
            fatalities: Fatalities {
                best: row.get(22).map_err(sqlite)?,
                low: row.get(23).map_err(sqlite)?,
                high: row.get(24).map_err(sqlite)?,
            },
            size: row.get(25).map_err(sqlite)?,
            flags: EventFlags {
                negated: row.get(26).map_err(sqlite)?,
                future: row.get(27).map_err(sqlite)?,
                hypothetical: row.get(28).map_err(sqlite)?,
                historical: row.get(29).map_err(sqlite)?,
            },
            sources: self.sources(article_pk)?,
            issues: serde_json::from_str(&issues).map_err(json)?,
            event_id: None,
            reports: None,
            first_reported: None,
        })
    }

    fn corrupt(&self, reason: String) -> StoreError {
        StoreError::CorruptRow {
            path: self.path.to_path_buf(),
            operation: self.operation,
            reason,
        }
    }

    fn sqlite(&self) -> impl Fn(rusqlite::Error) -> StoreError + Copy + use<'store> {
        let path = self.path;
        let operation = self.operation;
        move |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            operation,
            source,
        }
    }

    /// The event's actors and recipients, each in record order.
    fn actors(&mut self, event_pk: i64) -> Result<(Vec<ActorRef>, Vec<ActorRef>), StoreError> {
        let sqlite = self.sqlite();
        let mut actors = Vec::new();
        let mut recipients = Vec::new();
        let mut unknown_role = None;
        let mut rows = self.actors_of_event.query([event_pk]).map_err(&sqlite)?;
        while let Some(row) = rows.next().map_err(&sqlite)? {
            let role: String = row.get(0).map_err(&sqlite)?;
            let actor = ActorRef {
                text: row.get(1).map_err(&sqlite)?,
                code: row.get(2).map_err(&sqlite)?,
                country: row.get(3).map_err(&sqlite)?,
                sector: row.get(4).map_err(&sqlite)?,
                country_source: row
                    .get::<_, Option<String>>(5)
                    .map_err(&sqlite)?
                    .and_then(|name| CountrySource::parse(&name)),
            };
            match role.as_str() {
                "actor" => actors.push(actor),
                "recipient" => recipients.push(actor),
                _ => {
                    unknown_role = Some(role);
                    break;
                }
            }
        }
        drop(rows);
        if let Some(role) = unknown_role {
            return Err(self.corrupt(format!(
                "event {event_pk} has an actor with the unknown role `{role}`"
            )));
        }
        Ok((actors, recipients))
    }

    /// The event's evidence: each stored span with the sentence it covers in the article's text.
    fn evidence(
        &mut self,
        event_pk: i64,
        article_pk: i64,
        lang: &Option<String>,
        url: &Option<String>,
    ) -> Result<Vec<Evidence>, StoreError> {
        let sqlite = self.sqlite();
        let mut evidence = Vec::new();
        let mut bad_span = None;
        let mut rows = self
            .evidence_of_event
            .query((event_pk, article_pk))
            .map_err(&sqlite)?;
        while let Some(row) = rows.next().map_err(&sqlite)? {
            let start: usize = row.get(1).map_err(&sqlite)?;
            let end: usize = row.get(2).map_err(&sqlite)?;
            let bytes: Vec<u8> = row.get(3).map_err(&sqlite)?;
            let sentence = String::from_utf8(bytes)
                .ok()
                .filter(|sentence| sentence.len() == end.saturating_sub(start));
            let Some(sentence) = sentence else {
                bad_span = Some((start, end));
                break;
            };
            evidence.push(Evidence {
                doc_id: row.get(0).map_err(&sqlite)?,
                sentence,
                start,
                end,
                lang: lang.clone(),
                url: url.clone(),
            });
        }
        drop(rows);
        if let Some((start, end)) = bad_span {
            return Err(self.corrupt(format!(
                "event {event_pk}: evidence bytes {start}..{end} are not a span of its \
                 article's text"
            )));
        }
        Ok(evidence)
    }

    /// The sources the event's article credits, in the article's order.
    fn sources(&mut self, article_pk: i64) -> Result<Vec<String>, StoreError> {
        if let Some((last_pk, sources)) = &self.last_sources
            && *last_pk == article_pk
        {
            return Ok(sources.clone());
        }
        let sources: Vec<String> = self
            .sources_of_article
            .query_map([article_pk], |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(self.sqlite())?;
        self.last_sources = Some((article_pk, sources.clone()));
        Ok(sources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::test_support::{article, event};
    use rusqlite::StatementStatus;

    /// How often each of the reader's statements has been prepared again by SQLite.
    fn re_prepared(reader: &EventRows<'_>) -> [i32; 3] {
        [
            &reader.actors_of_event,
            &reader.evidence_of_event,
            &reader.sources_of_article,
        ]
        .map(|held| held.get_status(StatementStatus::RePrepare))
    }

    #[test]
    fn reading_more_events_does_not_prepare_the_statements_again() {
        let mut store = Store::open_in_memory().unwrap();
        // Article 0 takes the keys 1: SQLite may prepare a statement again when a bound key
        // changes to or from 0 or 1 (its plan estimates treat those apart), and never otherwise.
        let articles: Vec<_> = (0..6)
            .map(|article_idx| {
                let mut processed = article(
                    &format!("story-{article_idx}"),
                    &format!("Troops withdrew from town {article_idx}. Talks resumed."),
                );
                processed.events = (0..2)
                    .map(|sentence_idx| {
                        event(
                            &processed,
                            sentence_idx,
                            truce_core::PloverEvent::Retreat,
                            "0874",
                            None,
                            ("Troops", "XXXMIL", None),
                            ("", "---", None),
                        )
                    })
                    .collect();
                processed
            })
            .collect();
        store.ingest_batch(&articles).unwrap();
        let mut reader =
            EventRows::prepare(&store.connection, &store.path, "reading events").unwrap();
        let mut statement = store
            .connection
            .prepare(&format!(
                "SELECT {EVENT_COLUMNS} FROM events AS e
                 JOIN articles AS a ON a.article_pk = e.article_pk
                 WHERE e.article_pk > 1 AND e.event_pk > 1 ORDER BY e.event_pk"
            ))
            .unwrap();
        let mut read_all = |reader: &mut EventRows<'_>| {
            let mut rows = statement.query([]).unwrap();
            let mut n_read = 0;
            while let Some(row) = rows.next().unwrap() {
                reader.read(row).unwrap();
                n_read += 1;
            }
            n_read
        };
        // Returning a statement to rusqlite's cache after each event prepared it every time.
        assert_eq!(read_all(&mut reader), 10);
        assert_eq!(read_all(&mut reader), 10);
        assert_eq!(re_prepared(&reader), [0, 0, 0]);
    }
}
