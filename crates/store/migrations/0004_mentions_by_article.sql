-- truce store schema, version 4: mentions are kept in their article's order under the article's
-- key. Applied once, inside a transaction, by crates/store/src/migrations.rs.
--
-- Mentions are the most numerous rows (about 28 per article) and are only ever read by article.
-- As a rowid table with an index on the article and one on (kind, code), which no query used,
-- every mention cost three B-tree insertions; keyed by (article, position) it costs one.

CREATE TABLE mentions_by_article (
    article_pk  INTEGER NOT NULL REFERENCES articles (article_pk) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    code        TEXT NOT NULL,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

INSERT INTO mentions_by_article (article_pk, idx, kind, start, "end", code)
SELECT article_pk,
       row_number() OVER (PARTITION BY article_pk ORDER BY mention_pk) - 1,
       kind, start, "end", code
FROM mentions;

DROP TABLE mentions;
ALTER TABLE mentions_by_article RENAME TO mentions;
