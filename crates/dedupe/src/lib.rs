//! Exact and near-duplicate detection of articles: MinHash over normalised three-word shingles, with LSH bands for sub-linear lookup.
//!
//! Byte-identical content is already caught by the store's content hash. This crate finds the
//! rest: copies that differ in case, punctuation or spacing ([`MatchKind::Exact`]), and copies
//! with a few words edited or boilerplate added ([`MatchKind::Near`]), so the pipeline can link
//! them to the first copy instead of coding the same story twice.
//!
//! ```
//! use truce_dedupe::{MatchKind, NearDuplicateIndex};
//!
//! let mut index = NearDuplicateIndex::default();
//! let story = "Rescue teams searched through the night for survivors after heavy rain caused a \
//!              landslide that buried a dozen homes in the mountain village, officials said.";
//! index.insert("hash-of-the-first-copy", story);
//! let copy = format!("{story} Follow us for more news.");
//! let found = index.find(&copy).expect("a near copy");
//! assert_eq!(found.first_copy_content_hash, "hash-of-the-first-copy");
//! assert_eq!(found.kind, MatchKind::Near);
//! ```

mod index;
pub mod same_event;
mod shingles;
mod signature;

pub use index::{
    DEFAULT_NEAR_DUPLICATE_THRESHOLD, DedupeError, DuplicateMatch, MatchKind, NearDuplicateIndex,
};
pub use shingles::SHINGLE_WORDS;
pub use signature::{MIN_SHINGLES_FOR_SKETCH, SKETCH_LENGTH, TextSignature};
