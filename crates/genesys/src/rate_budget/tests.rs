//! Unit tests of the budget against an in-memory store with the DynamoDB item's semantics, on
//! tokio's paused clock.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use tokio::time::Instant as TokioInstant;

use super::schedule::WindowBounds;
use super::store::{BudgetItem, GrantOutcome, GrantRequest};
use super::*;
use crate::auth::now_ms;

/// The item's conditional updates, in memory.
#[derive(Debug, Default)]
struct MemoryStore {
    item: Mutex<BudgetItem>,
    calls: AtomicU64,
    down: AtomicBool,
}

impl MemoryStore {
    fn item(&self) -> BudgetItem {
        *self.item.lock().unwrap()
    }

    fn check(&self) -> Result<MutexGuard<'_, BudgetItem>, RateBudgetError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        if self.down.load(Ordering::Relaxed) {
            return Err(RateBudgetError::DynamoDb {
                operation: "UpdateItem",
                message: "service unavailable".into(),
            });
        }
        Ok(self.item.lock().unwrap())
    }
}

#[async_trait]
impl BudgetStore for MemoryStore {
    async fn load(&self, _key: &str) -> Result<BudgetItem, RateBudgetError> {
        Ok(*self.check()?)
    }

    async fn grant(&self, _key: &str, r: &GrantRequest) -> Result<GrantOutcome, RateBudgetError> {
        let mut item = self.check()?;
        if item.allowed.is_some_and(|allowed| allowed != r.allowed) {
            return Ok(GrantOutcome::Refused(*item));
        }
        let next = match (r.idle, item.next_ms) {
            (true, None) => r.floor_ms + r.span_ms,
            (true, Some(next)) if next < r.floor_ms => r.floor_ms + r.span_ms,
            (false, Some(next)) if (r.floor_ms..=r.horizon_ms).contains(&next) => next + r.span_ms,
            _ => return Ok(GrantOutcome::Refused(*item)),
        };
        item.next_ms = Some(next);
        item.allowed.get_or_insert(r.allowed);
        Ok(GrantOutcome::Granted { next_ms: next })
    }

    async fn hold(&self, _key: &str, until_ms: i64, pause: bool, _ttl: i64) -> Result<(), RateBudgetError> {
        let mut item = self.check()?;
        if item.next_ms.is_none_or(|next| next < until_ms) {
            item.next_ms = Some(until_ms);
            if pause {
                item.paused_until_ms = Some(until_ms);
            }
        }
        Ok(())
    }

    async fn set_allowed(&self, _key: &str, allowed: u32, _ttl: i64) -> Result<(), RateBudgetError> {
        self.check()?.allowed = Some(allowed);
        Ok(())
    }
}

fn config(allowed: u32, window_secs: u64, lease_ms: u64) -> RateBudgetConfig {
    RateBudgetConfig {
        utilisation: 0.9,
        window: Duration::from_secs(window_secs),
        initial_allowed: allowed,
        lease: Duration::from_millis(lease_ms),
        fallback_share: 0.25,
    }
}

fn budget(store: &Arc<MemoryStore>, config: RateBudgetConfig) -> SharedRateBudget {
    SharedRateBudget::with_store(Arc::clone(store) as Arc<dyn BudgetStore>, "client", config)
}

fn status(count: u32, allowed: u32, reset: Duration) -> RateLimitStatus {
    RateLimitStatus {
        count,
        allowed,
        reset,
        observed_at: Instant::now(),
    }
}

/// Lets spawned flushes run (the in-memory store answers at once).
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[test]
fn any_window_stays_under_the_limit_and_the_rate_is_the_utilisation() {
    for window_secs in [1, 10, 60] {
        for utilisation in [0.5, 0.9, 1.0] {
            for allowed in (4..=400).chain([1000, 6000]) {
                let config = RateBudgetConfig {
                    utilisation,
                    ..config(allowed, window_secs, 250)
                };
                let s = Schedule::new(allowed, &config);
                let window_ms = window_secs as f64 * 1000.0;
                let per_window = window_ms / s.step_ms;
                let worst =
                    f64::from(s.burst) + per_window * (window_ms + s.grace_ms as f64) / window_ms + 1.0;
                assert!(
                    worst <= f64::from(allowed) - 0.99,
                    "allowed {allowed}/{window_secs}s at {utilisation}: worst window {worst}"
                );
                assert!(s.burst >= 1 && s.max_lease >= 1 && s.max_lease <= s.burst.max(2));
                if allowed >= 100 && utilisation <= 0.9 {
                    assert!(
                        per_window >= utilisation * f64::from(allowed) * 0.99,
                        "allowed {allowed}: {per_window} per window"
                    );
                }
            }
        }
    }
    let s = Schedule::new(300, &config(300, 60, 1000));
    assert!((s.rate_per_sec() - 4.5).abs() < 1e-9);
    assert_eq!((s.burst, s.grace_ms), (23, 1000));
    let s = Schedule::new(300, &config(300, 10, 250));
    assert!((s.rate_per_sec() - 27.0).abs() < 1e-9);
    assert_eq!((s.burst, s.grace_ms), (22, 200));
}

#[test]
fn a_lease_is_at_most_the_lease_time_and_half_the_burst() {
    assert_eq!(Schedule::new(300, &config(300, 60, 1000)).max_lease, 5);
    assert_eq!(Schedule::new(300, &config(300, 10, 250)).max_lease, 7);
    assert_eq!(Schedule::new(300, &config(300, 10, 10_000)).max_lease, 11);
    assert_eq!(Schedule::new(300, &config(300, 60, 1)).max_lease, 1);
    let s = Schedule::new(300, &config(300, 10, 250));
    let ready = s.ready_times(10_000, 3, 0);
    assert_eq!(ready, vec![10_000 - 112, 10_000 - 112 + 38, 10_000 - 112 + 75]);
    assert_eq!(
        s.ready_times(100, 3, 50),
        vec![50, 50, 63],
        "past slots are ready now"
    );
}

#[test]
fn the_hold_leaves_what_is_left_of_the_window() {
    let s = Schedule::new(300, &config(300, 60, 1000));
    let step = s.step_ms;
    let now = 1_000_000;
    let window = WindowBounds {
        lower_ms: now + 4500,
        upper_ms: now + 5000,
    };
    let slots = |n: f64| (n * step) as i64;
    let hold = s.hold(290, 300, window, now, None).unwrap();
    assert_eq!(
        hold.until_ms,
        window.upper_ms - slots(8.0),
        "8 = 300 - 290 - 2 in flight"
    );
    assert!(!hold.exhausted);
    // Slots already leased before the window's end count against what is left.
    let hold = s.hold(280, 300, window, now, Some(now + slots(10.0))).unwrap();
    assert!(
        (hold.until_ms - (window.upper_ms - slots(8.0))).abs() <= 1,
        "{hold:?}"
    );
    let hold = s.hold(280, 300, window, now, Some(now + slots(20.0))).unwrap();
    assert_eq!(
        (hold.until_ms, hold.exhausted),
        (window.upper_ms, false),
        "leased to the limit"
    );
    // Slots leased past the window's end do not count in it.
    assert_eq!(s.hold(250, 300, window, now, Some(now + slots(48.0))), None);
    let hold = s.hold(299, 300, window, now, None).unwrap();
    assert_eq!((hold.until_ms, hold.exhausted), (window.upper_ms, true));
    assert_eq!(s.hold(10, 300, window, now, None), None, "plenty left");
    let past = WindowBounds {
        lower_ms: now - 1000,
        upper_ms: now,
    };
    assert_eq!(s.hold(300, 300, past, now, None), None, "the window is over");
    // 21 left; a busy bucket grants 20.25 by the earliest end and 22.5 by the latest: only a
    // certain overcommitment holds the bucket back (the rate alone never overruns a window).
    assert_eq!(s.hold(277, 300, window, now, Some(now)), None);
    let narrowed = WindowBounds {
        lower_ms: window.upper_ms,
        ..window
    };
    assert!(s.hold(277, 300, narrowed, now, Some(now)).is_some());
}

#[test]
fn the_window_end_narrows_and_moves_on() {
    let mut end = WindowEnd::default();
    let bounds = |lower_ms, upper_ms| WindowBounds { lower_ms, upper_ms };
    assert_eq!(end.observe(10_000, 60_000), bounds(69_000, 70_000));
    assert_eq!(end.observe(10_400, 60_000), bounds(69_400, 70_000));
    assert_eq!(end.observe(10_700, 59_000), bounds(69_400, 69_700));
    assert_eq!(end.observe(69_500, 1_000), bounds(69_500, 69_700));
    assert_eq!(
        end.observe(69_900, 60_000),
        bounds(128_900, 129_900),
        "the next window"
    );
    assert_eq!(end.upper_ms(), Some(129_900));
}

#[tokio::test(start_paused = true)]
async fn one_worker_bursts_then_keeps_the_steady_rate() {
    let store = Arc::new(MemoryStore::default());
    let budget = budget(&store, config(300, 60, 1000));
    let start = TokioInstant::now();
    for _ in 0..23 {
        budget.acquire().await;
    }
    assert!(
        start.elapsed() < Duration::from_millis(5),
        "an idle bucket bursts"
    );
    for _ in 0..45 {
        budget.acquire().await;
    }
    let took = start.elapsed().as_secs_f64();
    assert!((9.5..=10.5).contains(&took), "45 more at 4.5/s took {took}s");
    let stats = budget.stats();
    assert_eq!(stats.store_calls, store.calls.load(Ordering::Relaxed));
    assert!(stats.store_calls <= 68 / 3, "leases of several tokens: {stats:?}");
    assert_eq!(stats.wasted, 0);
}

#[tokio::test(start_paused = true)]
async fn many_workers_share_one_rate_and_never_exceed_a_window() {
    let store = Arc::new(MemoryStore::default());
    let sent = Arc::new(Mutex::new(Vec::new()));
    let start = TokioInstant::now();
    let run_for = Duration::from_secs(120);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let budget = budget(&store, config(300, 60, 1000));
        for _ in 0..3 {
            let (budget, sent) = (budget.clone(), Arc::clone(&sent));
            tasks.spawn(async move {
                while start.elapsed() < run_for {
                    budget.acquire().await;
                    sent.lock().unwrap().push(start.elapsed());
                }
            });
        }
    }
    while tasks.join_next().await.is_some() {}
    let mut sent = sent.lock().unwrap().clone();
    sent.sort();
    for (i, first) in sent.iter().enumerate() {
        let in_window = sent[i..]
            .iter()
            .take_while(|t| **t < *first + Duration::from_secs(60))
            .count();
        assert!(
            in_window <= 300,
            "{in_window} requests in the window from {first:?}"
        );
    }
    let used = sent.iter().filter(|t| **t < run_for).count() as f64;
    assert!(used >= 0.85 * 600.0, "{used} of 600 allowed in 120 s");
}

#[tokio::test(start_paused = true)]
async fn a_429_pauses_every_worker() {
    let store = Arc::new(MemoryStore::default());
    let first = budget(&store, config(300, 60, 1000));
    let second = budget(&store, config(300, 60, 1000));
    first.acquire().await;
    let start = TokioInstant::now();
    first.throttled(Some(Duration::from_secs(3)));
    settle().await;
    assert!(store.item().paused_until_ms.is_some(), "the pause is in the item");
    second.acquire().await;
    // The pause is kept in wall-clock milliseconds (it is shared through the store), while this
    // test's clock is tokio's paused one: real time spent between the 429 and the read (a
    // loaded machine) shortens the paused wait by as much. A wait of most of the 3 s shows the
    // other worker honoured the pause.
    let honoured = Duration::from_millis(2500);
    assert!(start.elapsed() >= honoured, "the other worker waited");
    first.acquire().await;
    assert!(start.elapsed() >= honoured);
    assert!(start.elapsed() < Duration::from_secs(4));
    assert_eq!(first.stats().holds, 1);
}

#[tokio::test(start_paused = true)]
async fn a_429_without_retry_after_waits_for_the_window_end() {
    let store = Arc::new(MemoryStore::default());
    let budget = budget(&store, config(300, 60, 1000));
    budget.observe(&status(10, 300, Duration::from_secs(7)));
    let start = TokioInstant::now();
    budget.throttled(None);
    budget.acquire().await;
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(7) && waited < Duration::from_millis(7500),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn headers_set_the_rate_for_every_worker() {
    let store = Arc::new(MemoryStore::default());
    let first = budget(&store, config(120, 60, 1000));
    let second = budget(&store, config(120, 60, 1000));
    second.acquire().await;
    first.observe(&status(1, 600, Duration::from_secs(59)));
    assert_eq!(first.allowed(), 600);
    assert!((first.steady_rate() - 9.0).abs() < 1e-9);
    first.acquire().await;
    assert_eq!(store.item().allowed, Some(600), "stored for the others");
    // The second worker learns it from the item when its next lease is refused.
    for _ in 0..4 {
        second.acquire().await;
    }
    assert_eq!(second.allowed(), 600);
    assert!(second.stats().refused >= 1);
}

#[tokio::test(start_paused = true)]
async fn a_nearly_used_window_holds_every_worker_back() {
    let store = Arc::new(MemoryStore::default());
    let first = budget(&store, config(300, 60, 1000));
    let second = budget(&store, config(300, 60, 1000));
    let start = TokioInstant::now();
    // 8 of 300 left (2 kept for requests in flight), 5 s before the reset: 8 slots before it.
    first.observe(&status(290, 300, Duration::from_secs(5)));
    settle().await;
    second.acquire().await;
    let waited = start.elapsed().as_secs_f64();
    let expected = 5.0 - 8.0 / 4.5;
    assert!((expected - 0.1..expected + 0.3).contains(&waited), "{waited}");
    // Nothing left: everyone waits for the reset.
    first.observe(&status(301, 300, Duration::from_secs(4)));
    settle().await;
    let start = TokioInstant::now();
    first.acquire().await;
    assert!(
        start.elapsed() >= Duration::from_millis(3990),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn dynamodb_down_falls_back_to_a_local_pacer_and_recovers() {
    let store = Arc::new(MemoryStore::default());
    store.down.store(true, Ordering::Relaxed);
    let budget = budget(&store, config(300, 60, 1000));
    let start = TokioInstant::now();
    for _ in 0..4 {
        budget.acquire().await;
    }
    // A quarter of 90% of 300/min: one request every 60 / 67.5 s.
    let took = start.elapsed().as_secs_f64();
    assert!((2.6..2.8).contains(&took), "{took}");
    let stats = budget.stats();
    assert_eq!(stats.fallback_acquires, 4);
    assert_eq!(stats.store_calls, 1, "the store is retried only after a while");
    store.down.store(false, Ordering::Relaxed);
    tokio::time::sleep(FALLBACK_PERIOD).await;
    budget.acquire().await;
    let stats = budget.stats();
    assert_eq!((stats.fallback_acquires, stats.leases), (4, 1), "{stats:?}");
}

#[tokio::test(start_paused = true)]
async fn stale_tokens_are_dropped_and_the_lease_shrinks() {
    let store = Arc::new(MemoryStore::default());
    let budget = budget(&store, config(300, 60, 1000));
    for _ in 0..3 {
        budget.acquire().await; // leases of 2, then 4
    }
    assert_eq!(budget.stats().tokens_leased, 6);
    tokio::time::sleep(Duration::from_secs(5)).await;
    budget.acquire().await;
    let stats = budget.stats();
    assert_eq!(stats.wasted, 3, "three tokens more than the 1 s grace late");
    assert_eq!(stats.tokens_leased, 8, "the next lease halved to 2");
}

#[tokio::test(start_paused = true)]
async fn a_pause_reaches_slots_leased_far_ahead() {
    let store = Arc::new(MemoryStore::default());
    let first = budget(&store, config(300, 60, 1000));
    let second = budget(&store, config(300, 60, 1000));
    // Other workers leased the next 3 s: the second worker's lease starts 3 s ahead.
    store.item.lock().unwrap().next_ms = Some(now_ms() + 3000);
    let start = TokioInstant::now();
    let waiting = tokio::spawn(async move {
        second.acquire().await;
        start.elapsed()
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    first.throttled(Some(Duration::from_secs(5)));
    let waited = waiting.await.unwrap();
    assert!(
        waited >= Duration::from_secs(6),
        "the slots inside the pause were dropped: {waited:?}"
    );
    assert!(waited < Duration::from_secs(7), "{waited:?}");
}
