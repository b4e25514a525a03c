//! `wrapup-local put-events`: events delivered as EventBridge delivers them through the
//! template's `AssistEventsRule`: each event is matched against the rule's pattern as
//! template.yaml writes it (its `source` the configured `GenesysEventSourceName`, its
//! `detail-type` one of the listed topics), and a match is sent whole, as the message body, to
//! the local stack's assist-events queue. The rest are reported as dropped, as EventBridge
//! drops an event no rule matches.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;
use serde_norway::Value as Yaml;

/// The rule that routes Genesys' partner events to the assist-events queue.
pub const RULE_LOGICAL_ID: &str = "AssistEventsRule";
/// The queue it targets.
pub const QUEUE_LOGICAL_ID: &str = "AssistEventsQueue";
/// The template parameter naming the partner event source.
const SOURCE_PARAMETER: &str = "GenesysEventSourceName";

/// An EventBridge event pattern of exact values: each field must hold one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPattern {
    fields: BTreeMap<String, Vec<String>>,
}

impl EventPattern {
    /// `AssistEventsRule`'s pattern in `template_text`, with `!Ref GenesysEventSourceName` as
    /// `event_source`.
    pub fn from_template(template_text: &str, event_source: &str) -> Result<Self> {
        let doc: Yaml = serde_norway::from_str(template_text).context("template.yaml is not YAML")?;
        let pattern = doc
            .get("Resources")
            .and_then(|r| r.get(RULE_LOGICAL_ID))
            .and_then(|r| r.get("Properties"))
            .and_then(|p| p.get("EventPattern"))
            .and_then(Yaml::as_mapping)
            .ok_or_else(|| anyhow!("template.yaml has no {RULE_LOGICAL_ID}.Properties.EventPattern"))?;
        let mut fields = BTreeMap::new();
        for (name, values) in pattern {
            let name = name
                .as_str()
                .ok_or_else(|| anyhow!("{RULE_LOGICAL_ID}: a pattern field name is not a string"))?;
            if !matches!(name, "source" | "detail-type") {
                // Content filters, `detail` and the rest would need EventBridge's matcher.
                bail!("{RULE_LOGICAL_ID}: put-events matches source and detail-type only, not {name}");
            }
            let values = values
                .as_sequence()
                .ok_or_else(|| anyhow!("{RULE_LOGICAL_ID}.EventPattern.{name} is not a list"))?
                .iter()
                .map(|v| exact_value(v, event_source))
                .collect::<Result<Vec<_>>>()
                .with_context(|| format!("{RULE_LOGICAL_ID}.EventPattern.{name}"))?;
            fields.insert(name.to_owned(), values);
        }
        if fields.is_empty() {
            bail!("{RULE_LOGICAL_ID}'s pattern is empty");
        }
        Ok(Self { fields })
    }

    /// The pattern of the repository's template.yaml.
    pub fn load(event_source: &str) -> Result<Self> {
        let path = wrapup_template::find_repo_root()?.join("template.yaml");
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        Self::from_template(&text, event_source)
    }

    /// Why `event` does not match, or `None` when it does.
    pub fn mismatch(&self, event: &Value) -> Option<String> {
        self.fields.iter().find_map(|(name, allowed)| {
            let value = event.get(name).and_then(Value::as_str);
            match value {
                Some(v) if allowed.iter().any(|a| a == v) => None,
                Some(_) => Some(format!("{name} is not in the rule's pattern")),
                None => Some(format!("{name} is missing")),
            }
        })
    }

    /// The detail-types the pattern lets through.
    pub fn detail_types(&self) -> &[String] {
        self.fields.get("detail-type").map_or(&[], Vec::as_slice)
    }
}

/// A literal, or `!Ref GenesysEventSourceName`.
fn exact_value(value: &Yaml, event_source: &str) -> Result<String> {
    match value {
        // Checked first: `as_str` sees through a tag.
        Yaml::Tagged(tagged) if tagged.tag == "Ref" && tagged.value.as_str() == Some(SOURCE_PARAMETER) => {
            Ok(event_source.to_owned())
        }
        Yaml::String(text) => Ok(text.clone()),
        _ => bail!("only literal values and !Ref {SOURCE_PARAMETER} are understood"),
    }
}

/// The events in `path`: a JSON file holding one event or an array of them, or a directory of
/// such files (read in name order).
pub fn read_events(path: &Path) -> Result<Vec<Value>> {
    let files = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .with_context(|| format!("reading {}", path.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_owned()]
    };
    let mut events = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let value: Value =
            serde_json::from_str(&text).with_context(|| format!("{} is not JSON", file.display()))?;
        match value {
            Value::Array(items) => events.extend(items),
            Value::Object(_) => events.push(value),
            _ => bail!("{} holds neither an event nor an array of events", file.display()),
        }
    }
    Ok(events)
}

/// What became of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Sent to the queue.
    Sent,
    /// Dropped by the rule's pattern, and why.
    Dropped(String),
}

/// One event's id, detail-type and fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub event_id: String,
    pub detail_type: String,
    pub delivery: Delivery,
}

/// Delivers `events` in order: matches to `queue_url`, the rest dropped.
pub async fn deliver(
    sqs: &aws_sdk_sqs::Client,
    queue_url: &str,
    pattern: &EventPattern,
    events: &[Value],
) -> Result<Vec<Delivered>> {
    let mut report = Vec::with_capacity(events.len());
    for event in events {
        let text = |name: &str| event.get(name).and_then(Value::as_str).unwrap_or("-").to_owned();
        let delivery = match pattern.mismatch(event) {
            Some(reason) => Delivery::Dropped(reason),
            None => {
                sqs.send_message()
                    .queue_url(queue_url)
                    .message_body(event.to_string())
                    .send()
                    .await
                    .context("sending to the assist-events queue")?;
                Delivery::Sent
            }
        };
        report.push(Delivered {
            event_id: text("id"),
            detail_type: text("detail-type"),
            delivery,
        });
    }
    Ok(report)
}

/// The assist-events queue's URL in the moto at `sqs`'s endpoint, for stack `stack_name`.
pub async fn queue_url(sqs: &aws_sdk_sqs::Client, stack_name: &str) -> Result<String> {
    let template = wrapup_template::Template::load()?;
    let name = template
        .queue(QUEUE_LOGICAL_ID)
        .ok_or_else(|| anyhow!("template.yaml has no {QUEUE_LOGICAL_ID}"))?
        .name(stack_name)?;
    let found = sqs
        .get_queue_url()
        .queue_name(&name)
        .send()
        .await
        .with_context(|| format!("queue {name} not found (is the local stack running?)"))?;
    found.queue_url.ok_or_else(|| anyhow!("queue {name} has no URL"))
}

/// The command: reads `path`, delivers, prints one line per event.
pub async fn run(path: &Path, endpoint: &str, stack_name: &str, event_source: &str) -> Result<()> {
    let events = read_events(path)?;
    let pattern = EventPattern::load(event_source)?;
    let sqs = wrapup_testkit::LocalAws::new(endpoint).sqs_client().await;
    let url = queue_url(&sqs, stack_name).await?;
    println!(
        "{RULE_LOGICAL_ID}: source {event_source}, {} detail-types (template.yaml)",
        pattern.detail_types().len()
    );
    let report = deliver(&sqs, &url, &pattern, &events).await?;
    for line in &report {
        match &line.delivery {
            Delivery::Sent => println!("sent     {}  {}", line.event_id, line.detail_type),
            Delivery::Dropped(reason) => {
                println!("dropped  {}  {}  ({reason})", line.event_id, line.detail_type)
            }
        }
    }
    let sent = report.iter().filter(|d| d.delivery == Delivery::Sent).count();
    println!(
        "{sent} of {} event(s) sent to {}; {} dropped by {RULE_LOGICAL_ID}",
        report.len(),
        url.rsplit('/').next().unwrap_or(&url),
        report.len() - sent
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE_SOURCE: &str =
        "aws.partner/genesys.com/cloud/bb14bed0-f8f9-445d-b9d1-10cecb8569d6/wrapup-assist";

    fn fixtures() -> Vec<Value> {
        let root = wrapup_template::find_repo_root().expect("repo");
        let mut events = Vec::new();
        for entry in std::fs::read_dir(root.join("events")).expect("events/") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with("assist-") && name != "assist-events-sqs.json" {
                events.extend(read_events(&path).expect("an event"));
            }
        }
        assert!(events.len() >= 6, "{} fixtures", events.len());
        events
    }

    #[test]
    fn the_fixtures_match_the_rule_from_their_own_source_only() {
        let pattern = EventPattern::load(FIXTURE_SOURCE).expect("pattern");
        assert_eq!(pattern.detail_types().len(), 11);
        for event in fixtures() {
            assert_eq!(pattern.mismatch(&event), None, "{}", event["detail-type"]);
        }
        let other =
            EventPattern::load("aws.partner/genesys.com/cloud/00000000-0000-4000-8000-000000000000/x")
                .expect("pattern");
        for event in fixtures() {
            assert_eq!(
                other.mismatch(&event).as_deref(),
                Some("source is not in the rule's pattern")
            );
        }
    }

    #[test]
    fn topics_outside_the_allow_list_are_dropped() {
        let pattern = EventPattern::load(FIXTURE_SOURCE).expect("pattern");
        let mut event = fixtures().remove(0);
        for other in [
            "v2.conversations.{id}.suggestions",
            "v2.conversations.{id}.transcription",
            "v2.detail.events.conversation.{id}.user.end",
        ] {
            event["detail-type"] = Value::from(other);
            assert_eq!(
                pattern.mismatch(&event).as_deref(),
                Some("detail-type is not in the rule's pattern")
            );
        }
        if let Some(object) = event.as_object_mut() {
            object.remove("detail-type");
        }
        assert_eq!(
            pattern.mismatch(&event).as_deref(),
            Some("detail-type is missing")
        );
    }

    #[test]
    fn a_pattern_put_events_cannot_match_exactly_is_refused() {
        let template = "Resources:\n  AssistEventsRule:\n    Properties:\n      EventPattern:\n        detail:\n          state: [x]\n";
        let err = EventPattern::from_template(template, FIXTURE_SOURCE).expect_err("refused");
        assert!(err.to_string().contains("detail"), "{err}");
        let template = "Resources:\n  AssistEventsRule:\n    Properties:\n      EventPattern:\n        source:\n          - !Ref Other\n";
        assert!(EventPattern::from_template(template, FIXTURE_SOURCE).is_err());
    }
}
