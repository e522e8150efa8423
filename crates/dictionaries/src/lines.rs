//! Comment stripping and line iteration shared by every dictionary reader.

/// One meaningful line of a dictionary: its 1-based number and its text with comments removed
/// and surrounding blanks trimmed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DictionaryLine<'text> {
    pub number: usize,
    pub text: &'text str,
}

/// Yields the non-blank lines of a dictionary with `#` and `;` comments (outside `[...]`) and
/// `<!-- ... -->` comments (also across lines) removed.
pub(crate) fn meaningful_lines(text: &str) -> Vec<DictionaryLine<'_>> {
    let mut lines = Vec::new();
    let mut inside_xml_comment = false;
    for (index, raw_line) in text.lines().enumerate() {
        let mut line = raw_line;
        if inside_xml_comment {
            match line.find("-->") {
                Some(end) => line = &line[end + 3..],
                None => continue,
            }
        }
        let (kept, opened) = strip_xml_comments(line);
        inside_xml_comment = opened;
        let kept = strip_line_comment(kept);
        let trimmed = kept.trim();
        if trimmed.is_empty() {
            continue;
        }
        lines.push(DictionaryLine {
            number: index + 1,
            text: trimmed,
        });
    }
    lines
}

/// Removes `<!-- ... -->` comments that open on this line; reports whether one stays open.
fn strip_xml_comments(line: &str) -> (&str, bool) {
    // Only the part before the first comment opener is kept; text after a closed comment on
    // the same line is rare in these files and TABARI ignores it too.
    match line.find("<!--") {
        Some(start) => {
            let closed = line[start..].contains("-->");
            (&line[..start], !closed)
        }
        None => (line, false),
    }
}

/// Cuts a line at the first `#` or `;` that is not inside a `[...]` code (TABARI writes the
/// discard code as `[###]`).
pub(crate) fn strip_line_comment(line: &str) -> &str {
    let mut depth = 0usize;
    for (position, character) in line.char_indices() {
        match character {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' | ';' if depth == 0 => return &line[..position],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_every_style_are_removed() {
        let text =
            "A [X] # note\n<!-- one -->\nB [Y] ; old style\n<!-- open\nstill\n-->\nC [###]\n";
        let lines: Vec<_> = meaningful_lines(text)
            .iter()
            .map(|line| line.text)
            .collect();
        assert_eq!(lines, vec!["A [X]", "B [Y]", "C [###]"]);
    }
}
