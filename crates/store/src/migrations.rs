//! Versioned schema migrations: numbered SQL files embedded in the binary, applied in order.
//!
//! `PRAGMA user_version` holds the number of the last applied migration and is the authority;
//! the `schema_migrations` table is a log for people reading the file. A database whose version is
//! higher than this binary knows is refused rather than opened, because an older binary writing to
//! a newer schema could corrupt data it does not understand.

use crate::StoreError;
use rusqlite::{Connection, TransactionBehavior};
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
        name: "0002_feed_polls",
        sql: include_str!("../migrations/0002_feed_polls.sql"),
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
fn apply_migrations(
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

    /// A version-1 file holding one article, as an older truce would have left it. It is built
    /// with the first migration only, so later migrations stay to be applied whatever this
    /// binary's current version is.
    fn version_one_file_with_an_article(scratch: &crate::test_support::ScratchDir) -> Connection {
        let path = scratch.0.join("truce.db");
        let mut connection = Connection::open(&path).unwrap();
        apply_migrations(&mut connection, &path, &MIGRATIONS[..1]).unwrap();
        connection
            .execute_batch(
                "INSERT INTO documents (doc_id, content_hash, ingested_at)
                     VALUES ('old', 'hash-of-old', '2024-03-05T10:00:00Z');
                 INSERT INTO articles (document_pk, article_id, text)
                     VALUES (last_insert_rowid(), 'old', 'Stored by version one.');",
            )
            .unwrap();
        connection
    }

    #[test]
    fn a_later_migration_is_applied_to_an_existing_file_and_keeps_its_data() {
        let scratch = crate::test_support::ScratchDir::new("migrate-forward");
        let mut connection = version_one_file_with_an_article(&scratch);
        let second = Migration {
            version: 2,
            name: "0002_article_notes",
            sql: "ALTER TABLE articles ADD COLUMN notes TEXT;
                  CREATE INDEX articles_notes ON articles (notes);",
        };
        let migrations = [MIGRATIONS[0], second];
        apply_migrations(&mut connection, &scratch.0, &migrations).unwrap();
        assert_eq!(user_version(&connection), 2);
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
        assert_eq!(logged, ["0001_initial", "0002_article_notes"]);
        // Applying again finds nothing to do.
        apply_migrations(&mut connection, &scratch.0, &migrations).unwrap();
        assert_eq!(user_version(&connection), 2);
    }

    #[test]
    fn a_failing_migration_leaves_the_file_at_its_previous_version() {
        let scratch = crate::test_support::ScratchDir::new("migrate-fail");
        let mut connection = version_one_file_with_an_article(&scratch);
        // The first statement succeeds and the second fails: the transaction must undo both.
        let broken = Migration {
            version: 2,
            name: "0002_broken",
            sql: "ALTER TABLE articles ADD COLUMN notes TEXT;
                  ALTER TABLE no_such_table ADD COLUMN other TEXT;",
        };
        let error =
            apply_migrations(&mut connection, &scratch.0, &[MIGRATIONS[0], broken]).unwrap_err();
        assert!(
            error.to_string().contains("applying a schema migration"),
            "{error}"
        );
        assert_eq!(user_version(&connection), 1);
        assert_eq!(n_articles(&connection), 1);
        let has_notes = connection.prepare("SELECT notes FROM articles").is_ok();
        assert!(!has_notes, "the half-applied migration was not rolled back");
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
