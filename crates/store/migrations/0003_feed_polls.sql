-- truce store schema, version 3: what `truce watch` remembers about the feeds it polls, so the
-- next run sends the right validators, skips items it has already read, and backs off from a
-- failing feed. Applied once, inside a transaction, by crates/store/src/migrations.rs.

-- One row per feed URL ever polled. Times are seconds since 1970 (UTC). `etag` and
-- `last_modified` are the validators of the last good answer, sent back as If-None-Match and
-- If-Modified-Since. `consecutive_failures` counts polls that failed since the last good one.
CREATE TABLE feeds (
    feed_pk               INTEGER PRIMARY KEY,
    url                   TEXT NOT NULL UNIQUE,
    etag                  TEXT,
    last_modified         TEXT,
    last_polled_at        INTEGER,
    last_success_at       INTEGER,
    next_poll_at          INTEGER,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    last_error            TEXT
);

-- The items of a feed already read (their guid or id, else their link), whatever became of
-- them: stored, linked as a copy, or reported as unusable. An item listed here is not fetched
-- again when the feed lists it on a later poll.
CREATE TABLE feed_items (
    feed_pk        INTEGER NOT NULL REFERENCES feeds (feed_pk) ON DELETE CASCADE,
    item_key       TEXT NOT NULL,
    first_seen_at  INTEGER NOT NULL,
    PRIMARY KEY (feed_pk, item_key)
) WITHOUT ROWID;
