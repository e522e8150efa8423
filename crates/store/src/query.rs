//! Reading from the store: event queries with filters, and whole articles back by content hash.

use crate::dates::covered_days;
use crate::event_rows::{EVENT_COLUMNS, EventRows};
use crate::{Store, StoreError};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use std::str::FromStr;
use truce_core::{
    Article, DatePrecision, Diagnostic, EventRecord, LocationPrecision, Mention, PartialDate,
    PlaceCue, PlaceMention, PlaceMentionKind, PloverEvent, ProcessedArticle, Sentence, Span,
};

/// Which events to return. Every filter that is set must hold; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: events whose date, at its own precision, reaches into
    /// or past the start of this period. An event dated "2024" matches `date_from = 2024-06`.
    pub date_from: Option<String>,
    /// As `date_from`, for the end: events whose date begins before this period ends.
    pub date_to: Option<String>,
    /// ISO 3166-1 alpha-3, any case: the event's place, or any actor's or recipient's country.
    pub country: Option<String>,
    /// Prefix of an actor's or recipient's code, any case (`RUS` matches `RUSMIL`).
    pub actor_code: Option<String>,
    /// A PLOVER type (`RETREAT`, any case) or a prefix of the CAMEO code (`087`).
    pub event_type: Option<String>,
    /// Text that must occur in one of the event's evidence sentences, case-insensitively.
    pub evidence_text: Option<String>,
    /// Events located within this many kilometres of a point.
    pub near: Option<NearFilter>,
    /// At most this many events.
    pub limit: Option<u64>,
}

/// A circle on the Earth: `--near LAT,LON,KM`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearFilter {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

impl NearFilter {
    /// Parses `LAT,LON,KM` (decimal degrees and kilometres), naming what is wrong.
    pub fn parse(text: &str) -> Result<NearFilter, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [lat, lon, km] = parts.as_slice() else {
            return Err(format!(
                "`{text}` is not LAT,LON,KM (three numbers separated by commas)"
            ));
        };
        let number = |name: &str, value: &str| {
            value
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .ok_or_else(|| format!("{name} `{value}` is not a number"))
        };
        let (lat, lon, km) = (number("LAT", lat)?, number("LON", lon)?, number("KM", km)?);
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!("latitude {lat} is outside -90..90"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!("longitude {lon} is outside -180..180"));
        }
        if km <= 0.0 {
            return Err(format!("the radius {km} km must be more than 0"));
        }
        Ok(NearFilter { lat, lon, km })
    }

    /// The latitudes the circle spans, in degrees: a cheap first cut before the exact distance.
    fn latitude_band(&self) -> (f64, f64) {
        let degrees = self.km / 111.19;
        (
            (self.lat - degrees).max(-90.0),
            (self.lat + degrees).min(90.0),
        )
    }
}

/// `text` with LIKE's wildcards escaped by `\`, followed by `%`: a prefix pattern.
fn like_prefix(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 1);
    for character in text.chars() {
        if matches!(character, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(character);
    }
    pattern.push('%');
    pattern
}

/// Where the real-world event's id stands in the rows of [`Store::for_each_report`] and
/// [`Store::world_events`]: right after [`EVENT_COLUMNS`].
const WORLD_EVENT_ID_COLUMN: usize = 33;

impl Store {
    /// Events matching `filter`, ordered by date (undated events last), then by id.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        let mut events = Vec::new();
        self.for_each_event(filter, |event| {
            events.push(event);
            Ok::<(), StoreError>(())
        })?;
        Ok(events)
    }

    /// Calls `visit` with each event matching `filter`, in the order of [`Store::events`],
    /// without holding them all in memory. Stops at the first error `visit` returns.
    pub fn for_each_event<E, F>(&self, filter: &EventFilter, visit: F) -> Result<(), E>
    where
        E: From<StoreError>,
        F: FnMut(EventRecord) -> Result<(), E>,
    {
        self.visit_reports(filter, false, "querying events", visit)
    }

    /// Calls `visit` with each report (stored event) matching `filter`, in the order of
    /// [`Store::events`], each with `event_id` naming the real-world event it belongs to.
    pub fn for_each_report<E, F>(&self, filter: &EventFilter, visit: F) -> Result<(), E>
    where
        E: From<StoreError>,
        F: FnMut(EventRecord) -> Result<(), E>,
    {
        self.visit_reports(filter, true, "querying reports", visit)
    }

    fn visit_reports<E, F>(
        &self,
        filter: &EventFilter,
        with_world_event_id: bool,
        operation: &'static str,
        mut visit: F,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
        F: FnMut(EventRecord) -> Result<(), E>,
    {
        let (sql, parameters) = self.event_query(filter)?;
        self.each_event_row(&sql, parameters, operation, |row, mut report| {
            if with_world_event_id {
                report.event_id = Some(
                    row.get(WORLD_EVENT_ID_COLUMN)
                        .map_err(self.sqlite_error(operation))?,
                );
            }
            visit(report)
        })
    }

    /// Runs `sql` (which selects [`EVENT_COLUMNS`] first) and calls `visit` with each row and
    /// the event record read from it.
    fn each_event_row<E, F>(
        &self,
        sql: &str,
        parameters: Vec<Value>,
        operation: &'static str,
        mut visit: F,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
        F: FnMut(&rusqlite::Row<'_>, EventRecord) -> Result<(), E>,
    {
        let mut statement = self
            .connection
            .prepare(sql)
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement
            .query(rusqlite::params_from_iter(parameters))
            .map_err(self.sqlite_error(operation))?;
        let mut reader = EventRows::prepare(&self.connection, &self.path, operation)?;
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            let record = reader.read(row)?;
            visit(row, record)?;
        }
        Ok(())
    }

    /// The real-world events with at least one report matching `filter`, each as one record
    /// (see [`crate::world_events`]), ordered by date (undated last), then by id; `limit`
    /// counts real-world events.
    pub fn world_events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        let operation = "querying real-world events";
        let (where_clause, parameters) = self.event_conditions(filter)?;
        let group = "coalesce(e.world_event_pk, -e.event_pk)";
        let chosen = if where_clause.is_empty() {
            String::new()
        } else {
            format!(
                " WHERE {group} IN (SELECT {group} FROM events AS e
                     JOIN articles AS a ON a.article_pk = e.article_pk{where_clause})"
            )
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, coalesce(w.world_event_id, 'w-' || e.event_id), {group},
                 a.date, coalesce(a.url, a.source_url)
             FROM events AS e JOIN articles AS a ON a.article_pk = e.article_pk
             LEFT JOIN world_events AS w ON w.world_event_pk = e.world_event_pk{chosen}
             ORDER BY {group}, a.date IS NULL, a.date, e.event_id"
        );
        let mut world_events = Vec::new();
        let mut current: Option<(i64, String, Vec<crate::world_events::StoredReport>)> = None;
        self.each_event_row(&sql, parameters, operation, |row, record| {
            let world_event_id: String = row
                .get(WORLD_EVENT_ID_COLUMN)
                .map_err(self.sqlite_error(operation))?;
            let group_key: i64 = row
                .get(WORLD_EVENT_ID_COLUMN + 1)
                .map_err(self.sqlite_error(operation))?;
            let report = crate::world_events::StoredReport {
                record,
                published: row
                    .get(WORLD_EVENT_ID_COLUMN + 2)
                    .map_err(self.sqlite_error(operation))?,
                url: row
                    .get(WORLD_EVENT_ID_COLUMN + 3)
                    .map_err(self.sqlite_error(operation))?,
            };
            match &mut current {
                Some((key, _, reports)) if *key == group_key => reports.push(report),
                _ => {
                    if let Some((_, id, reports)) = current.take() {
                        world_events.push(crate::world_events::summarise(id, reports));
                    }
                    current = Some((group_key, world_event_id, vec![report]));
                }
            }
            Ok::<(), StoreError>(())
        })?;
        if let Some((_, id, reports)) = current.take() {
            world_events.push(crate::world_events::summarise(id, reports));
        }
        world_events.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
        });
        if let Some(limit) = filter.limit {
            world_events.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        }
        Ok(world_events)
    }

    /// The SQL and its parameters for `filter`. Values are always bound, never spliced into the
    /// SQL text. Conditions on actors and evidence are `IN (subquery)` rather than correlated
    /// `EXISTS`, so SQLite answers them from the `event_actors` indexes instead of probing once
    /// per event (five times faster on 100,000 events).
    fn event_query(&self, filter: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
        let (where_clause, mut parameters) = self.event_conditions(filter)?;
        let mut sql = format!(
            "SELECT {EVENT_COLUMNS}, coalesce(w.world_event_id, 'w-' || e.event_id)
             FROM events AS e JOIN articles AS a ON a.article_pk = e.article_pk
             LEFT JOIN world_events AS w ON w.world_event_pk = e.world_event_pk{where_clause}"
        );
        sql.push_str(" ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.event_id");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            parameters.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        }
        Ok((sql, parameters))
    }

    /// The filter's conditions on `events AS e` joined with `articles AS a`, as a WHERE clause
    /// (empty when nothing is filtered), and the values they bind.
    fn event_conditions(&self, filter: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut parameters: Vec<Value> = Vec::new();
        if let Some(from) = &filter.date_from {
            let (first_day, _) = covered_days(&self.filter_date(from, "date_from")?);
            conditions.push("e.date_end >= ?");
            parameters.push(Value::Text(first_day));
        }
        if let Some(to) = &filter.date_to {
            let (_, last_day) = covered_days(&self.filter_date(to, "date_to")?);
            conditions.push("e.date_start <= ?");
            parameters.push(Value::Text(last_day));
        }
        if let Some(country) = &filter.country {
            conditions.push(
                "(e.location_country = ?
                  OR e.event_pk IN (SELECT a.event_pk FROM event_actors AS a WHERE a.country = ?))",
            );
            // One value for each of the two placeholders: anonymous `?`s bind in order.
            let country = Value::Text(country.trim().to_string());
            parameters.push(country.clone());
            parameters.push(country);
        }
        if let Some(code) = &filter.actor_code {
            conditions.push(
                "e.event_pk IN (SELECT a.event_pk FROM event_actors AS a
                     WHERE a.code LIKE ? ESCAPE '\\')",
            );
            parameters.push(Value::Text(like_prefix(code.trim())));
        }
        if let Some(event_type) = &filter.event_type {
            let event_type = event_type.trim();
            if let Ok(plover) = PloverEvent::from_str(event_type) {
                conditions.push("e.event = ?");
                parameters.push(Value::Text(plover.as_str().to_string()));
            } else if !event_type.is_empty() && event_type.bytes().all(|b| b.is_ascii_digit()) {
                conditions.push("e.cameo LIKE ? ESCAPE '\\'");
                parameters.push(Value::Text(like_prefix(event_type)));
            } else {
                return Err(StoreError::InvalidFilter {
                    path: self.path.clone(),
                    reason: format!(
                        "event type `{event_type}` is neither a PLOVER type nor a CAMEO code prefix"
                    ),
                });
            }
        }
        if let Some(near) = &filter.near {
            let (south, north) = near.latitude_band();
            conditions.push(
                "e.location_lat BETWEEN ? AND ? AND truce_km(e.location_lat, e.location_lon, ?, ?) <= ?",
            );
            parameters.extend([
                Value::Real(south),
                Value::Real(north),
                Value::Real(near.lat),
                Value::Real(near.lon),
                Value::Real(near.km),
            ]);
        }
        if let Some(text) = &filter.evidence_text {
            conditions.push(
                "e.event_pk IN (SELECT v.event_pk FROM evidence AS v
                     JOIN events AS ve ON ve.event_pk = v.event_pk
                     JOIN articles AS a ON a.article_pk = ve.article_pk
                     WHERE instr(truce_lower(CAST(substr(CAST(a.text AS BLOB), v.start + 1,
                                                         v.\"end\" - v.start) AS TEXT)), ?) > 0)",
            );
            parameters.push(Value::Text(text.to_lowercase()));
        }
        let mut where_clause = String::new();
        for (condition_idx, condition) in conditions.iter().enumerate() {
            where_clause.push_str(if condition_idx == 0 {
                " WHERE "
            } else {
                " AND "
            });
            where_clause.push_str(condition);
        }
        Ok((where_clause, parameters))
    }

    fn filter_date(&self, text: &str, field: &str) -> Result<PartialDate, StoreError> {
        PartialDate::parse_iso(text).map_err(|error| StoreError::InvalidFilter {
            path: self.path.clone(),
            reason: format!("{field}: {error}"),
        })
    }

    /// The stored article with this content hash, as the pipeline produced it, or `None` when no
    /// such content is stored. Sentences come back without tokens, which are not stored.
    pub fn load_article(&self, content_hash: &str) -> Result<Option<ProcessedArticle>, StoreError> {
        let operation = "reading an article";
        let corrupt = |source| StoreError::CorruptRecord {
            path: self.path.clone(),
            operation,
            source,
        };
        let row = self
            .connection
            .query_row(
                "SELECT a.article_pk, a.article_id, a.url, a.title, a.date, a.date_precision,
                     a.date_source, a.lang, a.lang_confidence, a.text, a.source_url, a.outlet,
                     a.authors, a.diagnostics
                 FROM articles AS a JOIN documents AS d ON d.document_pk = a.document_pk
                 WHERE d.content_hash = ?1",
                [content_hash],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        StoredArticleRow {
                            id: row.get(1)?,
                            url: row.get(2)?,
                            title: row.get(3)?,
                            date: row.get(4)?,
                            date_precision: row.get(5)?,
                            date_source: row.get(6)?,
                            lang: row.get(7)?,
                            lang_confidence: row.get(8)?,
                            text: row.get(9)?,
                            source_url: row.get(10)?,
                            outlet: row.get(11)?,
                            authors: row.get(12)?,
                            diagnostics: row.get(13)?,
                        },
                    ))
                },
            )
            .optional()
            .map_err(self.sqlite_error(operation))?;
        let Some((article_pk, stored)) = row else {
            return Ok(None);
        };
        let date = match (&stored.date, &stored.date_precision) {
            (Some(date), precision) => {
                let precision: Option<DatePrecision> = precision
                    .as_ref()
                    .map(|name| serde_json::from_value(serde_json::Value::String(name.clone())))
                    .transpose()
                    .map_err(corrupt)?;
                crate::dates::event_date(Some(date), precision)
            }
            (None, _) => None,
        };
        let date_source = stored
            .date_source
            .map(|name| serde_json::from_value(serde_json::Value::String(name)))
            .transpose()
            .map_err(corrupt)?;
        let credited_sources: Vec<String> = self.column_list(
            "SELECT source FROM article_sources WHERE article_pk = ?1 ORDER BY idx",
            article_pk,
            |row| row.get(0),
        )?;
        let sentences: Vec<Sentence> = self.column_list(
            "SELECT start, \"end\" FROM sentences WHERE article_pk = ?1 ORDER BY idx",
            article_pk,
            |row| {
                Ok(Sentence {
                    span: Span::new(row.get(0)?, row.get(1)?),
                    tokens: Vec::new(),
                })
            },
        )?;
        let mention_rows: Vec<(String, usize, usize, String)> = self.column_list(
            "SELECT kind, start, \"end\", code FROM mentions WHERE article_pk = ?1
             ORDER BY idx",
            article_pk,
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let mentions = mention_rows
            .into_iter()
            .map(|(kind, start, end, code)| {
                Ok(Mention {
                    kind: serde_json::from_value(serde_json::Value::String(kind))
                        .map_err(corrupt)?,
                    span: Span::new(start, end),
                    code,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let places = self.article_places(article_pk)?;
        let events = self.article_events(article_pk)?;
        let authors: Vec<String> = serde_json::from_str(&stored.authors).map_err(corrupt)?;
        let diagnostics: Vec<Diagnostic> =
            serde_json::from_str(&stored.diagnostics).map_err(corrupt)?;
        Ok(Some(ProcessedArticle {
            article: Article {
                id: stored.id,
                url: stored.url,
                title: stored.title,
                date,
                date_source,
                lang: stored.lang,
                lang_confidence: stored.lang_confidence,
                text: stored.text,
                source_url: stored.source_url,
                credited_sources,
                outlet: stored.outlet,
                authors,
            },
            sentences,
            mentions,
            places,
            events,
            diagnostics,
            content_hash: content_hash.to_string(),
        }))
    }

    /// The place mentions of one stored article, in text order.
    fn article_places(&self, article_pk: i64) -> Result<Vec<PlaceMention>, StoreError> {
        let operation = "reading an article's places";
        let corrupt = |reason: String| StoreError::CorruptRow {
            path: self.path.clone(),
            operation,
            reason,
        };
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT start, \"end\", kind, cue, name, geonames_id, lat, lon, country, admin1,
                     feature, precision, confidence, a.text
                 FROM place_mentions AS p JOIN articles AS a ON a.article_pk = p.article_pk
                 WHERE p.article_pk = ?1 ORDER BY idx",
            )
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement
            .query([article_pk])
            .map_err(self.sqlite_error(operation))?;
        let mut places = Vec::new();
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            let read = |row: &rusqlite::Row<'_>| -> rusqlite::Result<_> {
                Ok((
                    row.get::<_, usize>(0)?,
                    row.get::<_, usize>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, Option<String>>(11)?,
                    row.get::<_, String>(13)?,
                ))
            };
            let (start, end, kind, cue, precision, text) =
                read(row).map_err(self.sqlite_error(operation))?;
            let span = Span::new(start, end);
            let mention_text = span
                .slice(&text)
                .ok_or_else(|| {
                    corrupt(format!("place span {start}..{end} is outside its article"))
                })?
                .to_string();
            let kind = match kind.as_str() {
                "place" => PlaceMentionKind::Place,
                "demonym" => PlaceMentionKind::Demonym,
                other => return Err(corrupt(format!("unknown place mention kind `{other}`"))),
            };
            let cue = match cue.as_str() {
                "preposition" => PlaceCue::Preposition,
                "dateline" => PlaceCue::Dateline,
                "bare" => PlaceCue::Bare,
                "modifier" => PlaceCue::Modifier,
                other => return Err(corrupt(format!("unknown place cue `{other}`"))),
            };
            let precision = match precision {
                None => None,
                Some(text) => Some(
                    LocationPrecision::parse(&text)
                        .ok_or_else(|| corrupt(format!("unknown location precision `{text}`")))?,
                ),
            };
            let rest = |row: &rusqlite::Row<'_>| -> rusqlite::Result<PlaceMention> {
                Ok(PlaceMention {
                    span,
                    text: mention_text.clone(),
                    kind,
                    cue,
                    name: row.get(4)?,
                    geonames_id: row.get(5)?,
                    lat: row.get(6)?,
                    lon: row.get(7)?,
                    country: row.get(8)?,
                    admin1: row.get(9)?,
                    feature: row.get(10)?,
                    precision,
                    confidence: row.get(12)?,
                })
            };
            places.push(rest(row).map_err(self.sqlite_error(operation))?);
        }
        Ok(places)
    }

    /// The events of one stored article, in the order they were written.
    fn article_events(&self, article_pk: i64) -> Result<Vec<EventRecord>, StoreError> {
        let operation = "reading an article";
        let mut reader = EventRows::prepare(&self.connection, &self.path, operation)?;
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT {EVENT_COLUMNS} FROM events AS e JOIN articles AS a
                 ON a.article_pk = e.article_pk WHERE e.article_pk = ?1 ORDER BY e.event_pk"
            ))
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement
            .query([article_pk])
            .map_err(self.sqlite_error(operation))?;
        let mut events = Vec::new();
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            events.push(reader.read(row)?);
        }
        Ok(events)
    }

    /// Every row `read` makes of `sql` run with one article key.
    fn column_list<T>(
        &self,
        sql: &str,
        article_pk: i64,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        self.connection
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_map([article_pk], read)?.collect())
            .map_err(self.sqlite_error("reading an article"))
    }
}

/// An `articles` row before its JSON and enum columns are decoded.
struct StoredArticleRow {
    id: String,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    date_source: Option<String>,
    lang: Option<String>,
    lang_confidence: Option<f64>,
    text: String,
    source_url: Option<String>,
    outlet: Option<String>,
    authors: String,
    diagnostics: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_prefixes_match_wildcards_literally() {
        assert_eq!(like_prefix("RUS"), "RUS%");
        assert_eq!(like_prefix("A_%\\"), "A\\_\\%\\\\%");
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;
    use crate::test_support::{article, event};

    /// Four events over three articles, differing in every filtered field.
    fn store_with_events() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut karabakh = article(
            "karabakh",
            "Russian peacekeepers began withdrawing from Nagorno-Karabakh. \
             Azerbaijan welcomed the WITHDRAWAL.",
        );
        karabakh.events = vec![
            event(
                &karabakh,
                0,
                PloverEvent::Retreat,
                "0874",
                Some(("2024-06-12", DatePrecision::Day)),
                ("Russian peacekeepers", "RUSMIL", Some("RUS")),
                ("Nagorno-Karabakh", "AZE", Some("AZE")),
            ),
            event(
                &karabakh,
                1,
                PloverEvent::Support,
                "051",
                Some(("2024-06", DatePrecision::Month)),
                ("Azerbaijan", "AZEGOV", Some("AZE")),
                ("Russian peacekeepers", "RUSMIL", Some("RUS")),
            ),
        ];
        let mut jakarta = article("jakarta", "Ribuan mahasiswa berunjuk rasa di JAKARTA.");
        jakarta.events = vec![event(
            &jakarta,
            0,
            PloverEvent::Protest,
            "141",
            Some(("2019", DatePrecision::Year)),
            ("mahasiswa", "IDNEDU", Some("IDN")),
            ("", "IDNGOV", Some("IDN")),
        )];
        let mut undated = article("undated", "Rebels attacked a convoy.");
        undated.events = vec![event(
            &undated,
            0,
            PloverEvent::Assault,
            "190",
            None,
            ("Rebels", "REB", None),
            ("a convoy", "---", None),
        )];
        undated.events[0].location = Some(truce_core::Location {
            name: "Aleppo".into(),
            country: Some("SYR".into()),
            ..truce_core::Location::default()
        });
        store.ingest_batch(&[karabakh, jakarta, undated]).unwrap();
        store
    }

    fn cameos(store: &Store, filter: EventFilter) -> Vec<String> {
        store
            .events(&filter)
            .unwrap()
            .into_iter()
            .map(|event| event.cameo)
            .collect()
    }

    #[test]
    fn no_filter_returns_everything_by_date_with_undated_last() {
        let store = store_with_events();
        assert_eq!(
            cameos(&store, EventFilter::default()),
            ["141", "051", "0874", "190"]
        );
    }

    #[test]
    fn a_date_range_keeps_events_whose_period_overlaps_it() {
        let store = store_with_events();
        let range = |from: Option<&str>, to: Option<&str>| EventFilter {
            date_from: from.map(str::to_string),
            date_to: to.map(str::to_string),
            ..EventFilter::default()
        };
        assert_eq!(
            cameos(&store, range(Some("2024-06-12"), Some("2024-06-12"))),
            ["051", "0874"]
        );
        assert_eq!(cameos(&store, range(Some("2024-06-13"), None)), ["051"]);
        assert_eq!(cameos(&store, range(None, Some("2023"))), ["141"]);
        assert_eq!(
            cameos(&store, range(Some("2019-05"), Some("2019-05"))),
            ["141"]
        );
        assert!(cameos(&store, range(Some("2025"), None)).is_empty());
    }

    #[test]
    fn country_matches_actors_recipients_and_places_in_any_case() {
        let store = store_with_events();
        let country = |code: &str| EventFilter {
            country: Some(code.to_string()),
            ..EventFilter::default()
        };
        assert_eq!(cameos(&store, country("RUS")), ["051", "0874"]);
        assert_eq!(cameos(&store, country("idn")), ["141"]);
        assert_eq!(cameos(&store, country("SYR")), ["190"]);
        assert!(cameos(&store, country("FRA")).is_empty());
    }

    #[test]
    fn actor_code_is_a_prefix_of_either_side() {
        let store = store_with_events();
        let actor = |code: &str| EventFilter {
            actor_code: Some(code.to_string()),
            ..EventFilter::default()
        };
        assert_eq!(cameos(&store, actor("AZE")), ["051", "0874"]);
        assert_eq!(cameos(&store, actor("azegov")), ["051"]);
        assert_eq!(cameos(&store, actor("RUSMIL")), ["051", "0874"]);
        // LIKE wildcards in the filter are literal characters, not patterns.
        assert!(cameos(&store, actor("_US")).is_empty());
        assert!(cameos(&store, actor("%")).is_empty());
    }

    #[test]
    fn event_type_is_a_plover_type_or_a_cameo_prefix() {
        let store = store_with_events();
        let event_type = |text: &str| EventFilter {
            event_type: Some(text.to_string()),
            ..EventFilter::default()
        };
        assert_eq!(cameos(&store, event_type("RETREAT")), ["0874"]);
        assert_eq!(cameos(&store, event_type("protest")), ["141"]);
        assert_eq!(cameos(&store, event_type("08")), ["0874"]);
        assert_eq!(cameos(&store, event_type("1")), ["141", "190"]);
        let error = store.events(&event_type("FIGHT")).unwrap_err();
        assert!(matches!(error, StoreError::InvalidFilter { .. }));
        assert!(error.to_string().contains("FIGHT"), "{error}");
    }

    #[test]
    fn evidence_text_is_found_case_insensitively_beyond_ascii() {
        let store = store_with_events();
        let evidence = |text: &str| EventFilter {
            evidence_text: Some(text.to_string()),
            ..EventFilter::default()
        };
        assert_eq!(cameos(&store, evidence("withdrawal")), ["051"]);
        assert_eq!(cameos(&store, evidence("Jakarta")), ["141"]);
        assert_eq!(cameos(&store, evidence("WITHDRAW")), ["051", "0874"]);
        // Quotes and percent signs are searched for, not interpreted.
        assert!(cameos(&store, evidence("%' OR 1=1 --")).is_empty());
    }

    #[test]
    fn evidence_search_folds_non_ascii_letters() {
        let mut store = Store::open_in_memory().unwrap();
        let mut processed = article("ru", "ВОЙСКА покинули город.");
        processed.events = vec![event(
            &processed,
            0,
            PloverEvent::Retreat,
            "0874",
            None,
            ("ВОЙСКА", "RUSMIL", Some("RUS")),
            ("", "---", None),
        )];
        store.ingest_batch(&[processed]).unwrap();
        let filter = EventFilter {
            evidence_text: Some("войска".into()),
            ..EventFilter::default()
        };
        assert_eq!(store.events(&filter).unwrap().len(), 1);
    }

    #[test]
    fn near_filters_parse_with_reasons_for_what_is_wrong() {
        assert_eq!(
            NearFilter::parse("-6.2, 106.8,50"),
            Ok(NearFilter {
                lat: -6.2,
                lon: 106.8,
                km: 50.0
            })
        );
        for (text, reason) in [
            ("-6.2,106.8", "LAT,LON,KM"),
            ("north,106.8,50", "LAT `north`"),
            ("91,0,5", "latitude 91"),
            ("0,181,5", "longitude 181"),
            ("0,0,0", "more than 0"),
            ("0,0,NaN", "KM `NaN`"),
        ] {
            let error = NearFilter::parse(text).unwrap_err();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }

    #[test]
    fn filters_combine_and_limit_caps_the_result() {
        let store = store_with_events();
        let filter = EventFilter {
            date_from: Some("2024".into()),
            date_to: Some("2024-12-31".into()),
            country: Some("AZE".into()),
            actor_code: Some("RUS".into()),
            event_type: Some("SUPPORT".into()),
            evidence_text: Some("welcomed".into()),
            near: None,
            limit: None,
        };
        assert_eq!(cameos(&store, filter), ["051"]);
        let limited = EventFilter {
            limit: Some(2),
            ..EventFilter::default()
        };
        assert_eq!(cameos(&store, limited), ["141", "051"]);
        let zero = EventFilter {
            limit: Some(0),
            ..EventFilter::default()
        };
        assert!(cameos(&store, zero).is_empty());
    }

    /// One filter on each indexed field, and one that combines them.
    fn filters_on_indexed_fields() -> Vec<EventFilter> {
        let on = |set: fn(&mut EventFilter)| {
            let mut filter = EventFilter::default();
            set(&mut filter);
            filter
        };
        vec![
            on(|filter| filter.date_from = Some("2024-06-12".into())),
            on(|filter| filter.date_to = Some("2023".into())),
            on(|filter| filter.country = Some("rus".into())),
            on(|filter| filter.country = Some("SYR".into())),
            on(|filter| filter.actor_code = Some("AZE".into())),
            on(|filter| filter.event_type = Some("PROTEST".into())),
            on(|filter| filter.event_type = Some("08".into())),
            on(|filter| {
                filter.date_from = Some("2024".into());
                filter.country = Some("AZE".into());
                filter.actor_code = Some("RUS".into());
                filter.event_type = Some("SUPPORT".into());
            }),
        ]
    }

    #[test]
    fn every_filter_answers_the_same_with_the_search_indexes_set_aside_and_rebuilt() {
        let mut store = store_with_events();
        let answers = |store: &Store| -> Vec<Vec<String>> {
            filters_on_indexed_fields()
                .into_iter()
                .map(|filter| cameos(store, filter))
                .collect()
        };
        let with_indexes = answers(&store);
        assert!(with_indexes.iter().all(|found| !found.is_empty()));

        store.set_aside_search_indexes().unwrap();
        let all_names: Vec<&str> = crate::SEARCH_INDEXES
            .iter()
            .map(|index| index.name)
            .collect();
        assert_eq!(store.missing_search_indexes().unwrap(), all_names);
        assert_eq!(answers(&store), with_indexes);

        assert_eq!(store.build_search_indexes().unwrap(), all_names);
        assert!(store.missing_search_indexes().unwrap().is_empty());
        assert!(store.build_search_indexes().unwrap().is_empty());
        assert_eq!(answers(&store), with_indexes);
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    }

    #[test]
    fn a_malformed_date_filter_is_an_error_naming_the_field() {
        let store = store_with_events();
        let error = store
            .events(&EventFilter {
                date_to: Some("June 2024".into()),
                ..EventFilter::default()
            })
            .unwrap_err();
        assert!(error.to_string().contains("date_to"), "{error}");
    }

    #[test]
    fn streaming_stops_at_the_first_error_the_visitor_returns() {
        #[derive(Debug)]
        enum VisitError {
            Store,
            Enough,
        }
        impl From<StoreError> for VisitError {
            fn from(_: StoreError) -> Self {
                VisitError::Store
            }
        }
        let store = store_with_events();
        let mut seen = Vec::new();
        let result = store.for_each_event(&EventFilter::default(), |event| {
            seen.push(event.cameo);
            if seen.len() == 2 {
                Err(VisitError::Enough)
            } else {
                Ok(())
            }
        });
        assert!(matches!(result, Err(VisitError::Enough)));
        assert_eq!(seen, ["141", "051"]);
    }
}
