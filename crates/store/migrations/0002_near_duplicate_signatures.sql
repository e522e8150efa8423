-- Near-duplicate signatures of first copies, kept so that a later ingest finds copies of
-- articles stored by earlier runs, not only of articles it reads itself.
--
-- `signature` is the dedupe stage's own byte format (`truce_dedupe::TextSignature::to_bytes`),
-- which carries its version: the store keeps it without reading it. Only first copies have a
-- row; a copy is linked to its first copy instead (`duplicate_links`).

CREATE TABLE article_signatures (
    article_pk  INTEGER PRIMARY KEY REFERENCES articles (article_pk) ON DELETE CASCADE,
    signature   BLOB NOT NULL
);

-- Whether an article is a linked copy is asked for every article `truce stats` counts.
CREATE INDEX duplicate_links_article ON duplicate_links (article_pk);
