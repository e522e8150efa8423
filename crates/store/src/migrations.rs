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
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "0001_initial",
    sql: include_str!("../migrations/0001_initial.sql"),
}];

/// The schema version this binary writes: the number of the newest embedded migration.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks a SQLite file as a truce store (`PRAGMA application_id`, the ASCII bytes "trce").
const APPLICATION_ID: i64 = 0x7472_6365;

/// Bring the schema up to `SCHEMA_VERSION`, one transaction per migration.
pub(crate) fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
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
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
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
        let Some(migration) = MIGRATIONS
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
