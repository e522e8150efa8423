//! Agent dictionaries: role words (`TROOP [~MIL]`, `HUMAN_RIGHTS_BODY [NGO~]`) with plurals and `!MACRO!` substitution sets.

use std::collections::HashMap;

use crate::lines::meaningful_lines;
use crate::words::Phrase;
use crate::{Dialect, DictionaryError, Warning};

/// Where an agent's code goes relative to the actor it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~MIL]`: after the actor code (`RUS` + `MIL` = `RUSMIL`).
    AfterActor,
    /// `[NGO~]`: before it.
    BeforeActor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    pub names: Vec<Phrase>,
    pub code: String,
    pub placement: AgentPlacement,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    pub entries: Vec<AgentEntry>,
}

pub fn parse_agents(
    file: &str,
    text: &str,
    dialect: Dialect,
) -> Result<(AgentDictionary, Vec<Warning>), DictionaryError> {
    let mut dictionary = AgentDictionary::default();
    let mut warnings = Vec::new();
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for line in meaningful_lines(text) {
        let content = line.text;
        let mut warn = |message: String| {
            warnings.push(Warning {
                file: file.to_string(),
                line: line.number,
                message,
            })
        };
        if content.starts_with('<') {
            continue;
        }
        if content.starts_with('!')
            && let Some((name, values)) = content.split_once('=')
        {
            let values = values
                .split(',')
                .map(|value| value.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            macros.insert(name.trim().to_string(), values);
            continue;
        }
        // The code block may be written `[~MIL]`, `[ ~MIL]` or even `[~LEG}` (a typo the
        // PETRARCH documentation itself carries), so look for the last `[`.
        let Some(open) = content.rfind('[') else {
            warn("an agent line without a `[code]`; skipped".to_string());
            continue;
        };
        let inside = content[open + 1..].trim_end_matches([']', '}']).trim();
        let (code, placement) = if let Some(code) = inside.strip_prefix('~') {
            (code.trim(), AgentPlacement::AfterActor)
        } else if let Some(code) = inside.strip_suffix('~') {
            (code.trim(), AgentPlacement::BeforeActor)
        } else {
            warn(format!("agent code `[{inside}]` has no `~`; skipped"));
            continue;
        };
        if code.is_empty() || code.contains(char::is_whitespace) {
            warn(format!("agent code `[{inside}]` is not a code; skipped"));
            continue;
        }
        let before_code = content[..open].trim();
        let (phrase_text, plural_text) = match before_code.find('{') {
            Some(brace) => {
                let close = before_code[brace..].find('}').map(|end| brace + end);
                let Some(close) = close else {
                    warn("`{` without `}` in an agent line; skipped".to_string());
                    continue;
                };
                (
                    before_code[..brace].trim(),
                    Some(before_code[brace + 1..close].trim()),
                )
            }
            None => (before_code, None),
        };
        let expanded = expand_macros(phrase_text, &macros);
        let mut names = Vec::new();
        for (variant, from_macro) in expanded {
            let phrase = Phrase::parse(&variant, dialect);
            if phrase.is_empty() {
                continue;
            }
            // Macro expansions already list every form, so they get no generated plural. TABARI
            // forms agents' plurals too (`GUERRILLA_` codes `guerrillas`); its `_` only ends
            // the word, and a stem already matches the plural.
            let stem_last = phrase.words.last().is_some_and(|word| word.stem);
            if plural_text.is_none()
                && !from_macro
                && (dialect == Dialect::Petrarch || !stem_last)
                && let Some(plural) = phrase.regular_plural()
            {
                names.push(plural);
            }
            names.push(phrase);
        }
        if let Some(plural) = plural_text {
            for form in plural.split_whitespace() {
                names.push(Phrase::parse(form, dialect));
            }
        }
        if names.is_empty() {
            warn("an agent line without a phrase; skipped".to_string());
            continue;
        }
        dictionary.entries.push(AgentEntry {
            names,
            code: code.to_string(),
            placement,
            line: line.number,
        });
    }
    Ok((dictionary, warnings))
}

/// Replaces each `!NAME!` with every value of its set; the flag says a macro was used.
fn expand_macros(phrase: &str, macros: &HashMap<String, Vec<String>>) -> Vec<(String, bool)> {
    let Some(start) = phrase.find('!') else {
        return vec![(phrase.to_string(), false)];
    };
    let Some(length) = phrase[start + 1..].find('!') else {
        return vec![(phrase.to_string(), false)];
    };
    let name = &phrase[start..start + length + 2];
    let Some(values) = macros.get(name) else {
        return vec![(phrase.to_string(), false)];
    };
    let mut variants = Vec::new();
    for value in values {
        let replaced = format!(
            "{}{}{}",
            &phrase[..start],
            value,
            &phrase[start + length + 2..]
        );
        for (variant, _) in expand_macros(&replaced, macros) {
            variants.push((variant, true));
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(entry: &AgentEntry) -> Vec<String> {
        entry
            .names
            .iter()
            .map(|p| {
                p.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn plurals_and_placements() {
        let text = "TROOP [~MIL]\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nHUMAN_RIGHTS_BODY  [NGO~]\n";
        let (dictionary, warnings) = parse_agents("a", text, Dialect::Petrarch).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(names(&dictionary.entries[0]), vec!["TROOPS", "TROOP"]);
        assert_eq!(names(&dictionary.entries[1]), vec!["POLICE"]);
        assert_eq!(
            names(&dictionary.entries[2]),
            vec!["ATTORNEY GENERAL", "ATTORNEYS GENERAL"]
        );
        assert_eq!(dictionary.entries[3].placement, AgentPlacement::BeforeActor);
    }

    #[test]
    fn macros_expand() {
        let text = "!PERSON! = MAN, WOMAN\nCONGRESS!PERSON! [~LEG]\n";
        let (dictionary, _) = parse_agents("a", text, Dialect::Petrarch).unwrap();
        assert_eq!(
            names(&dictionary.entries[0]),
            vec!["CONGRESSMAN", "CONGRESSWOMAN"]
        );
    }

    #[test]
    fn missing_tilde_is_a_warning() {
        let (dictionary, warnings) =
            parse_agents("a", "SOLDIER [MIL]\n", Dialect::Petrarch).unwrap();
        assert!(dictionary.entries.is_empty());
        assert_eq!(warnings[0].line, 1);
    }
}
