//! Whole dictionary sets: a TABARI `.project` file, a folder of PETRARCH files, or bundled texts.

use std::path::{Path, PathBuf};

use crate::{
    ActorDictionary, AgentDictionary, CoderOptions, Dialect, DictionaryError, DiscardDictionary,
    IssueDictionary, VerbDictionary, Warning, parse_actors, parse_agents, parse_discards,
    parse_issues, parse_options, parse_verbs,
};

/// Everything a coder needs, with the warnings met while reading it.
#[derive(Debug, Clone, Default)]
pub struct DictionarySet {
    pub verbs: VerbDictionary,
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub discards: DiscardDictionary,
    pub issues: IssueDictionary,
    pub options: CoderOptions,
    pub warnings: Vec<Warning>,
    /// TABARI projects name their text file; the validation harness reads it from here.
    pub text_file: Option<PathBuf>,
}

/// What one dictionary file holds, decided from a project tag or a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictionarySource {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
    Options,
}

impl DictionarySource {
    /// Recognises PETRARCH file names (`CAMEO.2.0.txt`, `Phoenix.Countries.actors.txt`,
    /// `PETR.Validate.verbs.txt`, `Phoenix.IssueCoding.txt`).
    pub fn from_file_name(name: &str) -> Option<DictionarySource> {
        let lower = name.to_ascii_lowercase();
        if lower.contains("verb") || lower.starts_with("cameo") {
            Some(DictionarySource::Verbs)
        } else if lower.contains("actor") {
            Some(DictionarySource::Actors)
        } else if lower.contains("agent") {
            Some(DictionarySource::Agents)
        } else if lower.contains("discard") {
            Some(DictionarySource::Discards)
        } else if lower.contains("issue") {
            Some(DictionarySource::Issues)
        } else if lower.ends_with(".options") {
            Some(DictionarySource::Options)
        } else {
            None
        }
    }
}

impl DictionarySet {
    /// Adds one file's text to the set.
    pub fn add_text(
        &mut self,
        source: DictionarySource,
        file: &str,
        text: &str,
        dialect: Dialect,
    ) -> Result<(), DictionaryError> {
        match source {
            DictionarySource::Verbs => {
                let (verbs, warnings) = parse_verbs(file, text, dialect)?;
                self.verbs.extend(verbs);
                self.warnings.extend(warnings);
            }
            DictionarySource::Actors => {
                let (actors, warnings) = parse_actors(file, text, dialect)?;
                self.actors.extend(actors);
                self.warnings.extend(warnings);
            }
            DictionarySource::Agents => {
                let (agents, warnings) = parse_agents(file, text, dialect)?;
                self.agents.entries.extend(agents.entries);
                self.warnings.extend(warnings);
            }
            DictionarySource::Discards => {
                let (discards, warnings) = parse_discards(file, text)?;
                self.discards.entries.extend(discards.entries);
                self.warnings.extend(warnings);
            }
            DictionarySource::Issues => {
                let (issues, warnings) = parse_issues(file, text)?;
                self.issues.entries.extend(issues.entries);
                self.warnings.extend(warnings);
            }
            DictionarySource::Options => {
                let (options, warnings) = parse_options(file, text)?;
                self.options.settings.extend(options.settings);
                self.options.commands.extend(options.commands);
                self.warnings.extend(warnings);
            }
        }
        Ok(())
    }
}

fn read_text(path: &Path) -> Result<String, DictionaryError> {
    let bytes = std::fs::read(path).map_err(|source| DictionaryError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // Old dictionaries are Latin-1 in places; a lossy read keeps every ASCII entry usable.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
}

/// Reads a TABARI `.project` file and the dictionaries it names, relative to its folder.
pub fn load_project(path: &Path) -> Result<DictionarySet, DictionaryError> {
    let text = read_text(path)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut set = DictionarySet::default();
    let mut found_any = false;
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('<') else {
            continue;
        };
        let Some((tag, value)) = rest.split_once('>') else {
            continue;
        };
        let value = value.trim();
        let source = match tag.trim().to_ascii_lowercase().as_str() {
            "actorsfile" => DictionarySource::Actors,
            "verbsfile" => DictionarySource::Verbs,
            "agentsfile" => DictionarySource::Agents,
            "optionsfile" => DictionarySource::Options,
            "discardfile" | "discardsfile" => DictionarySource::Discards,
            "issuesfile" => DictionarySource::Issues,
            "textfile" => {
                set.text_file = Some(folder.join(value));
                continue;
            }
            _ => continue,
        };
        if value.is_empty() {
            return Err(DictionaryError::Project {
                path: path.to_path_buf(),
                message: format!("`<{tag}>` names no file"),
            });
        }
        let file_path = folder.join(value);
        let file_text = read_text(&file_path)?;
        set.add_text(
            source,
            &file_path.display().to_string(),
            &file_text,
            Dialect::Tabari,
        )?;
        found_any = true;
    }
    if !found_any {
        return Err(DictionaryError::Project {
            path: path.to_path_buf(),
            message: "names no dictionary files (`<verbsfile>`, `<actorsfile>`, …)".to_string(),
        });
    }
    Ok(set)
}

/// Reads every recognisable PETRARCH dictionary file in a folder (sorted by name).
pub fn load_folder(path: &Path) -> Result<DictionarySet, DictionaryError> {
    let entries = std::fs::read_dir(path).map_err(|source| DictionaryError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut set = DictionarySet::default();
    let mut found_verbs = false;
    for file in files {
        let Some(name) = file.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        if name.ends_with(".md") || name.ends_with(".rst") || name.starts_with("LICENSE") {
            continue;
        }
        let Some(source) = DictionarySource::from_file_name(name) else {
            continue;
        };
        found_verbs |= source == DictionarySource::Verbs;
        let text = read_text(&file)?;
        set.add_text(
            source,
            &file.display().to_string(),
            &text,
            Dialect::Petrarch,
        )?;
    }
    if !found_verbs {
        return Err(DictionaryError::Project { path: path.to_path_buf(), message: "holds no verb dictionary (a file whose name contains `verb` or starts with `CAMEO`)".to_string() });
    }
    Ok(set)
}

/// A `.project` file or a folder of PETRARCH files.
pub fn load_path(path: &Path) -> Result<DictionarySet, DictionaryError> {
    if path.is_dir() {
        load_folder(path)
    } else if path.exists() {
        load_project(path)
    } else {
        Err(DictionaryError::Project {
            path: path.to_path_buf(),
            message: "no such file or folder".to_string(),
        })
    }
}
