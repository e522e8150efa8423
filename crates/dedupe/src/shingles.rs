//! Normalised words and word shingles of a text, hashed to 64-bit values that are the same on every run and machine.

/// How many consecutive words make one shingle. Three words are specific enough that two
/// unrelated articles rarely share a shingle, and short enough that one edited word changes only
/// three of them.
pub const SHINGLE_WORDS: usize = 3;

/// The hashes of a text's normalised words, in text order.
///
/// A word is a maximal run of letters and digits (combining marks included, so a decomposed accent
/// stays in its word), lower-cased. Punctuation, white space and case therefore never make two
/// copies differ. In scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
/// Myanmar) every character counts as one word, so such texts still get meaningful shingles.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut hashes = Vec::new();
    let mut current_word = WordHasher::new();
    for character in text.chars() {
        // Most characters are ASCII: a letter or digit joins the word lower-cased, anything
        // else ends it, as `add_character` would decide, without its Unicode tables.
        if character.is_ascii() {
            if character.is_ascii_alphanumeric() {
                current_word.push_ascii(character.to_ascii_lowercase());
            } else {
                end_word(&mut current_word, &mut hashes);
            }
        } else {
            add_character(character, &mut current_word, &mut hashes);
        }
    }
    end_word(&mut current_word, &mut hashes);
    hashes
}

/// Adds any character to the word being read, or ends that word (and, in a script written
/// without spaces, counts the character as a word of its own).
fn add_character(character: char, current_word: &mut WordHasher, hashes: &mut Vec<u64>) {
    if is_unspaced_script(character) {
        end_word(current_word, hashes);
        let mut single = WordHasher::new();
        single.push_char(character);
        hashes.push(single.finish());
    } else if is_word_character(character) {
        for lower in character.to_lowercase() {
            current_word.push_char(lower);
        }
    } else {
        end_word(current_word, hashes);
    }
}

/// Hashes the word being read, if any, and starts the next.
fn end_word(current_word: &mut WordHasher, hashes: &mut Vec<u64>) {
    if !current_word.is_empty() {
        hashes.push(current_word.finish());
        *current_word = WordHasher::new();
    }
}

/// The distinct shingle hashes of a text, sorted. A text shorter than one shingle gives one
/// shingle made of all its words, and a text without words gives none.
pub fn shingle_hashes(word_hashes: &[u64]) -> Vec<u64> {
    let mut shingles: Vec<u64> = if word_hashes.len() < SHINGLE_WORDS {
        if word_hashes.is_empty() {
            Vec::new()
        } else {
            vec![combine(word_hashes)]
        }
    } else {
        word_hashes.windows(SHINGLE_WORDS).map(combine).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// One order-sensitive hash of a sequence of word hashes: "a b c" and "c b a" differ.
pub fn combine(word_hashes: &[u64]) -> u64 {
    word_hashes
        .iter()
        .fold(0x51_7C_C1_B7_27_22_0A_95, |state, &word| {
            mix(state.rotate_left(23) ^ word)
        })
}

/// The SplitMix64 finaliser: a bijection on 64-bit values that spreads every input bit over every
/// output bit, so nearby inputs give unrelated outputs.
pub const fn mix(value: u64) -> u64 {
    let mut mixed = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    mixed ^ (mixed >> 31)
}

/// FNV-1a over a word's UTF-8 bytes, finished with [`mix`]: stable across runs, unlike the
/// standard library's randomly seeded hasher.
struct WordHasher {
    state: u64,
    n_bytes: usize,
}

impl WordHasher {
    const OFFSET_BASIS: u64 = 0xCBF2_9CE4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01B3;

    fn new() -> WordHasher {
        WordHasher {
            state: WordHasher::OFFSET_BASIS,
            n_bytes: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.n_bytes == 0
    }

    /// Same as [`WordHasher::push_char`] for an ASCII character, which is its own one byte.
    fn push_ascii(&mut self, character: char) {
        debug_assert!(character.is_ascii());
        self.state = (self.state ^ u64::from(character as u8)).wrapping_mul(WordHasher::PRIME);
        self.n_bytes += 1;
    }

    fn push_char(&mut self, character: char) {
        let mut buffer = [0_u8; 4];
        for &byte in character.encode_utf8(&mut buffer).as_bytes() {
            self.state = (self.state ^ u64::from(byte)).wrapping_mul(WordHasher::PRIME);
            self.n_bytes += 1;
        }
    }

    fn finish(&self) -> u64 {
        mix(self.state)
    }
}

fn is_word_character(character: char) -> bool {
    character.is_alphanumeric() || is_combining_mark(character)
}

/// Combining diacritical marks (the common blocks): part of the word they follow.
fn is_combining_mark(character: char) -> bool {
    matches!(character as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Characters of scripts that do not separate words with spaces.
fn is_unspaced_script(character: char) -> bool {
    matches!(character as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // CJK Extensions B and later
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `word_hashes` without its ASCII shortcut: every character through the general rules.
    fn word_hashes_by_general_rules(text: &str) -> Vec<u64> {
        let mut hashes = Vec::new();
        let mut current_word = WordHasher::new();
        for character in text.chars() {
            add_character(character, &mut current_word, &mut hashes);
        }
        end_word(&mut current_word, &mut hashes);
        hashes
    }

    proptest! {
        /// Stored signatures were made before the shortcut: it must not change a hash.
        #[test]
        fn the_ascii_shortcut_gives_the_hashes_of_the_general_rules(
            text in "([ -~]|[\\u{80}-\\u{2FFF}]|[\\u{3040}-\\u{9FFF}]){0,80}"
        ) {
            prop_assert_eq!(word_hashes(&text), word_hashes_by_general_rules(&text));
        }
    }

    #[test]
    fn case_punctuation_and_spacing_do_not_change_the_words() {
        assert_eq!(
            word_hashes("The minister, in Jakarta;  said: \"No.\""),
            word_hashes("the MINISTER in jakarta said no")
        );
    }

    #[test]
    fn different_words_and_different_orders_differ() {
        assert_ne!(word_hashes("five people"), word_hashes("six people"));
        let forward = shingle_hashes(&word_hashes("police arrested protesters"));
        let backward = shingle_hashes(&word_hashes("protesters arrested police"));
        assert_ne!(forward, backward);
    }

    #[test]
    fn a_text_gives_one_shingle_per_distinct_run_of_three_words() {
        let words = word_hashes("a b c a b c d");
        assert_eq!(words.len(), 7);
        // "a b c", "b c a", "c a b", "a b c" (again), "b c d".
        assert_eq!(shingle_hashes(&words).len(), 4);
        assert_eq!(shingle_hashes(&word_hashes("two words")).len(), 1);
        assert!(shingle_hashes(&word_hashes(" ,.; ")).is_empty());
    }

    #[test]
    fn ideographs_count_as_words_and_accents_stay_in_their_word() {
        assert_eq!(word_hashes("北京今天").len(), 4);
        assert_eq!(word_hashes("café").len(), 1);
        assert_eq!(word_hashes("cafe\u{0301} noir").len(), 2);
    }
}
