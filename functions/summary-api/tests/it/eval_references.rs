//! Verification's false alarms end to end: each reference summary of the labelled set
//! (`eval/calls`, written by a person for its call) served through the real handler as Genesys
//! Copilot's summary and as the LLM's answer. A correct summary must reach the CRM; one sent to
//! review is a false alarm. `make eval` prints the figures; the assertion holds issue 10's
//! target (docs/benchmarks.md, "Summary quality").

use crate::common;

use common::*;
use serde_json::{Value, json};
use wrapup_eval::{EvalCall, load, repo_eval_dir};

/// Issue 10's target: at most 5% of correct summaries sent to review, per source.
const MAX_FALSE_ALARMS: f64 = 0.05;

/// The built-in summaries of the same calls sent to review today (no target): a regression
/// guard, so that a verification change that flags the call's own sentences fails here.
const MAX_BUILT_IN_REVIEWS: usize = 4;

/// The reference as Copilot serves a summary: its text and one follow-up, the first action item.
fn with_copilot_summary(call: &EvalCall) -> Value {
    let reference = call.reference.as_ref().expect("a reference summary");
    let mut conversation = call.sim_conversation();
    let mut copilot = json!({"text": reference.summary, "confidence": 0.9});
    if let Some(item) = reference.action_items.first() {
        copilot["followup"] = json!(item.text);
    }
    conversation["copilotSummary"] = copilot;
    conversation
}

/// The reference as the LLM's structured answer.
fn as_llm_answer(call: &EvalCall) -> Value {
    let reference = call.reference.as_ref().expect("a reference summary");
    let summary = reference.as_summary();
    json!({
        "executiveSummary": summary.executive_summary,
        "actionItems": summary.action_items.iter().map(|item| json!({
            "text": item.text,
            "owner": item.owner,
            "dueDate": item.due_date,
        })).collect::<Vec<_>>(),
        "customerSentiment": summary.customer_sentiment,
        "reason": null,
        "resolution": null,
        "keyPhrases": [],
        "confidence": 0.9,
    })
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn correct_summaries_from_copilot_and_the_llm_reach_the_crm() {
    let calls: Vec<EvalCall> = load(&repo_eval_dir().join("calls"))
        .expect("the labelled set loads")
        .into_iter()
        .filter(|call| call.reference.is_some())
        .collect();
    assert!(calls.len() >= 96, "reference summaries missing in eval/calls");
    let h = harness(Options::eval()).await;
    let misses = std::env::var_os("WRAPUP_EVAL_MISSES").is_some();
    let mut flagged = [0usize; 2];
    // The built-in summary of the same calls: how many go to review (no target; held at
    // today's count).
    let mut built_in_flagged = 0;
    for call in &calls {
        h.load(with_copilot_summary(call)).await;
        h.llm_script("post_call_summary", json!([as_llm_answer(call)]))
            .await;
        for (k, (source, case)) in [("genesys", "EVAL-COPILOT"), ("llm", "EVAL-LLM")]
            .into_iter()
            .enumerate()
        {
            let answer = h
                .post(json!({"conversationId": call.conversation_id(), "caseId": case, "source": source}))
                .await;
            assert_eq!(answer.status, 200, "{}: {:#}", call.id, answer.body);
            assert_eq!(answer.body["source"]["type"], source, "{}", call.id);
            if answer.body["status"] != "queued_for_crm" {
                flagged[k] += 1;
                if misses {
                    println!(
                        "FALSE ALARM ({source}) {}: {}",
                        call.id, answer.body["verification"]["reasons"]
                    );
                }
            }
        }
        let built_in = h
            .post(json!({"conversationId": call.conversation_id(), "caseId": "EVAL-BUILT-IN", "source": "extractive"}))
            .await;
        assert_eq!(built_in.status, 200, "{}: {:#}", call.id, built_in.body);
        if built_in.body["status"] != "queued_for_crm" {
            built_in_flagged += 1;
            if misses {
                println!(
                    "REVIEW (built-in) {}: {}",
                    call.id, built_in.body["verification"]["reasons"]
                );
            }
        }
        h.drain("CrmSyncQueue").await;
    }
    let share = |n: usize| n as f64 / calls.len() as f64;
    println!(
        "Correct reference summaries sent to review, end to end over eval/calls ({} calls): \
         as Copilot's summary {} ({:.1}%), as the LLM's answer {} ({:.1}%); \
         the built-in summary of the same calls sent to review: {} ({:.1}%)",
        calls.len(),
        flagged[0],
        share(flagged[0]) * 100.0,
        flagged[1],
        share(flagged[1]) * 100.0,
        built_in_flagged,
        share(built_in_flagged) * 100.0,
    );
    assert!(
        built_in_flagged <= MAX_BUILT_IN_REVIEWS,
        "{built_in_flagged} built-in summaries sent to review, {MAX_BUILT_IN_REVIEWS} before"
    );
    for (source, n) in ["Copilot", "LLM"].iter().zip(flagged) {
        assert!(
            share(n) <= MAX_FALSE_ALARMS,
            "{source}: {n} of {} correct summaries sent to review",
            calls.len()
        );
    }
}
