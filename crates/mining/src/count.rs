//! Counting one conversation's product mentions per speaker from its transcript documents.

use std::collections::BTreeMap;

use super::model::Speaker;
use wrapup_adapters::catalog::{MentionMatcher, ProductCatalog};
use wrapup_genesys::models::TranscriptDocument;

/// Per-speaker counters, one slot per catalog product; `take` empties them for the next use.
pub struct MentionCounter<'a> {
    catalog: &'a ProductCatalog,
    matcher: &'a MentionMatcher,
    customer: Vec<u32>,
    agent: Vec<u32>,
}

impl<'a> MentionCounter<'a> {
    pub fn new(catalog: &'a ProductCatalog, matcher: &'a MentionMatcher) -> Self {
        Self {
            catalog,
            matcher,
            customer: vec![0; catalog.len()],
            agent: vec![0; catalog.len()],
        }
    }

    /// Counts every customer and agent phrase of `document`; IVR, ACD and system phrases are
    /// skipped (they never name what the customer is calling about).
    pub fn add_document(&mut self, document: &TranscriptDocument) {
        for phrase in document.transcripts.iter().flat_map(|t| t.phrases.iter()) {
            let speaker = phrase
                .participant_purpose
                .as_deref()
                .and_then(Speaker::from_participant_purpose);
            let (Some(speaker), Some(text)) = (speaker, phrase.text.as_deref()) else {
                continue;
            };
            let counts = match speaker {
                Speaker::Customer => &mut self.customer,
                // Phrases are attributed to people; `Any` never comes out of a participant purpose.
                Speaker::Agent | Speaker::Any => &mut self.agent,
            };
            self.matcher.count_into(text, counts);
        }
    }

    /// The non-zero counts by (product id, speaker), with a [`Speaker::Any`] total per product
    /// mentioned; resets the counters.
    pub fn take(&mut self) -> BTreeMap<(String, Speaker), u64> {
        let mut counts = BTreeMap::new();
        for (index, product) in self.catalog.products().iter().enumerate() {
            let customer = self.customer.get_mut(index).map_or(0, std::mem::take);
            let agent = self.agent.get_mut(index).map_or(0, std::mem::take);
            let any = customer.saturating_add(agent);
            for (speaker, count) in [
                (Speaker::Customer, customer),
                (Speaker::Agent, agent),
                (Speaker::Any, any),
            ] {
                if count > 0 {
                    counts.insert((product.id.clone(), speaker), u64::from(count));
                }
            }
        }
        counts
    }
}
