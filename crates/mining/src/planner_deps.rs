//! What the planner needs, for both sources: the analytics jobs (planner) and the topic counts
//! (topics). Its own module, so the two sources depend on it and not on each other.

use std::time::Duration;

use super::aggregates::AggregateStore;
use super::run_store::RunStore;
use wrapup_adapters::catalog::ProductCatalog;
use wrapup_adapters::queue::MessageQueue;
use wrapup_genesys::GenesysApi;

pub struct PlannerDeps<'a> {
    pub genesys: &'a dyn GenesysApi,
    pub runs: &'a dyn RunStore,
    /// For the topics source: which topic is which product.
    pub catalog: &'a ProductCatalog,
    /// For the topics source: the day totals are written here directly.
    pub aggregates: &'a dyn AggregateStore,
    pub queue: &'a dyn MessageQueue,
    pub batch_size: usize,
    /// Results page size asked of Genesys (`None`: Genesys' default).
    pub page_size: Option<u32>,
    /// First pause between job status polls; doubles up to 30 s.
    pub first_poll_pause: Duration,
    /// Time kept back at the end of an invocation to checkpoint and hand over to a continuation.
    pub handover_reserve: Duration,
}
