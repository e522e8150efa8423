-- truce store schema, version 8: real-world events.
--
-- Every coded event (a report) belongs to one real-world event: reports of the same withdrawal
-- or air strike by other outlets, in other languages or on later days share its row. The writer
-- decides (crates/store/src/world_events.rs, with the rule of truce_dedupe::same_event) as each
-- report is stored. `world_event_id` is "w-" and the id of the event's earliest report (earliest
-- publication, then smallest id), kept with that report's publication date so that a new report
-- can tell in one comparison whether it is earlier.
CREATE TABLE world_events (
    world_event_pk  INTEGER PRIMARY KEY,
    world_event_id  TEXT NOT NULL,
    first_published TEXT,
    first_event_id  TEXT NOT NULL,
    -- How many reports it holds: a merge moves the smaller event's reports into the larger.
    size            INTEGER NOT NULL DEFAULT 1
);

-- NULL for reports stored before this version, until the next ingest joins them.
ALTER TABLE events ADD COLUMN world_event_pk INTEGER REFERENCES world_events (world_event_pk);
CREATE INDEX events_world_event ON events (world_event_pk);

-- Where the writer finds the reports a new one may be the same event as: each report filed
-- under "GROUP|KEY" (its type, or for a compatible pair such as ASSAULT and COERCE the pair's
-- first type; and each of truce_dedupe's blocking keys: its doers' parties and its place's
-- country), by its first day (days since 1970-01-01), with the facts the rule compares.
CREATE TABLE world_event_keys (
    block     TEXT NOT NULL,
    day       INTEGER NOT NULL,
    event_pk  INTEGER NOT NULL REFERENCES events (event_pk) ON DELETE CASCADE,
    facts     TEXT NOT NULL,
    PRIMARY KEY (block, day, event_pk)
) WITHOUT ROWID;

-- Each time a report joined two or more events, which events became one and why.
CREATE TABLE world_event_merges (
    merge_pk        INTEGER PRIMARY KEY,
    kept_pk         INTEGER NOT NULL,
    merged_pk       INTEGER NOT NULL,
    by_event_id     TEXT NOT NULL,   -- the report that joined them
    reason          TEXT NOT NULL,
    merged_at       TEXT NOT NULL
);
