//! The seeded organisation as the API renders it, without a server: what an in-memory Genesys
//! (`wrapup::genesys::MemoryGenesys`) is loaded with, so the fast test tier and the simulator
//! serve the same conversations.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::SimConfig;
use crate::org::{Content, Org, render};

/// One seeded conversation in the API's shapes.
#[derive(Debug, Clone)]
pub struct RenderedConversation {
    pub conversation_id: String,
    /// `GET /api/v2/analytics/conversations/{id}/details`.
    pub details: Value,
    /// The transcript document of each communication that has one.
    pub transcripts: Vec<Value>,
    /// `GET /api/v2/conversations/{id}/summaries`, when Copilot has one.
    pub summaries: Option<Value>,
}

/// Every conversation the simulator with `config` seeds, in start order.
pub fn render_org(config: &SimConfig) -> Vec<RenderedConversation> {
    let org = Org::generate(config);
    org.conversations()
        .iter()
        .map(|conv| {
            let dialogue = Org::dialogue(conv);
            let transcripts = conv
                .transcript_communication_id()
                .map(|comm| render::transcript(conv, &dialogue, &org.organization_id, comm))
                .into_iter()
                .collect();
            RenderedConversation {
                conversation_id: conv.id.clone(),
                details: render::details(conv, &org.organization_id, None),
                transcripts,
                summaries: render::summaries(conv, &dialogue),
            }
        })
        .collect()
}

/// The product mentions planted in each seeded conversation whose UTC day of
/// `conversationStart` lies in `from..=to` (`GET /_sim/ground-truth`).
pub fn ground_truth(org: &Org, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Value {
    let out: Vec<Value> = org
        .conversations()
        .iter()
        .filter(|c| matches!(c.content, Content::Seeded(_)))
        .filter(|c| from.is_none_or(|f| c.date() >= f) && to.is_none_or(|t| c.date() <= t))
        .map(|c| {
            let d = Org::dialogue(c);
            json!({
                "conversationId": c.id,
                "date": c.date().to_string(),
                "mediaType": c.media.analytics(),
                "scenario": c.scenario(),
                "communicationId": c.transcript_communication_id(),
                "containsPii": d.contains_pii,
                "mentions": d.mentions.iter().map(|m| json!({
                    "productId": m.product_id,
                    "speaker": m.speaker.purpose(),
                    "count": m.count,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(out)
}

/// [`ground_truth`] of the organisation the simulator with `config` seeds, without a server
/// (`None`: no bound on that side).
pub fn seeded_ground_truth(config: &SimConfig, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Value {
    ground_truth(&Org::generate(config), from, to)
}
