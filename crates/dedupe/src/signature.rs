//! The signature of one text: a hash of its normalised words for exact copies, and a MinHash sketch of its shingles for near copies.

use crate::shingles::{combine, mix, shingle_hashes, word_hashes};

/// How many MinHash values a sketch keeps. With 128 values the estimated similarity has a
/// standard error of at most 0.045 (at similarity 0.5), small next to the gap between copies
/// (above 0.7) and unrelated articles (below 0.1).
pub const SKETCH_LENGTH: usize = 128;

/// Texts with fewer distinct shingles than this get no sketch: a handful of shingles gives a
/// noisy estimate, and two one-line texts that share most words are usually different news
/// ("5 killed in X" against "7 killed in X"). Such texts are still matched as exact copies.
pub const MIN_SHINGLES_FOR_SKETCH: usize = 8;

/// The version of [`TextSignature::to_bytes`]'s format. Change it whenever the words, shingles,
/// seeds or sketch change, so that signatures stored by an older truce are not compared with new
/// ones as if they were alike. Version 1 kept the top 16 bits of 128 independent minima; version
/// 2 is one-permutation hashing and keeps the low 16 bits.
const SIGNATURE_FORMAT_VERSION: u8 = 2;

/// The one hash every shingle goes through before it is sorted into its bin.
const SKETCH_SEED: u64 = 0x7275_6365_2D64_6564;

/// The top bits of a shingle's hash pick its bin; the bits below are its value within the bin.
const BIN_BITS: u32 = SKETCH_LENGTH.trailing_zeros();
const VALUE_MASK: u64 = u64::MAX >> BIN_BITS;

/// An empty bin borrows a full bin's value; past this many pseudo-random tries it takes the next
/// full bin instead. With at least [`MIN_SHINGLES_FOR_SKETCH`] shingles at most 120 of the 128
/// bins are empty, so 64 tries all miss with probability below 2^-6; the fallback only bounds
/// the work.
const DENSIFICATION_TRIES: u64 = 64;

/// What the index compares texts by. Computing it (reading the words, hashing every shingle) is
/// the costly part, so callers on several threads compute signatures in parallel and hand them
/// to one [`crate::NearDuplicateIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSignature {
    /// Hash of the whole sequence of normalised words: equal for texts that differ only in case,
    /// punctuation or spacing.
    pub(crate) normalised_text_hash: u64,
    /// The low 16 bits of each bin's least value ("b-bit minwise hashing"): a quarter of the
    /// memory of full values, at a chance of 1 in 65,536 that two different minima agree by
    /// accident. The low bits, not the top ones: the least of a few hundred hashes has its top
    /// bits almost always zero, so top bits would agree by accident far more often, inflate every
    /// similarity and make band keys collide.
    pub(crate) sketch: Option<Box<[u16; SKETCH_LENGTH]>>,
}

impl TextSignature {
    /// The signature of `text`.
    pub fn of(text: &str) -> TextSignature {
        let words = word_hashes(text);
        let normalised_text_hash = combine(&words);
        let shingles = shingle_hashes(&words);
        TextSignature {
            normalised_text_hash,
            sketch: sketch_of_shingles(&shingles),
        }
    }

    /// Whether the text was long enough to get a MinHash sketch, and so can match near copies.
    pub fn has_sketch(&self) -> bool {
        self.sketch.is_some()
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, in `[0, 1]`: 1 for texts
    /// whose normalised words are the same, `None` when either text is too short for a sketch and
    /// they are not the same.
    pub fn similarity(&self, other: &TextSignature) -> Option<f64> {
        let (Some(sketch), Some(other_sketch)) = (&self.sketch, &other.sketch) else {
            return (self.normalised_text_hash == other.normalised_text_hash).then_some(1.0);
        };
        let n_equal = sketch
            .iter()
            .zip(other_sketch.iter())
            .filter(|(value, other_value)| value == other_value)
            .count();
        let equal_fraction = n_equal as f64 / SKETCH_LENGTH as f64;
        // Two different minima share their low 16 bits with probability 2^-16; removing that
        // chance makes the estimate unbiased (Li and König, "b-Bit Minwise Hashing", 2010).
        let accidental = 1.0 / f64::from(1_u32 << 16);
        Some(((equal_fraction - accidental) / (1.0 - accidental)).clamp(0.0, 1.0))
    }

    /// The signature as bytes, to be stored beside its text and read back with
    /// [`TextSignature::from_bytes`] by a later run: a format version, the normalised-text hash,
    /// then the sketch's values if there is a sketch, all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let sketch_len = self.sketch.as_ref().map_or(0, |sketch| sketch.len() * 2);
        let mut bytes = Vec::with_capacity(1 + 8 + sketch_len);
        bytes.push(SIGNATURE_FORMAT_VERSION);
        bytes.extend_from_slice(&self.normalised_text_hash.to_le_bytes());
        if let Some(sketch) = &self.sketch {
            for value in sketch.iter() {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
        }
        bytes
    }

    /// Reads bytes written by [`TextSignature::to_bytes`]. `None` for bytes of another format
    /// version (signatures computed another way cannot be compared with these) or of the wrong
    /// length.
    pub fn from_bytes(bytes: &[u8]) -> Option<TextSignature> {
        let (&version, rest) = bytes.split_first()?;
        if version != SIGNATURE_FORMAT_VERSION {
            return None;
        }
        let (hash_bytes, sketch_bytes) = rest.split_at_checked(8)?;
        let normalised_text_hash = u64::from_le_bytes(hash_bytes.try_into().ok()?);
        let sketch = match sketch_bytes.len() {
            0 => None,
            n if n == SKETCH_LENGTH * 2 => {
                let mut sketch = Box::new([0_u16; SKETCH_LENGTH]);
                for (value, pair) in sketch.iter_mut().zip(sketch_bytes.chunks_exact(2)) {
                    *value = u16::from_le_bytes([pair[0], pair[1]]);
                }
                Some(sketch)
            }
            _ => return None,
        };
        Some(TextSignature {
            normalised_text_hash,
            sketch,
        })
    }

    /// The sketch's values in `band_idx`'s rows, when there is a sketch.
    pub(crate) fn band(&self, band_idx: usize, rows_per_band: usize) -> Option<&[u16]> {
        let start = band_idx * rows_per_band;
        self.sketch
            .as_ref()
            .and_then(|sketch| sketch.get(start..start + rows_per_band))
    }
}

/// The sketch of a text's distinct shingles by one-permutation hashing (Li, Owen and Zhang,
/// 2012): every shingle is hashed once and sorted into one of [`SKETCH_LENGTH`] bins by its
/// top bits, and each bin keeps the least value it received. One hash per shingle instead of one
/// per shingle and sketch value makes signing over a hundred times cheaper than classic MinHash,
/// with the same accuracy for texts of many shingles. Bins left empty borrow the value of a full
/// bin chosen by a pseudo-random sequence that depends only on the empty bin's number
/// ("optimal densification", Shrivastava, 2017), so two texts with the same shingles fill
/// their empty bins alike and the estimate stays unbiased.
fn sketch_of_shingles(shingles: &[u64]) -> Option<Box<[u16; SKETCH_LENGTH]>> {
    if shingles.len() < MIN_SHINGLES_FOR_SKETCH {
        return None;
    }
    let mut least_in_bin = [u64::MAX; SKETCH_LENGTH];
    for &shingle in shingles {
        let hash = mix(shingle ^ SKETCH_SEED);
        let bin = (hash >> (64 - BIN_BITS)) as usize;
        least_in_bin[bin] = least_in_bin[bin].min(hash & VALUE_MASK);
    }
    let mut sketch = Box::new([0_u16; SKETCH_LENGTH]);
    for (bin, value) in sketch.iter_mut().enumerate() {
        let least = match least_in_bin[bin] {
            u64::MAX => borrowed_value(&least_in_bin, bin),
            least => least,
        };
        *value = least as u16;
    }
    Some(sketch)
}

/// The value an empty bin takes: the least value of the first full bin on the bin's own
/// pseudo-random sequence of bins. A value is at most [`VALUE_MASK`], so `u64::MAX` marks empty.
fn borrowed_value(least_in_bin: &[u64; SKETCH_LENGTH], empty_bin: usize) -> u64 {
    for attempt in 1..=DENSIFICATION_TRIES {
        let donor = (mix((empty_bin as u64) << 32 | attempt) >> (64 - BIN_BITS)) as usize;
        if least_in_bin[donor] != u64::MAX {
            return least_in_bin[donor];
        }
    }
    (1..SKETCH_LENGTH)
        .map(|step| least_in_bin[(empty_bin + step) % SKETCH_LENGTH])
        .find(|&least| least != u64::MAX)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "Security forces in the capital arrested at least forty protesters on \
        Tuesday after a march against rising fuel prices turned violent near the parliament \
        building, police officials said, adding that several officers were injured by stones.";

    #[test]
    fn a_text_is_fully_similar_to_itself_and_to_a_recased_copy() {
        let signature = TextSignature::of(REPORT);
        assert!(signature.has_sketch());
        assert_eq!(signature.similarity(&signature), Some(1.0));
        let shouted = TextSignature::of(&REPORT.to_uppercase().replace(',', ""));
        assert_eq!(signature.normalised_text_hash, shouted.normalised_text_hash);
        assert_eq!(signature.similarity(&shouted), Some(1.0));
    }

    #[test]
    fn an_edited_copy_is_similar_and_an_unrelated_text_is_not() {
        let signature = TextSignature::of(REPORT);
        let edited = REPORT
            .replace("forty", "fifty")
            .replace("Tuesday", "Wednesday");
        let edited_similarity = signature.similarity(&TextSignature::of(&edited)).unwrap();
        assert!(edited_similarity > 0.6, "{edited_similarity}");
        assert!(edited_similarity < 1.0, "{edited_similarity}");
        let unrelated = TextSignature::of(
            "The central bank kept its benchmark interest rate unchanged for a third month, \
             citing stable inflation and a stronger currency, and said it expects growth to pick \
             up in the second half of the year as exports recover.",
        );
        let unrelated_similarity = signature.similarity(&unrelated).unwrap();
        assert!(unrelated_similarity < 0.1, "{unrelated_similarity}");
    }

    #[test]
    fn a_signature_reads_back_from_its_bytes_and_other_bytes_are_refused() {
        for text in [REPORT, "Five people were killed in Kabul."] {
            let signature = TextSignature::of(text);
            let bytes = signature.to_bytes();
            assert_eq!(TextSignature::from_bytes(&bytes), Some(signature));
            let mut other_version = bytes.clone();
            other_version[0] = SIGNATURE_FORMAT_VERSION + 1;
            assert_eq!(TextSignature::from_bytes(&other_version), None);
            assert_eq!(TextSignature::from_bytes(&bytes[..bytes.len() - 1]), None);
        }
        assert_eq!(TextSignature::from_bytes(&[]), None);
    }

    #[test]
    fn short_texts_get_no_sketch_and_match_only_exactly() {
        let short = TextSignature::of("Five people were killed in Kabul.");
        assert!(!short.has_sketch());
        let other = TextSignature::of("Seven people were killed in Kabul.");
        assert_eq!(short.similarity(&other), None);
        let same = TextSignature::of("five people were killed in kabul");
        assert_eq!(short.similarity(&same), Some(1.0));
    }

    /// `count` distinct shingle hashes numbered from `first`, as `shingle_hashes` gives them.
    fn shingles(first: u64, count: u64) -> Vec<u64> {
        let mut hashes: Vec<u64> = (first..first + count).map(mix).collect();
        hashes.sort_unstable();
        hashes
    }

    fn estimate(first: &[u64], second: &[u64]) -> f64 {
        let signature = |shingles: &[u64]| TextSignature {
            normalised_text_hash: 0,
            sketch: sketch_of_shingles(shingles),
        };
        signature(first).similarity(&signature(second)).unwrap()
    }

    #[test]
    fn the_estimate_follows_the_jaccard_similarity_of_the_shingle_sets() {
        // Pairs of 300-shingle sets sharing `shared` shingles, at several offsets so that the
        // check does not rest on one lucky draw.
        for shared in [300, 240, 200, 150, 100, 30] {
            let jaccard = shared as f64 / (600 - shared) as f64;
            let mut total_error = 0.0;
            for offset in 0..20 {
                let base = offset * 10_000;
                let estimated = estimate(&shingles(base, 300), &shingles(base + 300 - shared, 300));
                assert!(
                    (estimated - jaccard).abs() < 0.2,
                    "shared {shared}: estimated {estimated}, true {jaccard}"
                );
                total_error += estimated - jaccard;
            }
            let mean_error = total_error / 20.0;
            assert!(
                mean_error.abs() < 0.04,
                "shared {shared}: mean error {mean_error}"
            );
        }
    }

    #[test]
    fn sketches_of_unrelated_texts_agree_only_by_the_rare_accident_of_sixteen_bits() {
        // 200 pairs of disjoint sets: 25,600 sketch values compared, of which 0.4 are expected
        // to agree by accident. Version 1 kept the top bits of minima over all 300 shingles,
        // which agree about once in 400 (some 60 agreements here, by simulation): that inflated
        // similarities and left the index's band keys with almost no spread.
        let mut agreements = 0;
        for pair in 0..200 {
            let first = sketch_of_shingles(&shingles(pair * 1_000, 300)).unwrap();
            let second = sketch_of_shingles(&shingles(pair * 1_000 + 500, 300)).unwrap();
            agreements += first
                .iter()
                .zip(second.iter())
                .filter(|(value, other)| value == other)
                .count();
        }
        assert!(agreements < 6, "{agreements} accidental agreements");
    }

    #[test]
    fn short_texts_fill_every_bin_and_equal_sets_agree_everywhere() {
        let few = shingles(7, MIN_SHINGLES_FOR_SKETCH as u64);
        let sketch = sketch_of_shingles(&few).unwrap();
        let again = sketch_of_shingles(&few).unwrap();
        assert_eq!(sketch, again);
        assert_eq!(estimate(&few, &few), 1.0);
        // Eight shingles fill at most eight bins; the other bins borrow, so the sketch holds at
        // most eight distinct values.
        let distinct: std::collections::BTreeSet<u16> = sketch.iter().copied().collect();
        assert!(distinct.len() <= MIN_SHINGLES_FOR_SKETCH);
        assert!(sketch_of_shingles(&few[..MIN_SHINGLES_FOR_SKETCH - 1]).is_none());
    }

    proptest::proptest! {
        #[test]
        fn reading_any_bytes_never_panics_and_what_reads_writes_back_the_same(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)
        ) {
            if let Some(signature) = TextSignature::from_bytes(&bytes) {
                proptest::prop_assert_eq!(signature.to_bytes(), bytes);
            }
        }
    }
}
