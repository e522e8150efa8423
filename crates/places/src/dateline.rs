//! The dateline at the head of an article: "JAKARTA —", "BOGOTÁ (AFP) -", "KYIV, Ukraine (AP)
//! —", "Jakarta, CNN Indonesia --", "MADRID, 12 Jun. (EUROPA PRESS) -".
//!
//! A dateline is the start of one of the article's first lines, up to a dash (or a dash after a
//! period, as Spanish agencies write it), short, holding a place name; the place is where the
//! story was filed from.

use crate::recognise::Found;
use crate::words::Word;
use truce_core::PlaceMentionKind;

/// How many lines from the top a dateline may stand on (a title may come first).
const DATELINE_MAX_LINE: usize = 2;
/// The most tokens before the dash.
const DATELINE_MAX_TOKENS: usize = 14;
/// The most bytes before the dash.
const DATELINE_MAX_BYTES: usize = 90;

/// The index in `found` of the dateline's place, if the article has a dateline.
pub fn dateline_place(text: &str, tokens: &[Word], found: &[Found]) -> Option<usize> {
    let mut line_number = 0;
    let mut token_idx = 0;
    while token_idx < tokens.len() && line_number < DATELINE_MAX_LINE {
        if !tokens[token_idx].line_start {
            token_idx += 1;
            continue;
        }
        line_number += 1;
        let line_first = token_idx;
        let line_start_byte = tokens[line_first].start;
        let mut dash = None;
        let mut cursor = line_first;
        while cursor < tokens.len() && cursor - line_first < DATELINE_MAX_TOKENS {
            let token = &tokens[cursor];
            if cursor > line_first && token.line_start {
                break;
            }
            if token.is_dash() && cursor > line_first {
                dash = Some(cursor);
                break;
            }
            cursor += 1;
        }
        if let Some(dash) = dash {
            let before = &text[line_start_byte..tokens[dash].start];
            // Text must follow the dash on the same line: a lone "Jakarta -" heading is not a
            // dateline of a story.
            let text_follows = tokens.get(dash + 1).is_some_and(|next| !next.line_start);
            if before.len() <= DATELINE_MAX_BYTES && text_follows && tokens[line_first].capitalised
            {
                let place = found.iter().position(|mention| {
                    mention.kind == PlaceMentionKind::Place
                        && mention.first_token >= line_first
                        && mention.end_token <= dash
                });
                if place.is_some() {
                    return place;
                }
            }
        }
        token_idx = cursor.max(token_idx + 1);
    }
    None
}
