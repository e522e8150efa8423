-- truce store schema, version 5: an event is read back from its columns, and its id is no longer
-- a unique index. Applied once, inside a transaction with foreign key enforcement off (the table
-- is rebuilt, and dropping the old one must not cascade to `event_actors` and `evidence`), by
-- crates/store/src/migrations.rs, which checks the foreign keys before it commits.
--
-- `record_json` repeated every column, the actors, and each evidence sentence with its article's
-- language and address: about 820 of the 1,100 bytes of an event row, and more than half of the
-- file. It is now NULL for every event the columns, `event_actors`, `evidence` and the article
-- give back exactly (the writer checks this per event) and kept only for the rest, and for every
-- event stored before this version.
--
-- The UNIQUE index on `event_id` put a random key into a B-tree for every event. An event id is
-- a hash that starts with the document id, so the same id can only come again from a document
-- with the same id (an edited article); the writer looks for earlier events only then.

CREATE TABLE events_v5 (
    event_pk             INTEGER PRIMARY KEY,
    event_id             TEXT NOT NULL,
    article_pk           INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    doc_id               TEXT NOT NULL,
    event                TEXT NOT NULL,
    mode                 TEXT,
    context              TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    cameo                TEXT NOT NULL,
    quad_class           INTEGER NOT NULL,
    goldstein            REAL NOT NULL,
    acled                TEXT,
    date                 TEXT,
    date_precision       TEXT,
    date_start           TEXT,
    date_end             TEXT,
    date_is_publication  INTEGER NOT NULL DEFAULT 0,
    location_name        TEXT,
    location_country     TEXT COLLATE NOCASE,
    location_admin1      TEXT,
    location_lat         REAL,
    location_lon         REAL,
    location_geonames_id INTEGER,
    location_precision   TEXT,
    fatalities_best      INTEGER,
    fatalities_low       INTEGER,
    fatalities_high      INTEGER,
    size                 INTEGER,
    negated              INTEGER NOT NULL DEFAULT 0,
    future               INTEGER NOT NULL DEFAULT 0,
    hypothetical         INTEGER NOT NULL DEFAULT 0,
    historical           INTEGER NOT NULL DEFAULT 0,
    issues               TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    record_json          TEXT                          -- NULL: read the record from the columns
);

INSERT INTO events_v5
SELECT event_pk, event_id, article_pk, doc_id, event, mode, context, cameo, quad_class, goldstein,
       acled, date, date_precision, date_start, date_end, date_is_publication, location_name,
       location_country, location_admin1, location_lat, location_lon, location_geonames_id,
       location_precision, fatalities_best, fatalities_low, fatalities_high, size, negated,
       future, hypothetical, historical, issues, record_json
FROM events;

DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;

CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_event ON events (event);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_location_country ON events (location_country);
