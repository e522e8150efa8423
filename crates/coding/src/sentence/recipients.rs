//! Recipients the nearest-actor rule misses: the first actor with a country in a verb's object phrase.

use super::{Group, Mention, SentenceCoder, VerbHit};
use crate::tokens::CoderToken;

/// Words that open a new clause, so the verb's object phrase ends before them: subordinators
/// and relative pronouns of the packs' languages (English, Spanish, Indonesian).
const CLAUSE_OPENERS: &[&str] = &[
    "THAT", "WHO", "WHOM", "WHOSE", "WHICH", "WHILE", "AFTER", "BEFORE", "UNLESS", "IF", "WHEN",
    "BECAUSE", "SINCE", "ALTHOUGH", "THOUGH", "WHERE", "AS", "BUT", "UNTIL", "QUE", "QUIEN",
    "CUANDO", "SI", "AUNQUE", "MIENTRAS", "PORQUE", "DONDE", "PERO", "YANG", "KETIKA", "JIKA",
    "KARENA", "SETELAH", "SEBELUM", "SAAT", "TETAPI", "NAMUN",
];

impl SentenceCoder<'_> {
    /// The verb's recipient: `target` when it names a country, otherwise the first group with a
    /// country after the verb and before the end of its object phrase (`threatened further
    /// action against Russia`, where `action` is also a verb word and cut the clause short;
    /// `suspended military aid for Bosnia`, where `military` alone was found). The source is
    /// never its own recipient here. Falls back to `target` when nothing better is found.
    pub(super) fn recipient_in_object_phrase(
        &self,
        verb: &VerbHit,
        tokens: &[CoderToken],
        groups: &[Group],
        mentions: &[Mention],
        source: Option<usize>,
        target: Option<usize>,
    ) -> Option<usize> {
        let names_country = |group: &Group| self.names_a_country(group, mentions);
        if target.is_some_and(|group| names_country(&groups[group])) {
            return target;
        }
        let phrase_end = object_phrase_end(tokens, verb.end);
        groups
            .iter()
            .enumerate()
            .find(|(index, group)| {
                group.start >= verb.end
                    && group.start < phrase_end
                    && Some(*index) != source
                    && names_country(group)
            })
            .map(|(index, _)| index)
            .or(target)
    }
}

/// Words that open the condition of a threat or ultimatum (`… if Hamas runs`, `… unless Baghdad
/// accepts`).
const CONDITION_OPENERS: &[&str] = &["IF", "UNLESS", "SI", "JIKA", "KALAU", "KECUALI"];

impl SentenceCoder<'_> {
    /// The party a threat is addressed to: the subject of its condition (`threatened to stop
    /// negotiations if the United States goes ahead`), when that subject names a country and is
    /// not the source. The subject must open the condition, after at most a determiner or two.
    pub(super) fn threat_addressee(
        &self,
        verb: &VerbHit,
        tokens: &[CoderToken],
        groups: &[Group],
        mentions: &[Mention],
        source: Option<usize>,
    ) -> Option<usize> {
        let opener = (verb.end..tokens.len())
            .take_while(|&position| tokens[position].text != ";")
            .find(|&position| CONDITION_OPENERS.contains(&tokens[position].text.as_str()))?;
        groups
            .iter()
            .enumerate()
            .find(|(_, group)| group.start > opener && group.start <= opener + 3)
            .filter(|(index, group)| {
                Some(*index) != source && self.names_a_country(group, mentions)
            })
            .map(|(index, _)| index)
    }
}

impl SentenceCoder<'_> {
    /// Whether any member of `group` is an actor with a country, not the unknown-actor marker.
    fn names_a_country(&self, group: &Group, mentions: &[Mention]) -> bool {
        let marker = self.unknown_actor_marker();
        group
            .members
            .iter()
            .any(|&member| !mentions[member].code.starts_with(marker))
    }
}

/// The end (exclusive) of the object phrase that starts at `from`: the next punctuation mark or
/// clause opener, or the end of the sentence.
fn object_phrase_end(tokens: &[CoderToken], from: usize) -> usize {
    (from..tokens.len())
        .find(|&position| {
            let token = &tokens[position];
            (token.is_punctuation && token.text != "'S" && token.text != "-")
                || CLAUSE_OPENERS.contains(&token.text.as_str())
        })
        .unwrap_or(tokens.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    #[test]
    fn object_phrase_ends_at_punctuation_or_a_clause_opener() {
        let tokens = tokenize("threatened action against Russia if Hamas ran, officials said");
        assert_eq!(tokens[object_phrase_end(&tokens, 1)].text, "IF");
        let tokens = tokenize("rejected calls by Belarus's rulers, saying it was withholding it");
        assert_eq!(tokens[object_phrase_end(&tokens, 1)].text, ",");
        let tokens = tokenize("suspended aid for Bosnia");
        assert_eq!(object_phrase_end(&tokens, 1), tokens.len());
    }
}
