//! The built-in extractive summaries of the simulator's seeded conversations (voice, chat,
//! message, email, long calls) are built from the transcript, so verification must pass them:
//! a verifier that flags faithful summaries would send every call to `needs_review`.

use crate::common;

use wrapup::ids::ConversationId;
use wrapup::redact::Redactor;
use wrapup::summary::SummaryOptions;
use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::transcript::FetchTranscript;
use wrapup::verify::{VerificationConfig, verify};

#[tokio::test]
async fn extractive_summaries_of_seeded_conversations_pass_verification() {
    // Many conversations in one test: lift the per-token rate limit.
    let sim = common::sim_with(genesys_sim::SimConfig {
        rate_limit_per_minute: 100_000,
        ..genesys_sim::SimConfig::default()
    })
    .await;
    let client = common::client(&sim);
    let truth = common::get(&sim, "/_sim/ground-truth").await;
    let ids: Vec<&str> = truth
        .as_array()
        .expect("ground truth is a list")
        .iter()
        .filter_map(|c| c["conversationId"].as_str())
        .take(120)
        .collect();
    let redactor = Redactor::default();
    let config = VerificationConfig::default();
    let mut failures = Vec::new();
    let mut verified = 0;
    for id in ids {
        let conversation = ConversationId::parse(id).expect("a conversation id");
        let Some(transcript) = client
            .conversation_transcript(&conversation)
            .await
            .expect("transcript fetched")
        else {
            continue;
        };
        let call = redactor.redact_call(&transcript, &[], None);
        let summary =
            ExtractiveSummarizer::new().summarize_transcript(&call.transcript, &SummaryOptions::default());
        let verification = verify(&summary, &transcript, &call, &redactor, &config);
        verified += 1;
        if !verification.passed {
            failures.push(format!(
                "{id}: {:?}\n  summary: {}\n  items: {:?}",
                verification.reasons, summary.executive_summary, summary.action_items
            ));
        }
    }
    assert!(verified >= 100, "only {verified} transcripts");
    assert!(
        failures.is_empty(),
        "{} of {verified} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
