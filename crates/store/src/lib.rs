//! The embedded SQLite store: migrations, idempotent ingest, queries.
