//! The event scorer of `../shared/eval/score.py` (`events` mode, core and full matches) in Rust, for tests that must not need Python.
//!
//! It follows the Python line for line in what it counts: predictions flagged negated, future
//! or hypothetical are left out; required gold events are matched before optional ones; a
//! prediction matching an already matched gold event is a duplicate and a false positive; one
//! matching only an optional gold event is neither. Actor codes count both as full codes and,
//! through their first three letters or their `country`, as countries.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeSet;

use serde_json::Value;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn f1(self) -> f64 {
        let found = self.true_positives + self.false_positives;
        let wanted = self.true_positives + self.false_negatives;
        let precision = if found == 0 {
            0.0
        } else {
            self.true_positives as f64 / found as f64
        };
        let recall = if wanted == 0 {
            0.0
        } else {
            self.true_positives as f64 / wanted as f64
        };
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Score {
    pub core: Counts,
    pub full: Counts,
    /// Ids of the required gold events the full match missed.
    pub missed: Vec<String>,
}

fn not_a_claim(prediction: &Value) -> bool {
    let Some(flags) = prediction.get("flags").and_then(Value::as_object) else {
        return false;
    };
    ["negated", "future", "hypothetical"]
        .iter()
        .any(|flag| flags.get(*flag).is_some_and(truthy))
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => number.as_f64().is_some_and(|number| number != 0.0),
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(fields) => !fields.is_empty(),
    }
}

fn codes(entries: Option<&Value>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let entries: Vec<&Value> = match entries {
        None | Some(Value::Null) => return out,
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    };
    for entry in entries {
        let (code, country) = match entry {
            Value::String(code) => (code.clone(), None),
            Value::Object(fields) => (
                fields
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                fields.get("country").filter(|country| truthy(country)).map(
                    |country| match country {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    },
                ),
            ),
            _ => continue,
        };
        let code = code.to_uppercase();
        if !code.is_empty() {
            out.insert(code.clone());
        }
        match country {
            Some(country) => {
                out.insert(country.to_uppercase());
            }
            None => {
                if let Some(head) = code.get(..3)
                    && head.chars().all(char::is_alphabetic)
                {
                    out.insert(head.to_string());
                }
            }
        }
    }
    out
}

fn as_list(value: Option<&Value>) -> Option<Vec<String>> {
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match value? {
        Value::Null => None,
        Value::Array(items) => Some(items.iter().map(text).collect()),
        other => Some(vec![text(other)]),
    }
}

fn string_field(value: &Value, field: &str) -> String {
    match value.get(field) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

pub fn core_match(gold: &Value, prediction: &Value) -> bool {
    let nonempty = |list: Option<Vec<String>>| list.filter(|list| !list.is_empty());
    if let Some(events) = nonempty(as_list(gold.get("event")))
        && !events.contains(&string_field(prediction, "event").to_uppercase())
    {
        return false;
    }
    let cameo = string_field(prediction, "cameo");
    if let Some(accepted) = nonempty(as_list(gold.get("cameo")))
        && !accepted.contains(&cameo)
    {
        return false;
    }
    if let Some(roots) = nonempty(as_list(gold.get("cameo_root")))
        && !roots.iter().any(|root| cameo.starts_with(root.as_str()))
    {
        return false;
    }
    let actors = codes(prediction.get("actor"));
    let recipients = codes(prediction.get("recipient"));
    if let Some(want) = nonempty(as_list(gold.get("actor")))
        && !want.iter().any(|code| actors.contains(code))
    {
        return false;
    }
    if let Some(want) = nonempty(as_list(gold.get("recipient")))
        && !want.iter().any(|code| recipients.contains(code))
    {
        return false;
    }
    if let Some(want) = nonempty(as_list(gold.get("parties")))
        && !want
            .iter()
            .all(|code| actors.contains(code) || recipients.contains(code))
    {
        return false;
    }
    true
}

fn date_match(gold: &Value, prediction: &Value) -> bool {
    let want = string_field(gold, "date");
    want.is_empty() || string_field(prediction, "date").starts_with(&want)
}

fn optional(gold: &Value) -> bool {
    gold.get("optional").is_some_and(truthy)
}

/// Scores the predictions of one document against its gold events.
pub fn score_document(golds: &[Value], predictions: &[Value]) -> Score {
    let predictions: Vec<&Value> = predictions
        .iter()
        .filter(|prediction| !not_a_claim(prediction))
        .collect();
    let mut score = Score::default();
    for need_date in [false, true] {
        let mut counts = Counts::default();
        let mut order: Vec<usize> = (0..golds.len()).collect();
        order.sort_by_key(|&index| optional(&golds[index]));
        let mut used = vec![false; predictions.len()];
        let mut matched = vec![false; golds.len()];
        for &gold_index in &order {
            let gold = &golds[gold_index];
            for (prediction_index, prediction) in predictions.iter().enumerate() {
                if used[prediction_index] || !core_match(gold, prediction) {
                    continue;
                }
                if need_date && !date_match(gold, prediction) {
                    continue;
                }
                used[prediction_index] = true;
                matched[gold_index] = true;
                break;
            }
        }
        for (prediction_index, prediction) in predictions.iter().enumerate() {
            if used[prediction_index] {
                continue;
            }
            let again = golds.iter().enumerate().any(|(gold_index, gold)| {
                matched[gold_index]
                    && core_match(gold, prediction)
                    && (!need_date || date_match(gold, prediction))
            });
            let matches_optional = golds
                .iter()
                .any(|gold| optional(gold) && core_match(gold, prediction));
            if again || !matches_optional {
                counts.false_positives += 1;
            }
        }
        for (gold_index, gold) in golds.iter().enumerate() {
            if optional(gold) {
                continue;
            }
            if matched[gold_index] {
                counts.true_positives += 1;
            } else {
                counts.false_negatives += 1;
                if need_date {
                    score.missed.push(string_field(gold, "id"));
                }
            }
        }
        if need_date {
            score.full = counts;
        } else {
            score.core = counts;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn matches_duplicates_and_optional_events_count_as_the_python_scorer_does() {
        let golds = vec![
            json!({"id": "E1", "event": ["RETREAT"], "actor": ["RUS"], "date": "2024-06"}),
            json!({"id": "O1", "optional": true, "event": ["AGREE"], "parties": ["ARM", "AZE"]}),
        ];
        let predictions = vec![
            json!({"event": "RETREAT", "actor": [{"code": "RUSMIL"}], "date": "2024-05-01"}),
            json!({"event": "RETREAT", "actor": ["RUS"], "date": "2024-06-12"}),
            json!({"event": "AGREE", "actor": [{"code": "ARMGOV", "country": "ARM"}], "recipient": ["AZE"]}),
            json!({"event": "ASSAULT", "actor": ["RUS"], "flags": {"future": true}}),
        ];
        let score = score_document(&golds, &predictions);
        // Core: the first RETREAT matches, the second is a duplicate; AGREE matches an optional one.
        assert_eq!(
            score.core,
            Counts {
                true_positives: 1,
                false_positives: 1,
                false_negatives: 0
            }
        );
        // Full: the first RETREAT has the wrong date, so the second matches E1 and the first,
        // matching nothing with its date, is a false positive.
        assert_eq!(
            score.full,
            Counts {
                true_positives: 1,
                false_positives: 1,
                false_negatives: 0
            }
        );
    }
}
