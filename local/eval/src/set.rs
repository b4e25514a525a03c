//! Loading `eval/calls/<language>/*.json` and checking every label against its text.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::{Value, json};
use wrapup::summary::{ActionItem, Owner, Sentiment, Summary};
use wrapup::transcript::{Channel, SpeakerRole, Transcript};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvalCall {
    pub id: String,
    pub language: String,
    pub country: String,
    pub media: String,
    #[serde(default)]
    pub agent_name: Option<String>,
    pub utterances: Vec<Turn>,
    pub pii: Vec<Item>,
    pub near_misses: Vec<Item>,
    #[serde(default)]
    pub notes: Option<String>,
    /// What a person writes after the call (issue 10), absent on calls not yet labelled.
    #[serde(default)]
    pub reference: Option<Reference>,
    /// Copies of the reference with exactly one error each.
    #[serde(default)]
    pub perturbations: Vec<Perturbation>,
}

/// A person's summary of the call, its action items and the customer's sentiment.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
    pub summary: String,
    pub action_items: Vec<RefActionItem>,
    pub sentiment: Sentiment,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefActionItem {
    pub text: String,
    pub owner: Owner,
    #[serde(default)]
    pub due: Option<String>,
}

/// A perturbation's kind is one of the kinds verification reports.
pub use wrapup::verify::ErrorKind;

/// The reference with one error: the whole summary, and the action items when the error is in
/// one of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Perturbation {
    pub kind: ErrorKind,
    pub summary: String,
    #[serde(default)]
    pub action_items: Option<Vec<RefActionItem>>,
    pub error: String,
}

impl Reference {
    /// The reference as the API's summary object (as Copilot or an LLM would serve it).
    pub fn as_summary(&self) -> Summary {
        summary_of(&self.summary, &self.action_items, self.sentiment)
    }

    /// A perturbation as the API's summary object.
    pub fn perturbed(&self, perturbation: &Perturbation) -> Summary {
        let items = perturbation.action_items.as_ref().unwrap_or(&self.action_items);
        summary_of(&perturbation.summary, items, self.sentiment)
    }
}

fn summary_of(text: &str, items: &[RefActionItem], sentiment: Sentiment) -> Summary {
    Summary {
        executive_summary: text.to_owned(),
        action_items: items
            .iter()
            .map(|item| ActionItem {
                text: item.text.clone(),
                owner: Some(item.owner),
                due_date: item.due.clone(),
            })
            .collect(),
        customer_sentiment: sentiment,
        reason: None,
        resolution: None,
        key_phrases: Vec::new(),
        confidence: 1.0,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub speaker: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub role: Option<String>,
}

/// `eval/` of the repository (this crate lives in `local/eval`).
pub fn repo_eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval")
}

/// Every call under `dir` (recursively), sorted by path; fails naming the file and the label
/// when a labelled text is not in the call.
pub fn load(dir: &Path) -> anyhow::Result<Vec<EvalCall>> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    let mut calls = Vec::with_capacity(paths.len());
    for path in paths {
        let raw = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let call: EvalCall =
            serde_json::from_str(&raw).with_context(|| format!("parsing {}", path.display()))?;
        for item in call.pii.iter().chain(&call.near_misses) {
            if !call.utterances.iter().any(|u| u.text.contains(&item.text)) {
                bail!(
                    "{}: labelled text {:?} is in no utterance",
                    path.display(),
                    item.text
                );
            }
        }
        calls.push(call);
    }
    Ok(calls)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

impl EvalCall {
    /// The primary language subtag: `en`, `es`...
    pub fn lang(&self) -> &str {
        self.language.split('-').next().unwrap_or(&self.language)
    }

    fn channel(&self) -> Channel {
        match self.media.as_str() {
            "voice" => Channel::Voice,
            "chat" => Channel::Chat,
            "email" => Channel::Email,
            "message" => Channel::Message,
            _ => Channel::Other,
        }
    }

    /// The call as the pipeline's normalised transcript (what Genesys details and transcript
    /// documents become), agent display name included.
    pub fn transcript(&self) -> Transcript {
        let turns = self.utterances.iter().map(|turn| {
            let speaker = match turn.speaker.as_str() {
                "agent" => SpeakerRole::Agent,
                "customer" => SpeakerRole::Customer,
                _ => SpeakerRole::IvrBot,
            };
            // Genesys transcripts collapse whitespace; emails keep no line breaks.
            (
                speaker,
                turn.text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        });
        Transcript {
            agent_names: self.agent_name.iter().cloned().collect(),
            ..Transcript::from_turns(
                self.conversation_id(),
                self.channel(),
                Some(&self.language),
                turns,
            )
        }
    }

    /// A stable conversation id derived from the call id.
    pub fn conversation_id(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.id.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let hex = format!("{hash:016x}");
        format!(
            "{}-{}-4{}-8{}-{}0000",
            &hex[..8],
            &hex[8..12],
            &hex[13..16],
            &hex[1..4],
            &hex[4..12]
        )
    }

    /// The body of the simulator's `POST /_sim/conversations` for this call.
    pub fn sim_conversation(&self) -> Value {
        let phrases: Vec<Value> = self
            .utterances
            .iter()
            .map(|turn| json!({"speaker": turn.speaker, "text": turn.text}))
            .collect();
        let mut body = json!({
            "conversationId": self.conversation_id(),
            "mediaType": self.media,
            "language": self.language,
            "phrases": phrases,
        });
        if let Some(agent) = &self.agent_name {
            body["agentName"] = json!(agent);
        }
        body
    }
}
