//! Dates written on a page for people to read ("12. Juni 2024", "June 12, 2024", "12.06.2024", "2024年6月12日"), found in the elements a page marks as dates and read with month names of many languages (`data/month_names.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use truce_core::PartialDate;

use crate::dom::{AttrName, Document, NodeId, NodeKind, Tag};

/// The bundled month names, read once.
fn month_names() -> &'static HashMap<String, u8> {
    static MONTH_NAMES: OnceLock<HashMap<String, u8>> = OnceLock::new();
    MONTH_NAMES.get_or_init(|| parse_month_names(include_str!("../data/month_names.tsv")))
}

/// `lang<TAB>month<TAB>form, form…` lines; `#` starts a comment. A malformed line is skipped:
/// the table is bundled and checked by a test, so this never drops a line in practice.
fn parse_month_names(table: &str) -> HashMap<String, u8> {
    let mut names = HashMap::new();
    for line in table.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(_lang), Some(month), Some(forms)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(month) = month.trim().parse::<u8>() else {
            continue;
        };
        for form in forms.split(',') {
            let form = form.trim();
            if !form.is_empty() {
                names.insert(form.to_lowercase(), month);
            }
        }
    }
    names
}

/// The latest date a page can have been published on, and the earliest believed: news sites
/// and blogs with dated pages hardly predate 1995, and a date after today is a schedule, a
/// copyright year's end or an event, not when the page was written.
#[derive(Debug, Clone, Copy)]
pub struct PlausibleDates {
    pub earliest_year: i32,
    pub latest: PartialDate,
}

impl PlausibleDates {
    /// From 1995 to today by the system clock.
    pub fn until_today() -> PlausibleDates {
        PlausibleDates {
            earliest_year: 1995,
            latest: today(),
        }
    }

    pub fn admits(&self, date: PartialDate) -> bool {
        date.year >= self.earliest_year && date <= self.latest
    }
}

/// Today's date in UTC, by the system clock.
fn today() -> PartialDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    truce_core::date::civil_from_days(days)
        .and_then(|(year, month, day)| PartialDate::day(year, month, day))
        .unwrap_or_else(|| PartialDate::year(9999))
}

/// Words in a class, id or itemprop that mark an element as holding the page's date.
const DATE_HINTS: &[&str] = &[
    "date", "datum", "time", "publi", "posted", "byline", "fecha", "stamp", "meta", "authored",
    "created",
];

/// Hint words that mark a date other than the publication: a reader's comment, an update.
const OTHER_DATE_HINTS: &[&str] = &["comment", "modif", "updat", "footer", "copyright"];

/// The longest text an element marked as a date may have: a longer one is a container (a
/// teaser list, a sidebar) whose dates are not the page's own.
const MAX_DATE_ELEMENT_CHARS: usize = 160;

/// The first readable date in an element whose class, id or itemprop says it holds a date (the
/// byline's "Veröffentlicht am 12. Juni 2024"), in document order from node `from` on.
pub fn date_in_marked_elements(
    document: &Document<'_>,
    from: NodeId,
    month_first: bool,
    plausible: PlausibleDates,
) -> Option<(NodeId, PartialDate)> {
    let nodes = (from as usize..document.nodes.len()).map(|index| index as NodeId);
    date_in_marked_nodes(document, nodes, month_first, plausible)
}

/// The nearest marked date in the `max_nodes` nodes before `before`: a blog's date header just
/// above its headline.
pub fn date_in_marked_elements_before(
    document: &Document<'_>,
    before: NodeId,
    max_nodes: usize,
    month_first: bool,
    plausible: PlausibleDates,
) -> Option<(NodeId, PartialDate)> {
    let start = (before as usize).saturating_sub(max_nodes);
    let nodes = (start..before as usize).rev().map(|index| index as NodeId);
    date_in_marked_nodes(document, nodes, month_first, plausible)
        .filter(|(node, _)| !is_inside(document, before, *node))
}

/// Whether `node` lies inside `container` (a marked element holding the headline is a
/// container, not a date next to it).
fn is_inside(document: &Document<'_>, node: NodeId, container: NodeId) -> bool {
    let mut current = node;
    for _ in 0..256 {
        let Some(entry) = document.nodes.get(current as usize) else {
            return false;
        };
        if entry.parent == container {
            return true;
        }
        if entry.parent == current {
            return false;
        }
        current = entry.parent;
    }
    false
}

fn date_in_marked_nodes(
    document: &Document<'_>,
    nodes: impl Iterator<Item = NodeId>,
    month_first: bool,
    plausible: PlausibleDates,
) -> Option<(NodeId, PartialDate)> {
    let mut fallback = None;
    for node in nodes {
        let Some(tag) = document.tag(node) else {
            continue;
        };
        if matches!(
            tag,
            Tag::Script | Tag::Style | Tag::Head | Tag::Html | Tag::Body
        ) {
            continue;
        }
        let hints = [AttrName::Class, AttrName::Id, AttrName::Itemprop]
            .iter()
            .filter_map(|name| document.attribute(node, *name))
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        if hints.is_empty() || !DATE_HINTS.iter().any(|hint| hints.contains(hint)) {
            continue;
        }
        let text = bounded_text(document, node, MAX_DATE_ELEMENT_CHARS);
        let Some(text) = text else {
            continue;
        };
        if let Some(date) = first_date_in_text(&text, month_first, plausible) {
            if OTHER_DATE_HINTS.iter().any(|hint| hints.contains(hint)) {
                fallback = fallback.or(Some((node, date)));
            } else {
                return Some((node, date));
            }
        }
    }
    fallback
}

/// How much visible text before and after the headline is searched for a date when no element
/// is marked as one: bylines and datelines sit just above or below the headline.
const CHARS_BEFORE_HEADLINE: usize = 400;
const CHARS_AFTER_HEADLINE: usize = 2000;

/// The first readable date in the visible text around the page's first `<h1>` (from the start
/// of the page when it has none): the unmarked byline of a small site ("am 20.06.2018").
pub fn date_near_headline(
    document: &Document<'_>,
    month_first: bool,
    plausible: PlausibleDates,
) -> Option<PartialDate> {
    let mut texts: Vec<(usize, &str)> = Vec::new();
    let mut n_chars = 0;
    let mut headline_at = None;
    for (index, node) in document.nodes.iter().enumerate() {
        match &node.kind {
            NodeKind::Element { tag: Tag::H1, .. } if headline_at.is_none() => {
                headline_at = Some(n_chars);
            }
            NodeKind::Text(text) if is_visible(document, index as NodeId) => {
                let trimmed = text.trim();
                if !trimmed.is_empty() {
                    texts.push((n_chars, trimmed));
                    n_chars += trimmed.chars().count() + 1;
                }
            }
            _ => {}
        }
        if headline_at.is_some_and(|at| n_chars > at + CHARS_AFTER_HEADLINE) {
            break;
        }
    }
    let (start, end) = match headline_at {
        Some(at) => (
            at.saturating_sub(CHARS_BEFORE_HEADLINE),
            at + CHARS_AFTER_HEADLINE,
        ),
        None => (0, CHARS_BEFORE_HEADLINE + CHARS_AFTER_HEADLINE),
    };
    let window = texts
        .iter()
        .filter(|(offset, text)| offset + text.len() >= start && *offset <= end)
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join(" ");
    first_date_in_text(&window, month_first, plausible)
}

/// Whether a text node is shown to a reader: not inside a script, style, template, form
/// control or the page's head.
fn is_visible(document: &Document<'_>, node: NodeId) -> bool {
    let mut current = document.nodes.get(node as usize).map(|entry| entry.parent);
    let mut depth = 0;
    while let Some(parent) = current {
        let Some(entry) = document.nodes.get(parent as usize) else {
            return true;
        };
        if let NodeKind::Element { tag, .. } = entry.kind
            && matches!(
                tag,
                Tag::Script
                    | Tag::Style
                    | Tag::Template
                    | Tag::Noscript
                    | Tag::Head
                    | Tag::Select
                    | Tag::Option
                    | Tag::Textarea
            )
        {
            return false;
        }
        if entry.parent == parent || depth > 256 {
            return true;
        }
        current = Some(entry.parent);
        depth += 1;
    }
    true
}

/// The text under `node`, or `None` when it is longer than `limit` characters.
fn bounded_text(document: &Document<'_>, node: NodeId, limit: usize) -> Option<String> {
    let mut out = String::new();
    let mut stack = vec![node];
    let mut first = true;
    while let Some(current) = stack.pop() {
        let Some(entry) = document.nodes.get(current as usize) else {
            continue;
        };
        match &entry.kind {
            NodeKind::Text(text) => {
                out.push_str(text);
                out.push(' ');
                if out.chars().count() > limit * 2 {
                    return None;
                }
            }
            NodeKind::Element { tag, .. } => {
                if !first && matches!(tag, Tag::Script | Tag::Style) {
                    continue;
                }
                let children: Vec<NodeId> = document.children(current).collect();
                stack.extend(children.into_iter().rev());
            }
        }
        first = false;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (collapsed.chars().count() <= limit).then_some(collapsed)
}

/// One piece of text for the date patterns: a run of digits, a run of letters (lower-cased), or
/// one other character; `spaced` when blank space came before it.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Number { value: u32, digits: usize },
    Word(String),
    Mark(char),
}

fn pieces_of(text: &str) -> Vec<(Piece, bool)> {
    let mut pieces = Vec::new();
    let mut characters = text.chars().peekable();
    let mut spaced = false;
    while let Some(&character) = characters.peek() {
        if character.is_whitespace() {
            spaced = true;
            characters.next();
            continue;
        }
        let piece = if character.is_ascii_digit() {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(&digit) = characters.peek().filter(|next| next.is_ascii_digit()) {
                value = value
                    .saturating_mul(10)
                    .saturating_add(digit as u32 - '0' as u32);
                digits += 1;
                characters.next();
            }
            Piece::Number { value, digits }
        } else if character.is_alphabetic() && !is_date_marker(character) {
            let mut word = String::new();
            while let Some(&letter) = characters
                .peek()
                .filter(|next| next.is_alphabetic() && !is_date_marker(**next))
            {
                word.extend(letter.to_lowercase());
                characters.next();
            }
            Piece::Word(word)
        } else {
            characters.next();
            Piece::Mark(character)
        };
        pieces.push((piece, spaced));
        spaced = false;
    }
    pieces
}

/// The year, month and day markers of Chinese, Japanese and Korean dates (`2024年6月12日`).
fn is_date_marker(character: char) -> bool {
    matches!(character, '年' | '月' | '日' | '년' | '월' | '일')
}

/// The first date with a day in `text` that `plausible` admits. Numeric dates are read
/// year-month-day when they start with the year, day-month-year with full stops, and with
/// slashes or hyphens day first unless the day cannot be first or `month_first` (American
/// English) says so.
pub fn first_date_in_text(
    text: &str,
    month_first: bool,
    plausible: PlausibleDates,
) -> Option<PartialDate> {
    let pieces = pieces_of(text);
    let months = month_names();
    (0..pieces.len()).find_map(|start| {
        date_at(&pieces[start..], months, month_first).filter(|date| plausible.admits(*date))
    })
}

fn number(piece: Option<&(Piece, bool)>, max_digits: usize) -> Option<u32> {
    match piece {
        Some((Piece::Number { value, digits }, _)) if *digits <= max_digits => Some(*value),
        _ => None,
    }
}

fn year(piece: Option<&(Piece, bool)>) -> Option<i32> {
    match piece {
        Some((Piece::Number { value, digits: 4 }, _)) => i32::try_from(*value).ok(),
        _ => None,
    }
}

fn mark(piece: Option<&(Piece, bool)>) -> Option<(char, bool)> {
    match piece {
        Some((Piece::Mark(character), spaced)) => Some((*character, *spaced)),
        _ => None,
    }
}

fn month_word(piece: Option<&(Piece, bool)>, months: &HashMap<String, u8>) -> Option<u8> {
    match piece {
        Some((Piece::Word(word), _)) => months.get(word).copied(),
        _ => None,
    }
}

/// Skip the pieces `skippable` accepts, from `index` on.
fn skip(pieces: &[(Piece, bool)], mut index: usize, skippable: impl Fn(&Piece) -> bool) -> usize {
    while pieces.get(index).is_some_and(|(piece, _)| skippable(piece)) {
        index += 1;
    }
    index
}

/// A date starting at the first piece, if one does.
fn date_at(
    pieces: &[(Piece, bool)],
    months: &HashMap<String, u8>,
    month_first: bool,
) -> Option<PartialDate> {
    let first = pieces.first()?;
    match &first.0 {
        Piece::Number { value, digits: 4 } => {
            let year = i32::try_from(*value).ok()?;
            // 2024-06-12, 2024/06/12, 2024.06.12
            if let Some((separator, false)) = mark(pieces.get(1))
                && matches!(separator, '-' | '/' | '.')
                && let Some(month) = number(pieces.get(2), 2)
                && mark(pieces.get(3)) == Some((separator, false))
                && let Some(day) = number(pieces.get(4), 2)
            {
                return PartialDate::day(year, month as u8, day as u8);
            }
            // 2024年6月12日, 2024년 6월 12일
            if let Some((Piece::Mark('年' | '년'), _)) = pieces.get(1)
                && let Some(month) = number(pieces.get(2), 2)
                && let Some((Piece::Mark('月' | '월'), _)) = pieces.get(3)
                && let Some(day) = number(pieces.get(4), 2)
            {
                return PartialDate::day(year, month as u8, day as u8);
            }
            // 2024. június 12.
            let at = skip(pieces, 1, |piece| *piece == Piece::Mark('.'));
            if let Some(month) = month_word(pieces.get(at), months)
                && let Some(day) = number(pieces.get(at + 1), 2)
            {
                return PartialDate::day(year, month, day as u8);
            }
            None
        }
        Piece::Number {
            value,
            digits: 1 | 2,
        } => {
            let leading = *value;
            // 12.06.2024, 12. 6. 2024, 12/06/2024, 06/12/2024, 12-06-2024
            if let Some((separator, _)) = mark(pieces.get(1))
                && matches!(separator, '.' | '/' | '-')
                && let Some(middle) = number(pieces.get(2), 2)
                && mark(pieces.get(3)).map(|(found, _)| found) == Some(separator)
                && let Some(year) = year(pieces.get(4))
            {
                let spaced = pieces[1].1 || pieces[3].1;
                if spaced && separator != '.' {
                    return None;
                }
                let (day, month) = if separator == '.' || leading > 12 {
                    (leading, middle)
                } else if middle > 12 || month_first {
                    (middle, leading)
                } else {
                    (leading, middle)
                };
                return PartialDate::day(year, month as u8, day as u8);
            }
            // 12. Juni 2024, 12 de junio de 2024, 12 June, 2024, 12 июня 2024 г.
            let at = skip(pieces, 1, |piece| {
                *piece == Piece::Mark('.')
                    || matches!(piece, Piece::Word(word) if is_joining_word(word))
            });
            if let Some(month) = month_word(pieces.get(at), months) {
                let at = skip(pieces, at + 1, |piece| {
                    matches!(piece, Piece::Mark('.' | ','))
                        || matches!(piece, Piece::Word(word) if is_joining_word(word))
                });
                if let Some(year) = year(pieces.get(at)) {
                    return PartialDate::day(year, month, leading as u8);
                }
            }
            None
        }
        // June 12, 2024; Juni 12th 2024
        Piece::Word(_) => {
            let month = month_word(Some(first), months)?;
            let at = skip(pieces, 1, |piece| *piece == Piece::Mark('.'));
            let day = number(pieces.get(at), 2)?;
            let at = skip(pieces, at + 1, |piece| {
                matches!(piece, Piece::Mark(',' | '.'))
                    || matches!(piece, Piece::Word(word) if matches!(word.as_str(), "st" | "nd" | "rd" | "th"))
            });
            PartialDate::day(year(pieces.get(at))?, month, day as u8)
        }
        _ => None,
    }
}

/// The small words between a day, a month and a year: "12 de junio de 2024", "12th of June".
fn is_joining_word(word: &str) -> bool {
    matches!(word, "de" | "del" | "of" | "th" | "st" | "nd" | "rd" | "er")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn until_2024() -> PlausibleDates {
        PlausibleDates {
            earliest_year: 1995,
            latest: PartialDate::day(2024, 12, 31).unwrap(),
        }
    }

    fn read(text: &str) -> Option<PartialDate> {
        first_date_in_text(text, false, until_2024())
    }

    #[test]
    fn the_bundled_month_names_load_every_line() {
        let table = include_str!("../data/month_names.tsv");
        let n_lines = table
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(n_lines % 12, 0, "every language lists twelve months");
        let names = month_names();
        assert_eq!(names.get("juni"), Some(&6));
        assert_eq!(names.get("października"), Some(&10));
        assert_eq!(names.get("листопада"), Some(&11));
        assert_eq!(names.get("aralık"), Some(&12));
    }

    #[test]
    fn dates_are_read_in_the_ways_pages_write_them() {
        let june_12 = PartialDate::day(2024, 6, 12);
        for text in [
            "Veröffentlicht am 12. Juni 2024, 10:15 Uhr",
            "Stand - 12.06.2024",
            "12. 6. 2024",
            "Posted on June 12, 2024 by admin",
            "June 12th, 2024",
            "publié le 12 juin 2024",
            "12 de junio de 2024",
            "Rabu, 12 Juni 2024 - 22:32 WIB",
            "12 июня 2024 г.",
            "12 червня 2024",
            "12 czerwca 2024",
            "12 Haziran 2024",
            "2024-06-12T10:00:00",
            "2024/06/12",
            "2024年6月12日",
            "2024년 6월 12일",
            "2024. június 12.",
            "12/06/2024",
            "06/12/2024 is read day first unless told",
        ] {
            let expected = if text.starts_with("06/12") {
                PartialDate::day(2024, 12, 6)
            } else {
                june_12
            };
            assert_eq!(read(text), expected, "{text}");
        }
        assert_eq!(
            first_date_in_text("06/12/2024", true, until_2024()),
            june_12
        );
        assert_eq!(read("13/06/2024"), PartialDate::day(2024, 6, 13));
    }

    #[test]
    fn implausible_and_incomplete_dates_are_not_read() {
        assert_eq!(read("Copyright 1990-2024"), None);
        assert_eq!(read("12. Juni 1990"), None);
        assert_eq!(read("Termin: 12. Juni 2031"), None);
        assert_eq!(read("Juni 2024"), None);
        assert_eq!(read("31.02.2024"), None);
        assert_eq!(read("may 5 people 2020"), None);
        assert_eq!(read("Seite 12 / 06 / 2024"), None);
    }

    #[test]
    fn a_byline_date_is_found_and_a_comment_date_only_as_a_last_resort() {
        let page = "<html><body><div class=\"comments\"><span class=\"comment-date\">3. Mai 2024</span></div>\
            <p class=\"entry-meta\">Von Anna, <span>veröffentlicht am 12. Juni 2024</span></p>\
            <ul class=\"teaser-dates\">\
            <li>1.1.2024</li><li>2.1.2024</li><li>3.1.2024</li><li>4.1.2024</li><li>5.1.2024</li>\
            <li>6.1.2024</li><li>7.1.2024</li><li>8.1.2024</li><li>9.1.2024</li><li>10.1.2024</li>\
            <li>11.1.2024</li><li>12.1.2024</li><li>13.1.2024</li><li>14.1.2024</li><li>15.1.2024</li>\
            </ul></body></html>";
        let document = Document::parse(page);
        assert_eq!(
            date_in_marked_elements(&document, 0, false, until_2024()).map(|(_, date)| date),
            PartialDate::day(2024, 6, 12)
        );
        let only_comment =
            Document::parse("<div class=\"comment-date\">3. Mai 2024</div><p>Kein Datum hier.</p>");
        assert_eq!(
            date_in_marked_elements(&only_comment, 0, false, until_2024()).map(|(_, date)| date),
            PartialDate::day(2024, 5, 3)
        );
    }

    #[test]
    fn today_is_a_real_day_after_the_project_began() {
        let today = today();
        assert!(today.year >= 2024 && today.day.is_some());
    }
}
