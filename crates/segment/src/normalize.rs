//! The normalised form of a token: lower-cased, decomposed, without combining marks ("Pérez" → "perez").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case `word`, decompose it (NFD) and drop combining marks, so accented and unaccented
/// spellings (`Bogotá`, `Bogota`) look the same to dictionary look-ups.
pub fn normalize(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|character| !is_combining_mark(*character))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_are_removed() {
        assert_eq!(normalize("Bogotá"), "bogota");
        assert_eq!(normalize("PÉREZ"), "perez");
        assert_eq!(normalize("Bình luận"), "binh luan");
        assert_eq!(normalize("Nagorno-Karabakh"), "nagorno-karabakh");
        // A decomposed input gives the same form as a precomposed one.
        assert_eq!(normalize("Pe\u{301}rez"), normalize("P\u{e9}rez"));
    }
}
