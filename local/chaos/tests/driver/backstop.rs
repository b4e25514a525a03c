//! An identical request that finds a computation in progress answers 202 — and queues a job for
//! that computation, delivered when its lease is over, so a holder that died between its claim
//! and its job (or its answer) is finished by someone.

use std::sync::Arc;
use std::time::Duration;

use lambda_runtime::LambdaEvent;
use serde_json::Value;
use wrapup::ids::ConversationId;
use wrapup::pipeline::SummaryRequest;
use wrapup::store::{Claim, ClaimFor, RequestKey};
use wrapup_chaos::{Stores, World};

use super::lambda_context;
use super::traffic::{self, RequestSpec};

async fn call(world: &World, event: Value) -> (u64, Value) {
    let answer = summary_api::dispatch(&world.api, LambdaEvent::new(event, lambda_context()))
        .await
        .expect("the function answers");
    let body = answer["body"]
        .as_str()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (answer["statusCode"].as_u64().unwrap_or(0), body)
}

#[tokio::test]
async fn a_request_waiting_on_a_dead_holder_is_finished_by_the_backstop_job() {
    let sim = genesys_sim::start(genesys_sim::SimConfig::default(), 0)
        .await
        .expect("simulator");
    let specs: Vec<RequestSpec> = traffic::load(&sim.base_url, "backstop", 2).await;
    let spec = &specs[1]; // a synchronous request
    let world = Arc::new(
        World::build(&sim.base_url, Stores::in_memory())
            .await
            .expect("the functions"),
    );

    // A worker claimed this request, then died: no job, no answer, the lease still running.
    let request = SummaryRequest::parse(spec.body.to_string().as_bytes()).expect("a valid request");
    let conversation = ConversationId::parse(&spec.conversation_id).expect("an id");
    // The caller as summary-api names a JWT subject.
    let caller = format!("jwt:{}", spec.caller);
    let key = RequestKey::for_caller(&conversation, &spec.case_id, &request.options, Some(&caller));
    let holder = uuid::Uuid::new_v4().to_string();
    let claim = ClaimFor {
        conversation_id: &conversation,
        case_id: &spec.case_id,
        key: &key,
        audit_id: &holder,
        caller: Some(&caller),
    };
    let claimed = world
        .stores
        .summaries
        .claim(claim, Duration::from_secs(60), false)
        .await;
    assert!(matches!(claimed, Ok(Claim::Acquired { .. })), "{claimed:?}");

    // The client's retry hears "in progress" for the holder's computation.
    let (status, accepted) = call(&world, traffic::post_event(spec, &spec.caller)).await;
    assert_eq!(
        (status, accepted["auditId"].as_str()),
        (202, Some(holder.as_str())),
        "{accepted:#}"
    );
    assert!(
        world.jobs.receive(10).records.is_empty(),
        "the job waits for the holder's lease"
    );

    // When the lease is over, the job carries on the holder's computation.
    world.clock.advance_to(15 * 60 * 1000);
    let jobs = world.jobs.receive(10);
    assert_eq!(jobs.records.len(), 1, "one job for the holder");
    let job: Value = serde_json::from_str(jobs.records[0].body.as_deref().unwrap_or_default()).expect("JSON");
    assert_eq!(
        (job["auditId"].as_str(), job["origin"].as_str()),
        (Some(holder.as_str()), Some("api-backstop"))
    );
    let event = serde_json::to_value(&jobs).expect("an SQS event");
    let response = summary_api::dispatch(&world.api, LambdaEvent::new(event, lambda_context()))
        .await
        .expect("the batch runs");
    assert_eq!(
        response["batchItemFailures"],
        serde_json::json!([]),
        "{response:#}"
    );
    let (status, state) = call(&world, traffic::get_event(spec)).await;
    assert_eq!(
        (status, state["status"].as_str()),
        (200, Some("queued_for_crm")),
        "{state:#}"
    );
    assert_eq!(state["auditId"].as_str(), Some(holder.as_str()));
    assert_eq!(world.crm.receive(10).records.len(), 1, "handed to crm-sync");
}
