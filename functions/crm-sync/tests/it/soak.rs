//! Soak: 1,000 summaries, 20% duplicate deliveries, 10% transient CRM failures. At the end every
//! summary was written exactly once and the audit says so. Prints the throughput.

use crate::common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::*;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

const SUMMARIES: usize = 1_000;
const CALL: &str = "5a5a5a5a-0000-4000-8000-000000000001";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_thousand_summaries_with_duplicates_and_failures_are_written_exactly_once() {
    let h = harness_with("webhook", &[("WRAPUP_CRM_RETRY_BASE_MS", "200")]).await;
    let messages: Vec<Value> = (0..SUMMARIES).map(|n| message(CALL, 10_000 + n)).collect();
    for m in &messages {
        h.audit_for(m).await;
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut bodies: Vec<String> = messages.iter().map(|m| m.to_string()).collect();
    // 20% duplicate deliveries.
    for _ in 0..SUMMARIES / 5 {
        let i = rng.gen_range(0..SUMMARIES);
        bodies.push(messages[i].to_string());
    }
    h.send(&bodies).await;

    let started = Instant::now();
    let mut processed = 0;
    let mut idle_rounds = 0;
    let mut injected = 0;
    // Retried messages are hidden for up to a few seconds (base 200 ms, doubling per receive).
    while idle_rounds < 60 && started.elapsed() < Duration::from_secs(300) {
        let (event, raw) = h.receive("CrmSyncQueue", 10).await;
        if event.records.is_empty() {
            idle_rounds += 1;
            tokio::time::sleep(Duration::from_millis(250)).await;
            continue;
        }
        idle_rounds = 0;
        processed += event.records.len();
        // 10% transient CRM failures, spread out: one 503 in every batch of ten until a tenth
        // of the summaries have seen one (a longer outage would rightly end in the DLQ).
        if injected < SUMMARIES / 10 {
            h.faults(json!({"crm": {"failNext": 1, "status": 503, "target": "webhook"}}))
                .await;
            injected += 1;
        }
        h.process(event, &raw).await;
    }
    let elapsed = started
        .elapsed()
        .saturating_sub(Duration::from_millis(250 * idle_rounds));

    let accepted = h.accepted("webhook").await;
    let mut per_key: BTreeMap<String, usize> = BTreeMap::new();
    for write in &accepted {
        *per_key
            .entry(write["idempotencyKey"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    if per_key.len() != SUMMARIES {
        let (dead, raw) = h.receive("CrmSyncDLQ", 10).await;
        for m in &raw {
            eprintln!("dead letter: {:?} {:?}", m.message_attributes(), m.attributes());
        }
        let missing: Vec<&Value> = messages
            .iter()
            .filter(|m| !per_key.keys().any(|k| k.contains(m["auditId"].as_str().unwrap())))
            .collect();
        for m in missing.iter().take(3) {
            let sync = h.audit_crm_sync(m["auditId"].as_str().unwrap()).await;
            eprintln!("missing {} sync {sync:?}", m["auditId"]);
        }
        eprintln!("{} dead letters", dead.records.len());
    }
    assert_eq!(per_key.len(), SUMMARIES, "every summary written");
    assert!(per_key.values().all(|n| *n == 1), "none written twice");
    let failed_writes = h
        .crm_requests()
        .await
        .iter()
        .filter(|r| r["accepted"] == false)
        .count();
    // Each injected 503 met a write, except perhaps one in a batch with nothing left to write.
    assert!(
        failed_writes + 1 >= injected && failed_writes <= injected,
        "{failed_writes} of {injected} injected"
    );
    for m in &messages {
        let sync = h
            .audit_crm_sync(m["auditId"].as_str().unwrap())
            .await
            .expect("crmSync in the audit record");
        assert_eq!(sync["status"], "synced", "{sync:#}");
    }
    let (dead, _) = h.receive("CrmSyncDLQ", 10).await;
    assert!(dead.records.is_empty(), "nothing dead-lettered");
    println!(
        "soak: {SUMMARIES} summaries, {} deliveries ({processed} received incl. retries) in {:.1} s = {:.0} messages/s on one instance",
        bodies.len(),
        elapsed.as_secs_f64(),
        processed as f64 / elapsed.as_secs_f64()
    );
}
