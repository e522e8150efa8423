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
/// ones as if they were alike.
const SIGNATURE_FORMAT_VERSION: u8 = 1;

/// One seed per MinHash function: value `i` of a sketch is the least `mix(shingle ^ seed[i])`.
const SKETCH_SEEDS: [u64; SKETCH_LENGTH] = sketch_seeds();

const fn sketch_seeds() -> [u64; SKETCH_LENGTH] {
    let mut seeds = [0_u64; SKETCH_LENGTH];
    let mut seed_idx = 0;
    while seed_idx < SKETCH_LENGTH {
        seeds[seed_idx] = mix(0x7275_6365_2D64_6564 ^ (seed_idx as u64).wrapping_mul(0x2545_F491));
        seed_idx += 1;
    }
    seeds
}

/// What the index compares texts by. Computing it is the costly part (every shingle goes through
/// every MinHash function), so callers on several threads compute signatures in parallel and
/// hand them to one [`crate::NearDuplicateIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSignature {
    /// Hash of the whole sequence of normalised words: equal for texts that differ only in case,
    /// punctuation or spacing.
    pub(crate) normalised_text_hash: u64,
    /// The top 16 bits of each MinHash value ("b-bit minwise hashing"): a quarter of the memory of
    /// full values, at a chance of 1 in 65,536 that two different minima agree by accident.
    pub(crate) sketch: Option<Box<[u16; SKETCH_LENGTH]>>,
}

impl TextSignature {
    /// The signature of `text`.
    pub fn of(text: &str) -> TextSignature {
        let words = word_hashes(text);
        let normalised_text_hash = combine(&words);
        let shingles = shingle_hashes(&words);
        let sketch = (shingles.len() >= MIN_SHINGLES_FOR_SKETCH).then(|| {
            let mut sketch = Box::new([0_u16; SKETCH_LENGTH]);
            for (value, seed) in sketch.iter_mut().zip(SKETCH_SEEDS) {
                let least = shingles
                    .iter()
                    .map(|&shingle| mix(shingle ^ seed))
                    .min()
                    .unwrap_or(u64::MAX);
                *value = (least >> 48) as u16;
            }
            sketch
        });
        TextSignature {
            normalised_text_hash,
            sketch,
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
        // Two different minima share their top 16 bits with probability 2^-16; removing that
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
