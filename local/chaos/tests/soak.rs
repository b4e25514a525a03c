//! The whole-flow chaos soak: summaries requested through summary-api (sync and async), computed
//! by summary-jobs and written by crm-sync, against the Genesys simulator, with duplicate POSTs
//! and duplicate deliveries, Genesys 429/5xx, CRM 5xx, a 30-minute CRM outage (10 in the fast tier), one failure or
//! crash planned for a share of invocations at each store, queue and CRM call in turn. Asserts:
//! nothing lost, one CRM write per request and target, no panic, no dead letter without a
//! permanent cause. 800 summaries on the stores in memory, 200 on DynamoDB (moto), both in `make test`;
//! 120 in memory in the fast tier (`cargo test`).

mod driver;

use driver::{OUTAGE_MINUTES, Soak, run};
use wrapup_chaos::Stores;

/// The fast tier's soak (`cargo test`): the same faults on fewer summaries, so every store,
/// queue and CRM call still gets its planned failure and crash, and a shorter CRM outage (most
/// of the soak's time is crm-sync retrying through it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_and_twenty_summaries_in_memory_survive_every_fault() {
    in_memory("memory-quick", 120, 5, 10).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "soak tier: `make test` runs the full soak (about a minute)"]
async fn eight_hundred_summaries_in_memory_survive_every_fault() {
    in_memory("memory", 800, 11, OUTAGE_MINUTES).await;
}

async fn in_memory(label: &'static str, requests: usize, seed: u64, outage_minutes: u64) {
    let report = run(Soak {
        label,
        requests,
        seed,
        stores: Stores::in_memory(),
        outage_minutes,
    })
    .await;
    report.assert_healthy();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn two_hundred_summaries_on_dynamodb_survive_every_fault() {
    let aws = wrapup_testkit::LocalAws::from_env().expect("WRAPUP_TEST_MOTO_URL (make test starts moto)");
    let report = run(Soak {
        label: "moto",
        requests: 200,
        seed: 23,
        stores: Stores::dynamodb(&aws).await.expect("tables in moto"),
        outage_minutes: OUTAGE_MINUTES,
    })
    .await;
    report.assert_healthy();
}
