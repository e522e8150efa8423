//! TABARI's coding options (`COMPLEX:`, `DEFAULT:`, `SET: CODE BY …`, `SET: MINIMUM WORDS`, `SET: CONVERT AGENT`) as the coder applies them.
//!
//! A TABARI project's `.options` file sets them once; a validation file may change them
//! between records (`{ OPTION: SET: CODE ALL }`). Dictionary sets without an options file
//! (the language packs) leave every option off, so the product's coding does not depend on
//! them.

use truce_dictionaries::CoderOptions;

/// When a sentence is too complex to code (`COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ComplexityLimits {
    /// A sentence with at least this many coded verbs is complex.
    pub verbs: Option<usize>,
    /// A sentence with at least this many conjunctions outside compound actors is complex.
    pub conjunctions: Option<usize>,
    /// A sentence whose first coded verb precedes every actor is complex.
    pub no_actor_prior: bool,
}

/// Which verbs of a sentence are coded (`SET: CODE BY CLAUSE`, `CODE BY SENTENCE`, `CODE ALL`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodeBy {
    /// Every verb the coder finds (the product's behaviour, and what no option asks for).
    #[default]
    Unset,
    /// The first coded verb of each clause (TABARI's default).
    Clause,
    /// Only the first event of the sentence.
    Sentence,
    /// Every coded verb, subordinate ones included.
    All,
}

/// A default actor for a verb without one (`DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultActor {
    pub code: String,
    /// `PRIOR` for the source, `AFTER` for the target: the default also stands in for an
    /// actor on the other side of the verb, taking that actor's role away from it.
    pub displaces_other_side: bool,
}

/// Which comma-delimited clauses TABARI deletes before coding (`COMMA: MIN = 2 MAX = 10 …`):
/// an internal clause (between two commas), the terminal one (last comma to the end) and the
/// initial one (start to the first comma), each when its word count lies in its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub internal: (usize, usize),
    pub terminal: (usize, usize),
    pub initial: (usize, usize),
}

impl CommaLimits {
    /// TABARI's defaults: internal and terminal clauses of 2 to 10 words; initial ones kept.
    pub const TABARI_DEFAULT: CommaLimits = CommaLimits {
        internal: (2, 10),
        terminal: (2, 10),
        initial: (255, 0),
    };
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabariOptions {
    /// `COMMA:` limits; `None` deletes no clause.
    pub comma: Option<CommaLimits>,
    pub complexity: ComplexityLimits,
    pub code_by: CodeBy,
    /// Sentences with fewer words are not coded (`SET: MINIMUM WORDS = n`).
    pub minimum_words: usize,
    /// An agent without its actor is coded `~AGENT` rather than `---AGENT` (`SET: CONVERT AGENT`).
    pub convert_agents: bool,
    pub default_source: Option<DefaultActor>,
    pub default_target: Option<DefaultActor>,
    /// Look for the verbs file's `<TIME>` phrases (`SET: TIME SHIFT = TRUE`): they move the
    /// date dated roles are read at, or reject the sentence (`[###]`, `[+++]`).
    pub time_shift: bool,
}

impl TabariOptions {
    /// The options a project's `.options` file sets; unknown commands are ignored.
    pub fn from_options(options: &CoderOptions) -> TabariOptions {
        let mut tabari = TabariOptions::default();
        for (name, value) in &options.settings {
            tabari.apply_setting(name, value);
        }
        for (command, value) in &options.commands {
            tabari.apply_command(command, value);
        }
        tabari
    }

    /// Applies one option line as an options file writes it (`SET: CODE ALL`,
    /// `COMPLEX: VERBS[5] CONJ[4]`, `DEFAULT: OFF`). Returns whether the line was understood.
    pub fn apply_line(&mut self, line: &str) -> bool {
        let Some((command, value)) = line.split_once(':') else {
            return false;
        };
        let command = command.trim().to_ascii_uppercase();
        let value = value.trim();
        if command == "SET" {
            match value.split_once('=') {
                Some((name, setting)) => {
                    self.apply_setting(&name.trim().to_ascii_uppercase(), setting.trim())
                }
                // `SET: CODE ALL`, `SET: CODE BY CLAUSE`: settings without a value.
                None => self.apply_setting(&value.to_ascii_uppercase(), "TRUE"),
            }
        } else {
            self.apply_command(&command, value)
        }
    }

    fn apply_setting(&mut self, name: &str, value: &str) -> bool {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let flag = value.eq_ignore_ascii_case("TRUE");
        match name.as_str() {
            "CODE BY CLAUSE" => self.code_by = CodeBy::Clause,
            "CODE BY SENTENCE" => self.code_by = CodeBy::Sentence,
            "CODE ALL" => self.code_by = CodeBy::All,
            "MINIMUM WORDS" => match value.trim().parse() {
                Ok(words) => self.minimum_words = words,
                Err(_) => return false,
            },
            "CONVERT AGENT" => self.convert_agents = flag,
            "TIME SHIFT" => self.time_shift = flag,
            _ => return false,
        }
        true
    }

    fn apply_command(&mut self, command: &str, value: &str) -> bool {
        match command {
            "COMPLEX" => {
                self.complexity = parse_complexity(value);
                true
            }
            "COMMA" => match parse_comma_limits(value) {
                Some(limits) => {
                    self.comma = limits;
                    true
                }
                None => false,
            },
            "DEFAULT" => {
                if value.trim().eq_ignore_ascii_case("OFF") {
                    self.default_source = None;
                    self.default_target = None;
                    return true;
                }
                let (source, target) = parse_defaults(value);
                self.default_source = source;
                self.default_target = target;
                true
            }
            _ => false,
        }
    }
}

/// `VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN`: the limits named; the others are off.
fn parse_complexity(value: &str) -> ComplexityLimits {
    let mut limits = ComplexityLimits::default();
    for word in value.split_whitespace() {
        let upper = word.to_ascii_uppercase();
        let bracketed = |name: &str| -> Option<usize> {
            upper
                .strip_prefix(name)?
                .strip_prefix('[')?
                .strip_suffix(']')?
                .parse()
                .ok()
        };
        if let Some(verbs) = bracketed("VERBS") {
            limits.verbs = Some(verbs);
        } else if let Some(conjunctions) = bracketed("CONJ") {
            limits.conjunctions = Some(conjunctions);
        } else if upper == "NOACTPRIOR" {
            limits.no_actor_prior = true;
        }
    }
    limits
}

/// `MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0` or `OFF`; a missing bound keeps
/// TABARI's default.
fn parse_comma_limits(value: &str) -> Option<Option<CommaLimits>> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("OFF") {
        return Some(None);
    }
    let mut limits = CommaLimits::TABARI_DEFAULT;
    let normalized = value.replace('=', " = ");
    let words: Vec<&str> = normalized.split_whitespace().collect();
    let mut index = 0;
    while index < words.len() {
        let (Some(&"="), Some(number)) = (words.get(index + 1), words.get(index + 2)) else {
            return None;
        };
        let number: usize = number.parse().ok()?;
        match words[index].to_ascii_uppercase().as_str() {
            "MIN" => limits.internal.0 = number,
            "MAX" => limits.internal.1 = number,
            "EMIN" => limits.terminal.0 = number,
            "EMAX" => limits.terminal.1 = number,
            "BMIN" => limits.initial.0 = number,
            "BMAX" => limits.initial.1 = number,
            _ => return None,
        }
        index += 3;
    }
    Some(Some(limits))
}

/// `SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER`: each side with its code and whether it
/// carries the `PRIOR`/`AFTER` keyword.
fn parse_defaults(value: &str) -> (Option<DefaultActor>, Option<DefaultActor>) {
    let mut source = None;
    let mut target = None;
    let upper = value.to_ascii_uppercase();
    let words: Vec<&str> = upper.split_whitespace().collect();
    let mut index = 0;
    while index < words.len() {
        let side = words[index];
        if (side == "SOURCE" || side == "TARGET")
            && let Some(code) = words
                .get(index + 1)
                .and_then(|word| word.strip_prefix('['))
                .and_then(|word| word.strip_suffix(']'))
        {
            let keyword = if side == "SOURCE" { "PRIOR" } else { "AFTER" };
            let displaces_other_side = words.get(index + 2) == Some(&keyword);
            let actor = Some(DefaultActor {
                code: code.to_string(),
                displaces_other_side,
            });
            if side == "SOURCE" {
                source = actor;
            } else {
                target = actor;
            }
            index += if displaces_other_side { 3 } else { 2 };
            continue;
        }
        index += 1;
    }
    (source, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Option lines come from analysts' files and validation records: any text is read
        /// without a panic, and a rejected line changes nothing.
        #[test]
        fn any_option_line_is_read_safely(line in "[A-Z:=\\[\\] 0-9a-z]{0,60}") {
            let mut options = TabariOptions::default();
            let before = options.clone();
            if !options.apply_line(&line) {
                proptest::prop_assert_eq!(options, before);
            }
        }
    }

    #[test]
    fn lines_change_the_options() {
        let mut options = TabariOptions::default();
        assert!(options.apply_line("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"));
        assert_eq!(
            options.complexity,
            ComplexityLimits {
                verbs: Some(5),
                conjunctions: Some(4),
                no_actor_prior: true
            }
        );
        assert!(options.apply_line("SET: CODE ALL"));
        assert_eq!(options.code_by, CodeBy::All);
        assert!(options.apply_line("SET: MINIMUM WORDS = 8"));
        assert_eq!(options.minimum_words, 8);
        assert!(options.apply_line("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]"));
        assert_eq!(
            options.default_source,
            Some(DefaultActor {
                code: "DEFSRC".to_string(),
                displaces_other_side: true
            })
        );
        assert_eq!(
            options
                .default_target
                .as_ref()
                .map(|actor| actor.displaces_other_side),
            Some(false)
        );
        assert!(options.apply_line("DEFAULT: OFF"));
        assert_eq!(options.default_source, None);
        assert!(options.apply_line("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"));
        assert_eq!(
            options.comma,
            Some(CommaLimits {
                internal: (4, 6),
                terminal: (3, 6),
                initial: (3, 8)
            })
        );
        assert!(options.apply_line("COMMA: OFF"));
        assert_eq!(options.comma, None);
        assert!(!options.apply_line("COMMA: MIN 4"));
        assert!(!options.apply_line("OUTPUT: ID STORY SENT"));
        assert!(!options.apply_line("no colon"));
    }
}
