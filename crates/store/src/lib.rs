//! The embedded SQLite store: migrations, idempotent ingest, queries.
//!
//! One [`Store`] wraps one SQLite connection. The file runs in WAL mode so readers (`truce
//! events`, `truce serve`) never block the single writer, and every ingest batch is one
//! transaction, so an interrupted ingest leaves either the whole batch or none of it.
//! Articles are identified by the hex SHA-256 of their cleaned text (`content_hash`): offering the
//! same content again stores nothing and is counted as repeated content.

mod dates;
mod error;
mod event_rows;
mod feeds;
mod ingest;
mod migrations;
mod query;
mod search_indexes;
mod world_events;

pub use error::StoreError;
pub use feeds::{FeedPoll, FeedPollOutcome, FeedPollState};
pub use ingest::{
    CopyOf, DuplicateKind, DuplicateLink, IngestItem, IngestReport, IngestTransaction,
};
pub use migrations::SCHEMA_VERSION;
pub use query::{EventFilter, NearFilter};
pub use search_indexes::{SEARCH_INDEXES, SET_ASIDE_MIN_INPUT_BYTES, SearchIndex};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a connection waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The page cache of every connection, in KiB (64 MB).
pub(crate) const PAGE_CACHE_KIB: i64 = 64 * 1024;

/// The name under which in-memory stores appear in error messages.
const IN_MEMORY_NAME: &str = ":memory:";

/// The counter of ingest attempts whose content was already stored.
pub(crate) const REPEATED_CONTENT_COUNTER: &str = "repeated_content";

/// An open truce store.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

/// What the store holds, as `truce stats --format json` prints it.
///
/// `articles` counts distinct stories: every stored article that is not a linked copy of another.
/// `duplicates` counts two things: copies linked to their first copy by the dedupe stage
/// ([`Store::ingest_items`], [`Store::record_duplicate_link`]), and every time an ingest was
/// offered content that was already stored (which writes nothing else). Re-ingesting a folder of
/// 10 articles therefore adds 0 articles and 10 duplicates; ingesting 50 articles of which 5 are
/// near copies of others adds 45 articles and 5 duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    pub articles: u64,
    pub duplicates: u64,
    /// Of the duplicates, the copies stored (uncoded) and linked to their first copy.
    pub linked_copies: u64,
    pub sentences: u64,
    /// Real-world events: what `truce events` lists, each backed by one or more reports.
    pub events: u64,
    /// Reports: events coded from one article each (`truce events --reports`).
    pub reports: u64,
    pub mentions: u64,
    /// Place mentions resolved to the gazetteer (demonyms included).
    pub place_mentions: u64,
    /// Of the reports, those with a location, by how precise it is.
    pub located_events: LocatedEvents,
    /// The articles (first copies) by language tag, `und` for text that could not be
    /// identified; an article with no language recorded counts under `und` too.
    pub articles_by_language: std::collections::BTreeMap<String, u64>,
}

/// Located events counted by [`truce_core::LocationPrecision`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LocatedEvents {
    pub place: u64,
    pub admin2: u64,
    pub admin1: u64,
    pub country: u64,
}

/// How many prepared statements a connection keeps for reuse.
const STATEMENT_CACHE_CAPACITY: usize = 64;

impl Store {
    /// Open the store at `path`, creating the file and its schema if missing and applying any
    /// pending migrations. Refuses a file written by a newer truce, and a SQLite file that
    /// belongs to something else.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let connection = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            operation: "opening the database",
            source,
        })?;
        Store::configure(connection, path.to_path_buf(), true)
    }

    /// Open the store at `path` only if the file exists, so a mistyped `--db` for a query does
    /// not silently create an empty store. Applies pending migrations like [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
                path: path.to_path_buf(),
                operation: "opening an existing database",
                source,
            })?;
        Store::configure(connection, path.to_path_buf(), true)
    }

    /// A fresh store that lives in memory and vanishes when dropped; for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(IN_MEMORY_NAME);
        let connection = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            operation: "opening an in-memory database",
            source,
        })?;
        Store::configure(connection, path, false)
    }

    fn configure(
        mut connection: Connection,
        path: PathBuf,
        write_ahead_log: bool,
    ) -> Result<Store, StoreError> {
        let sqlite = |operation: &'static str| {
            let path = path.clone();
            move |source| StoreError::Sqlite {
                path,
                operation,
                source,
            }
        };
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite("setting the busy timeout"))?;
        if write_ahead_log {
            // The pragma answers with the mode now in force; a file system without shared memory
            // keeps the old mode, which is still correct, only slower for concurrent readers.
            // Switching a new file to WAL needs it to itself, and SQLite does not call the busy
            // handler for that: a reader opening the file at the same moment (`truce stats`
            // during an ingest) makes it fail at once. Retry within the busy timeout.
            let started = std::time::Instant::now();
            loop {
                match connection.query_row("PRAGMA journal_mode = WAL", [], |row| {
                    row.get::<_, String>(0)
                }) {
                    Ok(_mode) => break,
                    Err(rusqlite::Error::SqliteFailure(failure, _))
                        if failure.code == rusqlite::ErrorCode::DatabaseBusy
                            && started.elapsed() < BUSY_TIMEOUT =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    Err(error) => return Err(sqlite("switching to write-ahead logging")(error)),
                }
            }
        }
        // NORMAL is durable against process crashes in WAL mode; only a power loss can drop the
        // last committed batches, never corrupt the file.
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite("setting synchronous mode"))?;
        connection
            .pragma_update(None, "foreign_keys", true)
            .map_err(sqlite("enabling foreign keys"))?;
        // Ingest writes in large batches: a 64 MB page cache keeps the content-hash and event
        // indexes in memory, and checkpointing every 16 MB of WAL rather than every 4 MB
        // spends less time copying pages back. Memory stays bounded either way.
        connection
            .pragma_update(None, "cache_size", -PAGE_CACHE_KIB)
            .map_err(sqlite("setting the page cache size"))?;
        connection
            .pragma_update(None, "wal_autocheckpoint", 4_096)
            .map_err(sqlite("setting the WAL checkpoint interval"))?;
        register_functions(&connection).map_err(sqlite("registering SQL functions"))?;
        // The writer keeps about thirty statements in use (articles, events, places, real-world
        // events); rusqlite's default cache of sixteen evicted and re-prepared some of them for
        // every article.
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
        migrations::migrate(&mut connection, &path)?;
        Ok(Store { connection, path })
    }

    /// The database file this store writes (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when an article with this content hash is already stored, so a caller can skip
    /// processing content it has seen.
    pub fn contains_content_hash(&self, content_hash: &str) -> Result<bool, StoreError> {
        self.connection
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")
            .and_then(|mut statement| statement.query_row([content_hash], |_| Ok(())).optional())
            .map(|found| found.is_some())
            .map_err(self.sqlite_error("looking up a content hash"))
    }

    /// Whether any article is stored: one index probe, where [`Store::stats`] counts every row
    /// of the largest tables (over a second on a store of 100,000 articles).
    pub fn has_articles(&self) -> Result<bool, StoreError> {
        self.connection
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |row| {
                row.get(0)
            })
            .map_err(self.sqlite_error("checking whether the store holds articles"))
    }

    /// Counts of what the store holds; see [`StoreStats`] for what `duplicates` means.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        self.connection
            .query_row(
                "SELECT
                     (SELECT count(*) FROM articles AS article
                      WHERE NOT EXISTS (SELECT 1 FROM duplicate_links AS link
                                        WHERE link.article_pk = article.article_pk)),
                     (SELECT count(*) FROM duplicate_links)
                       + coalesce((SELECT value FROM counters WHERE name = ?1), 0),
                     (SELECT count(*) FROM sentences),
                     (SELECT count(*) FROM events),
                     (SELECT count(*) FROM mentions),
                     (SELECT count(*) FROM duplicate_links),
                     (SELECT count(*) FROM place_mentions),
                     (SELECT count(DISTINCT coalesce(world_event_pk, -event_pk)) FROM events)",
                [REPEATED_CONTENT_COUNTER],
                |row| {
                    Ok(StoreStats {
                        articles: row.get(0)?,
                        duplicates: row.get(1)?,
                        sentences: row.get(2)?,
                        events: row.get(7)?,
                        reports: row.get(3)?,
                        mentions: row.get(4)?,
                        linked_copies: row.get(5)?,
                        place_mentions: row.get(6)?,
                        located_events: LocatedEvents::default(),
                        articles_by_language: std::collections::BTreeMap::new(),
                    })
                },
            )
            .map_err(self.sqlite_error("counting what the store holds"))
            .and_then(|mut stats| {
                stats.located_events = self.located_events()?;
                stats.articles_by_language = self.articles_by_language()?;
                Ok(stats)
            })
    }

    /// First copies counted by language.
    fn articles_by_language(&self) -> Result<std::collections::BTreeMap<String, u64>, StoreError> {
        let operation = "counting articles by language";
        let mut statement = self
            .connection
            .prepare(
                "SELECT coalesce(lang, 'und'), count(*) FROM articles AS article
                 WHERE NOT EXISTS (SELECT 1 FROM duplicate_links AS link
                                   WHERE link.article_pk = article.article_pk)
                 GROUP BY 1",
            )
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement.query([]).map_err(self.sqlite_error(operation))?;
        let mut counts = std::collections::BTreeMap::new();
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            let lang: String = row.get(0).map_err(self.sqlite_error(operation))?;
            let count: u64 = row.get(1).map_err(self.sqlite_error(operation))?;
            *counts.entry(lang).or_default() += count;
        }
        Ok(counts)
    }

    /// Events with a location, counted by its precision.
    fn located_events(&self) -> Result<LocatedEvents, StoreError> {
        let operation = "counting located events";
        let mut statement = self
            .connection
            .prepare(
                "SELECT location_precision, count(*) FROM events
                 WHERE location_precision IS NOT NULL GROUP BY location_precision",
            )
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement.query([]).map_err(self.sqlite_error(operation))?;
        let mut located = LocatedEvents::default();
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            let precision: String = row.get(0).map_err(self.sqlite_error(operation))?;
            let count: u64 = row.get(1).map_err(self.sqlite_error(operation))?;
            match truce_core::LocationPrecision::parse(&precision) {
                Some(truce_core::LocationPrecision::Place) => located.place += count,
                Some(truce_core::LocationPrecision::Admin2) => located.admin2 += count,
                Some(truce_core::LocationPrecision::Admin1) => located.admin1 += count,
                Some(truce_core::LocationPrecision::Country) => located.country += count,
                // Precisions written by stores before schema 7 (`city`, `region`) are not
                // comparable with today's and are left out of the counts.
                None => {}
            }
        }
        Ok(located)
    }

    /// The result of SQLite's own consistency check: `["ok"]` for a sound file, otherwise one
    /// line per problem found.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        self.connection
            .prepare("PRAGMA integrity_check")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| row.get::<_, String>(0))?
                    .collect()
            })
            .map_err(self.sqlite_error("checking the file's integrity"))
    }

    /// A closure turning a SQLite error into a [`StoreError`] that names this store and `operation`.
    fn sqlite_error(
        &self,
        operation: &'static str,
    ) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.path.clone(),
            operation,
            source,
        }
    }
}

/// SQL functions the store's queries use. `truce_lower` lower-cases every script, where SQLite's
/// own `lower` only knows ASCII: evidence search must find "войска" in "Войска". `truce_km` is
/// the great-circle distance between two points in degrees, for `--near`.
fn register_functions(connection: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    connection.create_scalar_function(
        "truce_lower",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |context| {
            let text: Option<String> = context.get(0)?;
            Ok(text.map(|text| text.to_lowercase()))
        },
    )?;
    connection.create_scalar_function(
        "truce_km",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |context| {
            let mut degrees = [0.0_f64; 4];
            for (index, value) in degrees.iter_mut().enumerate() {
                match context.get::<Option<f64>>(index)? {
                    Some(number) => *value = number,
                    None => return Ok(None),
                }
            }
            let [lat_a, lon_a, lat_b, lon_b] = degrees;
            Ok(Some(truce_core::great_circle_km(
                lat_a, lon_a, lat_b, lon_b,
            )))
        },
    )
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::ScratchDir;

    #[test]
    fn a_new_file_gets_the_current_schema_in_wal_mode() {
        let scratch = ScratchDir::new("new");
        let path = scratch.0.join("truce.db");
        let store = Store::open(&path).unwrap();
        let version: i64 = store
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        let mode: String = store
            .connection
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .unwrap();
        let foreign_keys: bool = store
            .connection
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(mode, "wal");
        assert!(foreign_keys);
        assert_eq!(store.stats().unwrap(), StoreStats::default());
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    }

    #[test]
    fn reopening_an_existing_file_keeps_its_data_and_applies_nothing_twice() {
        let scratch = ScratchDir::new("reopen");
        let path = scratch.0.join("truce.db");
        {
            let mut store = Store::open(&path).unwrap();
            let report = store
                .ingest_batch(&[test_support::article("a", "Text of article a.")])
                .unwrap();
            assert_eq!(report.new_articles, 1);
            // Ingest writes with foreign key checks off and must turn them back on.
            let foreign_keys: bool = store
                .connection
                .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
                .unwrap();
            assert!(foreign_keys);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.stats().unwrap().articles, 1);
        let n_logged: i64 = store
            .connection
            .query_row("SELECT count(*) FROM schema_migrations", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(n_logged, SCHEMA_VERSION);
    }

    #[test]
    fn open_existing_refuses_a_missing_file_and_creates_nothing() {
        let scratch = ScratchDir::new("existing");
        let path = scratch.0.join("typo.db");
        let error = Store::open_existing(&path).unwrap_err();
        assert!(error.to_string().contains("typo.db"), "{error}");
        assert!(!path.exists());
        drop(Store::open(&path).unwrap());
        assert_eq!(
            Store::open_existing(&path)
                .unwrap()
                .stats()
                .unwrap()
                .articles,
            0
        );
    }

    #[test]
    fn a_file_from_a_newer_truce_is_refused_with_both_versions_named() {
        let scratch = ScratchDir::new("newer");
        let path = scratch.0.join("truce.db");
        drop(Store::open(&path).unwrap());
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let error = Store::open(&path).unwrap_err();
        assert!(
            matches!(error, StoreError::NewerSchema { found, supported, .. }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
        );
        let message = error.to_string();
        assert!(message.contains("truce.db"), "{message}");
        assert!(message.contains("newer"), "{message}");
    }

    #[test]
    fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
        let scratch = ScratchDir::new("foreign");
        let path = scratch.0.join("other.db");
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .execute_batch(
                    "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
                )
                .unwrap();
        }
        assert!(matches!(
            Store::open(&path).unwrap_err(),
            StoreError::NotATruceStore { .. }
        ));
        let connection = Connection::open(&path).unwrap();
        let n_tables: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(n_tables, 1);
    }

    #[test]
    fn has_articles_tells_an_empty_store_from_a_filled_one() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(!store.has_articles().unwrap());
        store
            .ingest_batch(&[test_support::article("a", "Rebels seized the town.")])
            .unwrap();
        assert!(store.has_articles().unwrap());
    }

    #[test]
    fn stats_serialise_with_the_keys_the_cli_contract_names_plus_copies_languages_and_reports() {
        let json = serde_json::to_value(StoreStats::default()).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "articles",
                "articles_by_language",
                "duplicates",
                "events",
                "linked_copies",
                "located_events",
                "mentions",
                "place_mentions",
                "reports",
                "sentences"
            ]
        );
    }
}
