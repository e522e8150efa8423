//! Writing to the store: idempotent, one-transaction-per-batch ingest, and duplicate links.

use crate::dates::{covered_days, event_date};
use crate::event_rows::columns_give_back;
use crate::{REPEATED_CONTENT_COUNTER, Store, StoreError};
use rusqlite::config::DbConfig;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use truce_core::{ActorRef, Article, EventRecord, ProcessedArticle};

/// The article stored with the content hash `?1`.
const ARTICLE_PK_BY_CONTENT_HASH: &str = "SELECT article.article_pk FROM documents AS document
     JOIN articles AS article ON article.document_pk = document.document_pk
     WHERE document.content_hash = ?1";

/// What one ingest call wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Articles whose content was not stored before and that are not a copy of another: the
    /// articles `truce stats` counts.
    pub new_articles: u64,
    /// Articles whose content hash was already stored (before or earlier in the same batch);
    /// nothing of them was written.
    pub duplicates: u64,
    /// Copies stored for the first time, uncoded, with a link to the first copy they repeat.
    /// `truce stats` counts them among the duplicates.
    pub linked_copies: u64,
    /// Of the linked copies, those linked as near copies and those with the same words as their
    /// first copy (up to case, punctuation and spacing) but different bytes.
    pub near_duplicate_links: u64,
    pub exact_duplicate_links: u64,
    /// Copies whose first copy is not in the store (it failed to store): kept, unlinked and
    /// uncoded, and counted among the articles. Only a bug elsewhere makes this non-zero.
    pub copies_without_first_copy: u64,
    /// Events stored.
    pub events: u64,
    /// Events of new articles that were not stored because an event with the same id already
    /// was: ids are derived from the document id and the place in the text, so an edited
    /// version of a document can repeat an event of its earlier version.
    pub events_already_stored: u64,
    pub mentions: u64,
    pub sentences: u64,
    /// Reports (stored events) that started a real-world event of their own.
    pub world_events_started: u64,
    /// Reports that joined a real-world event already stored.
    pub reports_joined: u64,
    /// Real-world events merged into another because a new report agreed with both.
    pub world_event_merges: u64,
}

impl IngestReport {
    /// Add another report's counts to this one, for totals over many batches.
    pub fn add(&mut self, other: &IngestReport) {
        self.new_articles += other.new_articles;
        self.duplicates += other.duplicates;
        self.linked_copies += other.linked_copies;
        self.near_duplicate_links += other.near_duplicate_links;
        self.exact_duplicate_links += other.exact_duplicate_links;
        self.copies_without_first_copy += other.copies_without_first_copy;
        self.events += other.events;
        self.events_already_stored += other.events_already_stored;
        self.mentions += other.mentions;
        self.sentences += other.sentences;
        self.world_events_started += other.world_events_started;
        self.reports_joined += other.reports_joined;
        self.world_event_merges += other.world_event_merges;
    }
}

/// How a duplicate was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// The same content after normalisation.
    Exact,
    /// Similar enough content (SimHash or MinHash above a threshold).
    Near,
}

impl DuplicateKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }

    fn from_stored(text: &str) -> Option<DuplicateKind> {
        match text {
            "exact" => Some(DuplicateKind::Exact),
            "near" => Some(DuplicateKind::Near),
            _ => None,
        }
    }
}

/// One recorded link from an article to the earlier article it repeats.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateLink {
    pub duplicate_content_hash: String,
    pub first_copy_content_hash: String,
    pub kind: DuplicateKind,
    /// In `[0, 1]`; 1 for an exact duplicate.
    pub similarity: f64,
}

/// One article offered to [`Store::ingest_items`], with what the dedupe stage found out about it.
#[derive(Debug, Clone, Copy)]
pub struct IngestItem<'a> {
    /// Where the article was read from (a file, `file:line`, a URL, an archive record).
    pub origin: Option<&'a str>,
    pub article: &'a ProcessedArticle,
    /// For a first copy, its near-duplicate signature in the dedupe stage's byte format, kept so
    /// that later runs can recognise its copies ([`Store::for_each_signature`]).
    pub signature: Option<&'a [u8]>,
    /// For a copy, the first copy it repeats: the article is stored (uncoded) and linked to it.
    pub copy_of: Option<CopyOf<'a>>,
}

/// The first copy an article repeats, and how closely.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopyOf<'a> {
    pub first_copy_content_hash: &'a str,
    pub kind: DuplicateKind,
    /// In `[0, 1]`; 1 for an exact copy.
    pub similarity: f64,
}

impl<'a> IngestItem<'a> {
    /// An article with nothing known about copies: stored as a first copy without a signature.
    pub fn plain(origin: Option<&'a str>, article: &'a ProcessedArticle) -> IngestItem<'a> {
        IngestItem {
            origin,
            article,
            signature: None,
            copy_of: None,
        }
    }
}

impl Store {
    /// Store a batch of processed articles in ONE transaction: either every new article of the
    /// batch is stored or, on error, none is. An article whose content hash is already stored
    /// (including earlier in the same batch) writes nothing and counts as a duplicate.
    /// Documents stored this way have no origin; see [`Store::ingest_with_origins`].
    pub fn ingest_batch(&mut self, batch: &[ProcessedArticle]) -> Result<IngestReport, StoreError> {
        self.ingest_with_origins(batch.iter().map(|processed| (None, processed)))
    }

    /// [`Store::ingest_batch`], with each article's origin (the file, URL or archive record it
    /// was read from) stored on its document.
    pub fn ingest_with_origins<'batch>(
        &mut self,
        batch: impl IntoIterator<Item = (Option<&'batch str>, &'batch ProcessedArticle)>,
    ) -> Result<IngestReport, StoreError> {
        self.ingest_items(
            batch
                .into_iter()
                .map(|(origin, article)| IngestItem::plain(origin, article)),
        )
    }

    /// Store a batch of articles in ONE transaction, with the first copies' signatures and the
    /// copies' links to their first copies. Items are stored in order, so a copy may follow its
    /// first copy in the same batch. Links and signatures commit with their articles: an
    /// interrupted ingest never leaves a copy stored without its link.
    pub fn ingest_items<'batch>(
        &mut self,
        batch: impl IntoIterator<Item = IngestItem<'batch>>,
    ) -> Result<IngestReport, StoreError> {
        let mut transaction = self.begin_ingest()?;
        for item in batch {
            transaction.write(item)?;
        }
        transaction.commit()
    }

    /// Start one ingest transaction, to write articles one at a time as they come and commit
    /// them together: what [`Store::ingest_items`] does for a batch held in memory, for a caller
    /// that would rather not hold the batch. Nothing is stored unless
    /// [`IngestTransaction::commit`] is called; dropping the transaction rolls it back. Only one
    /// may be open at a time: SQLite refuses to begin a second while the first is open.
    pub fn begin_ingest(&self) -> Result<IngestTransaction<'_>, StoreError> {
        // Every row an ingest writes refers to a row it wrote just before (or, for a link, to a
        // first copy it has just looked up), so its foreign keys hold by construction. Checking
        // them cost a parent lookup per row, some sixty per article. The pragma cannot change
        // inside a transaction, so it is switched off before the transaction begins and back on
        // after it ends, committed or not.
        //
        // The statements an ingest prepares are planned once and for all (SQLite's query planner
        // stability guarantee). Without it, SQLite as built here (with STAT4) prepares a
        // statement again whenever a value bound in its WHERE clause changes, because a
        // different value might deserve a different plan: the per-article lookup of an earlier
        // version's events was parsed and planned again for every article, 2 % of an ingest's
        // CPU. The guarantee also turns off the index for `LIKE ?` (the actor filter), so it is
        // on only while the ingest transaction is open.
        let connection = &self.connection;
        let path = self.path.as_path();
        connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(sqlite(path, "fixing the ingest's query plans"))?;
        connection
            .pragma_update(None, "foreign_keys", false)
            .map_err(sqlite(path, "switching foreign key checks off"))?;
        match Transaction::new_unchecked(connection, TransactionBehavior::Immediate) {
            Ok(transaction) => {
                let mut ingest = IngestTransaction {
                    connection,
                    path,
                    transaction: Some(transaction),
                    report: IngestReport::default(),
                };
                // Reports stored by a truce older than real-world events join theirs first, so
                // that new reports can join them too.
                if let Some(transaction) = &ingest.transaction {
                    crate::world_events::join_unjoined_reports(
                        transaction,
                        path,
                        &mut ingest.report,
                    )?;
                }
                Ok(ingest)
            }
            Err(source) => {
                // Best effort: the error that matters is the one that stopped the ingest.
                let _ = connection.pragma_update(None, "foreign_keys", true);
                let _ = connection.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, false);
                Err(sqlite(path, "starting an ingest transaction")(source))
            }
        }
    }

    /// Record that the article with `duplicate_content_hash` repeats the earlier article with
    /// `first_copy_content_hash`. Returns false when this link was already recorded.
    pub fn record_duplicate_link(
        &mut self,
        duplicate_content_hash: &str,
        first_copy_content_hash: &str,
        kind: DuplicateKind,
        similarity: f64,
    ) -> Result<bool, StoreError> {
        let operation = "recording a duplicate link";
        if !(0.0..=1.0).contains(&similarity) {
            return Err(StoreError::InvalidDuplicateLink {
                path: self.path.clone(),
                reason: format!("similarity {similarity} is not between 0 and 1"),
            });
        }
        if duplicate_content_hash == first_copy_content_hash {
            return Err(StoreError::InvalidDuplicateLink {
                path: self.path.clone(),
                reason: "an article cannot duplicate itself".to_string(),
            });
        }
        let duplicate_pk = self.article_pk(duplicate_content_hash, operation)?;
        let first_copy_pk = self.article_pk(first_copy_content_hash, operation)?;
        let n_inserted = self
            .connection
            .execute(
                "INSERT INTO duplicate_links (article_pk, first_copy_pk, kind, similarity)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (article_pk, first_copy_pk) DO NOTHING",
                (duplicate_pk, first_copy_pk, kind.as_str(), similarity),
            )
            .map_err(self.sqlite_error(operation))?;
        Ok(n_inserted > 0)
    }

    /// Every recorded duplicate link, oldest first.
    pub fn duplicate_links(&self) -> Result<Vec<DuplicateLink>, StoreError> {
        let operation = "reading duplicate links";
        let rows: Vec<(String, String, String, f64)> = self
            .connection
            .prepare(
                "SELECT duplicate.content_hash, first_copy.content_hash, link.kind, link.similarity
                 FROM duplicate_links AS link
                 JOIN articles AS duplicate_article ON duplicate_article.article_pk = link.article_pk
                 JOIN documents AS duplicate ON duplicate.document_pk = duplicate_article.document_pk
                 JOIN articles AS first_article ON first_article.article_pk = link.first_copy_pk
                 JOIN documents AS first_copy ON first_copy.document_pk = first_article.document_pk
                 ORDER BY link.link_pk",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                    })?
                    .collect()
            })
            .map_err(self.sqlite_error(operation))?;
        rows.into_iter()
            .map(|(duplicate, first_copy, kind, similarity)| {
                let kind = DuplicateKind::from_stored(&kind).ok_or_else(|| {
                    StoreError::InvalidDuplicateLink {
                        path: self.path.clone(),
                        reason: format!("stored link kind `{kind}` is neither exact nor near"),
                    }
                })?;
                Ok(DuplicateLink {
                    duplicate_content_hash: duplicate,
                    first_copy_content_hash: first_copy,
                    kind,
                    similarity,
                })
            })
            .collect()
    }

    /// Calls `visit` with the content hash and stored signature of every first copy that has
    /// one, oldest first, so a new ingest can find copies of articles stored by earlier runs.
    /// Rows are streamed, not collected: a store of millions of articles is read in one pass.
    pub fn for_each_signature(&self, mut visit: impl FnMut(&str, &[u8])) -> Result<(), StoreError> {
        let operation = "reading near-duplicate signatures";
        let mut statement = self
            .connection
            .prepare(
                "SELECT document.content_hash, signature.signature
                 FROM article_signatures AS signature
                 JOIN articles AS article ON article.article_pk = signature.article_pk
                 JOIN documents AS document ON document.document_pk = article.document_pk
                 ORDER BY signature.article_pk",
            )
            .map_err(self.sqlite_error(operation))?;
        let mut rows = statement.query([]).map_err(self.sqlite_error(operation))?;
        while let Some(row) = rows.next().map_err(self.sqlite_error(operation))? {
            let content_hash = row
                .get_ref(0)
                .and_then(|value| Ok(value.as_str()?))
                .map_err(self.sqlite_error(operation))?;
            let signature = row
                .get_ref(1)
                .and_then(|value| Ok(value.as_blob()?))
                .map_err(self.sqlite_error(operation))?;
            visit(content_hash, signature);
        }
        Ok(())
    }

    /// Replace the stored signatures of the first copies with these content hashes, in one
    /// transaction, as when signatures of an older format are recomputed from the article text.
    /// Returns how many signatures were replaced; a content hash with no signature row is skipped.
    pub fn replace_signatures(
        &mut self,
        signatures: &[(String, Vec<u8>)],
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let operation = "replacing near-duplicate signatures";
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite(&path, operation))?;
        let mut n_replaced = 0;
        {
            let mut statement = transaction
                .prepare_cached(&format!(
                    "UPDATE article_signatures SET signature = ?2
                         WHERE article_pk = ({ARTICLE_PK_BY_CONTENT_HASH})"
                ))
                .map_err(sqlite(&path, operation))?;
            for (content_hash, signature) in signatures {
                n_replaced += statement
                    .execute((content_hash, signature))
                    .map_err(sqlite(&path, operation))?;
            }
        }
        transaction.commit().map_err(sqlite(&path, operation))?;
        Ok(n_replaced)
    }

    fn article_pk(&self, content_hash: &str, operation: &'static str) -> Result<i64, StoreError> {
        self.connection
            .query_row(ARTICLE_PK_BY_CONTENT_HASH, [content_hash], |row| row.get(0))
            .optional()
            .map_err(self.sqlite_error(operation))?
            .ok_or_else(|| StoreError::UnknownContentHash {
                path: self.path.clone(),
                operation,
                content_hash: content_hash.to_string(),
            })
    }
}

/// One open ingest transaction (see [`Store::begin_ingest`]): articles are written as they come,
/// and become visible and durable together when it commits.
pub struct IngestTransaction<'store> {
    connection: &'store rusqlite::Connection,
    path: &'store Path,
    /// Always `Some` until the transaction is committed or dropped.
    transaction: Option<Transaction<'store>>,
    report: IngestReport,
}

impl IngestTransaction<'_> {
    /// Write one item: its article and then its signature or its link. An article whose
    /// content hash is already stored (before, or earlier in this transaction) writes nothing and
    /// counts as a duplicate. Items go in input order, so a copy may follow its first copy.
    pub fn write(&mut self, item: IngestItem<'_>) -> Result<(), StoreError> {
        let Some(transaction) = &self.transaction else {
            return Err(StoreError::Sqlite {
                path: self.path.to_path_buf(),
                operation: "writing to a finished ingest transaction",
                source: rusqlite::Error::InvalidQuery,
            });
        };
        write_item(transaction, self.path, item, &mut self.report)
    }

    /// What has been written in this transaction so far.
    pub fn report(&self) -> &IngestReport {
        &self.report
    }

    /// Commit everything written, and return what was written.
    pub fn commit(mut self) -> Result<IngestReport, StoreError> {
        let path = self.path;
        let Some(transaction) = self.transaction.take() else {
            return Ok(self.report);
        };
        if self.report.duplicates > 0 {
            transaction
                .execute(
                    "INSERT INTO counters (name, value) VALUES (?1, ?2)
                     ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                    (REPEATED_CONTENT_COUNTER, self.report.duplicates),
                )
                .map_err(sqlite(path, "counting repeated content"))?;
        }
        transaction
            .commit()
            .map_err(sqlite(path, "committing an ingest batch"))?;
        self.connection
            .pragma_update(None, "foreign_keys", true)
            .map_err(sqlite(path, "switching foreign key checks back on"))?;
        self.connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, false)
            .map_err(sqlite(
                path,
                "letting query plans follow bound values again",
            ))?;
        Ok(self.report)
    }
}

impl Drop for IngestTransaction<'_> {
    fn drop(&mut self) {
        // An uncommitted transaction rolls back as it drops; the checks come back on after it,
        // as the pragma cannot change while a transaction is open.
        drop(self.transaction.take());
        let _ = self.connection.pragma_update(None, "foreign_keys", true);
        let _ = self
            .connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, false);
    }
}

pub(crate) fn sqlite<'path>(
    path: &'path Path,
    operation: &'static str,
) -> impl FnOnce(rusqlite::Error) -> StoreError + 'path {
    move |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        operation,
        source,
    }
}

/// The serde name of a unit enum variant (`"url"` for `DateSource::Url`), so stored names always
/// match the JSON the rest of truce writes.
pub(crate) fn serde_name<T: Serialize>(
    value: &T,
    path: &Path,
    operation: &'static str,
) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        Ok(other) => Err(StoreError::CorruptRecord {
            path: path.to_path_buf(),
            operation,
            source: serde::ser::Error::custom(format!("expected a name, got {other}")),
        }),
        Err(source) => Err(StoreError::CorruptRecord {
            path: path.to_path_buf(),
            operation,
            source,
        }),
    }
}

fn to_json<T: Serialize + ?Sized>(
    value: &T,
    path: &Path,
    operation: &'static str,
) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|source| StoreError::CorruptRecord {
        path: path.to_path_buf(),
        operation,
        source,
    })
}

/// Store one item: its article, then its signature or its link.
fn write_item(
    transaction: &Transaction<'_>,
    path: &Path,
    item: IngestItem<'_>,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    let Some(article_pk) = write_article(transaction, path, item.origin, item.article, report)?
    else {
        report.duplicates += 1;
        return Ok(());
    };
    if let Some(copy_of) = item.copy_of {
        if !(0.0..=1.0).contains(&copy_of.similarity) {
            return Err(StoreError::InvalidDuplicateLink {
                path: path.to_path_buf(),
                reason: format!("similarity {} is not between 0 and 1", copy_of.similarity),
            });
        }
        let first_copy_pk = transaction
            .prepare_cached(ARTICLE_PK_BY_CONTENT_HASH)
            .and_then(|mut statement| {
                statement
                    .query_row([copy_of.first_copy_content_hash], |row| {
                        row.get::<_, i64>(0)
                    })
                    .optional()
            })
            .map_err(sqlite(path, "finding a copy's first copy"))?;
        match first_copy_pk {
            Some(first_copy_pk) if first_copy_pk != article_pk => {
                transaction
                    .prepare_cached(
                        "INSERT INTO duplicate_links (article_pk, first_copy_pk, kind, similarity)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (article_pk, first_copy_pk) DO NOTHING",
                    )
                    .and_then(|mut statement| {
                        statement.execute((
                            article_pk,
                            first_copy_pk,
                            copy_of.kind.as_str(),
                            copy_of.similarity,
                        ))
                    })
                    .map_err(sqlite(path, "recording a duplicate link"))?;
                report.linked_copies += 1;
                match copy_of.kind {
                    DuplicateKind::Near => report.near_duplicate_links += 1,
                    DuplicateKind::Exact => report.exact_duplicate_links += 1,
                }
            }
            _ => {
                report.copies_without_first_copy += 1;
                report.new_articles += 1;
            }
        }
        return Ok(());
    }
    report.new_articles += 1;
    if let Some(signature) = item.signature {
        transaction
            .prepare_cached(
                "INSERT INTO article_signatures (article_pk, signature) VALUES (?1, ?2)",
            )
            .and_then(|mut statement| statement.execute((article_pk, signature)))
            .map_err(sqlite(path, "storing a near-duplicate signature"))?;
    }
    Ok(())
}

/// Store one article with what was found in it; `None` when its content is already stored.
fn write_article(
    transaction: &Transaction<'_>,
    path: &Path,
    origin: Option<&str>,
    processed: &ProcessedArticle,
    report: &mut IngestReport,
) -> Result<Option<i64>, StoreError> {
    let operation = "storing an article";
    let article = &processed.article;
    if processed.content_hash.trim().is_empty() {
        return Err(StoreError::InvalidArticle {
            path: path.to_path_buf(),
            operation,
            article_id: article.id.clone(),
            reason: "it has no content hash, so it could not be ingested idempotently".to_string(),
        });
    }
    let n_inserted = transaction
        .prepare_cached(
            "INSERT INTO documents (origin, doc_id, content_hash, ingested_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT (content_hash) DO NOTHING",
        )
        .and_then(|mut statement| statement.execute((origin, &article.id, &processed.content_hash)))
        .map_err(sqlite(path, "storing a document"))?;
    if n_inserted == 0 {
        return Ok(None);
    }
    let document_pk = transaction.last_insert_rowid();
    let date_source = article
        .date_source
        .as_ref()
        .map(|source| serde_name(source, path, operation))
        .transpose()?;
    transaction
        .prepare_cached(
            "INSERT INTO articles (document_pk, article_id, url, title, date, date_precision,
                 date_source, lang, lang_confidence, text, source_url, outlet, authors, diagnostics)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )
        .and_then(|mut statement| {
            statement.execute(rusqlite::params![
                document_pk,
                article.id,
                article.url,
                article.title,
                article.date.map(|date| date.to_iso_prefix()),
                article.date.map(|date| date.precision.as_str()),
                date_source,
                article.lang,
                article.lang_confidence,
                article.text,
                article.source_url,
                article.outlet,
                to_json(&article.authors, path, operation).map_err(to_sqlite_input)?,
                to_json(&processed.diagnostics, path, operation).map_err(to_sqlite_input)?,
            ])
        })
        .map_err(sqlite(path, operation))?;
    let article_pk = transaction.last_insert_rowid();

    {
        let mut statement = transaction
            .prepare_cached(
                "INSERT INTO article_sources (article_pk, idx, source) VALUES (?1, ?2, ?3)",
            )
            .map_err(sqlite(path, "storing credited sources"))?;
        for (source_idx, source) in article.credited_sources.iter().enumerate() {
            statement
                .execute((article_pk, source_idx, source))
                .map_err(sqlite(path, "storing credited sources"))?;
        }
    }
    {
        let mut statement = transaction
            .prepare_cached(
                "INSERT INTO sentences (article_pk, idx, start, \"end\") VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(sqlite(path, "storing sentences"))?;
        for (sentence_idx, sentence) in processed.sentences.iter().enumerate() {
            statement
                .execute((
                    article_pk,
                    sentence_idx,
                    sentence.span.start,
                    sentence.span.end,
                ))
                .map_err(sqlite(path, "storing sentences"))?;
            report.sentences += 1;
        }
    }
    {
        let mut statement = transaction
            .prepare_cached(
                "INSERT INTO mentions (article_pk, idx, kind, start, \"end\", code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite(path, "storing mentions"))?;
        for (mention_idx, mention) in processed.mentions.iter().enumerate() {
            statement
                .execute((
                    article_pk,
                    mention_idx,
                    mention.kind.as_str(),
                    mention.span.start,
                    mention.span.end,
                    &mention.code,
                ))
                .map_err(sqlite(path, "storing mentions"))?;
            report.mentions += 1;
        }
    }
    {
        let mut statement = transaction
            .prepare_cached(
                "INSERT INTO place_mentions (article_pk, idx, start, \"end\", kind, cue, name,
                     geonames_id, lat, lon, country, admin1, feature, precision, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )
            .map_err(sqlite(path, "storing place mentions"))?;
        for (place_idx, place) in processed.places.iter().enumerate() {
            statement
                .execute(rusqlite::params![
                    article_pk,
                    place_idx,
                    place.span.start,
                    place.span.end,
                    place_kind_name(place.kind),
                    place_cue_name(place.cue),
                    &place.name,
                    place.geonames_id,
                    place.lat,
                    place.lon,
                    &place.country,
                    &place.admin1,
                    &place.feature,
                    place.precision.map(|precision| precision.as_str()),
                    place.confidence,
                ])
                .map_err(sqlite(path, "storing place mentions"))?;
        }
    }
    let mut earlier_event_ids = EarlierEventIds::default();
    for event in &processed.events {
        if earlier_event_ids.contains(transaction, path, article_pk, &event.doc_id, &event.id)? {
            report.events_already_stored += 1;
            continue;
        }
        let facts = truce_dedupe::same_event::ReportFacts::of_record(article_pk, event);
        let published = article.date.map(|date| date.to_iso_prefix());
        let world_event_pk = crate::world_events::world_event_for(
            transaction,
            path,
            &event.id,
            published.as_deref(),
            &facts,
            report,
        )?;
        let event_pk = write_event(
            transaction,
            path,
            article,
            article_pk,
            event,
            world_event_pk,
            report,
        )?;
        earlier_event_ids.written(&event.id);
        crate::world_events::file_report(transaction, path, event_pk, &facts)?;
    }
    Ok(Some(article_pk))
}

/// Lets a serialisation failure inside a parameter list abort the statement like a SQLite error.
fn to_sqlite_input(error: StoreError) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(error))
}

/// The event ids of the other articles with a document id.
const EVENT_IDS_OF_EARLIER_VERSIONS: &str = "SELECT event.event_id FROM articles AS article
     JOIN events AS event ON event.article_pk = article.article_pk
     WHERE article.article_id = ?1 AND article.article_pk <> ?2";

/// The ids of events already stored that an article's events must not repeat.
///
/// An event id is a hash that begins with its document id, so only events of an earlier
/// article with the same document id (an edited version of it) or of the same article can
/// share an id. Looking them up per document id, once per article, keeps a random-key unique
/// index off the events table, which cost a B-tree page for almost every event written.
#[derive(Default)]
struct EarlierEventIds {
    /// Document ids looked up so far, each with the ids of its earlier versions' events.
    by_doc_id: Vec<(String, HashSet<String>)>,
    written_in_this_article: Vec<String>,
}

impl EarlierEventIds {
    /// Notes that the article's event `event_id` has been written.
    fn written(&mut self, event_id: &str) {
        self.written_in_this_article.push(event_id.to_string());
    }

    fn contains(
        &mut self,
        transaction: &Transaction<'_>,
        path: &Path,
        article_pk: i64,
        doc_id: &str,
        event_id: &str,
    ) -> Result<bool, StoreError> {
        if self.written_in_this_article.iter().any(|id| id == event_id) {
            return Ok(true);
        }
        if let Some((_, ids)) = self.by_doc_id.iter().find(|(known, _)| known == doc_id) {
            return Ok(ids.contains(event_id));
        }
        let ids = transaction
            .prepare_cached(EVENT_IDS_OF_EARLIER_VERSIONS)
            .and_then(|mut statement| {
                statement
                    .query_map((doc_id, article_pk), |row| row.get::<_, String>(0))?
                    .collect::<Result<HashSet<String>, _>>()
            })
            .map_err(sqlite(
                path,
                "looking for events of an earlier version of a document",
            ))?;
        let found = ids.contains(event_id);
        self.by_doc_id.push((doc_id.to_string(), ids));
        Ok(found)
    }
}

fn write_event(
    transaction: &Transaction<'_>,
    path: &Path,
    article: &Article,
    article_pk: i64,
    event: &EventRecord,
    world_event_pk: i64,
    report: &mut IngestReport,
) -> Result<i64, StoreError> {
    let operation = "storing an event";
    // Nearly every event is given back exactly by its columns, actors, evidence spans and
    // article; the few that are not keep their whole record.
    let record_json = if columns_give_back(event, article) {
        None
    } else {
        Some(to_json(event, path, operation)?)
    };
    let context_json = to_json(&event.context, path, operation)?;
    let issues_json = to_json(&event.issues, path, operation)?;
    let date_precision = event.date_precision.map(|precision| precision.as_str());
    let (date_start, date_end) = match event_date(event.date.as_deref(), event.date_precision) {
        Some(date) => {
            let (start, end) = covered_days(&date);
            (Some(start), Some(end))
        }
        None => (None, None),
    };
    let location = event.location.as_ref();
    transaction
        .prepare_cached(
            "INSERT INTO events (event_id, article_pk, doc_id, event, mode, context, cameo,
                 quad_class, goldstein, acled, date, date_precision, date_start, date_end,
                 date_is_publication, location_name, location_country, location_admin1,
                 location_lat, location_lon, location_geonames_id, location_precision,
                 fatalities_best, fatalities_low, fatalities_high, size,
                 negated, future, hypothetical, historical, issues, record_json, world_event_pk)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,
                 ?33)",
        )
        .and_then(|mut statement| {
            statement.execute(rusqlite::params![
                event.id,
                article_pk,
                event.doc_id,
                event.event.as_str(),
                event.mode,
                context_json,
                event.cameo,
                event.quad_class,
                event.goldstein,
                event.acled,
                event.date,
                date_precision,
                date_start,
                date_end,
                event.date_is_publication,
                location.map(|location| &location.name),
                location.and_then(|location| location.country.as_ref()),
                location.and_then(|location| location.admin1.as_ref()),
                location.and_then(|location| location.lat),
                location.and_then(|location| location.lon),
                location.and_then(|location| location.geonames_id),
                location
                    .and_then(|location| location.precision.map(|precision| precision.as_str())),
                event.fatalities.best,
                event.fatalities.low,
                event.fatalities.high,
                event.size,
                event.flags.negated,
                event.flags.future,
                event.flags.hypothetical,
                event.flags.historical,
                issues_json,
                record_json,
                world_event_pk,
            ])
        })
        .map_err(sqlite(path, operation))?;
    let event_pk = transaction.last_insert_rowid();
    report.events += 1;

    let mut actor_statement = transaction
        .prepare_cached(
            "INSERT INTO event_actors (event_pk, role, idx, text, code, country, sector,
                 country_source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .map_err(sqlite(path, "storing event actors"))?;
    let roles: [(&str, &[ActorRef]); 2] =
        [("actor", &event.actor), ("recipient", &event.recipient)];
    for (role, actors) in roles {
        for (actor_idx, actor) in actors.iter().enumerate() {
            actor_statement
                .execute((
                    event_pk,
                    role,
                    actor_idx,
                    &actor.text,
                    &actor.code,
                    &actor.country,
                    &actor.sector,
                    actor.country_source.map(|source| source.as_str()),
                ))
                .map_err(sqlite(path, "storing event actors"))?;
        }
    }
    let mut evidence_statement = transaction
        .prepare_cached(
            "INSERT INTO evidence (event_pk, idx, doc_id, start, \"end\")
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(sqlite(path, "storing evidence"))?;
    for (evidence_idx, evidence) in event.evidence.iter().enumerate() {
        evidence_statement
            .execute((
                event_pk,
                evidence_idx,
                &evidence.doc_id,
                evidence.start,
                evidence.end,
            ))
            .map_err(sqlite(path, "storing evidence"))?;
    }
    Ok(event_pk)
}

/// A place mention's kind as the store writes it.
pub(crate) fn place_kind_name(kind: truce_core::PlaceMentionKind) -> &'static str {
    match kind {
        truce_core::PlaceMentionKind::Place => "place",
        truce_core::PlaceMentionKind::Demonym => "demonym",
    }
}

/// A place mention's cue as the store writes it.
pub(crate) fn place_cue_name(cue: truce_core::PlaceCue) -> &'static str {
    match cue {
        truce_core::PlaceCue::Preposition => "preposition",
        truce_core::PlaceCue::Dateline => "dateline",
        truce_core::PlaceCue::Bare => "bare",
        truce_core::PlaceCue::Modifier => "modifier",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{article, event, fully_populated_article};
    use crate::{EventFilter, StoreStats};
    use truce_core::{DatePrecision, PloverEvent};

    fn count(store: &Store, table: &str) -> i64 {
        store
            .connection
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap()
    }

    #[test]
    fn an_article_and_its_event_come_back_exactly_as_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let processed = fully_populated_article();
        let report = store
            .ingest_batch(std::slice::from_ref(&processed))
            .unwrap();
        assert_eq!(
            report,
            IngestReport {
                new_articles: 1,
                duplicates: 0,
                linked_copies: 0,
                near_duplicate_links: 0,
                exact_duplicate_links: 0,
                copies_without_first_copy: 0,
                events: 1,
                events_already_stored: 0,
                mentions: 2,
                sentences: 2,
                world_events_started: 1,
                reports_joined: 0,
                world_event_merges: 0,
            }
        );
        let loaded = store
            .load_article(&processed.content_hash)
            .unwrap()
            .unwrap();
        assert_eq!(loaded, processed);
        assert_eq!(
            store.events(&EventFilter::default()).unwrap(),
            processed.events
        );
        assert_eq!(count(&store, "event_actors"), 2);
        assert_eq!(count(&store, "evidence"), 1);
        assert_eq!(count(&store, "article_sources"), 2);
        assert!(store.load_article("no such hash").unwrap().is_none());
    }

    /// The stored JSON of each event, in the order written (`None` where the columns hold it).
    fn stored_record_json(store: &Store) -> Vec<Option<String>> {
        store
            .connection
            .prepare("SELECT record_json FROM events ORDER BY event_pk")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn an_event_the_columns_give_back_is_stored_without_its_json_and_reads_back_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let mut processed = fully_populated_article();
        processed.events[0].sources = processed.article.credited_sources.clone();
        processed.events[0].evidence[0].url = processed.article.url.clone();
        // A second event with two recipients and two evidence sentences, the second in
        // multi-byte text, so order and byte spans both have to hold.
        processed
            .article
            .text
            .push_str(" Ribuan warga mengungsi ke Yerevan, kata pejabat.");
        processed.content_hash = crate::test_support::content_hash(&processed.article.text);
        let mut second = processed.events[0].clone();
        second.id = "second".into();
        second.location = None;
        second.recipient.push(ActorRef {
            text: "Armenia".into(),
            code: "ARM".into(),
            country: Some("ARM".into()),
            sector: None,
            country_source: None,
        });
        let tail_start = processed.article.text.find("Ribuan").unwrap();
        let mut tail = second.evidence[0].clone();
        tail.start = tail_start;
        tail.end = processed.article.text.len();
        tail.sentence = processed.article.text[tail_start..].to_string();
        second.evidence.push(tail);
        processed.events.push(second);
        store
            .ingest_batch(std::slice::from_ref(&processed))
            .unwrap();
        assert_eq!(stored_record_json(&store), vec![None, None]);
        let loaded = store
            .load_article(&processed.content_hash)
            .unwrap()
            .unwrap();
        assert_eq!(loaded.events, processed.events);
        let mut queried = store.events(&EventFilter::default()).unwrap();
        queried.sort_by(|a, b| a.id.cmp(&b.id));
        let mut expected = processed.events.clone();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(queried, expected);
    }

    #[test]
    fn an_event_its_rows_cannot_give_back_keeps_its_whole_record() {
        let mut store = Store::open_in_memory().unwrap();
        // Each of these differs from what the article alone would give back.
        let variants: [fn(&mut EventRecord); 4] = [
            |event| event.sources = vec!["only one of the article's sources".into()],
            |event| event.evidence[0].lang = Some("ms".into()),
            |event| event.evidence[0].url = None,
            |event| event.evidence[0].sentence.push_str(" (edited)"),
        ];
        for (variant_idx, change) in variants.iter().enumerate() {
            let mut processed = fully_populated_article();
            processed.article.id = format!("variant-{variant_idx}");
            processed
                .article
                .text
                .push_str(&format!(" Varian {variant_idx}."));
            processed.content_hash = crate::test_support::content_hash(&processed.article.text);
            processed.events[0].doc_id = processed.article.id.clone();
            processed.events[0].sources = processed.article.credited_sources.clone();
            processed.events[0].evidence[0].url = processed.article.url.clone();
            change(&mut processed.events[0]);
            store
                .ingest_batch(std::slice::from_ref(&processed))
                .unwrap();
            let loaded = store
                .load_article(&processed.content_hash)
                .unwrap()
                .unwrap();
            assert_eq!(loaded.events, processed.events, "variant {variant_idx}");
        }
        assert!(stored_record_json(&store).iter().all(Option::is_some));
    }

    #[test]
    fn ingesting_the_same_batch_twice_stores_nothing_new() {
        let mut store = Store::open_in_memory().unwrap();
        let mut first = article("one", "The army withdrew. Talks resumed.");
        first.events = vec![event(
            &first,
            0,
            PloverEvent::Retreat,
            "0874",
            None,
            ("The army", "XXXMIL", None),
            ("", "---", None),
        )];
        let batch = vec![first, article("two", "Protesters gathered.")];
        let first_report = store.ingest_batch(&batch).unwrap();
        assert_eq!(first_report.new_articles, 2);
        let stats_after_first = store.stats().unwrap();

        let second_report = store.ingest_batch(&batch).unwrap();
        assert_eq!(
            second_report,
            IngestReport {
                duplicates: 2,
                ..IngestReport::default()
            }
        );
        let stats_after_second = store.stats().unwrap();
        assert_eq!(
            stats_after_second,
            StoreStats {
                duplicates: 2,
                ..stats_after_first
            }
        );
        assert_eq!(stats_after_second.articles, 2);
        assert_eq!(stats_after_second.sentences, 3);
        assert_eq!(stats_after_second.events, 1);
        assert!(store.contains_content_hash(&batch[1].content_hash).unwrap());
        assert!(!store.contains_content_hash("0000").unwrap());
    }

    #[test]
    fn a_repeat_inside_one_batch_is_a_duplicate_even_under_another_id() {
        let mut store = Store::open_in_memory().unwrap();
        let original = article("outlet-a/1", "Same wire story.");
        let syndicated = article("outlet-b/9", "Same wire story.");
        let report = store.ingest_batch(&[original, syndicated]).unwrap();
        assert_eq!((report.new_articles, report.duplicates), (1, 1));
        assert_eq!(store.stats().unwrap().articles, 1);
    }

    #[test]
    fn a_batch_that_fails_midway_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let good = article("good", "Ministers met in Baku.");
        let also_good = article("also-good", "Troops left the city.");
        let mut bad = article("bad", "A figure too large for SQLite was reported.");
        let mut record = event(
            &bad,
            0,
            PloverEvent::Assault,
            "190",
            None,
            ("A", "AAA", None),
            ("B", "BBB", None),
        );
        // SQLite integers are signed 64-bit, so this count cannot be stored and the write of
        // the third article fails after the first two were written inside the transaction.
        record.fatalities.best = Some(u64::MAX);
        bad.events = vec![record];

        let error = store
            .ingest_batch(&[good.clone(), also_good.clone(), bad])
            .unwrap_err();
        assert!(error.to_string().contains(":memory:"), "{error}");
        assert!(error.to_string().contains("storing an event"), "{error}");
        assert_eq!(store.stats().unwrap(), StoreStats::default());
        for table in ["documents", "articles", "sentences", "events", "counters"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        assert!(!store.contains_content_hash(&good.content_hash).unwrap());

        // The store is still usable and the good articles go in on their own.
        let report = store.ingest_batch(&[good, also_good]).unwrap();
        assert_eq!(report.new_articles, 2);
    }

    #[test]
    fn an_article_without_a_content_hash_is_refused_and_rolls_back_its_batch() {
        let mut store = Store::open_in_memory().unwrap();
        let good = article("good", "Ministers met in Baku.");
        let mut unhashed = article("unhashed", "No hash here.");
        unhashed.content_hash.clear();
        let error = store.ingest_batch(&[good, unhashed]).unwrap_err();
        assert!(
            matches!(&error, StoreError::InvalidArticle { article_id, .. } if article_id == "unhashed")
        );
        assert_eq!(store.stats().unwrap().articles, 0);
    }

    #[test]
    fn an_event_id_seen_before_is_counted_not_stored_twice() {
        let mut store = Store::open_in_memory().unwrap();
        let version_one = article("story", "Troops withdrew from the border.");
        let mut version_two = article("story", "Troops withdrew from the border. Updated.");
        let mut first = version_one.clone();
        first.events = vec![event(
            &version_one,
            0,
            PloverEvent::Retreat,
            "0874",
            None,
            ("Troops", "XXXMIL", None),
            ("", "---", None),
        )];
        version_two.events = vec![event(
            &version_two,
            0,
            PloverEvent::Retreat,
            "0874",
            None,
            ("Troops", "XXXMIL", None),
            ("", "---", None),
        )];
        assert_eq!(first.events[0].id, version_two.events[0].id);
        let report = store.ingest_batch(&[first, version_two]).unwrap();
        assert_eq!(report.new_articles, 2);
        assert_eq!((report.events, report.events_already_stored), (1, 1));
        assert_eq!(store.stats().unwrap().events, 1);
    }

    #[test]
    fn the_lookup_of_earlier_versions_is_planned_once_and_plans_follow_values_after_the_ingest() {
        let store = Store::open_in_memory().unwrap();
        let qpsg = |store: &Store| {
            store
                .connection
                .db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                .unwrap()
        };
        assert!(!qpsg(&store));
        // Keys 0 and 1 are kept out: SQLite treats a change to or from them apart.
        let articles: Vec<ProcessedArticle> = (2..8)
            .map(|story_idx| {
                let mut processed = article(
                    &format!("story-{story_idx}"),
                    &format!("Troops withdrew from town {story_idx}."),
                );
                processed.events = vec![event(
                    &processed,
                    0,
                    PloverEvent::Retreat,
                    "0874",
                    None,
                    ("Troops", "XXXMIL", None),
                    ("", "---", None),
                )];
                processed
            })
            .collect();
        let mut transaction = store.begin_ingest().unwrap();
        assert!(qpsg(&store));
        for processed in &articles {
            transaction
                .write(IngestItem::plain(None, processed))
                .unwrap();
        }
        transaction.commit().unwrap();
        assert!(
            !qpsg(&store),
            "filters need plans that look at their values"
        );
        let lookup = store
            .connection
            .prepare_cached(EVENT_IDS_OF_EARLIER_VERSIONS)
            .unwrap();
        assert_eq!(
            lookup.get_status(rusqlite::StatementStatus::RePrepare),
            0,
            "the lookup ran for each of the {} articles without being prepared again",
            articles.len()
        );
        drop(lookup);
        // A transaction dropped without committing gives the setting back too.
        drop(store.begin_ingest().unwrap());
        assert!(!qpsg(&store));
    }

    #[test]
    fn origins_are_kept_on_their_documents() {
        let mut store = Store::open_in_memory().unwrap();
        let from_file = article("a", "From a file.");
        let from_stdin = article("b", "From standard input.");
        store
            .ingest_with_origins([(Some("news/a.txt"), &from_file), (None, &from_stdin)])
            .unwrap();
        let origins: Vec<Option<String>> = store
            .connection
            .prepare("SELECT origin FROM documents ORDER BY doc_id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(origins, vec![Some("news/a.txt".to_string()), None]);
    }

    #[test]
    fn copies_are_stored_with_their_link_and_first_copies_with_their_signature() {
        let mut store = Store::open_in_memory().unwrap();
        let first = article("first", "Rebels seized the town on Monday.");
        let near = article("near", "Rebels seized the town on Monday, officials said.");
        let orphan = article("orphan", "Rebels seized a second town on Tuesday.");
        let copy_of_first = CopyOf {
            first_copy_content_hash: &first.content_hash,
            kind: DuplicateKind::Near,
            similarity: 0.8,
        };
        let items = [
            IngestItem {
                signature: Some(b"first signature"),
                ..IngestItem::plain(Some("feed.xml"), &first)
            },
            IngestItem {
                copy_of: Some(copy_of_first),
                ..IngestItem::plain(None, &near)
            },
            IngestItem {
                copy_of: Some(CopyOf {
                    first_copy_content_hash: "never stored",
                    ..copy_of_first
                }),
                ..IngestItem::plain(None, &orphan)
            },
        ];
        let report = store.ingest_items(items).unwrap();
        assert_eq!(
            (
                report.new_articles,
                report.linked_copies,
                report.copies_without_first_copy
            ),
            (2, 1, 1)
        );
        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.duplicates), (2, 1));
        assert_eq!(store.duplicate_links().unwrap().len(), 1);
        let stored_signatures = |store: &Store| {
            let mut signatures = Vec::new();
            store
                .for_each_signature(|hash, signature| {
                    signatures.push((hash.to_string(), signature.to_vec()));
                })
                .unwrap();
            signatures
        };
        assert_eq!(
            stored_signatures(&store),
            vec![(first.content_hash.clone(), b"first signature".to_vec())]
        );
        // A signature of an older format is replaced in place; a copy has no row to replace.
        let replaced = store
            .replace_signatures(&[
                (first.content_hash.clone(), b"re-signed".to_vec()),
                (near.content_hash.clone(), b"not a first copy".to_vec()),
            ])
            .unwrap();
        assert_eq!(replaced, 1);
        assert_eq!(
            stored_signatures(&store),
            vec![(first.content_hash.clone(), b"re-signed".to_vec())]
        );
        // Offering the same items again stores nothing and links nothing twice.
        let again = store.ingest_items(items).unwrap();
        assert_eq!(
            (again.new_articles, again.linked_copies, again.duplicates),
            (0, 0, 3)
        );
        assert_eq!(store.duplicate_links().unwrap().len(), 1);
    }

    #[test]
    fn an_open_ingest_transaction_stores_nothing_until_it_commits() {
        let store = Store::open_in_memory().unwrap();
        let first = article("first", "Rebels seized the town on Monday.");
        let second = article("second", "Talks resumed in Doha on Tuesday.");
        let foreign_keys = |store: &Store| -> bool {
            store
                .connection
                .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
                .unwrap()
        };
        {
            let mut transaction = store.begin_ingest().unwrap();
            transaction.write(IngestItem::plain(None, &first)).unwrap();
            assert_eq!(transaction.report().new_articles, 1);
            // Dropped without a commit: rolled back.
        }
        assert_eq!(store.stats().unwrap().articles, 0);
        assert!(foreign_keys(&store));

        let mut transaction = store.begin_ingest().unwrap();
        assert!(
            store.begin_ingest().is_err(),
            "a second transaction cannot open beside the first"
        );
        transaction.write(IngestItem::plain(None, &first)).unwrap();
        transaction.write(IngestItem::plain(None, &second)).unwrap();
        transaction.write(IngestItem::plain(None, &first)).unwrap();
        let report = transaction.commit().unwrap();
        assert_eq!((report.new_articles, report.duplicates), (2, 1));
        assert_eq!(store.stats().unwrap().articles, 2);
        assert!(foreign_keys(&store));
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    }

    #[test]
    fn duplicate_links_are_recorded_once_and_counted() {
        let mut store = Store::open_in_memory().unwrap();
        let first = article("first", "Rebels seized the town on Monday.");
        let near = article("near", "Rebels seized the town on Monday, officials said.");
        store.ingest_batch(&[first.clone(), near.clone()]).unwrap();
        let link = |store: &mut Store, similarity| {
            store.record_duplicate_link(
                &near.content_hash,
                &first.content_hash,
                DuplicateKind::Near,
                similarity,
            )
        };
        assert!(link(&mut store, 0.91).unwrap());
        assert!(!link(&mut store, 0.91).unwrap());
        assert_eq!(store.stats().unwrap().duplicates, 1);
        assert_eq!(
            store.duplicate_links().unwrap(),
            vec![DuplicateLink {
                duplicate_content_hash: near.content_hash.clone(),
                first_copy_content_hash: first.content_hash.clone(),
                kind: DuplicateKind::Near,
                similarity: 0.91,
            }]
        );
        assert!(matches!(
            link(&mut store, 1.5),
            Err(StoreError::InvalidDuplicateLink { .. })
        ));
        assert!(matches!(
            store.record_duplicate_link("missing", &first.content_hash, DuplicateKind::Exact, 1.0),
            Err(StoreError::UnknownContentHash { .. })
        ));
        assert!(matches!(
            store.record_duplicate_link(
                &first.content_hash,
                &first.content_hash,
                DuplicateKind::Exact,
                1.0
            ),
            Err(StoreError::InvalidDuplicateLink { .. })
        ));
    }

    #[test]
    fn event_dates_are_stored_with_the_days_they_cover() {
        let mut store = Store::open_in_memory().unwrap();
        let mut processed = article("dated", "In the 1990s the border was closed.");
        processed.events = vec![event(
            &processed,
            0,
            PloverEvent::Coerce,
            "17",
            Some(("1990", DatePrecision::Decade)),
            ("", "---", None),
            ("", "---", None),
        )];
        store.ingest_batch(&[processed]).unwrap();
        let (start, end): (String, String) = store
            .connection
            .query_row("SELECT date_start, date_end FROM events", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!((start.as_str(), end.as_str()), ("1990-01-01", "1999-12-31"));
    }
}
