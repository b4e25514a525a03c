//! What the soak must show: every request ends in a final state its caller can read, the CRM got
//! one write per request and target, no panic, and no dead letter without a permanent cause.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use lambda_runtime::LambdaEvent;
use serde_json::Value;
use wrapup_chaos::{Fault, World};

use super::Counters;
use super::plans::{CRM_CALLS, SUMMARY_CALLS};
use super::traffic::{Client, RequestSpec, get_event};

#[derive(Debug)]
pub struct Report {
    pub label: &'static str,
    pub outage_minutes: u64,
    pub requests: usize,
    pub clients: usize,
    pub counters: Counters,
    /// Requests whose state is not final (or not readable): (case id, what GET said).
    pub lost: Vec<(String, String)>,
    /// (case id, target, accepted writes, distinct idempotency keys) where the CRM did not get
    /// the summary under exactly one key (a summary sent to the CRM), or got anything (one that
    /// was not).
    pub wrong_writes: Vec<(String, String, usize, usize)>,
    /// Accepted writes that repeated an earlier one's idempotency key (a worker died between
    /// the CRM's answer and recording it): the CRM de-duplicates them by key.
    pub repeated_writes: BTreeMap<String, usize>,
    /// Dead letters without a permanent cause.
    pub unexplained_dead_letters: Vec<String>,
    pub duplicate_deliveries: u64,
    pub unanswered_clients: usize,
    pub client_errors: usize,
    pub faults: BTreeMap<(&'static str, Fault), u32>,
    pub final_states: BTreeMap<String, usize>,
    pub writes_per_target: BTreeMap<String, usize>,
    pub failed_crm_writes: usize,
    pub simulated: Duration,
    pub real: Duration,
}

impl Report {
    pub fn assert_healthy(&self) {
        println!("{self:#?}");
        println!(
            "soak {}: {} requests ({} clients, {} duplicate POSTs), {} POST attempts, {} duplicate SQS deliveries, {} summary-jobs and {} crm-sync batches; \
             {} planned faults (a failure or a crash at a store, queue or CRM call), {} invocations killed; Genesys 429 {}% and 5xx {}% \
             of API requests and {} operations failed in turn; CRM 5xx on {}% of writes and a {}-minute outage ({} writes refused in all); final states {:?}; \
             writes per target {:?}, of which repeats under the same key {:?}; {:.0} simulated minutes in {:.1} s",
            self.label,
            self.requests,
            self.clients,
            self.clients - self.requests,
            self.counters.api_invocations,
            self.duplicate_deliveries,
            self.counters.job_batches,
            self.counters.crm_batches,
            self.counters.planned_faults,
            self.counters.crashed_invocations,
            super::GENESYS_429 * 100.0,
            super::GENESYS_5XX * 100.0,
            self.counters.genesys_in_turn,
            super::CRM_5XX * 100.0,
            self.outage_minutes,
            self.failed_crm_writes,
            self.final_states,
            self.writes_per_target,
            self.repeated_writes,
            self.simulated.as_secs_f64() / 60.0,
            self.real.as_secs_f64(),
        );
        assert_eq!(self.counters.panics, 0, "panics");
        assert!(
            self.lost.is_empty(),
            "{} requests lost: {:?}",
            self.lost.len(),
            self.lost
        );
        assert!(
            self.wrong_writes.is_empty(),
            "CRM writes not exactly once: {:?}",
            self.wrong_writes
        );
        assert!(
            self.unexplained_dead_letters.is_empty(),
            "{:?}",
            self.unexplained_dead_letters
        );
        assert_eq!(self.unanswered_clients, 0, "clients that never got an answer");
        assert_eq!(self.client_errors, 0, "4xx answers to valid requests");
        for call in SUMMARY_CALLS.iter().chain(&CRM_CALLS) {
            for fault in [Fault::Fail, Fault::CrashAfter] {
                assert!(
                    self.faults.get(&(*call, fault)).copied().unwrap_or(0) > 0,
                    "{call} was never hit by {fault:?}: {:?}",
                    self.faults
                );
            }
        }
    }
}

/// The idempotency key a write carried: the webhook's header, the Data Action's input field.
fn key_of(write: &Value) -> Option<String> {
    write["idempotencyKey"]
        .as_str()
        .or_else(|| write["body"]["Wrapup_Idempotency_Key"].as_str())
        .map(str::to_owned)
}

fn case_of(write: &Value) -> Option<String> {
    let body = &write["body"];
    body["caseId"]
        .as_str()
        .or_else(|| body["Case_Id"].as_str())
        .map(str::to_owned)
}

pub async fn report(
    label: &'static str,
    world: &World,
    base: &str,
    specs: &[RequestSpec],
    clients: &[Client],
    counters: Counters,
    real: Duration,
) -> Report {
    let mut lost = Vec::new();
    let mut final_states: BTreeMap<String, usize> = BTreeMap::new();
    let mut sent_to_crm = BTreeMap::new();
    for spec in specs {
        let context = lambda_runtime::Context::default();
        let answer = summary_api::dispatch(&world.api, LambdaEvent::new(get_event(spec), context))
            .await
            .expect("GET");
        let body: Value = answer["body"]
            .as_str()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let state = body["status"].as_str().unwrap_or("unreadable").to_owned();
        *final_states.entry(state.clone()).or_default() += 1;
        let readable = answer["statusCode"] == 200 && body["caseId"] == spec.case_id.as_str();
        if !readable || !matches!(state.as_str(), "queued_for_crm" | "needs_review") {
            lost.push((
                spec.case_id.clone(),
                format!("HTTP {} {state}", answer["statusCode"]),
            ));
        }
        sent_to_crm.insert(spec.case_id.clone(), state == "queued_for_crm");
    }

    let log: Value = reqwest::get(format!("{base}/_sim/crm/requests"))
        .await
        .expect("CRM log")
        .json()
        .await
        .expect("JSON");
    let writes = log.as_array().cloned().unwrap_or_default();
    let failed_crm_writes = writes.iter().filter(|w| w["accepted"] != true).count();
    // (case, target) -> (accepted writes, their distinct keys)
    let mut accepted: BTreeMap<(String, String), (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut writes_per_target: BTreeMap<String, usize> = BTreeMap::new();
    for write in writes.iter().filter(|w| w["accepted"] == true) {
        let kind = write["kind"].as_str().unwrap_or("?").to_owned();
        *writes_per_target.entry(kind.clone()).or_default() += 1;
        let entry = accepted
            .entry((case_of(write).unwrap_or_default(), kind))
            .or_default();
        entry.0 += 1;
        entry.1.insert(key_of(write).unwrap_or_default());
    }
    let mut wrong_writes = Vec::new();
    let mut repeated_writes: BTreeMap<String, usize> = BTreeMap::new();
    for (case, sent) in &sent_to_crm {
        for target in ["webhook", "dataAction"] {
            let (count, keys) = accepted
                .remove(&(case.clone(), target.to_owned()))
                .unwrap_or_default();
            let right = if *sent {
                count >= 1 && keys.len() == 1
            } else {
                count == 0
            };
            if !right {
                wrong_writes.push((case.clone(), target.to_owned(), count, keys.len()));
            }
            *repeated_writes.entry(target.to_owned()).or_default() += count.saturating_sub(1);
        }
    }
    // Writes for no request of the soak.
    for ((case, target), (count, keys)) in accepted {
        wrong_writes.push((case, target, count, keys.len()));
    }

    let mut unexplained_dead_letters = Vec::new();
    for letter in world
        .jobs
        .dead_letters()
        .into_iter()
        .chain(world.crm.dead_letters())
    {
        let reason = letter
            .attributes
            .iter()
            .find(|(name, _)| name == "wrapupDeadLetterReason")
            .map(|(_, reason)| reason.clone());
        match (letter.by_redrive, reason) {
            (false, Some(reason)) if !reason.contains("injected") => {}
            (by_redrive, reason) => {
                let body: Value = serde_json::from_str(&letter.body).unwrap_or(Value::Null);
                let case = body["caseId"].as_str().unwrap_or("?").to_owned();
                let refused: Vec<String> = writes
                    .iter()
                    .filter(|w| case_of(w).as_deref() == Some(case.as_str()))
                    .map(|w| {
                        format!(
                            "{}:{}@{}",
                            w["kind"].as_str().unwrap_or("?"),
                            w["status"],
                            w["receivedAt"].as_str().unwrap_or("?")
                        )
                    })
                    .collect();
                unexplained_dead_letters.push(format!(
                    "{} {case}: by redrive {by_redrive} after {} receives (at {:?} s): {reason:?}; refused writes {refused:?}",
                    letter.id,
                    letter.receives,
                    letter.received_at.iter().map(|ms| ms / 1000).collect::<Vec<_>>()
                ))
            }
        }
    }

    Report {
        label,
        outage_minutes: counters.outage_minutes,
        requests: specs.len(),
        clients: clients.len(),
        duplicate_deliveries: world.jobs.duplicates() + world.crm.duplicates(),
        unanswered_clients: clients.iter().filter(|c| c.answered.is_none()).count(),
        client_errors: clients
            .iter()
            .filter(|c| c.answered.is_some_and(|s| (400..500).contains(&s)))
            .count(),
        counters,
        lost,
        wrong_writes,
        repeated_writes,
        unexplained_dead_letters,
        faults: world.tally.counts(),
        final_states,
        writes_per_target,
        failed_crm_writes,
        simulated: Duration::from_millis(world.clock.now_ms()),
        real,
    }
}
