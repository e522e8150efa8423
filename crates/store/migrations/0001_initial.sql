-- truce store schema, version 1: documents, articles and what the pipeline found in them.
-- Applied once, inside a transaction, by crates/store/src/migrations.rs. Never edit an applied
-- migration; add the next numbered file instead.

-- One row per distinct content ever stored. `content_hash` (hex SHA-256 of the cleaned text) is
-- the identity that makes ingest idempotent.
CREATE TABLE documents (
    document_pk   INTEGER PRIMARY KEY,
    origin        TEXT,
    doc_id        TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);

-- The cleaned article of a document. `date` is an ISO 8601 prefix as precise as known.
CREATE TABLE articles (
    article_pk       INTEGER PRIMARY KEY,
    document_pk      INTEGER NOT NULL UNIQUE REFERENCES documents (document_pk) ON DELETE CASCADE,
    article_id       TEXT NOT NULL,
    url              TEXT,
    title            TEXT,
    date             TEXT,
    date_precision   TEXT,
    date_source      TEXT,
    lang             TEXT,
    lang_confidence  REAL,
    text             TEXT NOT NULL,
    source_url       TEXT,
    outlet           TEXT,
    authors          TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    diagnostics      TEXT NOT NULL DEFAULT '[]'    -- JSON array of core::Diagnostic
);
CREATE INDEX articles_article_id ON articles (article_id);
CREATE INDEX articles_date ON articles (date);

-- Outlets and agencies an article credits ("AFP"), in the order the article gives them.
CREATE TABLE article_sources (
    article_pk  INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    source      TEXT NOT NULL,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

-- Sentences as byte spans into the article's cleaned text. Tokens are not stored: the segmenter
-- recomputes them cheaply and they would multiply the file size.
CREATE TABLE sentences (
    article_pk  INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

-- Recognised mentions (actors, agents, places, times, quantities, verbs) with their spans.
CREATE TABLE mentions (
    mention_pk  INTEGER PRIMARY KEY,
    article_pk  INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    code        TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_pk);
CREATE INDEX mentions_kind_code ON mentions (kind, code);

-- Coded events. The columns serve the query filters; `record_json` is the whole EventRecord as
-- `truce code` writes it, so reading an event back is lossless whatever columns exist.
-- `date_start`/`date_end` are the first and last day the event's partial date covers.
CREATE TABLE events (
    event_pk             INTEGER PRIMARY KEY,
    event_id             TEXT NOT NULL UNIQUE,
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
    record_json          TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_pk);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_event ON events (event);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_location_country ON events (location_country);

-- Actors (role 'actor') and recipients (role 'recipient') of an event, in record order.
CREATE TABLE event_actors (
    event_pk  INTEGER NOT NULL REFERENCES events (event_pk) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    idx       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    code      TEXT NOT NULL COLLATE NOCASE,
    country   TEXT COLLATE NOCASE,
    sector    TEXT,
    PRIMARY KEY (event_pk, role, idx)
) WITHOUT ROWID;
CREATE INDEX event_actors_code ON event_actors (code);
CREATE INDEX event_actors_country ON event_actors (country);

-- The sentences an event was coded from. `sentence_folded` is the sentence lower-cased by Rust's
-- Unicode rules, so a case-insensitive search works beyond ASCII (SQLite's LIKE folds ASCII only).
CREATE TABLE evidence (
    event_pk         INTEGER NOT NULL REFERENCES events (event_pk) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    doc_id           TEXT NOT NULL,
    sentence         TEXT NOT NULL,
    sentence_folded  TEXT NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    lang             TEXT,
    url              TEXT,
    PRIMARY KEY (event_pk, idx)
) WITHOUT ROWID;

-- An article found to repeat an earlier one: `kind` is 'exact' or 'near', `similarity` in [0, 1].
CREATE TABLE duplicate_links (
    link_pk        INTEGER PRIMARY KEY,
    article_pk     INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    first_copy_pk  INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
    similarity     REAL NOT NULL,
    UNIQUE (article_pk, first_copy_pk),
    CHECK (article_pk <> first_copy_pk)
);
CREATE INDEX duplicate_links_first_copy ON duplicate_links (first_copy_pk);

-- Running totals kept across ingests, such as how many times already-stored content was offered
-- again ('repeated_content').
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
