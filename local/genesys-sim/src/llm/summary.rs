//! A plausible post-call summary (Wrapup's `post_call_summary` schema) built from the transcript
//! in the prompt, or merged from part summaries: every name, number and amount is copied from
//! the input, redaction markers included.

use serde_json::{Value, json};

use super::cues::{self, Owner};
use super::dialogue::{self, Said, Speaker, Turn};
use super::keyphrases::{key_phrases, same_phrase};

/// The properties of Wrapup's summary schema; a schema with `executiveSummary` and at least three
/// of the others gets a summary.
#[rustfmt::skip]
pub const FIELDS: &[&str] = &[
    "executiveSummary", "actionItems", "customerSentiment", "reason", "resolution", "keyPhrases",
    "confidence",
];

/// Whether `schema` asks for a post-call summary.
pub fn is_summary_schema(schema: &Value) -> bool {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return false;
    };
    props.contains_key("executiveSummary") && FIELDS.iter().filter(|f| props.contains_key(**f)).count() >= 4
}

/// More action items than this are not a summary.
const MAX_ITEMS: usize = 6;
const MAX_KEY_PHRASES: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub owner: Option<&'static str>,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub executive: String,
    pub items: Vec<Item>,
    pub sentiment: &'static str,
    pub reason: Option<String>,
    pub resolution: Option<String>,
    pub key_phrases: Vec<String>,
    pub confidence: f64,
}

impl Summary {
    pub fn to_json(&self) -> Value {
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|i| json!({"text": i.text, "owner": i.owner, "dueDate": i.due}))
            .collect();
        json!({
            "executiveSummary": self.executive,
            "actionItems": items,
            "customerSentiment": self.sentiment,
            "reason": self.reason,
            "resolution": self.resolution,
            "keyPhrases": self.key_phrases,
            "confidence": self.confidence,
        })
    }
}

/// Ends `text` with sentence punctuation.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// 1 to 3 sentences: what the customer reported, what the agent did, the next step.
fn executive(
    reason: Option<&str>,
    resolution: Option<&str>,
    items: &[Item],
    fallback: Option<&str>,
    max_sentences: usize,
) -> String {
    let mut out: Vec<String> = Vec::new();
    match (reason, fallback) {
        (Some(r), _) if r.trim_end().ends_with('?') => {
            out.push(format!("The customer asked: {}", sentence(r)))
        }
        (Some(r), _) => out.push(format!("The customer reported: {}", sentence(r))),
        (None, Some(f)) => out.push(sentence(f)),
        (None, None) => out.push("The customer contacted the agent.".to_string()),
    }
    let mut steps = items.iter();
    match resolution {
        Some(r) => out.push(format!("The agent confirmed: {}", sentence(r))),
        None => {
            if let Some(item) = steps.next() {
                out.push(format!("The agent agreed: {}", sentence(&item.text)));
            }
        }
    }
    let said_already = |item: &Item| {
        let text = item.text.trim_end_matches('.').to_lowercase();
        resolution.is_some_and(|r| r.to_lowercase().contains(&text))
    };
    if let Some(item) = steps.find(|i| !said_already(i)) {
        out.push(format!("Next steps: {}", sentence(&item.text)));
    }
    out.truncate(max_sentences.clamp(1, 3));
    out.join(" ")
}

fn confidence(reason: &Option<String>, resolution: &Option<String>) -> f64 {
    match (reason.is_some(), resolution.is_some()) {
        (true, true) => 0.86,
        (true, false) | (false, true) => 0.78,
        (false, false) => 0.7,
    }
}

/// The customer's sentiment from cue words of their lines, the last lines weighing most.
fn sentiment(turns: &[Turn<'_>]) -> &'static str {
    let lines: Vec<&str> = turns
        .iter()
        .filter(|t| t.speaker == Speaker::Customer)
        .map(|t| t.text)
        .collect();
    let last = lines.len().saturating_sub(1).max(1) as f64;
    let (mut positive, mut negative) = (0.0, 0.0);
    for (i, line) in lines.iter().enumerate() {
        let weight = 1.0 + 2.0 * i as f64 / last;
        let (p, n) = cues::sentiment_points(line);
        positive += weight * f64::from(p);
        negative += weight * f64::from(n);
    }
    if positive >= 3.0 && negative >= 3.0 && positive < 2.0 * negative && negative < 2.0 * positive {
        "mixed"
    } else if positive - negative >= 2.0 {
        "positive"
    } else if negative - positive >= 2.0 {
        "negative"
    } else {
        "neutral"
    }
}

fn push_item(items: &mut Vec<Item>, item: Item) {
    let key = item.text.to_lowercase();
    if items.len() < MAX_ITEMS && !items.iter().any(|i| i.text.to_lowercase() == key) {
        items.push(item);
    }
}

/// The summary of a transcript.
pub fn from_transcript(turns: &[Turn<'_>], max_sentences: usize) -> Summary {
    let said = dialogue::substantive(turns);
    let by = |speaker: Speaker| said.iter().filter(move |s| s.speaker == speaker);
    let words = |s: &&Said| s.text.split_whitespace().count();
    let reason = by(Speaker::Customer)
        .find(|s| words(s) >= 4 && (s.text.ends_with('?') || cues::has_reason_cue(&s.text.to_lowercase())))
        .or_else(|| by(Speaker::Customer).find(|s| words(s) >= 5))
        .map(|s| s.text.clone());
    let resolutions: Vec<&Said> = by(Speaker::Agent)
        .filter(|s| cues::is_resolution(&s.text.to_lowercase()))
        .collect();
    let resolution = resolutions
        .iter()
        .rev()
        .find(|s| cues::action(&s.text).is_none())
        .or(resolutions.last())
        .map(|s| s.text.clone());
    let mut items = Vec::new();
    for s in by(Speaker::Agent) {
        if let Some((owner, text)) = cues::action(&s.text) {
            let owner = match owner {
                Owner::Agent => "agent",
                Owner::Customer => "customer",
            };
            let due = cues::due_phrase(&text);
            push_item(
                &mut items,
                Item {
                    text,
                    owner: Some(owner),
                    due,
                },
            );
        }
    }
    let fallback = said.iter().find(|s| words(s) >= 3).map(|s| s.text.as_str());
    Summary {
        executive: executive(
            reason.as_deref(),
            resolution.as_deref(),
            &items,
            fallback,
            max_sentences,
        ),
        sentiment: sentiment(turns),
        key_phrases: key_phrases(said.iter().map(|s| s.text.as_str()), MAX_KEY_PHRASES),
        confidence: confidence(&reason, &resolution),
        items,
        reason,
        resolution,
    }
}

fn text_field(value: &Value, field: &str) -> Option<String> {
    value
        .get(field)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The part summaries of a merge request: a JSON array of objects with an `executiveSummary`.
pub fn parts_of(text: &str) -> Option<Vec<Value>> {
    let text = text.trim();
    if !text.starts_with('[') {
        return None;
    }
    let parts: Vec<Value> = serde_json::from_str(text).ok()?;
    let all_summaries = !parts.is_empty() && parts.iter().all(|p| p.get("executiveSummary").is_some());
    all_summaries.then_some(parts)
}

/// Merges part summaries (in order): the first reason, the last resolution, every distinct action
/// item, the last part's sentiment, the most frequent key phrases.
pub fn merge(parts: &[Value], max_sentences: usize) -> Summary {
    let reason = parts.iter().find_map(|p| text_field(p, "reason"));
    let resolution = parts.iter().rev().find_map(|p| text_field(p, "resolution"));
    let mut items = Vec::new();
    for item in parts
        .iter()
        .filter_map(|p| p.get("actionItems").and_then(Value::as_array))
        .flatten()
    {
        let Some(text) = text_field(item, "text") else {
            continue;
        };
        let owner = match item.get("owner").and_then(Value::as_str) {
            Some("agent") => Some("agent"),
            Some("customer") => Some("customer"),
            _ => None,
        };
        push_item(
            &mut items,
            Item {
                text,
                owner,
                due: text_field(item, "dueDate"),
            },
        );
    }
    let sentiment = parts
        .last()
        .and_then(|p| p.get("customerSentiment"))
        .and_then(Value::as_str)
        .and_then(|s| {
            ["positive", "neutral", "negative", "mixed"]
                .into_iter()
                .find(|k| *k == s)
        })
        .unwrap_or("neutral");
    let phrases: Vec<String> = parts
        .iter()
        .filter_map(|p| p.get("keyPhrases").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let first_summary = parts
        .first()
        .and_then(|p| text_field(p, "executiveSummary"))
        .and_then(|s| dialogue::split_sentences(&s).first().map(|f| f.to_string()));
    Summary {
        executive: executive(
            reason.as_deref(),
            resolution.as_deref(),
            &items,
            first_summary.as_deref(),
            max_sentences,
        ),
        sentiment,
        key_phrases: merge_phrases(&phrases),
        confidence: confidence(&reason, &resolution),
        items,
        reason,
        resolution,
    }
}

/// The most frequent phrases (case-insensitive), ties in order of first appearance.
fn merge_phrases(phrases: &[String]) -> Vec<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for phrase in phrases {
        let phrase = phrase.trim();
        match counted.iter_mut().find(|(p, _)| same_phrase(p, phrase)) {
            Some((_, n)) => *n += 1,
            None if !phrase.is_empty() => counted.push((phrase.to_string(), 1)),
            None => {}
        }
    }
    // A stable sort keeps first appearances first among equals.
    counted.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counted
        .into_iter()
        .take(MAX_KEY_PHRASES)
        .map(|(p, _)| p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executive_summary_respects_the_sentence_limit() {
        let items = [Item {
            text: "Send a replacement by Friday.".into(),
            owner: Some("agent"),
            due: Some("by Friday".into()),
        }];
        let full = executive(
            Some("My router keeps dropping."),
            Some("I've reset the line."),
            &items,
            None,
            5,
        );
        assert_eq!(
            full,
            "The customer reported: My router keeps dropping. The agent confirmed: I've reset the line. \
             Next steps: Send a replacement by Friday."
        );
        let one = executive(Some("Can I return it?"), None, &items, None, 1);
        assert_eq!(one, "The customer asked: Can I return it?");
    }

    #[test]
    fn merged_phrases_by_frequency() {
        let phrases: Vec<String> = ["a", "B", "b", "c", "A", "b"].map(String::from).into();
        assert_eq!(merge_phrases(&phrases), vec!["B", "a", "c"]);
    }
}
