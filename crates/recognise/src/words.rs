//! Words and punctuation as byte spans into a sentence, and cue phrases matched against them.
//!
//! Recognition works on a small token stream of its own rather than the segmenter's tokens,
//! because it needs digit groups kept whole ("2.000", "1,5"), hyphenated words kept whole
//! ("twenty-five", "1990-an") and every punctuation mark as its own token for clause boundaries.

// foldhash: phrase lookups run at almost every token; SipHash's resistance to crafted keys
// buys nothing for keys that come from the packs' own cue files.
use foldhash::HashMap;
use truce_core::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, or letters and digits ("1990s", "twenty-five").
    Word,
    /// Only digits and the separators between them ("2.000", "1,5", "12").
    Digits,
    /// One punctuation mark or symbol.
    Punctuation,
}

/// One token: where it is in the text, and the forms it is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The text as written, with typographic apostrophes made plain.
    pub written: String,
    /// Lower case.
    pub lower: String,
    /// Lower case without accents (`más` → `mas`); `None` when that is `lower` itself, as for
    /// nearly every token, which then costs no third string.
    pub folded: Option<String>,
}

impl Token {
    /// Lower case without accents.
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.lower)
    }

    pub fn is_word_like(&self) -> bool {
        self.kind != TokenKind::Punctuation
    }

    /// True when the word starts with an upper-case letter (a name or a nationality in English).
    pub fn is_capitalised(&self) -> bool {
        self.written.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Marks that join two characters into one token when they stand between the right neighbours.
fn joins_inside_word(mark: char) -> bool {
    matches!(mark, '-' | '\'' | '’')
}

fn joins_inside_digits(mark: char) -> bool {
    matches!(mark, '.' | ',')
}

/// Splits a text into tokens. Every token's span slices back to its `written` text (modulo the
/// apostrophe normalisation), and tokens never overlap.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < characters.len() {
        let (start, character) = characters[index];
        if character.is_whitespace() {
            index += 1;
            continue;
        }
        if !character.is_alphanumeric() {
            let end = start + character.len_utf8();
            tokens.push(make_token(text, start, end, TokenKind::Punctuation));
            index += 1;
            continue;
        }
        let mut last = index;
        let mut next = index + 1;
        while next < characters.len() {
            let (_, current) = characters[next];
            if current.is_alphanumeric() {
                last = next;
                next += 1;
                continue;
            }
            let previous = characters[last].1;
            let following = characters.get(next + 1).map(|(_, following)| *following);
            let joins = match following {
                Some(following) if following.is_alphanumeric() => {
                    joins_inside_word(current)
                        || (joins_inside_digits(current)
                            && previous.is_ascii_digit()
                            && following.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            next += 1;
        }
        let (last_start, last_character) = characters[last];
        let end = last_start + last_character.len_utf8();
        let slice = &text[start..end];
        let kind = if slice
            .chars()
            .all(|c| c.is_ascii_digit() || joins_inside_digits(c))
        {
            TokenKind::Digits
        } else {
            TokenKind::Word
        };
        tokens.push(make_token(text, start, end, kind));
        index = last + 1;
    }
    tokens
}

fn make_token(text: &str, start: usize, end: usize, kind: TokenKind) -> Token {
    let slice = &text[start..end];
    // Most tokens are ASCII: copying their bytes whole is several times faster than building
    // the three forms a character at a time, and gives the same strings.
    if slice.is_ascii() {
        return Token {
            span: Span::new(start, end),
            kind,
            written: slice.to_string(),
            lower: slice.to_ascii_lowercase(),
            folded: None,
        };
    }
    make_token_by_characters(text, start, end, kind)
}

/// The token's three forms built a character at a time, for any text.
fn make_token_by_characters(text: &str, start: usize, end: usize, kind: TokenKind) -> Token {
    let written: String = text[start..end]
        .chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let lower = written.to_lowercase();
    let folded = Some(fold_accents(&lower)).filter(|folded| *folded != lower);
    Token {
        span: Span::new(start, end),
        kind,
        written,
        lower,
        folded,
    }
}

/// Removes the accents of Latin letters (`á` → `a`, `ñ` → `n`), so that text typed without
/// accents still matches accented cue words. Covers Latin-1 and Latin Extended-A, which is
/// what the Latin-script packs need; other letters pass through unchanged.
pub(crate) fn fold_accents(text: &str) -> String {
    text.chars().map(fold_accent).collect()
}

fn fold_accent(letter: char) -> char {
    match letter {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// A placeholder inside a cue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// `<year>`: four digits from 1000 to 2999 ("2025").
    Year,
    /// `<decade>`: a year ending in 0 with a suffix ("1990s", "1990-an").
    Decade,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PhraseWord {
    Literal {
        written: String,
        lower: String,
        folded: String,
        match_case: bool,
    },
    Slot(Placeholder),
}

/// A cue: one or more words, matched token by token.
///
/// A text word written with accents must match the cue as written (so Spanish `sí` is not the
/// conditional `si`); a text word written without accents matches the cue with its accents
/// removed (so `podria` matches `podría`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    words: Vec<PhraseWord>,
}

/// Where a phrase was found, in token indices, and the year its placeholder matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    /// For `<decade>`, the last year of the decade.
    pub year: Option<i32>,
}

impl Phrase {
    /// Reads a cue as written in a pack file. Returns `None` for a cue with no words.
    pub fn parse(cue: &str, match_case: bool) -> Option<Phrase> {
        let mut words = Vec::new();
        for piece in cue.split_whitespace() {
            match piece {
                "<year>" => words.push(PhraseWord::Slot(Placeholder::Year)),
                "<decade>" => words.push(PhraseWord::Slot(Placeholder::Decade)),
                _ => {
                    for token in tokenize(piece) {
                        let folded = token.folded().to_string();
                        words.push(PhraseWord::Literal {
                            written: token.written,
                            lower: token.lower,
                            folded,
                            match_case,
                        });
                    }
                }
            }
        }
        if words.is_empty() {
            None
        } else {
            Some(Phrase { words })
        }
    }

    /// Whether the phrase matches the tokens starting at `start`.
    pub fn match_at(&self, tokens: &[Token], start: usize) -> Option<PhraseMatch> {
        let end = start.checked_add(self.words.len())?;
        let candidates = tokens.get(start..end)?;
        let mut year = None;
        for (word, token) in self.words.iter().zip(candidates) {
            match word {
                PhraseWord::Literal {
                    written,
                    lower,
                    folded,
                    match_case,
                } => {
                    let matches = if *match_case {
                        token.written == *written
                    } else {
                        token.lower == *lower || (token.folded.is_none() && token.lower == *folded)
                    };
                    if !matches {
                        return None;
                    }
                }
                PhraseWord::Slot(Placeholder::Year) => year = Some(year_of(token)?),
                PhraseWord::Slot(Placeholder::Decade) => year = Some(decade_end_of(token)?),
            }
        }
        Some(PhraseMatch { start, end, year })
    }

    /// Every place the phrase matches within `range` (token indices), left to right.
    pub fn find_all(&self, tokens: &[Token], range: std::ops::Range<usize>) -> Vec<PhraseMatch> {
        let mut found = Vec::new();
        for start in range.clone() {
            if let Some(found_match) = self.match_at(tokens, start)
                && found_match.end <= range.end
            {
                found.push(found_match);
            }
        }
        found
    }
}

impl Phrase {
    /// The forms of the first word under which a token can match it, or `None` when the phrase
    /// opens with a placeholder (which any token may fill).
    fn first_word_keys(&self) -> Option<[&str; 2]> {
        match self.words.first()? {
            PhraseWord::Literal { lower, folded, .. } => Some([lower.as_str(), folded.as_str()]),
            PhraseWord::Slot(_) => None,
        }
    }
}

/// Phrases, each with a value, indexed by their first word.
///
/// Recognition asks "which of these phrases match here?" at almost every token of every clause
/// with an event, for a few hundred phrases per language. Trying each phrase in turn made that
/// the largest cost of recognition; the index narrows the question to the phrases whose first
/// word is the token's. Answers come in the order the phrases were given, as a plain scan would
/// give them.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    entries: Vec<(Phrase, T)>,
    /// Lower-case (and accent-folded) first word → indices into `entries`, ascending.
    by_first_word: HashMap<String, Vec<u32>>,
    /// Indices of phrases opening with a placeholder, ascending: tried at every token.
    opening_with_placeholder: Vec<u32>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> PhraseTable<T> {
        PhraseTable {
            entries: Vec::new(),
            by_first_word: HashMap::default(),
            opening_with_placeholder: Vec::new(),
        }
    }
}

impl<T> FromIterator<(Phrase, T)> for PhraseTable<T> {
    fn from_iter<I: IntoIterator<Item = (Phrase, T)>>(entries: I) -> PhraseTable<T> {
        let mut table = PhraseTable::default();
        for (phrase, value) in entries {
            // Tables hold at most a few thousand phrases; one past u32 is simply not indexed.
            let Ok(entry_idx) = u32::try_from(table.entries.len()) else {
                break;
            };
            match phrase.first_word_keys() {
                Some([lower, folded]) => {
                    table
                        .by_first_word
                        .entry(lower.to_string())
                        .or_default()
                        .push(entry_idx);
                    if folded != lower {
                        table
                            .by_first_word
                            .entry(folded.to_string())
                            .or_default()
                            .push(entry_idx);
                    }
                }
                None => table.opening_with_placeholder.push(entry_idx),
            }
            table.entries.push((phrase, value));
        }
        table
    }
}

impl FromIterator<Phrase> for PhraseTable<()> {
    fn from_iter<I: IntoIterator<Item = Phrase>>(phrases: I) -> PhraseTable<()> {
        phrases.into_iter().map(|phrase| (phrase, ())).collect()
    }
}

impl<T> PhraseTable<T> {
    /// Every phrase that matches at `start`, with its value, in the order the phrases were given.
    pub fn matches_at<'a>(
        &'a self,
        tokens: &'a [Token],
        start: usize,
    ) -> impl Iterator<Item = (PhraseMatch, &'a T)> + 'a {
        // A token matches a literal first word only through its lower-case form: a case-exact
        // match implies equal lower-case forms, and an accent-folded match needs a token
        // written without accents, whose lower-case form is then its folded form.
        let keyed: &[u32] = tokens
            .get(start)
            .and_then(|token| self.by_first_word.get(&token.lower))
            .map_or(&[], Vec::as_slice);
        merge_ascending(keyed, &self.opening_with_placeholder).filter_map(move |entry_idx| {
            let (phrase, value) = &self.entries[entry_idx as usize];
            phrase.match_at(tokens, start).map(|found| (found, value))
        })
    }

    /// Whether any phrase matches at `start`.
    pub fn any_match_at(&self, tokens: &[Token], start: usize) -> bool {
        self.matches_at(tokens, start).next().is_some()
    }

    /// The first phrase (in the order given) that matches at `start`.
    pub fn first_match_at(&self, tokens: &[Token], start: usize) -> Option<PhraseMatch> {
        self.matches_at(tokens, start)
            .next()
            .map(|(found, _)| found)
    }

    /// The longest phrase that matches at `start`, with its value; among equally long ones the
    /// last given.
    pub fn longest_match_at<'a>(
        &'a self,
        tokens: &'a [Token],
        start: usize,
    ) -> Option<(PhraseMatch, &'a T)> {
        self.matches_at(tokens, start)
            .max_by_key(|(found, _)| found.end)
    }

    /// Every match of every phrase that lies wholly within `range` (token indices).
    pub fn find_all<'a>(
        &'a self,
        tokens: &'a [Token],
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = PhraseMatch> + 'a {
        let end = range.end;
        range.flat_map(move |start| {
            self.matches_at(tokens, start)
                .map(|(found, _)| found)
                .filter(move |found| found.end <= end)
        })
    }
}

/// The union of two ascending lists of indices, ascending.
fn merge_ascending<'a>(left: &'a [u32], right: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let mut left = left.iter().copied().peekable();
    let mut right = right.iter().copied().peekable();
    std::iter::from_fn(move || match (left.peek(), right.peek()) {
        (Some(&l), Some(&r)) if l <= r => left.next(),
        (Some(_), Some(_)) => right.next(),
        (Some(_), None) => left.next(),
        (None, _) => right.next(),
    })
}

/// A four-digit year from 1000 to 2999.
fn year_of(token: &Token) -> Option<i32> {
    if token.kind != TokenKind::Digits || token.lower.len() != 4 {
        return None;
    }
    let year: i32 = token.lower.parse().ok()?;
    (1000..3000).contains(&year).then_some(year)
}

/// The last year of a decade written as a year ending in 0 plus a suffix ("1990s", "1990-an").
fn decade_end_of(token: &Token) -> Option<i32> {
    if token.kind != TokenKind::Word {
        return None;
    }
    let digits: String = token
        .lower
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() != 4 || !digits.ends_with('0') {
        return None;
    }
    let suffix = token.lower.get(4..)?.trim_start_matches(['-', '\'']);
    if suffix.is_empty() || !suffix.chars().all(char::is_alphabetic) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1000..3000).contains(&year).then_some(year + 9)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|token| token.written)
            .collect()
    }

    #[test]
    fn digit_groups_hyphens_and_apostrophes_stay_whole() {
        assert_eq!(
            words("hampir 2.000 pasukan,"),
            ["hampir", "2.000", "pasukan", ","]
        );
        assert_eq!(
            words("twenty-five didn’t 1990-an 1,5"),
            ["twenty-five", "didn't", "1990-an", "1,5"]
        );
        assert_eq!(words("2020, menewaskan"), ["2020", ",", "menewaskan"]);
        assert_eq!(words("end. Next"), ["end", ".", "Next"]);
    }

    #[test]
    fn tokens_know_their_kind_and_folded_form() {
        let tokens = tokenize("Más 2.000 1990s ;");
        let kinds: Vec<_> = tokens.iter().map(|token| token.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Digits,
                TokenKind::Word,
                TokenKind::Punctuation
            ]
        );
        assert_eq!(tokens[0].folded(), "mas");
    }

    #[test]
    fn accented_text_must_match_as_written_but_plain_text_matches_folded() {
        let conditional = Phrase::parse("si", false).unwrap();
        assert!(conditional.match_at(&tokenize("si"), 0).is_some());
        assert!(conditional.match_at(&tokenize("sí"), 0).is_none());
        let could = Phrase::parse("podría", false).unwrap();
        assert!(could.match_at(&tokenize("podria"), 0).is_some());
        assert!(could.match_at(&tokenize("Podría"), 0).is_some());
    }

    #[test]
    fn placeholders_match_years_and_decades() {
        let until = Phrase::parse("hingga tahun <year>", false).unwrap();
        let found = until.match_at(&tokenize("hingga tahun 2025"), 0).unwrap();
        assert_eq!(found.year, Some(2025));
        assert!(until.match_at(&tokenize("hingga tahun 20"), 0).is_none());
        let since = Phrase::parse("sejak tahun <decade>", false).unwrap();
        assert_eq!(
            since
                .match_at(&tokenize("sejak tahun 1990-an"), 0)
                .unwrap()
                .year,
            Some(1999)
        );
    }

    #[test]
    fn case_sensitive_cues_ignore_capitalised_words() {
        let may = Phrase::parse("may", true).unwrap();
        assert!(may.match_at(&tokenize("may"), 0).is_some());
        assert!(may.match_at(&tokenize("May"), 0).is_none());
    }

    #[test]
    fn a_phrase_table_finds_what_a_scan_of_its_phrases_finds_in_the_same_order() {
        let cues = [
            ("tahun <year>", false),
            ("más", false),
            ("podría", false),
            ("May", true),
            ("may", false),
            ("<year>", false),
            ("tahun", false),
        ];
        let phrases: Vec<Phrase> = cues
            .iter()
            .filter_map(|(cue, match_case)| Phrase::parse(cue, *match_case))
            .collect();
        let table: PhraseTable<usize> = phrases.iter().cloned().zip(0..).collect();
        let tokens = tokenize("Tahun 2025 mas más podria May may tahun");
        for start in 0..=tokens.len() {
            let scanned: Vec<(PhraseMatch, usize)> = phrases
                .iter()
                .zip(0..)
                .filter_map(|(phrase, idx)| {
                    phrase.match_at(&tokens, start).map(|found| (found, idx))
                })
                .collect();
            let indexed: Vec<(PhraseMatch, usize)> = table
                .matches_at(&tokens, start)
                .map(|(found, idx)| (found, *idx))
                .collect();
            assert_eq!(indexed, scanned, "at token {start}");
        }
        // "más" in the text must not match the cue "mas", but "mas" matches "más".
        assert_eq!(table.matches_at(&tokens, 2).count(), 1);
        assert_eq!(table.matches_at(&tokens, 3).count(), 1);
    }

    proptest! {
        #[test]
        fn ascii_tokens_get_the_forms_the_character_path_gives(text in "[ -~]{1,24}") {
            let fast = make_token(&text, 0, text.len(), TokenKind::Word);
            let by_characters = make_token_by_characters(&text, 0, text.len(), TokenKind::Word);
            prop_assert_eq!(fast, by_characters);
        }

        #[test]
        fn a_phrase_table_agrees_with_a_scan_on_any_text(text in "[a-zA-Záó0-9 ,.-]{0,60}") {
            let cues = ["la", "la casa", "más", "mas de", "<year>", "de <decade>", "Casa"];
            let phrases: Vec<Phrase> = cues.iter().filter_map(|cue| Phrase::parse(cue, false)).collect();
            let table: PhraseTable<usize> = phrases.iter().cloned().zip(0..).collect();
            let tokens = tokenize(&text);
            for start in 0..=tokens.len() {
                let scanned: Vec<(PhraseMatch, usize)> = phrases
                    .iter()
                    .zip(0..)
                    .filter_map(|(phrase, idx)| phrase.match_at(&tokens, start).map(|found| (found, idx)))
                    .collect();
                let indexed: Vec<(PhraseMatch, usize)> =
                    table.matches_at(&tokens, start).map(|(found, idx)| (found, *idx)).collect();
                prop_assert_eq!(indexed, scanned);
            }
        }

        #[test]
        fn every_token_span_slices_back_and_tokens_do_not_overlap(text in "\\PC{0,80}") {
            let tokens = tokenize(&text);
            let mut previous_end = 0;
            for token in &tokens {
                let slice = token.span.slice(&text);
                prop_assert!(slice.is_some());
                let normalised: String = slice.unwrap_or_default().chars().map(|c| if c == '’' { '\'' } else { c }).collect();
                prop_assert_eq!(&normalised, &token.written);
                prop_assert!(token.span.start >= previous_end);
                previous_end = token.span.end;
            }
        }
    }
}
