-- truce store schema, version 7: where an actor's country came from.
--
-- Actors without a country of their own (police, students, "the government") now take one from
-- the event's place, the dateline or the article (DESIGN.md's `country_source`). The column says
-- which; NULL for actors whose country is their own words' and for events stored before this
-- version, which never had one. Locations were already columns of `events` since version 1;
-- their `location_precision` is now one of `place`, `admin2`, `admin1`, `country`.

ALTER TABLE event_actors ADD COLUMN country_source TEXT;

-- Place mentions of an article, resolved to the gazetteer: what `truce places` prints, kept so
-- that an article read back (and the dashboard's article view) shows where its places are.
-- Spans are UTF-8 byte offsets into `articles.text`. `kind` is 'place' or 'demonym'; `cue` is
-- 'preposition', 'dateline', 'bare' or 'modifier'; `precision` as for event locations.
CREATE TABLE place_mentions (
    article_pk   INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    cue          TEXT NOT NULL,
    name         TEXT NOT NULL,
    geonames_id  INTEGER,
    lat          REAL NOT NULL,
    lon          REAL NOT NULL,
    country      TEXT,
    admin1       TEXT,
    feature      TEXT,
    precision    TEXT,
    confidence   REAL NOT NULL,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

-- `truce events --near` first narrows to a latitude band, then measures the distance.
CREATE INDEX events_location_lat ON events (location_lat) WHERE location_lat IS NOT NULL;
