//! Versioned schema migrations: numbered SQL files embedded in the binary, applied in order.
//!
//! `PRAGMA user_version` holds the number of the last applied migration and is the authority;
//! the `schema_migrations` table is a log for people reading the file. A database whose version is
//! higher than this binary knows is refused rather than opened, because an older binary writing to
//! a newer schema could corrupt data it does not understand.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;

/// One schema step. `version` is its 1-based position; `sql` runs inside a transaction.
#[derive(Debug, Clone, Copy)]
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_initial",
        sql: include_str!("../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "0002_signatures_and_lean_evidence",
        sql: include_str!("../migrations/0002_signatures_and_lean_evidence.sql"),
    },
    Migration {
        version: 3,
        name: "0003_feed_polls",
        sql: include_str!("../migrations/0003_feed_polls.sql"),
    },
    Migration {
        version: 4,
        name: "0004_mentions_by_article",
        sql: include_str!("../migrations/0004_mentions_by_article.sql"),
    },
    Migration {
        version: 5,
        name: "0005_events_from_columns",
        sql: include_str!("../migrations/0005_events_from_columns.sql"),
    },
    Migration {
        version: 6,
        name: "0006_no_cameo_index",
        sql: include_str!("../migrations/0006_no_cameo_index.sql"),
    },
    Migration {
        version: 7,
        name: "0007_places",
        sql: include_str!("../migrations/0007_places.sql"),
    },
    Migration {
        version: 8,
        name: "0008_real_world_events",
        sql: include_str!("../migrations/0008_real_world_events.sql"),
    },
];

/// The schema version this binary writes: the number of the newest embedded migration.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks a SQLite file as a truce store (`PRAGMA application_id`, the ASCII bytes "trce").
const APPLICATION_ID: i64 = 0x7472_6365;

/// Bring the schema up to `SCHEMA_VERSION`, one transaction per migration.
pub(crate) fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    apply_migrations(connection, path, MIGRATIONS)
}

/// Apply the `migrations` the file lacks, in order, each in its own transaction. A migration
/// that fails leaves the file at the version before it.
///
/// Foreign key enforcement is off while migrations run and comes back as it was afterwards,
/// whatever happened: rebuilding a parent table (create the new one, copy, drop the old one,
/// rename) is SQLite's documented way to change a constraint, and with enforcement on, dropping
/// the old table would delete every child row by cascade. Each migration instead checks every
/// foreign key before it commits, and fails if one no longer holds.
fn apply_migrations(
    connection: &mut Connection,
    path: &Path,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    let sqlite = |operation: &'static str| {
        move |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            operation,
            source,
        }
    };
    let enforced: bool = connection
        .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
        .map_err(sqlite("reading foreign key enforcement"))?;
    connection
        .pragma_update(None, "foreign_keys", false)
        .map_err(sqlite("pausing foreign key enforcement for migrations"))?;
    let applied = apply_migrations_without_enforcement(connection, path, migrations);
    let restored = connection
        .pragma_update(None, "foreign_keys", enforced)
        .map_err(sqlite("restoring foreign key enforcement after migrations"));
    applied.and(restored)
}

fn apply_migrations_without_enforcement(
    connection: &mut Connection,
    path: &Path,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    let supported = migrations.len() as i64;
    let sqlite = |operation: &'static str| {
        move |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            operation,
            source,
        }
    };
    loop {
        // IMMEDIATE takes the write lock before reading the version, so two processes opening
        // the same new file cannot both apply the same migration.
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite("starting a migration"))?;
        let found: i64 = transaction
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(sqlite("reading the schema version"))?;
        let application_id: i64 = transaction
            .query_row("PRAGMA application_id", [], |row| row.get(0))
            .map_err(sqlite("reading the application id"))?;
        if found > supported {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported,
            });
        }
        if application_id != APPLICATION_ID {
            let n_objects: i64 = transaction
                .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
                .map_err(sqlite("inspecting an unversioned database"))?;
            let is_blank = application_id == 0 && found == 0 && n_objects == 0;
            if !is_blank {
                return Err(StoreError::NotATruceStore {
                    path: path.to_path_buf(),
                });
            }
            transaction
                .pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sqlite("marking the file as a truce store"))?;
            transaction
                .execute_batch(
                    "CREATE TABLE schema_migrations (
                         version     INTEGER PRIMARY KEY,
                         name        TEXT NOT NULL,
                         applied_at  TEXT NOT NULL
                     );",
                )
                .map_err(sqlite("creating the migration log"))?;
        }
        let Some(migration) = migrations
            .iter()
            .find(|migration| migration.version == found + 1)
        else {
            // Nothing left to apply; committing keeps the read transaction tidy.
            transaction
                .commit()
                .map_err(sqlite("finishing migrations"))?;
            return Ok(());
        };
        transaction
            .execute_batch(migration.sql)
            .map_err(sqlite("applying a schema migration"))?;
        let broken_reference: Option<String> = transaction
            .query_row("PRAGMA foreign_key_check", [], |row| row.get(0))
            .optional()
            .map_err(sqlite("checking foreign keys after a schema migration"))?;
        if let Some(table) = broken_reference {
            return Err(StoreError::BrokenMigration {
                path: path.to_path_buf(),
                migration: migration.name,
                reason: format!("a row of `{table}` refers to a row that no longer exists"),
            });
        }
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (migration.version, migration.name),
            )
            .map_err(sqlite("logging a schema migration"))?;
        transaction
            .pragma_update(None, "user_version", migration.version)
            .map_err(sqlite("recording the schema version"))?;
        transaction
            .commit()
            .map_err(sqlite("committing a schema migration"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_version(connection: &Connection) -> i64 {
        connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap()
    }

    fn n_articles(connection: &Connection) -> i64 {
        connection
            .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
            .unwrap()
    }

    /// Writes document and article `a` with `text`, and event `event_pk` of it whose stored JSON
    /// is `record`, by hand: the rows have the same shape in every schema version so far.
    fn insert_article_with_event(
        connection: &Connection,
        text: &str,
        event_pk: i64,
        record: &serde_json::Value,
    ) {
        connection
            .execute_batch(&format!(
                "INSERT INTO documents VALUES (1, NULL, 'a', 'hash-a', '2024-06-12T00:00:00Z');
                 INSERT INTO articles (article_pk, document_pk, article_id, text)
                     VALUES (1, 1, 'a', '{text}');
                 INSERT INTO events (event_pk, event_id, article_pk, doc_id, event, cameo,
                     quad_class, goldstein, record_json)
                     VALUES ({event_pk}, 'a-1', 1, 'a', 'RETREAT', '0874', 3, 7.0, '{record}');"
            ))
            .unwrap();
    }

    /// A file at this binary's schema version holding one article, as it is before a newer
    /// truce adds a migration.
    fn current_file_with_an_article(scratch: &crate::test_support::ScratchDir) -> Connection {
        let path = scratch.0.join("truce.db");
        let mut store = crate::Store::open(&path).unwrap();
        store
            .ingest_batch(&[crate::test_support::article(
                "old",
                "Stored by version one.",
            )])
            .unwrap();
        drop(store);
        Connection::open(&path).unwrap()
    }

    #[test]
    fn a_later_migration_is_applied_to_an_existing_file_and_keeps_its_data() {
        let scratch = crate::test_support::ScratchDir::new("migrate-forward");
        let mut connection = current_file_with_an_article(&scratch);
        let next = Migration {
            version: SCHEMA_VERSION + 1,
            name: "next_article_notes",
            sql: "ALTER TABLE articles ADD COLUMN notes TEXT;
                  CREATE INDEX articles_notes ON articles (notes);",
        };
        let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([next]).collect();
        apply_migrations(&mut connection, &scratch.0, &migrations).unwrap();
        assert_eq!(user_version(&connection), SCHEMA_VERSION + 1);
        assert_eq!(n_articles(&connection), 1);
        let notes: Option<String> = connection
            .query_row("SELECT notes FROM articles", [], |row| row.get(0))
            .unwrap();
        assert_eq!(notes, None);
        let logged: Vec<String> = connection
            .prepare("SELECT name FROM schema_migrations ORDER BY version")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected: Vec<&str> = migrations.iter().map(|migration| migration.name).collect();
        assert_eq!(logged, expected);
        // Applying again finds nothing to do.
        apply_migrations(&mut connection, &scratch.0, &migrations).unwrap();
        assert_eq!(user_version(&connection), SCHEMA_VERSION + 1);
    }

    #[test]
    fn a_failing_migration_leaves_the_file_at_its_previous_version() {
        let scratch = crate::test_support::ScratchDir::new("migrate-fail");
        let mut connection = current_file_with_an_article(&scratch);
        // The first statement succeeds and the second fails: the transaction must undo both.
        let broken = Migration {
            version: SCHEMA_VERSION + 1,
            name: "next_broken",
            sql: "ALTER TABLE articles ADD COLUMN notes TEXT;
                  ALTER TABLE no_such_table ADD COLUMN other TEXT;",
        };
        let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([broken]).collect();
        let error = apply_migrations(&mut connection, &scratch.0, &migrations).unwrap_err();
        assert!(
            error.to_string().contains("applying a schema migration"),
            "{error}"
        );
        assert_eq!(user_version(&connection), SCHEMA_VERSION);
        assert_eq!(n_articles(&connection), 1);
        let has_notes = connection.prepare("SELECT notes FROM articles").is_ok();
        assert!(!has_notes, "the half-applied migration was not rolled back");
    }

    #[test]
    fn a_version_one_store_with_events_upgrades_and_its_evidence_is_still_searchable() {
        let scratch = crate::test_support::ScratchDir::new("migrate-v1");
        let path = scratch.0.join("truce.db");
        {
            let mut connection = Connection::open(&path).unwrap();
            apply_migrations(&mut connection, &path, &MIGRATIONS[..1]).unwrap();
            let text = "Pasukan Rusia mulai menarik diri dari Karabakh.";
            let record = serde_json::json!({"id": "a-1", "doc_id": "a", "event": "RETREAT",
                "cameo": "0874", "quad_class": 3, "goldstein": 7.0, "actor": [], "recipient": [],
                "evidence": [{"doc_id": "a", "sentence": text, "start": 0, "end": text.len()}]});
            insert_article_with_event(&connection, text, 1, &record);
            connection
                .execute_batch(&format!(
                    "INSERT INTO evidence VALUES (1, 0, 'a', '{text}', '{lower}', 0, {end},
                         'id', NULL);",
                    lower = text.to_lowercase(),
                    end = text.len(),
                ))
                .unwrap();
        }
        let store = crate::Store::open(&path).unwrap();
        let found = |needle: &str| {
            store
                .events(&crate::EventFilter {
                    evidence_text: Some(needle.to_string()),
                    ..crate::EventFilter::default()
                })
                .unwrap()
                .len()
        };
        assert_eq!(found("RUSIA MULAI"), 1);
        assert_eq!(found("Karabakh."), 1);
        assert_eq!(found("Armenia"), 0);
    }

    #[test]
    fn a_version_three_store_keeps_its_mentions_in_order_under_the_new_key() {
        let scratch = crate::test_support::ScratchDir::new("migrate-v3");
        let path = scratch.0.join("truce.db");
        {
            let mut connection = Connection::open(&path).unwrap();
            apply_migrations(&mut connection, &path, &MIGRATIONS[..3]).unwrap();
            // Two articles whose mention rows interleave, as parallel ingests never wrote them
            // but a by-hand insert could: order within an article is by the old rowid.
            connection
                .execute_batch(
                    "INSERT INTO documents VALUES (1, NULL, 'a', 'hash-a', '2024-06-12T00:00:00Z');
                     INSERT INTO documents VALUES (2, NULL, 'b', 'hash-b', '2024-06-12T00:00:00Z');
                     INSERT INTO articles (article_pk, document_pk, article_id, text)
                         VALUES (1, 1, 'a', 'Text a.'), (2, 2, 'b', 'Text b.');
                     INSERT INTO mentions (mention_pk, article_pk, kind, start, \"end\", code)
                         VALUES (10, 1, 'actor', 0, 4, 'RUS'), (11, 2, 'verb', 5, 9, '0874'),
                                (12, 1, 'time', 5, 9, '2024-06-12'), (13, 2, 'actor', 0, 4, 'ARM');",
                )
                .unwrap();
        }
        let store = crate::Store::open(&path).unwrap();
        let codes = |content_hash: &str| -> Vec<String> {
            store
                .load_article(content_hash)
                .unwrap()
                .unwrap()
                .mentions
                .into_iter()
                .map(|mention| mention.code)
                .collect()
        };
        assert_eq!(codes("hash-a"), vec!["RUS", "2024-06-12"]);
        assert_eq!(codes("hash-b"), vec!["0874", "ARM"]);
        assert_eq!(store.stats().unwrap().mentions, 4);
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    }

    #[test]
    fn a_version_four_store_keeps_its_events_actors_and_evidence_through_the_events_rebuild() {
        let scratch = crate::test_support::ScratchDir::new("migrate-v4");
        let path = scratch.0.join("truce.db");
        let text = "Pasukan Rusia mulai menarik diri dari Karabakh.";
        let record = serde_json::json!({"id": "a-1", "doc_id": "a", "event": "RETREAT",
            "cameo": "0874", "quad_class": 3, "goldstein": 7.0,
            "actor": [{"text": "Pasukan Rusia", "code": "RUSMIL"}], "recipient": [],
            "evidence": [{"doc_id": "a", "sentence": text, "start": 0, "end": text.len()}]});
        {
            let mut connection = Connection::open(&path).unwrap();
            connection
                .pragma_update(None, "foreign_keys", true)
                .unwrap();
            apply_migrations(&mut connection, &path, &MIGRATIONS[..4]).unwrap();
            insert_article_with_event(&connection, text, 7, &record);
            connection
                .execute_batch(&format!(
                    "INSERT INTO event_actors VALUES (7, 'actor', 0, 'Pasukan Rusia', 'RUSMIL',
                         'RUS', 'MIL');
                     INSERT INTO evidence VALUES (7, 0, 'a', 0, {end});",
                    end = text.len(),
                ))
                .unwrap();
        }
        let store = crate::Store::open(&path).unwrap();
        let events = store.events(&crate::EventFilter::default()).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(serde_json::to_value(&events[0]).unwrap()["id"], "a-1");
        // The rebuild must not have cascaded into the child tables.
        let by_actor = store
            .events(&crate::EventFilter {
                actor_code: Some("RUSMIL".into()),
                ..crate::EventFilter::default()
            })
            .unwrap();
        assert_eq!(by_actor.len(), 1);
        let by_text = store
            .events(&crate::EventFilter {
                evidence_text: Some("menarik diri".into()),
                ..crate::EventFilter::default()
            })
            .unwrap();
        assert_eq!(by_text.len(), 1);
        let enforced: bool = store
            .connection
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .unwrap();
        assert!(enforced, "foreign keys stay enforced after migrating");
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    }

    #[test]
    fn a_migration_that_breaks_a_foreign_key_is_refused_and_rolled_back() {
        let scratch = crate::test_support::ScratchDir::new("migrate-broken-reference");
        let mut connection = current_file_with_an_article(&scratch);
        let orphaning = Migration {
            version: SCHEMA_VERSION + 1,
            name: "next_orphaning",
            sql: "DELETE FROM documents;",
        };
        let migrations: Vec<Migration> = MIGRATIONS.iter().copied().chain([orphaning]).collect();
        let error = apply_migrations(&mut connection, &scratch.0, &migrations).unwrap_err();
        assert!(error.to_string().contains("next_orphaning"), "{error}");
        assert_eq!(user_version(&connection), SCHEMA_VERSION);
        assert_eq!(n_articles(&connection), 1);
    }

    #[test]
    fn migrations_are_numbered_in_order_without_gaps() {
        for (position, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, position as i64 + 1);
            assert!(
                migration
                    .name
                    .starts_with(&format!("{:04}_", migration.version))
            );
        }
    }
}
