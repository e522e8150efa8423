-- truce store schema, version 6: the index on `events.cameo` goes.
--
-- No query ever used it. `truce events --type 19` filters with `cameo LIKE '19%'`, and SQLite
-- answers a LIKE from an index only when the column compares without case (`COLLATE NOCASE`);
-- `cameo` compares as bytes, so every such query scans `events` whatever the index holds. The
-- index only cost a B-tree insert for every event written.

DROP INDEX IF EXISTS events_cameo;
