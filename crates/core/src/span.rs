//! Byte spans into an article's cleaned text: the one way every stage points at text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text. Both ends fall on UTF-8 character boundaries
/// of the text the span was made for, so `span.slice(text)` always returns the mention it names.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "a span must not end before it starts");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span names, or `None` when the span does not fit the text (a bug upstream).
    pub fn slice<'text>(&self, text: &'text str) -> Option<&'text str> {
        text.get(self.start..self.end)
    }

    /// Shift a span that was made relative to a sub-slice starting at `offset`.
    pub fn shifted(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_returns_the_named_text_and_refuses_a_span_inside_a_character() {
        let text = "Moskow — Baku";
        let dash = text.find('—').unwrap();
        assert_eq!(Span::new(0, 6).slice(text), Some("Moskow"));
        assert_eq!(Span::new(dash, dash + 1).slice(text), None);
        assert_eq!(
            Span::new(dash, dash + '—'.len_utf8()).slice(text),
            Some("—")
        );
    }

    #[test]
    fn cover_and_overlap_agree() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(&b));
        assert_eq!(a.cover(&b), Span::new(2, 9));
        assert!(!Span::new(0, 2).overlaps(&Span::new(2, 3)));
    }
}
