//! The index of first copies: exact copies by normalised-text hash, near copies by MinHash sketches split into LSH bands.

use crate::signature::{SKETCH_LENGTH, TextSignature};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The similarity from which a text counts as a near copy by default: half of the two texts'
/// distinct three-word shingles are shared. Copies with a few words changed or a paragraph of
/// boilerplate added score well above it; two outlets' own reports of the same event, which share
/// names and the odd quotation, score well below.
pub const DEFAULT_NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;

/// The sketch is cut into this many bands of [`ROWS_PER_BAND`] values; two texts become
/// candidates when any band is equal. With 32 bands of 4 rows a pair at similarity 0.5 is found
/// with probability 0.87, at 0.6 with 0.985 and at 0.7 with 0.9998, while a pair at 0.1 is
/// compared with probability 0.003, so lookups stay far below one comparison per stored text.
const N_BANDS: usize = 32;
const ROWS_PER_BAND: usize = SKETCH_LENGTH / N_BANDS;

/// Marks the end of a bucket's chain.
const NO_ENTRY: u32 = u32::MAX;

/// Errors building an index.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DedupeError {
    #[error("near-duplicate threshold {threshold} is not in (0, 1]")]
    InvalidThreshold { threshold: f64 },
}

/// How a text was found to repeat a first copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The same words in the same order; only case, punctuation or spacing differ.
    Exact,
    /// Estimated shingle similarity at or above the index's threshold.
    Near,
}

/// The first copy a text repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateMatch {
    /// The content hash the first copy was inserted with.
    pub first_copy_content_hash: String,
    /// Estimated Jaccard similarity of the shingle sets, in `[0, 1]`; 1 for an exact copy.
    pub similarity: f64,
    pub kind: MatchKind,
}

/// First copies of texts, to find which earlier text a new one repeats.
///
/// Insert only first copies: a text found to repeat another is linked to it, not indexed, so a
/// chain of copies all point at the original. Lookups cost one hash-table probe per band plus
/// one sketch comparison per candidate, whatever the number of stored texts.
#[derive(Debug)]
pub struct NearDuplicateIndex {
    threshold: f64,
    content_hashes: Vec<String>,
    signatures: Vec<TextSignature>,
    /// Normalised-text hash → the first entry with it.
    by_normalised_text: HashMap<u64, u32, BuildHasherDefault<PreMixedKeyHasher>>,
    /// Per band: band value → the latest entry with it; older ones follow through `bucket_next`.
    band_heads: Vec<HashMap<u64, u32, BuildHasherDefault<PreMixedKeyHasher>>>,
    /// Per band and entry: the next older entry with the same band value, or [`NO_ENTRY`].
    /// Chaining through a flat array costs 4 bytes per entry and band, where a list per bucket
    /// would cost an allocation each.
    bucket_next: Vec<Vec<u32>>,
}

impl Default for NearDuplicateIndex {
    fn default() -> NearDuplicateIndex {
        NearDuplicateIndex::with_valid_threshold(DEFAULT_NEAR_DUPLICATE_THRESHOLD)
    }
}

impl NearDuplicateIndex {
    /// An empty index that calls a text a near copy from `threshold` similarity on (`(0, 1]`).
    pub fn new(threshold: f64) -> Result<NearDuplicateIndex, DedupeError> {
        if threshold > 0.0 && threshold <= 1.0 {
            Ok(NearDuplicateIndex::with_valid_threshold(threshold))
        } else {
            Err(DedupeError::InvalidThreshold { threshold })
        }
    }

    fn with_valid_threshold(threshold: f64) -> NearDuplicateIndex {
        NearDuplicateIndex {
            threshold,
            content_hashes: Vec::new(),
            signatures: Vec::new(),
            by_normalised_text: HashMap::default(),
            band_heads: (0..N_BANDS).map(|_| HashMap::default()).collect(),
            bucket_next: vec![Vec::new(); N_BANDS],
        }
    }

    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// How many first copies the index holds.
    pub fn len(&self) -> usize {
        self.content_hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.content_hashes.is_empty()
    }

    /// Index `text` as a first copy known by `content_hash`.
    pub fn insert(&mut self, content_hash: impl Into<String>, text: &str) {
        self.insert_signature(content_hash, TextSignature::of(text));
    }

    /// The first copy `text` repeats, if any: an exact copy when its normalised words equal
    /// those of an indexed text, else the most similar indexed text at or above the threshold
    /// (the earliest inserted among equals).
    pub fn find(&self, text: &str) -> Option<DuplicateMatch> {
        self.find_signature(&TextSignature::of(text))
    }

    /// [`NearDuplicateIndex::insert`] with a signature computed beforehand.
    pub fn insert_signature(&mut self, content_hash: impl Into<String>, signature: TextSignature) {
        // Past four billion entries the chains could not address new ones; such a text is
        // simply not indexed, which only means a later copy of it is not recognised.
        let Ok(entry_idx) = u32::try_from(self.content_hashes.len()) else {
            return;
        };
        if entry_idx == NO_ENTRY {
            return;
        }
        self.by_normalised_text
            .entry(signature.normalised_text_hash)
            .or_insert(entry_idx);
        for band_idx in 0..N_BANDS {
            let next = match signature.band(band_idx, ROWS_PER_BAND) {
                Some(band) => self.band_heads[band_idx]
                    .insert(band_key(band), entry_idx)
                    .unwrap_or(NO_ENTRY),
                None => NO_ENTRY,
            };
            self.bucket_next[band_idx].push(next);
        }
        self.content_hashes.push(content_hash.into());
        self.signatures.push(signature);
    }

    /// [`NearDuplicateIndex::find`] with a signature computed beforehand.
    pub fn find_signature(&self, signature: &TextSignature) -> Option<DuplicateMatch> {
        if let Some(&entry_idx) = self.by_normalised_text.get(&signature.normalised_text_hash)
            && self.signatures[entry_idx as usize].similarity(signature) == Some(1.0)
        {
            return Some(self.matched(entry_idx, 1.0, MatchKind::Exact));
        }
        let mut candidates: Vec<u32> = Vec::new();
        for band_idx in 0..N_BANDS {
            // A text too short for a sketch can only have matched exactly, above.
            let band = signature.band(band_idx, ROWS_PER_BAND)?;
            let mut entry_idx = self.band_heads[band_idx]
                .get(&band_key(band))
                .copied()
                .unwrap_or(NO_ENTRY);
            while entry_idx != NO_ENTRY {
                candidates.push(entry_idx);
                entry_idx = self.bucket_next[band_idx][entry_idx as usize];
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(u32, f64)> = None;
        for entry_idx in candidates {
            let Some(similarity) = self.signatures[entry_idx as usize].similarity(signature) else {
                continue;
            };
            // Candidates are visited oldest first, so only a strictly better one replaces the
            // current best: among equals the earliest copy wins.
            if similarity >= self.threshold && best.is_none_or(|(_, best)| similarity > best) {
                best = Some((entry_idx, similarity));
            }
        }
        best.map(|(entry_idx, similarity)| self.matched(entry_idx, similarity, MatchKind::Near))
    }

    fn matched(&self, entry_idx: u32, similarity: f64, kind: MatchKind) -> DuplicateMatch {
        DuplicateMatch {
            first_copy_content_hash: self.content_hashes[entry_idx as usize].clone(),
            similarity,
            kind,
        }
    }
}

/// A band's four 16-bit values side by side: the key is the band itself, with no collisions.
fn band_key(band: &[u16]) -> u64 {
    band.iter()
        .fold(0_u64, |key, &value| (key << 16) | u64::from(value))
}

/// A hasher for keys that are already uniformly spread (MinHash values and mixed text hashes):
/// hashing them again would only cost time.
#[derive(Debug, Default)]
struct PreMixedKeyHasher(u64);

impl Hasher for PreMixedKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        // A band key is four uniformly spread 16-bit values; folding the halves mixes all four
        // into the low bits, where the hash table picks its bucket, as well as the high bits,
        // where it takes its control byte.
        self.0 = value ^ value.rotate_left(32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four unrelated paragraphs of news prose, written for these tests.
    const REPORTS: [&str; 4] = [
        "Security forces in the capital arrested at least forty protesters on Tuesday after a \
         march against rising fuel prices turned violent near the parliament building, police \
         officials said, adding that several officers were injured by stones.",
        "The central bank kept its benchmark interest rate unchanged for a third month, citing \
         stable inflation and a stronger currency, and said it expects growth to pick up in the \
         second half of the year as exports recover.",
        "Rescue teams searched through the night for survivors after heavy rain caused a \
         landslide that buried a dozen homes in the mountain village, the regional disaster \
         agency said in a statement on Sunday morning.",
        "Foreign ministers from both countries met in Geneva to discuss a prisoner exchange and \
         the reopening of border crossings, their first talks in two years, according to \
         diplomats familiar with the negotiations.",
    ];

    fn indexed_reports() -> NearDuplicateIndex {
        let mut index = NearDuplicateIndex::default();
        for (report_idx, report) in REPORTS.iter().enumerate() {
            index.insert(format!("hash-{report_idx}"), report);
        }
        index
    }

    #[test]
    fn distinct_texts_find_nothing_and_edited_copies_find_their_first_copy() {
        let index = indexed_reports();
        assert_eq!(index.len(), 4);
        assert_eq!(
            index.find(
                "Farmers blocked the highway with tractors for six hours to demand higher \
                 prices for rice, and the transport ministry advised drivers to take the \
                 coastal road until the protest ends."
            ),
            None
        );
        let edited = REPORTS[2]
            .replace("a dozen", "fourteen")
            .replace("Sunday", "Monday");
        let found = index.find(&edited).unwrap();
        assert_eq!(found.first_copy_content_hash, "hash-2");
        assert_eq!(found.kind, MatchKind::Near);
        assert!(found.similarity >= 0.5 && found.similarity < 1.0);
        let with_boilerplate = format!(
            "{}\n\nShare this article on social media. Read more stories like this one.",
            REPORTS[3]
        );
        let found = index.find(&with_boilerplate).unwrap();
        assert_eq!(found.first_copy_content_hash, "hash-3");
    }

    #[test]
    fn a_copy_that_differs_only_in_case_and_punctuation_is_exact() {
        let index = indexed_reports();
        let copy = REPORTS[0].to_lowercase().replace(',', " ");
        let found = index.find(&copy).unwrap();
        assert_eq!(found.first_copy_content_hash, "hash-0");
        assert_eq!(found.kind, MatchKind::Exact);
        assert_eq!(found.similarity, 1.0);
    }

    #[test]
    fn the_earliest_of_equal_first_copies_wins() {
        let mut index = NearDuplicateIndex::default();
        index.insert("first", REPORTS[1]);
        index.insert("second", REPORTS[1]);
        assert_eq!(
            index.find(REPORTS[1]).unwrap().first_copy_content_hash,
            "first"
        );
        let edited = REPORTS[1].replace("third", "fourth");
        assert_eq!(
            index.find(&edited).unwrap().first_copy_content_hash,
            "first"
        );
    }

    #[test]
    fn a_strict_threshold_rejects_what_a_loose_one_accepts() {
        let edited = REPORTS[0]
            .replace("forty", "fifty")
            .replace("Tuesday", "Monday")
            .replace("several", "two");
        let mut loose = NearDuplicateIndex::new(0.3).unwrap();
        loose.insert("report", REPORTS[0]);
        assert!(loose.find(&edited).is_some());
        let mut strict = NearDuplicateIndex::new(0.99).unwrap();
        strict.insert("report", REPORTS[0]);
        assert_eq!(strict.find(&edited), None);
    }

    #[test]
    fn thresholds_outside_zero_to_one_are_refused() {
        for threshold in [0.0, -0.5, 1.5, f64::NAN] {
            assert!(NearDuplicateIndex::new(threshold).is_err(), "{threshold}");
        }
        assert!(NearDuplicateIndex::new(1.0).is_ok());
    }

    #[test]
    fn short_texts_are_only_matched_exactly() {
        let mut index = NearDuplicateIndex::default();
        index.insert("short", "Five people were killed in Kabul.");
        assert_eq!(index.find("Seven people were killed in Kabul."), None);
        let exact = index.find("five people were killed in Kabul").unwrap();
        assert_eq!(exact.kind, MatchKind::Exact);
    }
}
