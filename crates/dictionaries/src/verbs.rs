//! Verb dictionaries: synsets, verb blocks with their forms and codes, and the patterns that pick source, target and code.
//!
//! One reader serves both dialects. TABARI files are a list of verbs, each followed by its
//! patterns (`- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS [111]`);
//! PETRARCH files group synonymous verbs in `--- NAME [code] ---` blocks that share patterns,
//! and annotate patterns with `{noun phrases}` and `(prepositional phrases)`, which a shallow
//! coder reads as plain word sequences.

use std::collections::HashMap;

use crate::lines::meaningful_lines;
use crate::words::{Phrase, PhraseWord, normalize_word};
use crate::{Dialect, DictionaryError, Warning};

/// What a verb or pattern codes: an event code, optionally a paired code for the reverse
/// direction (`[032:033]`: a visit and the receipt of the visit), or nothing (`[---]`), or
/// "discard the sentence" (`[###]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeSpec {
    pub code: Option<String>,
    pub paired: Option<String>,
    pub discard: bool,
}

impl CodeSpec {
    pub fn parse(inside: &str) -> Result<CodeSpec, String> {
        let inside = inside.trim();
        if inside.is_empty() {
            return Err("empty code `[]`".to_string());
        }
        if inside == "###" {
            return Ok(CodeSpec {
                code: None,
                paired: None,
                discard: true,
            });
        }
        if inside.contains(char::is_whitespace) {
            return Err(format!("code `[{inside}]` contains a blank"));
        }
        let (first, second) = match inside.split_once(':') {
            Some((first, second)) => (first, Some(second)),
            None => (inside, None),
        };
        let code = |text: &str| {
            if text == "---" || text.is_empty() {
                None
            } else {
                Some(text.to_string())
            }
        };
        Ok(CodeSpec {
            code: code(first),
            paired: second.and_then(code),
            discard: false,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElement {
    Word(PhraseWord),
    /// `&NAME`: any member of the synset.
    Synset(String),
    /// `*`: the verb itself.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor that is both source and target.
    Compound,
    /// `^`: skip one actor or noun phrase.
    Skip,
    /// `{ A | B }`: one of several sequences.
    Alternatives(Vec<Vec<PatternItem>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternItem {
    pub element: PatternElement,
    /// Written with `_` before it: no word may come between this item and the previous one.
    pub joined_to_previous: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    /// The items in text order, including exactly one `Verb`.
    pub items: Vec<PatternItem>,
    pub code: CodeSpec,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// Every surface form as a word sequence; `verb_positions[i]` is the index of the verb word in `forms[i]`.
    pub forms: Vec<Vec<PhraseWord>>,
    pub verb_positions: Vec<usize>,
    /// The entry's own code, overriding the block's.
    pub code: Option<CodeSpec>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    pub entries: Vec<VerbEntry>,
    pub code: CodeSpec,
    pub patterns: Vec<VerbPattern>,
    pub line: usize,
}

/// What a TABARI `<TIME>` phrase does to the sentence it occurs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeShift {
    /// `[+7]`, `[-1]`: the events happen that many days from the story's date.
    Days(i32),
    /// `[###]`: the sentence is not coded (`once upon a time`).
    Discard,
    /// `[+++]`: the sentence is too complex to code (`when peace comes`).
    Complex,
    /// `[- - -]`: no shift.
    Nothing,
}

impl TimeShift {
    fn parse(inside: &str) -> Result<TimeShift, String> {
        let compact: String = inside.split_whitespace().collect();
        match compact.as_str() {
            "###" => Ok(TimeShift::Discard),
            "+++" => Ok(TimeShift::Complex),
            "---" => Ok(TimeShift::Nothing),
            number => number
                .trim_start_matches('+')
                .parse()
                .map(TimeShift::Days)
                .map_err(|_| format!("time shift `[{inside}]` is not a number of days")),
        }
    }
}

/// A TABARI `<TIME>` entry: a phrase (`TOMORROW`), its shift, and patterns that change the
/// shift by the words after the phrase (`- * AND A WEEK [+8]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimePhrase {
    pub phrase: Phrase,
    pub shift: TimeShift,
    /// Each pattern's words after the phrase, and the shift they give.
    pub patterns: Vec<(Vec<PatternItem>, TimeShift)>,
}

#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub synsets: HashMap<String, Vec<Vec<PatternItem>>>,
    /// TABARI's `<TIME>` phrases.
    pub time_phrases: Vec<TimePhrase>,
    pub blocks: Vec<VerbBlock>,
    /// PETRARCH `~` transformation lines, kept verbatim: the shallow coder does not apply them.
    pub transformations: Vec<String>,
    pub dialect: Option<Dialect>,
}

impl VerbDictionary {
    pub fn extend(&mut self, other: VerbDictionary) {
        self.synsets.extend(other.synsets);
        self.time_phrases.extend(other.time_phrases);
        self.blocks.extend(other.blocks);
        self.transformations.extend(other.transformations);
        if self.dialect.is_none() {
            self.dialect = other.dialect;
        }
    }
}

enum Context {
    Nothing,
    Synset(String),
    Block,
}

pub fn parse_verbs(
    file: &str,
    text: &str,
    dialect: Dialect,
) -> Result<(VerbDictionary, Vec<Warning>), DictionaryError> {
    let mut dictionary = VerbDictionary {
        dialect: Some(dialect),
        ..VerbDictionary::default()
    };
    let mut warnings = Vec::new();
    let mut context = Context::Nothing;
    let mut in_time_section = false;
    // TABARI puts a verb's irregular forms on the line after it: `{ ACTING_ ACTXD_ }`.
    for line in meaningful_lines(text) {
        let content = line.text;
        let mut warn = |message: String| {
            warnings.push(Warning {
                file: file.to_string(),
                line: line.number,
                message,
            })
        };
        let upper = content.to_ascii_uppercase();
        match upper.as_str() {
            "<SYNSETS>" | "</SYNSETS>" => continue,
            "<TIME>" => {
                in_time_section = true;
                continue;
            }
            "</TIME>" => {
                in_time_section = false;
                continue;
            }
            _ => {}
        }
        if in_time_section {
            if let Err(message) = parse_time_line(content, &mut dictionary.time_phrases) {
                warn(format!("{message}; skipped"));
            }
            continue;
        }
        if content.starts_with('<') {
            continue;
        }
        if content.starts_with("---") {
            let inner = content.trim_matches('-').trim();
            let (name, code) = match inner.find('[') {
                Some(open) => {
                    let close = inner[open..]
                        .find(']')
                        .map(|end| open + end)
                        .unwrap_or(inner.len());
                    match CodeSpec::parse(&inner[open + 1..close]) {
                        Ok(code) => (inner[..open].trim().to_string(), code),
                        Err(message) => {
                            warn(format!("{message}; the block gets no code"));
                            (inner[..open].trim().to_string(), CodeSpec::default())
                        }
                    }
                }
                None => (inner.to_string(), CodeSpec::default()),
            };
            dictionary.blocks.push(VerbBlock {
                name,
                entries: Vec::new(),
                code,
                patterns: Vec::new(),
                line: line.number,
            });
            context = Context::Block;
            continue;
        }
        if let Some(name) = content.strip_prefix('&') {
            let name = name
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('_');
            if name.is_empty() {
                warn("a synset without a name; skipped".to_string());
                context = Context::Nothing;
                continue;
            }
            let name = normalize_word(name);
            dictionary.synsets.entry(name.clone()).or_default();
            context = Context::Synset(name);
            continue;
        }
        if let Some(member) = content.strip_prefix('+')
            && let Context::Synset(name) = &context
        {
            match parse_pattern_items(member, dialect) {
                Ok(items) if !items.is_empty() => {
                    if items.iter().any(|item| {
                        !matches!(
                            item.element,
                            PatternElement::Word(_) | PatternElement::Synset(_)
                        )
                    }) {
                        warn(
                            "a synset member may hold only words and synsets; skipped".to_string(),
                        );
                    } else if let Some(members) = dictionary.synsets.get_mut(name) {
                        members.push(items);
                    }
                }
                Ok(_) => warn("an empty synset member; skipped".to_string()),
                Err(message) => warn(format!("{message}; skipped")),
            }
            continue;
        }
        if content.starts_with('~') {
            dictionary.transformations.push(content.to_string());
            continue;
        }
        if let Some(pattern_text) = content.strip_prefix('-') {
            let Some(block) = dictionary.blocks.last_mut() else {
                warn("a pattern before any verb; skipped".to_string());
                continue;
            };
            let Some(open) = pattern_text.rfind('[') else {
                warn("a pattern without a `[code]`; skipped".to_string());
                continue;
            };
            let close = pattern_text[open..]
                .find(']')
                .map(|end| open + end)
                .unwrap_or(pattern_text.len());
            let code = match CodeSpec::parse(&pattern_text[open + 1..close]) {
                Ok(code) => code,
                Err(message) => {
                    warn(format!("{message}; pattern skipped"));
                    continue;
                }
            };
            match parse_pattern_items(&pattern_text[..open], dialect) {
                Ok(items) => {
                    let verbs = items
                        .iter()
                        .filter(|item| item.element == PatternElement::Verb)
                        .count();
                    if verbs != 1 {
                        warn(format!(
                            "a pattern needs exactly one `*`, this one has {verbs}; skipped"
                        ));
                        continue;
                    }
                    block.patterns.push(VerbPattern {
                        items,
                        code,
                        line: line.number,
                    });
                }
                Err(message) => warn(format!("{message}; pattern skipped")),
            }
            continue;
        }
        if content.starts_with('{') {
            // TABARI: the irregular forms of the verb on the previous line.
            let Some(entry) = dictionary
                .blocks
                .last_mut()
                .and_then(|block| block.entries.last_mut())
            else {
                warn("verb forms before any verb; skipped".to_string());
                continue;
            };
            let inner = content.trim_start_matches('{').trim_end_matches('}');
            for form in inner.split_whitespace() {
                let (words, position) = verb_form_words(form, dialect);
                if !words.is_empty() {
                    entry.forms.push(words);
                    entry.verb_positions.push(position);
                }
            }
            continue;
        }
        // A TABARI verb phrase (`BURN DOWN  [222]`): a pattern of its first word's block.
        if dialect == Dialect::Tabari
            && let Some(phrase) = tabari_verb_phrase(content, line.number)
        {
            match phrase {
                Ok((root, pattern)) => {
                    let existing = dictionary
                        .blocks
                        .iter()
                        .rposition(|block| block.name.eq_ignore_ascii_case(root));
                    let block_index = match existing {
                        Some(index) => index,
                        None => match parse_verb_line(root, dialect, line.number) {
                            Ok(entry) => {
                                dictionary.blocks.push(VerbBlock {
                                    name: root.to_string(),
                                    entries: vec![entry],
                                    code: CodeSpec::default(),
                                    patterns: Vec::new(),
                                    line: line.number,
                                });
                                dictionary.blocks.len() - 1
                            }
                            Err(message) => {
                                warn(format!("{message}; skipped"));
                                continue;
                            }
                        },
                    };
                    dictionary.blocks[block_index].patterns.push(pattern);
                    context = Context::Block;
                }
                Err(message) => warn(format!("{message}; skipped")),
            }
            continue;
        }
        // A verb line.
        match parse_verb_line(content, dialect, line.number) {
            Ok(entry) => {
                let start_new_block = dialect == Dialect::Tabari
                    || !matches!(context, Context::Block)
                    || dictionary.blocks.is_empty();
                if start_new_block {
                    let code = entry.code.clone().unwrap_or_default();
                    let name = content
                        .split(['[', '{'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_start_matches('+')
                        .to_string();
                    dictionary.blocks.push(VerbBlock {
                        name,
                        entries: vec![entry],
                        code,
                        patterns: Vec::new(),
                        line: line.number,
                    });
                    context = Context::Block;
                } else if let Some(block) = dictionary.blocks.last_mut() {
                    block.entries.push(entry);
                }
            }
            Err(message) => warn(format!("{message}; skipped")),
        }
    }
    Ok((dictionary, warnings))
}

/// One line of TABARI's `<TIME>` section: a phrase with its shift (`LAST_WEEK [-7]`), or a
/// pattern of the phrase before it (`- * AND A WEEK [+8]`).
fn parse_time_line(content: &str, phrases: &mut Vec<TimePhrase>) -> Result<(), String> {
    let open = content
        .rfind('[')
        .ok_or_else(|| "a time phrase without a `[shift]`".to_string())?;
    let close = content[open..]
        .find(']')
        .map(|end| open + end)
        .ok_or_else(|| format!("`[` without `]` in `{content}`"))?;
    let shift = TimeShift::parse(&content[open + 1..close])?;
    let head = content[..open].trim();
    if let Some(pattern) = head.strip_prefix('-') {
        let phrase = phrases
            .last_mut()
            .ok_or_else(|| "a time pattern before any time phrase".to_string())?;
        let items = parse_pattern_items(pattern, Dialect::Tabari)?;
        let after_phrase = items
            .iter()
            .position(|item| item.element == PatternElement::Verb)
            .map_or(items.as_slice(), |verb| &items[verb + 1..]);
        phrase.patterns.push((after_phrase.to_vec(), shift));
        return Ok(());
    }
    let phrase = Phrase::parse(head, Dialect::Tabari);
    if phrase.is_empty() {
        return Err("a time line without a phrase".to_string());
    }
    phrases.push(TimePhrase {
        phrase,
        shift,
        patterns: Vec::new(),
    });
    Ok(())
}

/// A TABARI verb line whose verb is several blank-separated words (`BRUSH ASIDE REPORTS
/// [142]`, `DEATH TOLL RISEN [223]`): TABARI reads the first word as the verb and the others
/// as words that must follow it, other words allowed between, which is the pattern
/// `* ASIDE REPORTS`. Returns the first word and that pattern, or `None` for other lines.
fn tabari_verb_phrase(content: &str, line: usize) -> Option<Result<(&str, VerbPattern), String>> {
    let open = content.find('[')?;
    let head = content[..open].trim();
    if head.contains(['{', '+']) {
        return None;
    }
    let (root, rest) = head.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let Some(close) = content[open..].find(']').map(|end| open + end) else {
        return Some(Err(format!("`[` without `]` in `{content}`")));
    };
    let result = CodeSpec::parse(&content[open + 1..close]).and_then(|code| {
        let items = parse_pattern_items(&format!("* {rest}"), Dialect::Tabari)?;
        Ok((root, VerbPattern { items, code, line }))
    });
    Some(result)
}

fn parse_verb_line(content: &str, dialect: Dialect, line: usize) -> Result<VerbEntry, String> {
    let (before_code, code) = match content.find('[') {
        Some(open) => {
            let close = content[open..]
                .find(']')
                .map(|end| open + end)
                .ok_or_else(|| format!("`[` without `]` in `{content}`"))?;
            (
                &content[..open],
                Some(CodeSpec::parse(&content[open + 1..close])?),
            )
        }
        None => (content, None),
    };
    let (head, irregular) = match before_code.find('{') {
        Some(open) => {
            let close = before_code[open..]
                .find('}')
                .map(|end| open + end)
                .ok_or_else(|| format!("`{{` without `}}` in `{content}`"))?;
            (
                before_code[..open].trim(),
                Some(&before_code[open + 1..close]),
            )
        }
        None => (before_code.trim(), None),
    };
    if head.is_empty() {
        return Err("a verb line without a verb".to_string());
    }
    if head.contains(char::is_whitespace)
        && !head.contains('_')
        && head.split_whitespace().count() > 1
    {
        return Err(format!(
            "`{head}` is not one verb (join the words of a multi-word verb with `_`)"
        ));
    }
    let (base, position) = verb_form_words(head, dialect);
    if base.is_empty() {
        return Err("a verb line without a verb".to_string());
    }
    let mut forms = vec![base.clone()];
    let mut verb_positions = vec![position];
    match irregular {
        Some(listed) => {
            for form in listed.split_whitespace() {
                let (words, form_position) = verb_form_words(form, dialect);
                if !words.is_empty() {
                    forms.push(words);
                    verb_positions.push(form_position);
                }
            }
        }
        None if dialect == Dialect::Petrarch => {
            for inflected in regular_english_forms(&base[position].text) {
                let mut words = base.clone();
                words[position].text = inflected;
                forms.push(words);
                verb_positions.push(position);
            }
        }
        None => {}
    }
    Ok(VerbEntry {
        forms,
        verb_positions,
        code,
        line,
    })
}

/// `WIRE_+TAP` → words `WIRE TAP` with the verb at 1; without `+` the verb is the first word.
fn verb_form_words(text: &str, dialect: Dialect) -> (Vec<PhraseWord>, usize) {
    let trimmed = text.trim();
    let ends_exact = trimmed.ends_with('_');
    let pieces: Vec<&str> = trimmed
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let mut position = 0;
    let count = pieces.len();
    let mut words = Vec::with_capacity(count);
    for (index, piece) in pieces.into_iter().enumerate() {
        let piece = match piece.strip_prefix('+') {
            Some(rest) => {
                position = index;
                rest
            }
            None => piece,
        };
        words.push(PhraseWord {
            text: normalize_word(piece),
            stem: dialect == Dialect::Tabari && index + 1 == count && !ends_exact,
        });
    }
    words.retain(|word| !word.text.is_empty());
    let position = position.min(words.len().saturating_sub(1));
    (words, position)
}

/// Regular English inflections of a verb, as PETRARCH generates them, plus the doubled final
/// consonant spelling (`ADMIT` → `ADMITTED`) that PETRARCH's dictionaries otherwise list by hand.
pub(crate) fn regular_english_forms(verb: &str) -> Vec<String> {
    if verb.is_empty() || !verb.chars().all(|c| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let bytes = verb.as_bytes();
    let last = bytes[bytes.len() - 1];
    let is_vowel = |b: u8| b"AEIOU".contains(&b);
    let before_last = if bytes.len() > 1 {
        bytes[bytes.len() - 2]
    } else {
        b'A'
    };
    let mut forms = Vec::new();
    if last == b'Y' && !is_vowel(before_last) {
        let stem = &verb[..verb.len() - 1];
        forms.push(format!("{stem}IES"));
        forms.push(format!("{stem}IED"));
        forms.push(format!("{verb}ING"));
        return forms;
    }
    if verb.ends_with("SS")
        || verb.ends_with("SH")
        || verb.ends_with("CH")
        || last == b'X'
        || last == b'Z'
        || last == b'O'
    {
        forms.push(format!("{verb}ES"));
    } else {
        forms.push(format!("{verb}S"));
    }
    if last == b'E' {
        forms.push(format!("{verb}D"));
        if verb.ends_with("EE") || verb.ends_with("YE") || verb.ends_with("OE") {
            forms.push(format!("{verb}ING"));
        } else {
            forms.push(format!("{}ING", &verb[..verb.len() - 1]));
        }
    } else {
        forms.push(format!("{verb}ED"));
        forms.push(format!("{verb}ING"));
        let third_last = if bytes.len() > 2 {
            bytes[bytes.len() - 3]
        } else {
            b'A'
        };
        if !is_vowel(last)
            && !b"WXY".contains(&last)
            && is_vowel(before_last)
            && !is_vowel(third_last)
        {
            let doubled = format!("{verb}{}", last as char);
            forms.push(format!("{doubled}ED"));
            forms.push(format!("{doubled}ING"));
        }
    }
    forms
}

/// Reads the items of a pattern or synset member.
pub(crate) fn parse_pattern_items(
    text: &str,
    dialect: Dialect,
) -> Result<Vec<PatternItem>, String> {
    let characters: Vec<char> = text.chars().collect();
    let mut position = 0;
    let items = parse_sequence(&characters, &mut position, dialect, None)?;
    Ok(items)
}

fn parse_sequence(
    characters: &[char],
    position: &mut usize,
    dialect: Dialect,
    closer: Option<char>,
) -> Result<Vec<PatternItem>, String> {
    let mut items: Vec<PatternItem> = Vec::new();
    let mut joined = false;
    let mut word = String::new();
    let flush =
        |word: &mut String, items: &mut Vec<PatternItem>, joined: &mut bool, exact: bool| {
            if word.is_empty() {
                return;
            }
            let text = normalize_word(word);
            items.push(PatternItem {
                element: PatternElement::Word(PhraseWord {
                    text,
                    stem: dialect == Dialect::Tabari && !exact,
                }),
                joined_to_previous: *joined,
            });
            word.clear();
            *joined = false;
        };
    while *position < characters.len() {
        let character = characters[*position];
        *position += 1;
        match character {
            c if Some(c) == closer || (closer == Some('}') && c == '|') => {
                *position -= 1;
                flush(&mut word, &mut items, &mut joined, false);
                return Ok(items);
            }
            '_' => {
                flush(&mut word, &mut items, &mut joined, true);
                joined = true;
            }
            // TABARI's `~` ends a stem even before `_` (`REAL~_PLEASANT` matches `really
            // pleasant`), where `_` alone would make the word exact.
            '~' if !word.is_empty() => {
                let text = normalize_word(&word);
                items.push(PatternItem {
                    element: PatternElement::Word(PhraseWord { text, stem: true }),
                    joined_to_previous: joined,
                });
                word.clear();
                joined = false;
            }
            // A blank lets words come between, even after a `_` that only made the word
            // before it exact (`IN_ $`: the word IN, then the source anywhere after it).
            c if c.is_whitespace() => {
                flush(&mut word, &mut items, &mut joined, false);
                joined = false;
            }
            '*' | '$' | '%' | '^' | '+' => {
                flush(&mut word, &mut items, &mut joined, false);
                let element = match character {
                    '*' => PatternElement::Verb,
                    '$' => PatternElement::Source,
                    '%' => PatternElement::Compound,
                    '^' => PatternElement::Skip,
                    _ => PatternElement::Target,
                };
                items.push(PatternItem {
                    element,
                    joined_to_previous: joined,
                });
                joined = false;
            }
            '&' => {
                flush(&mut word, &mut items, &mut joined, false);
                let mut name = String::new();
                while *position < characters.len() && (characters[*position].is_alphanumeric()) {
                    name.push(characters[*position]);
                    *position += 1;
                }
                if name.is_empty() {
                    return Err("`&` without a synset name".to_string());
                }
                items.push(PatternItem {
                    element: PatternElement::Synset(normalize_word(&name)),
                    joined_to_previous: joined,
                });
                joined = false;
            }
            '{' => {
                flush(&mut word, &mut items, &mut joined, false);
                let mut alternatives = Vec::new();
                loop {
                    let alternative = parse_sequence(characters, position, dialect, Some('}'))?;
                    alternatives.push(alternative);
                    match characters.get(*position) {
                        Some('|') => *position += 1,
                        Some('}') => {
                            *position += 1;
                            break;
                        }
                        _ => return Err("`{` without `}`".to_string()),
                    }
                }
                if alternatives.len() == 1 {
                    // PETRARCH's `{FINANCIAL AID}` is a noun phrase: its words in order.
                    let mut inner = alternatives.pop().unwrap_or_default();
                    if let Some(first) = inner.first_mut() {
                        first.joined_to_previous = joined;
                    }
                    items.extend(inner);
                } else {
                    items.push(PatternItem {
                        element: PatternElement::Alternatives(alternatives),
                        joined_to_previous: joined,
                    });
                }
                joined = false;
            }
            '(' | ')' => {
                // PETRARCH's prepositional phrase markers: the words inside are read in order.
                flush(&mut word, &mut items, &mut joined, false);
            }
            '}' | '|' => return Err(format!("unexpected `{character}`")),
            other => word.push(other),
        }
    }
    if closer.is_some() {
        return Err("`{` without `}`".to_string());
    }
    flush(&mut word, &mut items, &mut joined, false);
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, stem: bool) -> PatternElement {
        PatternElement::Word(PhraseWord {
            text: text.to_string(),
            stem,
        })
    }

    #[test]
    fn tabari_pattern_with_alternatives_and_joins() {
        let items = parse_pattern_items(
            " SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  ",
            Dialect::Tabari,
        )
        .unwrap();
        assert_eq!(items[0].element, word("SUGGESTED", false));
        assert_eq!(items[1].element, PatternElement::Target);
        assert!(items[1].joined_to_previous);
        assert_eq!(items[2].element, PatternElement::Verb);
        assert_eq!(items[3].element, word("DEMAND", false));
        let PatternElement::Alternatives(alternatives) = &items[4].element else {
            panic!("{items:?}")
        };
        assert_eq!(alternatives.len(), 2);
        assert!(items[4].joined_to_previous);
        assert!(items[5].joined_to_previous);
        assert_eq!(items[5].element, word("CONVENTIONS", true));
    }

    #[test]
    fn tilde_ends_a_stem_before_a_join() {
        let items = parse_pattern_items(" * REAL~_PLEASANT", Dialect::Tabari).unwrap();
        let words: Vec<(String, bool, bool)> = items
            .iter()
            .filter_map(|item| match &item.element {
                PatternElement::Word(word) => {
                    Some((word.text.clone(), word.stem, item.joined_to_previous))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            words,
            vec![
                ("REAL".to_string(), true, false),
                ("PLEASANT".to_string(), true, true)
            ]
        );
    }

    #[test]
    fn petrarch_phrases_flatten() {
        let items = parse_pattern_items(" * (FOR {FINANCIAL AID})", Dialect::Petrarch).unwrap();
        let words: Vec<_> = items.iter().map(|item| item.element.clone()).collect();
        assert_eq!(
            words,
            vec![
                PatternElement::Verb,
                word("FOR", false),
                word("FINANCIAL", false),
                word("AID", false)
            ]
        );
    }

    #[test]
    fn blocks_entries_and_forms() {
        let text = "&TIETYPES\n+MILITARY\n+ECONOMIC\n--- ABANDON  [345]  ---\nABANDON\n+ABC_DEF_GHI\nWIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED}\n- * &TIETYPES TIES [902] # c\n- SAID * [013:012]\n";
        let (dictionary, warnings) = parse_verbs("v", text, Dialect::Petrarch).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(dictionary.synsets["TIETYPES"].len(), 2);
        let block = &dictionary.blocks[0];
        assert_eq!(block.code.code.as_deref(), Some("345"));
        assert_eq!(block.entries.len(), 3);
        assert!(
            block.entries[0]
                .forms
                .iter()
                .any(|form| form[0].text == "ABANDONED")
        );
        assert_eq!(block.entries[2].verb_positions[0], 1);
        assert_eq!(block.entries[2].forms.len(), 3);
        assert_eq!(block.patterns.len(), 2);
        assert_eq!(block.patterns[1].code.paired.as_deref(), Some("012"));
    }

    #[test]
    fn tabari_verbs_each_start_a_block() {
        let text =
            "ACT_ [100]\n{ ACTING_ ACTXD_ }\n- * RESOLUTION  [102]\nADD  [---]\n- * VOICE  [023]\n";
        let (dictionary, warnings) = parse_verbs("v", text, Dialect::Tabari).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(dictionary.blocks.len(), 2);
        assert_eq!(dictionary.blocks[0].entries[0].forms.len(), 3);
        assert_eq!(dictionary.blocks[1].code.code, None);
    }

    #[test]
    fn tabari_verb_phrases_are_patterns_of_their_first_word_and_time_phrases_are_kept() {
        let text = "<TIME>\nTOMORROW [+1]\n- * AND A WEEK [+8]\nKAN_WA_MA_KAN [###]\n</TIME>\nBURN DOWN  [222]\nBURN FLAGS  [181]\nBURNISH  [040]\n";
        let (dictionary, warnings) = parse_verbs("v", text, Dialect::Tabari).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(dictionary.blocks.len(), 2);
        let burn = &dictionary.blocks[0];
        assert_eq!(burn.name, "BURN");
        assert_eq!(burn.code.code, None);
        let codes: Vec<_> = burn
            .patterns
            .iter()
            .map(|pattern| (pattern.items.len(), pattern.code.code.as_deref()))
            .collect();
        assert_eq!(codes, vec![(2, Some("222")), (2, Some("181"))]);
        assert_eq!(dictionary.time_phrases.len(), 2);
        assert_eq!(dictionary.time_phrases[0].shift, TimeShift::Days(1));
        assert_eq!(dictionary.time_phrases[0].patterns[0].0.len(), 3);
        assert_eq!(dictionary.time_phrases[0].patterns[0].1, TimeShift::Days(8));
        assert_eq!(dictionary.time_phrases[1].shift, TimeShift::Discard);
    }

    #[test]
    fn bad_patterns_warn_and_skip() {
        let text = "AGREE [081]\n- * TO [ab c]\n- NO VERB [012]\n- * {A | B [013]\n";
        let (dictionary, warnings) = parse_verbs("v.verbs", text, Dialect::Tabari).unwrap();
        assert!(dictionary.blocks[0].patterns.is_empty());
        assert_eq!(
            warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
    }

    #[test]
    fn regular_forms() {
        assert_eq!(
            regular_english_forms("AGREE"),
            vec!["AGREES", "AGREED", "AGREEING"]
        );
        assert!(regular_english_forms("ADMIT").contains(&"ADMITTED".to_string()));
        assert!(regular_english_forms("CARRY").contains(&"CARRIED".to_string()));
    }
}
