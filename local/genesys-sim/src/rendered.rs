//! The seeded organisation as the API renders it, without a server: what an in-memory Genesys
//! (`wrapup::genesys::MemoryGenesys`) is loaded with, so the fast test tier and the simulator
//! serve the same conversations.

use serde_json::Value;

use crate::SimConfig;
use crate::org::{Org, render};

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
