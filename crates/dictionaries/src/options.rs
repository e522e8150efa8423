//! TABARI `.options` files: `SET:`, `COMPLEX:`, `LABEL:` and other `KEY: value` lines.

use std::collections::BTreeMap;

use crate::{DictionaryError, Warning};

/// The options a TABARI project sets. Unknown commands are kept, not rejected, because
/// analysts' files carry options for features other coders never had.
#[derive(Debug, Clone, Default)]
pub struct CoderOptions {
    /// `SET: NAME = VALUE` pairs, names upper-cased.
    pub settings: BTreeMap<String, String>,
    /// Other `COMMAND: value` lines in order.
    pub commands: Vec<(String, String)>,
}

impl CoderOptions {
    /// A boolean `SET:` value, `None` when the option is not set.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.settings
            .get(&name.to_ascii_uppercase())
            .map(|value| value.eq_ignore_ascii_case("TRUE"))
    }
}

pub fn parse_options(
    file: &str,
    text: &str,
) -> Result<(CoderOptions, Vec<Warning>), DictionaryError> {
    let mut options = CoderOptions::default();
    let mut warnings = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let line = raw_line.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        let Some((command, value)) = line.split_once(':') else {
            warnings.push(Warning {
                file: file.to_string(),
                line: index + 1,
                message: format!("`{line}` is not `COMMAND: value`; skipped"),
            });
            continue;
        };
        let command = command.trim().to_ascii_uppercase();
        let value = value.trim();
        if command == "SET" {
            match value.split_once('=') {
                Some((name, setting)) => {
                    options
                        .settings
                        .insert(name.trim().to_ascii_uppercase(), setting.trim().to_string());
                }
                None => warnings.push(Warning {
                    file: file.to_string(),
                    line: index + 1,
                    message: format!("`SET: {value}` has no `=`; skipped"),
                }),
            }
        } else {
            options.commands.push((command, value.to_string()));
        }
    }
    Ok((options, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_commands() {
        let (options, warnings) = parse_options(
            "o",
            "// c\nSET: LABEL = TRUE\nCOMPLEX: VERBS[5]\nnonsense\n",
        )
        .unwrap();
        assert_eq!(options.flag("label"), Some(true));
        assert_eq!(options.commands[0].0, "COMPLEX");
        assert_eq!(warnings.len(), 1);
    }
}
