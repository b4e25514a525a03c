//! One Genesys rate budget for every worker that shares an OAuth token.
//!
//! Genesys counts requests per token in fixed windows (`allowed` per `window`, the window starting
//! at the token's first request). All archive-miner workers share one token, so they share one
//! budget: a token bucket (GCRA) held in ONE DynamoDB item of the token cache table
//! (`cacheKey = ratebudget#<client id>`).
//!
//! - **Slots.** The item holds `nextSlot`, the next free request slot (ms since the epoch); slots
//!   are `step = window / (utilisation * allowed)` apart. A worker leases k slots with one
//!   UpdateItem: `nextSlot += k * step` when the bucket is busy (`nextSlot` between
//!   `now - burst * step` and `now + horizon`), or `nextSlot = now - burst * step + k * step` when it
//!   is idle. DynamoDB checks the condition atomically with the update, so concurrent leases never
//!   overlap and no version check is needed (a version would make every concurrent lease but one
//!   fail); a failed condition returns the item, and the worker adjusts (idle/busy, `allowed`,
//!   waits for the horizon) and retries with jitter. Each leased request is sent at its slot, and
//!   dropped when it is more than `grace` (window / 50, at most 1 s) late.
//! - **Never over the fixed window.** An idle bucket grants at most `burst` at once; any interval of
//!   one window then holds at most `burst + utilisation * allowed * (window + grace) / window + 1`
//!   requests, and `burst` is chosen to keep that below `allowed`. Steady rate:
//!   `utilisation * allowed / window`.
//! - **Cheap, no hoarding.** One lease is at most `lease` worth of the whole rate (and at most half
//!   the burst); its size adapts to this worker's use (doubles when used up, halves when tokens
//!   went stale). A worker leases again only when its tokens are all taken, so what it holds is
//!   bounded by its concurrency, and leases may start at most `horizon` (8 x `lease`, at least
//!   2 s) ahead: busy workers queue for slots (first come, first served) instead of polling.
//! - **Fed by headers.** `allowed` sets the rate and is stored in the item for the other workers.
//!   `count` and `reset` bound the end of Genesys' window; when the bucket would grant more before
//!   it than the window has left, `nextSlot` is held back to `reset - usable * step` (to the reset
//!   itself when nothing is left). A 429 moves `nextSlot` and `pausedUntil` to now + Retry-After:
//!   every worker waits. Slots leased before the pause may lie in it: a lease granted more than
//!   `lease` ahead is checked (one GetItem) just before its first slot, and slots inside a pause
//!   are dropped.
//! - **DynamoDB down:** requests are paced by an in-process [`Pacer`] at `fallback_share` of the
//!   rate (a warning is logged) and the store is tried again after a while. A request never fails
//!   because of the budget.

mod lease;
mod local;
mod schedule;
mod store;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client as DynamoDbClient;
use tracing::debug;

use super::pacer::{DEFAULT_THROTTLE_PAUSE, Pacer, RateLimitStatus, RequestPacer};
use local::{Clock, Local, PendingHold};
use schedule::{Schedule, WindowEnd};
pub use store::RateBudgetError;
use store::{BudgetStore, DynamoDbBudgetStore};

/// A store call that takes longer is treated as a failure (fallback pacing).
const STORE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long the in-process fallback paces before the store is tried again.
const FALLBACK_PERIOD: Duration = Duration::from_secs(5);
/// Failed conditions in a row (not counting waits for the horizon) before giving up on a lease.
const MAX_CONFLICTS: u32 = 8;
/// How long before its first slot a far lease is checked for a pause.
const CHECK_LEAD: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct RateBudgetConfig {
    /// Share of Genesys' allowed rate the workers use together (0.05..=1).
    pub utilisation: f64,
    /// Length of Genesys' rate-limit window.
    pub window: Duration,
    /// Requests allowed per window until an `inin-ratelimit-allowed` header says otherwise.
    pub initial_allowed: u32,
    /// The most budget time (at the steady rate) one DynamoDB call may lease to one worker.
    pub lease: Duration,
    /// Share of the rate one worker uses alone while DynamoDB is unavailable.
    pub fallback_share: f64,
}

impl Default for RateBudgetConfig {
    fn default() -> Self {
        Self {
            utilisation: 0.9,
            window: Duration::from_secs(60),
            initial_allowed: 300,
            lease: Duration::from_secs(1),
            fallback_share: 0.25,
        }
    }
}

/// Counters for tests, benchmarks and logs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RateBudgetStats {
    /// Every DynamoDB request (leases, refused conditions, holds, `allowed` updates).
    pub store_calls: u64,
    pub leases: u64,
    pub tokens_leased: u64,
    /// Conditions that failed (contention, waits for the horizon, a stale `allowed`).
    pub refused: u64,
    /// Leased tokens dropped unused (too late, or inside a pause).
    pub wasted: u64,
    /// Holds and pauses written to the item.
    pub holds: u64,
    /// Requests paced in-process because the store was unavailable.
    pub fallback_acquires: u64,
}

#[derive(Default)]
struct Counters {
    store_calls: AtomicU64,
    leases: AtomicU64,
    tokens_leased: AtomicU64,
    refused: AtomicU64,
    wasted: AtomicU64,
    holds: AtomicU64,
    fallback_acquires: AtomicU64,
}

fn bump(counter: &AtomicU64, by: u64) {
    counter.fetch_add(by, Ordering::Relaxed);
}

struct Inner {
    store: Arc<dyn BudgetStore>,
    key: String,
    config: RateBudgetConfig,
    clock: Clock,
    local: Mutex<Local>,
    /// One lease at a time per worker; the other tasks wait for its tokens.
    leasing: tokio::sync::Mutex<()>,
    fallback: Pacer,
    counters: Counters,
}

/// The shared budget; see the module docs. Build one per worker (Lambda sandbox) and give it to
/// the client with [`super::GenesysClientBuilder::pacer`].
#[derive(Clone)]
pub struct SharedRateBudget {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SharedRateBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedRateBudget")
            .field("key", &self.inner.key)
            .field("allowed", &self.allowed())
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl SharedRateBudget {
    /// The budget of `client_id` in `table` (the token cache table).
    pub fn new(
        dynamodb: DynamoDbClient,
        table: impl Into<String>,
        client_id: &str,
        config: RateBudgetConfig,
    ) -> Self {
        let store = Arc::new(DynamoDbBudgetStore::new(dynamodb, table.into()));
        Self::with_store(store, client_id, config)
    }

    pub(crate) fn with_store(store: Arc<dyn BudgetStore>, client_id: &str, config: RateBudgetConfig) -> Self {
        let schedule = Schedule::new(config.initial_allowed, &config);
        let fallback_utilisation = config.utilisation * config.fallback_share.clamp(0.05, 1.0);
        let local = Local {
            schedule,
            allowed_from_header: false,
            allowed_to_write: None,
            tokens: VecDeque::new(),
            lease_size: 1,
            wasted_since_lease: false,
            paused_until_ms: 0,
            hold_to_write: None,
            hold_written_ms: 0,
            known_next_ms: None,
            window_end: WindowEnd::default(),
            fallback_until_ms: None,
        };
        Self {
            inner: Arc::new(Inner {
                store,
                key: format!("ratebudget#{client_id}"),
                fallback: Pacer::with_window(config.initial_allowed, config.window, fallback_utilisation),
                config,
                clock: Clock::new(),
                local: Mutex::new(local),
                leasing: tokio::sync::Mutex::new(()),
                counters: Counters::default(),
            }),
        }
    }

    /// The item's key in the table.
    pub fn key(&self) -> &str {
        &self.inner.key
    }

    /// Requests per window the budget currently works with.
    pub fn allowed(&self) -> u32 {
        self.inner.lock().schedule.allowed
    }

    /// The steady rate of all workers together (requests per second).
    pub fn steady_rate(&self) -> f64 {
        self.inner.lock().schedule.rate_per_sec()
    }

    pub fn stats(&self) -> RateBudgetStats {
        let c = &self.inner.counters;
        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        RateBudgetStats {
            store_calls: load(&c.store_calls),
            leases: load(&c.leases),
            tokens_leased: load(&c.tokens_leased),
            refused: load(&c.refused),
            wasted: load(&c.wasted),
            holds: load(&c.holds),
            fallback_acquires: load(&c.fallback_acquires),
        }
    }

    /// Writes a new hold or pause now rather than with the next lease: the worker that saw it
    /// may not lease again before the pause ends, and the other workers must learn it now.
    fn spawn_flush(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return; // written with the next lease
        };
        let inner = Arc::clone(&self.inner);
        runtime.spawn(async move {
            if let Err(err) = inner.flush().await {
                debug!(error = %err, "could not write the rate budget pause yet; retrying with the next lease");
            }
        });
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Local> {
        // A poisoned lock only means a panic mid-update of plain values; they stay usable.
        self.local.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[async_trait]
impl RequestPacer for SharedRateBudget {
    async fn acquire(&self) {
        let inner = &self.inner;
        loop {
            let now = inner.clock.now_ms();
            let (token, paused_until, in_fallback) = {
                let mut local = inner.lock();
                let token = local.take(now, &inner.counters.wasted);
                let in_fallback = local.fallback_until_ms.is_some_and(|until| until > now);
                (token, local.paused_until_ms, in_fallback)
            };
            if let Some(token) = token {
                if token.check {
                    let lead = CHECK_LEAD.as_millis() as i64;
                    tokio::time::sleep_until(inner.clock.instant(token.ready_ms - lead)).await;
                    inner.check_for_pause().await;
                }
                tokio::time::sleep_until(inner.clock.instant(token.ready_ms)).await;
                // A pause that arrived while this task waited for its slot wins.
                if inner.lock().unusable(token.ready_ms, inner.clock.now_ms()) {
                    bump(&inner.counters.wasted, 1);
                    continue;
                }
                return;
            }
            if paused_until > now {
                tokio::time::sleep_until(inner.clock.instant(paused_until)).await;
                continue;
            }
            if in_fallback {
                bump(&inner.counters.fallback_acquires, 1);
                inner.fallback.acquire().await;
                return;
            }
            let _leasing = inner.leasing.lock().await;
            {
                let local = inner.lock();
                let now = inner.clock.now_ms();
                if !local.tokens.is_empty() || local.fallback_until_ms.is_some_and(|until| until > now) {
                    continue; // another task leased, or gave up on the store, meanwhile
                }
            }
            if let Err(err) = inner.lease().await {
                inner.enter_fallback(&err);
            }
        }
    }

    fn observe(&self, status: &RateLimitStatus) {
        let inner = &self.inner;
        inner.fallback.observe(status);
        if status.allowed == 0 {
            return;
        }
        let now = inner.clock.now_ms();
        let observed_ms = now - status.observed_at.elapsed().as_millis() as i64;
        let mut local = inner.lock();
        local.allowed_from_header = true;
        if status.allowed != local.schedule.allowed {
            // Written with the next lease: the rate changes rarely, and leases are frequent.
            local.schedule = Schedule::new(status.allowed, &inner.config);
            local.allowed_to_write = Some(status.allowed);
            local.lease_size = local.lease_size.min(local.schedule.max_lease);
        }
        let window = local
            .window_end
            .observe(observed_ms, status.reset.as_millis() as i64);
        let hold = local
            .schedule
            .hold(status.count, status.allowed, window, now, local.known_next_ms);
        let Some(hold) = hold else {
            return;
        };
        if hold.exhausted {
            local.paused_until_ms = local.paused_until_ms.max(hold.until_ms);
        }
        let step = local.schedule.step_ms as i64;
        let pending = local.hold_to_write.map_or(0, |p| p.until_ms);
        if hold.until_ms <= local.hold_written_ms.max(pending) + step {
            return; // already held back this far
        }
        local.merge_hold(PendingHold {
            until_ms: hold.until_ms,
            pause: hold.exhausted,
        });
        drop(local);
        self.spawn_flush();
    }

    fn throttled(&self, retry_after: Option<Duration>) {
        let inner = &self.inner;
        inner.fallback.throttled(retry_after);
        let now = inner.clock.now_ms();
        let mut local = inner.lock();
        // Without Retry-After, wait for the window's end when known.
        let pause = retry_after.unwrap_or_else(|| {
            local
                .window_end
                .upper_ms()
                .filter(|end| *end > now)
                .map_or(DEFAULT_THROTTLE_PAUSE, |end| {
                    Duration::from_millis((end - now) as u64)
                })
        });
        let until_ms = now + pause.as_millis() as i64;
        local.paused_until_ms = local.paused_until_ms.max(until_ms);
        if until_ms
            <= local
                .hold_written_ms
                .max(local.hold_to_write.map_or(0, |p| p.until_ms))
        {
            return;
        }
        local.merge_hold(PendingHold {
            until_ms,
            pause: true,
        });
        drop(local);
        self.spawn_flush();
    }
}
