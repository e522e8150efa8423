//! Property tests: any text can be signed and looked up without panicking, and a text always finds itself.

use proptest::prelude::*;
use truce_dedupe::{MatchKind, NearDuplicateIndex, TextSignature};

proptest! {
    #[test]
    fn any_text_signs_and_finds_itself_exactly(text in "\\PC{0,400}") {
        let signature = TextSignature::of(&text);
        let mut index = NearDuplicateIndex::default();
        index.insert_signature("first", signature.clone());
        let found = index.find(&text).expect("a text repeats itself");
        prop_assert_eq!(found.kind, MatchKind::Exact);
        prop_assert_eq!(found.first_copy_content_hash, "first");
        prop_assert_eq!(signature.similarity(&signature), Some(1.0));
    }

    #[test]
    fn similarity_is_symmetric_and_within_bounds(left in "[a-e ]{0,300}", right in "[a-e ]{0,300}") {
        let left = TextSignature::of(&left);
        let right = TextSignature::of(&right);
        let forward = left.similarity(&right);
        prop_assert_eq!(forward, right.similarity(&left));
        if let Some(similarity) = forward {
            prop_assert!((0.0..=1.0).contains(&similarity));
        }
    }

    #[test]
    fn lookups_in_a_filled_index_never_panic(texts in proptest::collection::vec("[a-f ]{0,120}", 0..30), probe in "[a-f ]{0,120}") {
        let mut index = NearDuplicateIndex::new(0.4).unwrap();
        for (text_idx, text) in texts.iter().enumerate() {
            if index.find(text).is_none() {
                index.insert(format!("{text_idx}"), text);
            }
        }
        if let Some(found) = index.find(&probe) {
            prop_assert!(found.similarity >= 0.4);
        }
    }
}
