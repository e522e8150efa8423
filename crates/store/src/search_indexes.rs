//! The indexes behind `truce events` filters, and setting them aside while a bulk ingest writes.
//!
//! Keeping an index up to date costs a B-tree insert per row written, at a place in the tree the
//! key decides: event dates and actor codes land all over their indexes, so every batch dirties
//! and logs thousands of index pages. On 100,000 generated articles these five indexes cost
//! 15 s of the ingest's 104 s of CPU, while building them afterwards from the finished tables
//! (SQLite sorts each key once) takes 4.6 s. A large ingest into a small store therefore drops
//! them first and builds them once at the end; a small ingest into a large store keeps them,
//! since rebuilding would then cost more than it saves.
//!
//! Whether they exist changes no result, only how fast a filtered query runs. A store left
//! without them (an ingest killed half-way) is still sound: the next ingest or watch puts them
//! back before it writes.

use crate::ingest::sqlite;
use crate::{Store, StoreError};
use rusqlite::TransactionBehavior;

/// An index that only serves queries: nothing in the store depends on it for correctness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchIndex {
    pub name: &'static str,
    /// The `CREATE INDEX` statement, as the migrations write it.
    pub definition: &'static str,
}

/// The indexes [`Store::set_aside_search_indexes`] drops and [`Store::build_search_indexes`]
/// builds, defined as the migrations define them (a test compares the two). Indexes that the
/// writer itself reads (content hashes, article ids, events by article) are not among them.
pub const SEARCH_INDEXES: &[SearchIndex] = &[
    SearchIndex {
        name: "events_date",
        definition: "CREATE INDEX events_date ON events (date_start, date_end)",
    },
    SearchIndex {
        name: "events_event",
        definition: "CREATE INDEX events_event ON events (event)",
    },
    SearchIndex {
        name: "events_location_country",
        definition: "CREATE INDEX events_location_country ON events (location_country)",
    },
    SearchIndex {
        name: "events_location_lat",
        definition: "CREATE INDEX events_location_lat ON events (location_lat) WHERE location_lat IS NOT NULL",
    },
    SearchIndex {
        name: "event_actors_code",
        definition: "CREATE INDEX event_actors_code ON event_actors (code)",
    },
    SearchIndex {
        name: "event_actors_country",
        definition: "CREATE INDEX event_actors_country ON event_actors (country)",
    },
];

/// The page cache, in KiB, while the search indexes are built (see
/// [`Store::build_search_indexes`]).
const INDEX_BUILD_CACHE_KIB: i64 = 16 * 1024;

/// Below this much input, an ingest keeps the search indexes whatever the store holds: the
/// time saved (about 1 s per 12,000 articles, or 25 MB of JSON Lines) would not show.
pub const SET_ASIDE_MIN_INPUT_BYTES: u64 = 4 * 1024 * 1024;

impl Store {
    /// Whether an ingest of about `input_bytes` of documents is better off without the search
    /// indexes: when it is at least [`SET_ASIDE_MIN_INPUT_BYTES`] and at least as large as the
    /// store's file.
    ///
    /// On 100,000 generated articles, keeping the indexes up to date cost 8.8 s of wall time
    /// and building them for the finished store 4.6 s, so setting them aside pays once an
    /// ingest adds about as many articles as the store holds. A stored article takes about four
    /// times the bytes of its JSON Lines record, so JSON Lines input as large as the store adds
    /// about four times its articles, well past that point. Web pages shrink more when
    /// extracted, so for them the rule can fire early; that costs one rebuild at most.
    pub fn search_indexes_worth_setting_aside(&self, input_bytes: u64) -> Result<bool, StoreError> {
        if input_bytes < SET_ASIDE_MIN_INPUT_BYTES {
            return Ok(false);
        }
        Ok(input_bytes >= self.database_bytes()?)
    }

    /// The size of the database, WAL aside: its pages times their size.
    fn database_bytes(&self) -> Result<u64, StoreError> {
        self.connection
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                [],
                |row| row.get(0),
            )
            .map_err(self.sqlite_error("measuring the store"))
    }

    /// Drops the search indexes, in one transaction; queries stay correct, only slower, until
    /// [`Store::build_search_indexes`] runs.
    pub fn set_aside_search_indexes(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite(&path, "setting the search indexes aside"))?;
        for index in SEARCH_INDEXES {
            transaction
                .execute_batch(&format!("DROP INDEX IF EXISTS {}", index.name))
                .map_err(sqlite(&path, "setting the search indexes aside"))?;
        }
        transaction
            .commit()
            .map_err(sqlite(&path, "setting the search indexes aside"))
    }

    /// The search indexes the store lacks, in [`SEARCH_INDEXES`] order.
    pub fn missing_search_indexes(&self) -> Result<Vec<&'static str>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1")
            .map_err(self.sqlite_error("listing the search indexes"))?;
        let mut missing = Vec::new();
        for index in SEARCH_INDEXES {
            let present = statement
                .exists([index.name])
                .map_err(self.sqlite_error("listing the search indexes"))?;
            if !present {
                missing.push(index.name);
            }
        }
        Ok(missing)
    }

    /// Builds the search indexes the store lacks and returns their names
    /// (none when all are there, which costs one look at the schema).
    pub fn build_search_indexes(&mut self) -> Result<Vec<&'static str>, StoreError> {
        let missing = self.missing_search_indexes()?;
        if missing.is_empty() {
            return Ok(missing);
        }
        let path = self.path.clone();
        // SQLite sorts each index's keys in runs the size of the page cache. A smaller cache
        // makes several runs, which helper threads sort while the main thread reads the
        // table: the five indexes of 100,000 generated articles took 3.7 s instead of 4.3 s.
        let helper_threads = std::thread::available_parallelism()
            .map_or(1, |cpus| cpus.get().saturating_sub(1))
            .clamp(1, 4);
        self.connection
            .pragma_update(None, "threads", helper_threads)
            .and_then(|()| {
                self.connection
                    .pragma_update(None, "cache_size", -INDEX_BUILD_CACHE_KIB)
            })
            .map_err(sqlite(&path, "preparing to build the search indexes"))?;
        let built = self.build_missing_search_indexes(&path);
        let restored = self
            .connection
            .pragma_update(None, "threads", 0)
            .and_then(|()| {
                self.connection
                    .pragma_update(None, "cache_size", -crate::PAGE_CACHE_KIB)
            })
            .map_err(sqlite(
                &path,
                "restoring the page cache after building the search indexes",
            ));
        built.and(restored).map(|()| missing)
    }

    /// One transaction per index: each holds the write lock only while its own index is built
    /// (under 2 s for a store of 100,000 articles), so another writer waiting within its busy
    /// timeout gets in between.
    fn build_missing_search_indexes(&mut self, path: &std::path::Path) -> Result<(), StoreError> {
        for index in SEARCH_INDEXES {
            let transaction = self
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sqlite(path, "building the search indexes"))?;
            // `IF NOT EXISTS`: another process may have built some since they were listed.
            let definition =
                index
                    .definition
                    .replacen("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1);
            transaction
                .execute_batch(&definition)
                .map_err(sqlite(path, "building the search indexes"))?;
            transaction
                .commit()
                .map_err(sqlite(path, "building the search indexes"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_definitions(store: &Store) -> Vec<(String, String)> {
        let mut statement = store
            .connection
            .prepare(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
            )
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn the_search_indexes_are_defined_as_the_migrations_define_them() {
        let store = Store::open_in_memory().unwrap();
        let defined = index_definitions(&store);
        for index in SEARCH_INDEXES {
            let migrated = defined
                .iter()
                .find(|(name, _)| name == index.name)
                .unwrap_or_else(|| panic!("the migrations create no index {}", index.name));
            assert_eq!(migrated.1, index.definition);
        }
        assert!(
            defined.iter().all(|(name, _)| name != "events_cameo"),
            "migration 0006 drops the unused cameo index"
        );
    }

    #[test]
    fn only_a_large_ingest_into_a_smaller_store_sets_the_indexes_aside() {
        let new_store = Store::open_in_memory().unwrap();
        assert!(new_store.database_bytes().unwrap() < SET_ASIDE_MIN_INPUT_BYTES);
        assert!(!new_store.search_indexes_worth_setting_aside(0).unwrap());
        assert!(
            !new_store
                .search_indexes_worth_setting_aside(SET_ASIDE_MIN_INPUT_BYTES - 1)
                .unwrap()
        );
        assert!(
            new_store
                .search_indexes_worth_setting_aside(SET_ASIDE_MIN_INPUT_BYTES)
                .unwrap()
        );

        let six_megabytes = 6 * 1024 * 1024;
        let large_store = Store::open_in_memory().unwrap();
        large_store
            .connection
            .execute("CREATE TABLE padding (filler BLOB); ", [])
            .unwrap();
        large_store
            .connection
            .execute("INSERT INTO padding VALUES (zeroblob(?1))", [six_megabytes])
            .unwrap();
        assert!(large_store.database_bytes().unwrap() > six_megabytes);
        assert!(
            !large_store
                .search_indexes_worth_setting_aside(six_megabytes)
                .unwrap()
        );
        assert!(
            large_store
                .search_indexes_worth_setting_aside(2 * six_megabytes)
                .unwrap()
        );
    }
}
