//! One Genesys rate budget for many workers: six independent clients (as six Lambda sandboxes
//! would be), each with its own `SharedRateBudget`, sharing one token and one budget item through
//! DynamoDB (moto), against the simulator's per-token fixed window (300 requests per 10 s).

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use common::*;
use genesys_sim::{SimConfig, SimHandle};
use serde_json::{Value, json};
use wrapup::genesys::{GenesysClient, RateBudgetConfig, SharedRateBudget, TokenStore};
use wrapup::ids::ConversationId;

const ALLOWED: u32 = 300;
const WINDOW: Duration = Duration::from_secs(10);
const WORKERS: usize = 6;

fn sim_config() -> SimConfig {
    SimConfig {
        rate_limit_per_minute: ALLOWED,
        rate_limit_window_secs: WINDOW.as_secs(),
        ..SimConfig::default()
    }
}

fn budget_config() -> RateBudgetConfig {
    RateBudgetConfig {
        utilisation: 0.9,
        window: WINDOW,
        initial_allowed: ALLOWED,
        lease: Duration::from_millis(250),
        fallback_share: 0.25,
    }
}

/// A worker: its own client and budget; the token and the budget item are shared.
struct Worker {
    client: GenesysClient,
    budget: SharedRateBudget,
}

fn workers(
    sim: &SimHandle,
    store: &Arc<dyn TokenStore>,
    dynamodb: &aws_sdk_dynamodb::Client,
    table: &str,
) -> Vec<Worker> {
    (0..WORKERS)
        .map(|_| {
            let budget = SharedRateBudget::new(dynamodb.clone(), table, "local-client", budget_config());
            let client = GenesysClient::builder(genesys_config(sim))
                .token_store(Arc::clone(store))
                .pacer(Arc::new(budget.clone()))
                .build()
                .unwrap();
            Worker { client, budget }
        })
        .collect()
}

async fn seeded_ids(sim: &SimHandle) -> Arc<Vec<ConversationId>> {
    let Value::Array(conversations) = get(sim, "/_sim/ground-truth").await else {
        panic!("ground truth is a list");
    };
    let ids: Vec<_> = conversations
        .iter()
        .map(|c| ConversationId::parse(c["conversationId"].as_str().unwrap()).unwrap())
        .collect();
    assert!(ids.len() >= 100);
    Arc::new(ids)
}

#[derive(Default)]
struct Outcomes {
    ok: AtomicU64,
    failed: AtomicU64,
}

/// `tasks` tasks per worker fetching conversation details until `stop`.
fn hammer(
    workers: &[Worker],
    tasks: usize,
    ids: &Arc<Vec<ConversationId>>,
    stop: Instant,
    outcomes: &Arc<Outcomes>,
) -> tokio::task::JoinSet<()> {
    let mut set = tokio::task::JoinSet::new();
    for (w, worker) in workers.iter().enumerate() {
        for t in 0..tasks {
            let (client, ids, outcomes) = (worker.client.clone(), Arc::clone(ids), Arc::clone(outcomes));
            set.spawn(async move {
                let mut i = w * 31 + t * 7;
                while Instant::now() < stop {
                    let counter = match client.conversation_details(&ids[i % ids.len()]).await {
                        Ok(_) => &outcomes.ok,
                        Err(_) => &outcomes.failed,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            });
        }
    }
    set
}

fn count(stats: &Value, field: &str) -> u64 {
    stats[field]
        .as_u64()
        .unwrap_or_else(|| panic!("{field} in {stats}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn six_workers_share_one_budget_without_429s_at_over_80_percent_of_the_rate() {
    let sim = sim_with(sim_config()).await;
    let (store, dynamodb, table) = token_store().await;
    let ids = seeded_ids(&sim).await;
    let workers = workers(&sim, &store, &dynamodb, &table);
    let outcomes = Arc::new(Outcomes::default());
    let mut tasks = hammer(
        &workers,
        4,
        &ids,
        Instant::now() + Duration::from_secs(26),
        &outcomes,
    );
    while let Some(joined) = tasks.join_next().await {
        joined.unwrap();
    }

    let stats = stats(&sim).await;
    let requests = count(&stats, "totalApiRequests");
    let span_ms = stats["lastApiRequestAt"].as_i64().unwrap() - stats["firstApiRequestAt"].as_i64().unwrap();
    let achieved = requests as f64 / (span_ms as f64 / 1000.0);
    let allowed_rate = f64::from(ALLOWED) / WINDOW.as_secs_f64();
    let store_calls: u64 = workers.iter().map(|w| w.budget.stats().store_calls).sum();
    let wasted: u64 = workers.iter().map(|w| w.budget.stats().wasted).sum();
    println!(
        "rate budget: {requests} API requests in {span_ms} ms = {achieved:.1}/s of {allowed_rate}/s allowed \
         ({:.1}%); 429s: {}; DynamoDB calls: {store_calls} ({:.3} per API request); wasted tokens: {wasted}",
        100.0 * achieved / allowed_rate,
        count(&stats, "rateLimited"),
        store_calls as f64 / requests as f64,
    );
    assert!(count(&stats, "rateLimited") <= 3, "no 429 storm: {stats}");
    assert!(
        achieved >= 0.8 * allowed_rate,
        "{achieved:.1}/s is under 80% of {allowed_rate}/s"
    );
    assert_eq!(outcomes.failed.load(Ordering::Relaxed), 0, "every call succeeded");
    let retried_429s = count(&stats, "rateLimited");
    assert_eq!(outcomes.ok.load(Ordering::Relaxed) + retried_429s, requests);
    assert!(
        store_calls * 2 <= requests,
        "DynamoDB calls are a fraction of the API calls"
    );
    assert_eq!(count(&stats, "tokenRequests"), 1, "one token for all workers");

    let item = dynamodb
        .get_item()
        .table_name(&table)
        .key("cacheKey", AttributeValue::S("ratebudget#local-client".into()))
        .send()
        .await
        .unwrap()
        .item
        .expect("the budget item");
    assert_eq!(item["allowed"].as_n().unwrap(), "300");
    let ttl: i64 = item["ttl"].as_n().unwrap().parse().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!(
        ttl > now && ttl <= now + 3700,
        "abandoned budgets expire: ttl {ttl}"
    );
    assert!(item["nextSlot"].as_n().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_429_storm_makes_every_worker_wait_out_retry_after() {
    let sim = sim_with(sim_config()).await;
    let (store, dynamodb, table) = token_store().await;
    let ids = seeded_ids(&sim).await;
    let workers = workers(&sim, &store, &dynamodb, &table);
    let outcomes = Arc::new(Outcomes::default());
    let stop = Instant::now() + Duration::from_secs(9);
    let mut tasks = hammer(&workers, 2, &ids, stop, &outcomes);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        count(&stats(&sim).await, "totalApiRequests") > 20,
        "the workers are busy"
    );

    faults(&sim, json!({"rate429": 1.0, "retryAfterSecs": 3})).await;
    let (first_429, at_first_429) = loop {
        let stats = stats(&sim).await;
        if count(&stats, "rateLimited") > 0 {
            break (Instant::now(), count(&stats, "totalApiRequests"));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    // Requests already leased when the 429 came may still go; then everyone waits.
    tokio::time::sleep_until((first_429 + Duration::from_millis(1000)).into()).await;
    let after_leases = count(&stats(&sim).await, "totalApiRequests");
    tokio::time::sleep_until((first_429 + Duration::from_millis(2800)).into()).await;
    let late_in_pause = count(&stats(&sim).await, "totalApiRequests");
    faults(&sim, json!({"reset": true})).await;
    tokio::time::sleep_until((first_429 + Duration::from_millis(5000)).into()).await;
    let after_pause = count(&stats(&sim).await, "totalApiRequests");
    let rate_limited = count(&stats(&sim).await, "rateLimited");
    println!(
        "429 storm: {} requests in the first second of the pause, {} in the rest; {rate_limited} 429s",
        after_leases - at_first_429,
        late_in_pause - after_leases
    );
    assert_eq!(
        late_in_pause, after_leases,
        "no worker sent a request during the pause"
    );
    // Each worker backing off on its own 429 would take one per worker.
    assert!(
        rate_limited < WORKERS as u64,
        "one 429 stopped every worker: {rate_limited} 429s"
    );
    assert!(
        after_leases - at_first_429 <= 30,
        "few requests leased before the pause"
    );
    assert!(
        after_pause > late_in_pause + 20,
        "the workers resumed after the pause"
    );
    while let Some(joined) = tasks.join_next().await {
        joined.unwrap();
    }
    let holds: u64 = workers.iter().map(|w| w.budget.stats().holds).sum();
    assert!(holds >= 1, "the pause went through the shared item");
    assert_eq!(count(&stats(&sim).await, "windowRateLimited"), 0);
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn without_dynamodb_the_budget_paces_locally_and_calls_still_succeed() {
    let sim = sim_with(sim_config()).await;
    let aws = wrapup_testkit::LocalAws::from_env().expect("moto");
    let dynamodb = aws.dynamodb_client().await;
    let budget = SharedRateBudget::new(dynamodb, "no-such-table", "local-client", budget_config());
    let client = GenesysClient::builder(genesys_config(&sim))
        .pacer(Arc::new(budget.clone()))
        .build()
        .unwrap();
    let ids = seeded_ids(&sim).await;
    let started = Instant::now();
    for id in ids.iter().take(4) {
        client.conversation_details(id).await.unwrap();
    }
    // A quarter of 90% of 30/s: 6.75/s, so three gaps of ~148 ms.
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(400), "paced locally: {took:?}");
    let stats = budget.stats();
    assert_eq!(stats.fallback_acquires, 4, "{stats:?}");
    assert_eq!(stats.leases, 0);
}
