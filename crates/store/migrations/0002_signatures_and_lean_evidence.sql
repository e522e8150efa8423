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

-- Evidence rows keep only where the sentence is: its text is in the event's `record_json` and,
-- by its byte span, in the article's text, so storing it twice more (as written and lower-cased)
-- made evidence the second-largest table and a large share of ingest time. `truce events
-- --text` now searches the span of the article text, lower-cased by the `truce_lower` function
-- every connection registers.
ALTER TABLE evidence DROP COLUMN sentence;
ALTER TABLE evidence DROP COLUMN sentence_folded;
ALTER TABLE evidence DROP COLUMN lang;
ALTER TABLE evidence DROP COLUMN url;
