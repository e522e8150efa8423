//! Personal names after a title: `British Defence Secretary Tom King` is one actor, not two.

use super::Mention;
use crate::tokens::CoderToken;

/// The most name words that may stand between a title and an agent word ending the name.
const MOST_NAME_WORDS: usize = 3;

/// Joins an agent mention without a country (`King` coded `---GOV`) to the mention with a
/// country before it when only capitalised words (a personal name, `Tom`) stand between: the
/// agent word is the end of the name (`Defence Secretary Tom King`), not another actor.
pub(super) fn absorb_agents_ending_names(
    mentions: Vec<Mention>,
    tokens: &[CoderToken],
    unknown_actor_marker: &str,
) -> Vec<Mention> {
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mention in mentions {
        if let Some(previous) = kept.last_mut()
            && mention.actor.is_none()
            && mention.code.starts_with(unknown_actor_marker)
            && previous.actor.is_some()
            && mention.start > previous.end
            && mention.start - previous.end <= MOST_NAME_WORDS
            && tokens[previous.end..mention.end]
                .iter()
                .all(|token| token.capitalized && !token.is_punctuation)
        {
            previous.end = mention.end;
            continue;
        }
        kept.push(mention);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn mention(code: &str, start: usize, end: usize, actor: Option<&str>) -> Mention {
        Mention {
            code: code.to_string(),
            start,
            end,
            actor: actor.map(str::to_string),
            agent: None,
        }
    }

    #[test]
    fn an_agent_word_ending_a_name_joins_the_title_before() {
        let tokens = tokenize("British Defence Secretary Tom King has promised aid");
        let mentions = vec![
            mention("GBRGOVMIL", 0, 3, Some("GBR")),
            mention("---GOV", 4, 5, None),
        ];
        let joined = absorb_agents_ending_names(mentions, &tokens, "---");
        assert_eq!(joined.len(), 1);
        assert_eq!((joined[0].code.as_str(), joined[0].end), ("GBRGOVMIL", 5));
    }

    #[test]
    fn lower_case_words_keep_mentions_apart() {
        let tokens = tokenize("British troops met the king");
        let mentions = vec![
            mention("GBRMIL", 0, 2, Some("GBR")),
            mention("---GOV", 4, 5, None),
        ];
        assert_eq!(
            absorb_agents_ending_names(mentions, &tokens, "---").len(),
            2
        );
    }
}
