//! The labelled evaluation set (`eval/`) end to end: every call loaded into the simulator and
//! summarised through the real handler (LLM and built-in sources), then every place the text
//! can reach is searched for its labelled PII: the LLM requests, the answers (POST and GET),
//! the audit record and the crm-sync message. `make eval` runs this test and prints the table;
//! the assertions hold the figures where they are so a regression fails CI.

use crate::common;

use common::*;
use serde_json::json;
use wrapup_eval::{Report, Scorer, load, repo_eval_dir};

/// Every place text of a call can reach.
const OUTPUTS: [&str; 4] = ["LLM request", "answer", "audit record", "CRM write"];

/// Issue 9's target, held per language: the share of labelled PII kept from every output
/// (docs/benchmarks.md, "Summary quality").
const MIN_PROTECTED: f64 = 0.98;

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn labelled_pii_never_reaches_an_output() {
    let calls = load(&repo_eval_dir().join("calls")).expect("the labelled set loads");
    let h = harness(Options::eval()).await;
    let mut report = Report::new("Summary pipeline end to end over eval/calls (LLM and built-in sources)");
    for call in &calls {
        h.load(call.sim_conversation()).await;
        let llm_before = h.llm_requests().await.len();
        let mut answers = String::new();
        let mut audits = String::new();
        for (source, case) in [("llm", "EVAL-LLM"), ("extractive", "EVAL-EXT")] {
            let answer = h
                .post(json!({"conversationId": call.conversation_id(), "caseId": case, "source": source}))
                .await;
            assert_eq!(answer.status, 200, "{}: {:#}", call.id, answer.body);
            assert!(
                answer.body["language"]["tag"].is_string(),
                "{}: the answer names the language",
                call.id
            );
            answers.push_str(&answer.body.to_string());
            let audit_id = answer.body["auditId"].as_str().expect("auditId");
            audits.push_str(&format!(
                "{:?}",
                h.audit_item(audit_id).await.expect("audit record")
            ));
        }
        answers.push_str(&h.get(&call.conversation_id()).await.body.to_string());
        let requests = h.llm_requests().await;
        let prompts = serde_json::to_string(&requests.get(llm_before..).unwrap_or_default()).unwrap();
        assert!(requests.len() > llm_before, "{}: the LLM was asked", call.id);
        let crm: String = h
            .drain("CrmSyncQueue")
            .await
            .iter()
            .filter_map(|m| m.body().map(str::to_owned))
            .collect();

        let scorer = Scorer::new(call);
        let mut leaked: Vec<usize> = Vec::new();
        for (output, text) in OUTPUTS.iter().zip([&prompts, &answers, &audits, &crm]) {
            let leaks = scorer.leaks(text).items;
            if !leaks.is_empty() {
                *report.leaked_outputs.entry((*output).to_owned()).or_default() += leaks.len();
            }
            leaked.extend(leaks);
        }
        leaked.sort_unstable();
        leaked.dedup();
        // A look-alike survives when the LLM saw it as often as the call says it.
        let survived = scorer
            .survivals_in_json(&prompts)
            .into_iter()
            .filter(|s| *s)
            .count();
        let figures = report.language(call.lang());
        figures.calls += 1;
        figures.pii_items += call.pii.len();
        figures.pii_leaked += leaked.len();
        figures.near_misses += call.near_misses.len();
        figures.near_misses_survived += survived;
        for i in leaked {
            *report.leaked_kinds.entry(call.pii[i].kind.clone()).or_default() += 1;
        }
    }
    println!("{report}");
    for (lang, figures) in &report.by_language {
        assert!(
            figures.protected_share() >= MIN_PROTECTED,
            "{lang}: {:.1}% of labelled PII kept from every output (floor {:.0}%)\n{report}",
            figures.protected_share() * 100.0,
            MIN_PROTECTED * 100.0
        );
    }
}
