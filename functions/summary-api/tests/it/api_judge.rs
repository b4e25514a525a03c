//! The optional LLM judge (`WRAPUP_VERIFY_JUDGE=llm`) against the simulator, its verdicts set by
//! each test: supported adds nothing, contradicted fails the summary naming the claim, kind and
//! utterances, an unusable judge leaves the rules' verdict with the cause; off asks nothing.

use crate::common;

use common::*;
use serde_json::{Value, json};
use wrapup::verify::JUDGE_SCHEMA_NAME;

const CALL: &str = "d4d4d4d4-0000-4000-8000-000000000001";

async fn judge_harness(judge: &str) -> Harness {
    let h = harness(Options {
        llm: true,
        extra_env: vec![("WRAPUP_VERIFY_JUDGE", judge.to_owned())],
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    h
}

/// An extractive summary, so that the judge is the only LLM request.
async fn summarise(h: &Harness, case: &str) -> Value {
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": case, "source": "extractive"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_valid("SummaryResponse", &answer.body);
    answer.body
}

/// The judge's requests the simulator saw.
async fn judge_requests(h: &Harness) -> Vec<Value> {
    h.llm_requests()
        .await
        .into_iter()
        .filter(|r| r["body"]["response_format"]["json_schema"]["name"] == JUDGE_SCHEMA_NAME)
        .collect()
}

/// Claim `i` as the judge was shown it (`[i] text` under the claims heading).
fn claim_shown(request: &Value, i: usize) -> String {
    let user = request["body"]["messages"][1]["content"].as_str().unwrap();
    let claims = user.split("Claims of the summary").nth(1).expect("claims");
    let prefix = format!("[{i}] ");
    claims
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no claim {i} in {claims}"))
        .to_owned()
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn judge_off_asks_the_llm_nothing() {
    let h = judge_harness("off").await;
    let body = summarise(&h, "OFF").await;
    assert_eq!(body["status"], "queued_for_crm", "{:#}", body["verification"]);
    assert!(body["verification"].get("judge").is_none(), "{body:#}");
    assert_eq!(h.llm_requests().await.len(), 0, "no LLM call at all");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_supported_claim_adds_no_finding() {
    let h = judge_harness("llm").await;
    let verdicts =
        json!({"verdicts": [{"claim": 0, "verdict": "supported", "kind": null, "utterances": [3]}]});
    h.llm_script(JUDGE_SCHEMA_NAME, json!([verdicts])).await;
    let body = summarise(&h, "SUPPORTED").await;
    let verification = &body["verification"];
    assert_eq!(body["status"], "queued_for_crm", "{verification:#}");
    assert_eq!(verification["findings"], json!([]), "{verification:#}");
    assert_eq!(verification["judge"]["status"], "ran");
    assert_eq!(verification["judge"]["flagged"], 0);
    assert_eq!(verification["judge"]["model"], "sim-model");
    let requests = judge_requests(&h).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0]["body"]["response_format"]["json_schema"]["strict"],
        true
    );
    assert_eq!(h.drain("CrmSyncQueue").await.len(), 1, "handed to the CRM");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_contradicted_claim_is_a_finding_naming_the_claim_kind_and_utterances() {
    let h = judge_harness("llm").await;
    let verdicts = json!({"verdicts": [{"claim": 0, "verdict": "contradicted", "kind": "negation", "utterances": [3, 1]}]});
    h.llm_script(JUDGE_SCHEMA_NAME, json!([verdicts])).await;
    let body = summarise(&h, "CONTRADICTED").await;
    let verification = &body["verification"];
    assert_eq!(body["status"], "needs_review", "{verification:#}");
    let claim = claim_shown(&judge_requests(&h).await[0], 0);
    let judged: Vec<&Value> = verification["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["source"] == "judge")
        .collect();
    assert_eq!(judged.len(), 1, "{verification:#}");
    assert_eq!(judged[0]["kind"], "negation");
    assert_eq!(judged[0]["claim"], claim.as_str());
    assert_eq!(judged[0]["evidence"], json!([1, 3]));
    let reason = format!("negation: \"{claim}\"");
    assert!(
        verification["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with(&reason)
                && r.as_str().unwrap().ends_with("(utterances 1, 3)")),
        "{reason} in {verification:#}"
    );
    assert_eq!(verification["judge"]["flagged"], 1);
    assert!(h.drain("CrmSyncQueue").await.is_empty(), "not sent to the CRM");
    // The audit record holds the judge's part of the verification.
    let audit = h
        .audit_item(body["auditId"].as_str().unwrap())
        .await
        .expect("audit record");
    let recorded = format!("{:?}", audit["verification"]);
    assert!(
        recorded.contains("judge") && recorded.contains("ran"),
        "{recorded}"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn only_the_redacted_call_goes_to_the_judge() {
    let h = judge_harness("llm").await;
    let mut lines = ROUTER_CALL.to_vec();
    lines.insert(
        2,
        (
            "customer",
            "My name is Johanna Whitfield and my email is johanna.whitfield@example.com.",
        ),
    );
    h.load(conversation(CALL, "voice", &lines)).await;
    summarise(&h, "REDACTED").await;
    // Unscripted, the simulator's generic answer may need the repair round: both count.
    let requests = judge_requests(&h).await;
    assert!(!requests.is_empty());
    let sent = json!(requests).to_string();
    for secret in ["Johanna", "Whitfield", "example.com"] {
        assert!(!sent.contains(secret), "{secret} reached the judge: {sent}");
    }
    assert!(sent.contains("[EMAIL_1]"), "{sent}");
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_unusable_judge_leaves_the_rules_verdict_and_records_why() {
    let h = judge_harness("llm").await;
    // The answer and its one repair round.
    h.llm_script(JUDGE_SCHEMA_NAME, json!(["{\"verdicts\": [", "no JSON here"]))
        .await;
    let body = summarise(&h, "MALFORMED").await;
    let verification = &body["verification"];
    assert_eq!(body["status"], "queued_for_crm", "{verification:#}");
    assert_eq!(verification["judge"]["status"], "skipped");
    let reason = verification["judge"]["reason"].as_str().unwrap();
    assert!(reason.contains("even after one repair round"), "{reason}");
    assert!(
        verification["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["source"] == "rules")
    );
    assert_eq!(judge_requests(&h).await.len(), 2, "the answer and one repair");

    // A judge throttled beyond the deadline is skipped the same way.
    h.faults(json!({"failNext": [{"operation": "chatCompletions", "status": 429, "count": 1, "retryAfterSecs": 600}]}))
        .await;
    let body = summarise(&h, "THROTTLED").await;
    assert_eq!(body["status"], "queued_for_crm");
    assert_eq!(body["verification"]["judge"]["status"], "skipped");
    assert_eq!(
        body["verification"]["judge"]["reason"],
        "the LLM judge is rate limiting"
    );
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn an_llm_summary_is_judged_by_a_second_request() {
    let h = judge_harness("llm").await;
    let verdicts =
        json!({"verdicts": [{"claim": 0, "verdict": "supported", "kind": null, "utterances": [1]}]});
    h.llm_script(JUDGE_SCHEMA_NAME, json!([verdicts])).await;
    let answer = h
        .post(json!({"conversationId": CALL, "caseId": "LLM", "source": "llm"}))
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["source"]["type"], "llm");
    assert_eq!(answer.body["verification"]["judge"]["status"], "ran");
    let requests = h.llm_requests().await;
    assert_eq!(requests.len(), 2, "the summary, then the judge");
    assert_ne!(
        requests[0]["body"]["response_format"]["json_schema"]["name"],
        JUDGE_SCHEMA_NAME
    );
    assert_eq!(
        requests[1]["body"]["response_format"]["json_schema"]["name"],
        JUDGE_SCHEMA_NAME
    );
}
