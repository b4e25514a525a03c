//! Genesys' rate-limit headers and a pacer that keeps a caller under the allowed rate.
//!
//! Every Genesys response carries `inin-ratelimit-count` (requests used in the current window),
//! `inin-ratelimit-allowed` (requests allowed per window) and `inin-ratelimit-reset` (seconds until
//! the window resets). The pacer spreads what is left of the window evenly over the time that is
//! left, so a steady caller stays just under the limit instead of bursting into 429s.
//!
//! [`RequestPacer`] is what the client paces with: the in-process [`Pacer`] (one caller), or
//! [`super::rate_budget::SharedRateBudget`] (one budget for every worker sharing the token).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::header::HeaderMap;

/// How long to hold back after a 429 that carried no `Retry-After`.
pub const DEFAULT_THROTTLE_PAUSE: Duration = Duration::from_secs(1);

/// Paces the requests of a client: asked before every request, told about every response.
#[async_trait]
pub trait RequestPacer: Send + Sync + std::fmt::Debug {
    /// Waits for permission to send one request. Never fails: a pacer that cannot do better
    /// lets the request go (the retry loop still honours 429s).
    async fn acquire(&self);

    /// Every response's `inin-ratelimit-*` headers.
    fn observe(&self, status: &RateLimitStatus);

    /// A 429 happened: everyone sharing this pacer backs off for `retry_after` (or a default).
    fn throttled(&self, retry_after: Option<Duration>);
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimitStatus {
    pub count: u32,
    pub allowed: u32,
    pub reset: Duration,
    pub observed_at: Instant,
}

impl RateLimitStatus {
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| -> Option<f64> {
            headers
                .get(name)?
                .to_str()
                .ok()?
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
        };
        Some(Self {
            count: number("inin-ratelimit-count")? as u32,
            allowed: number("inin-ratelimit-allowed")? as u32,
            reset: super::retry::server_wait_secs(number("inin-ratelimit-reset").unwrap_or(60.0))
                .unwrap_or(Duration::from_secs(60)),
            observed_at: Instant::now(),
        })
    }

    pub fn remaining(&self) -> u32 {
        self.allowed.saturating_sub(self.count)
    }
}

/// Spaces requests so that the caller uses at most `utilisation` of the allowed rate (in-process:
/// one caller, or the tasks of one process).
#[derive(Debug)]
pub struct Pacer {
    utilisation: f64,
    window: Duration,
    state: Mutex<PacerState>,
}

#[derive(Debug)]
struct PacerState {
    /// On tokio's clock, so that paused-time tests see the pacing.
    next_slot: tokio::time::Instant,
    interval: Duration,
}

impl Pacer {
    /// A pacer for `allowed_per_minute` requests, using `utilisation` (0..=1) of it.
    pub fn new(allowed_per_minute: u32, utilisation: f64) -> Self {
        Self::with_window(allowed_per_minute, Duration::from_secs(60), utilisation)
    }

    /// A pacer for `allowed` requests per `window`, using `utilisation` (0..=1) of it.
    pub fn with_window(allowed: u32, window: Duration, utilisation: f64) -> Self {
        let utilisation = if utilisation.is_finite() {
            utilisation.clamp(0.05, 1.0)
        } else {
            0.9
        };
        let window = window.max(Duration::from_secs(1));
        Self {
            utilisation,
            window,
            state: Mutex::new(PacerState {
                next_slot: tokio::time::Instant::now(),
                interval: Self::spacing(window, allowed, utilisation),
            }),
        }
    }

    fn spacing(window: Duration, allowed: u32, utilisation: f64) -> Duration {
        window.div_f64((f64::from(allowed.max(1)) * utilisation).max(1.0))
    }

    /// The current gap between two requests.
    pub fn interval(&self) -> Duration {
        self.lock().interval
    }

    /// Waits for this caller's turn.
    pub async fn acquire(&self) {
        let slot = {
            let mut state = self.lock();
            let now = tokio::time::Instant::now();
            let slot = state.next_slot.max(now);
            state.next_slot = slot + state.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    /// Adapts to what Genesys reported: the steady spacing from `allowed`, and when the window is
    /// running low, the remaining requests spread over the time until it resets.
    pub fn observe(&self, status: &RateLimitStatus) {
        if status.allowed == 0 {
            return;
        }
        let steady = Self::spacing(self.window, status.allowed, self.utilisation);
        let remaining = status.remaining();
        let mut state = self.lock();
        if remaining == 0 {
            let observed_at = tokio::time::Instant::now() - status.observed_at.elapsed();
            state.next_slot = state.next_slot.max(observed_at + status.reset);
            state.interval = steady;
            return;
        }
        let catch_up = status
            .reset
            .div_f64((f64::from(remaining) * self.utilisation).max(1.0));
        state.interval = steady.max(catch_up.min(status.reset));
    }

    /// Holds every caller back for `retry_after` (a 429 says the window is used up).
    pub fn throttled(&self, retry_after: Option<Duration>) {
        let until = tokio::time::Instant::now() + retry_after.unwrap_or(DEFAULT_THROTTLE_PAUSE);
        let mut state = self.lock();
        state.next_slot = state.next_slot.max(until);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PacerState> {
        // A poisoned lock only means another thread panicked mid-update of two plain values.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[async_trait]
impl RequestPacer for Pacer {
    async fn acquire(&self) {
        Pacer::acquire(self).await
    }

    fn observe(&self, status: &RateLimitStatus) {
        Pacer::observe(self, status)
    }

    fn throttled(&self, retry_after: Option<Duration>) {
        Pacer::throttled(self, retry_after)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn reads_the_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("inin-ratelimit-count", HeaderValue::from_static("12"));
        headers.insert("inin-ratelimit-allowed", HeaderValue::from_static("300"));
        headers.insert("inin-ratelimit-reset", HeaderValue::from_static("41"));
        let status = RateLimitStatus::from_headers(&headers).unwrap();
        assert_eq!((status.count, status.allowed, status.remaining()), (12, 300, 288));
        assert_eq!(status.reset, Duration::from_secs(41));
        headers.remove("inin-ratelimit-allowed");
        assert!(RateLimitStatus::from_headers(&headers).is_none());
        // A reset no server means is clamped, not a panic.
        headers.insert("inin-ratelimit-allowed", HeaderValue::from_static("300"));
        headers.insert("inin-ratelimit-reset", HeaderValue::from_static("1e300"));
        let status = RateLimitStatus::from_headers(&headers).unwrap();
        assert_eq!(status.reset, super::super::retry::MAX_SERVER_WAIT);
    }

    #[test]
    fn spacing_follows_the_allowed_rate() {
        let pacer = Pacer::new(300, 1.0);
        assert_eq!(pacer.interval(), Duration::from_millis(200));
        let pacer = Pacer::new(600, 0.5);
        assert_eq!(pacer.interval(), Duration::from_millis(200));
    }

    #[test]
    fn slows_down_when_the_window_runs_low() {
        let pacer = Pacer::new(300, 1.0);
        let low = RateLimitStatus {
            count: 290,
            allowed: 300,
            reset: Duration::from_secs(30),
            observed_at: Instant::now(),
        };
        pacer.observe(&low);
        assert_eq!(pacer.interval(), Duration::from_secs(3));
        let fresh = RateLimitStatus {
            count: 1,
            allowed: 300,
            reset: Duration::from_secs(59),
            observed_at: Instant::now(),
        };
        pacer.observe(&fresh);
        assert_eq!(pacer.interval(), Duration::from_millis(200));
    }

    #[test]
    fn a_shorter_window_means_a_faster_rate() {
        let pacer = Pacer::with_window(300, Duration::from_secs(10), 1.0);
        assert_eq!(pacer.interval(), Duration::from_nanos(33_333_333));
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_holds_every_caller_back() {
        let pacer: Arc<dyn RequestPacer> = Arc::new(Pacer::new(600, 1.0));
        pacer.acquire().await;
        let start = tokio::time::Instant::now();
        pacer.throttled(Some(Duration::from_secs(3)));
        pacer.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(3));
        pacer.throttled(None);
        pacer.acquire().await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(4),
            "a 429 without Retry-After waits 1 s"
        );
        // A shorter Retry-After never shortens a pause already in force.
        pacer.throttled(Some(Duration::from_secs(5)));
        pacer.throttled(Some(Duration::from_secs(1)));
        pacer.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(9));
    }

    #[tokio::test(start_paused = true)]
    async fn acquire_spaces_callers() {
        let pacer = Pacer::new(600, 1.0);
        let start = tokio::time::Instant::now();
        for _ in 0..11 {
            pacer.acquire().await;
        }
        let elapsed = start.elapsed();
        assert!(
            elapsed >= Duration::from_millis(1000) && elapsed < Duration::from_millis(1100),
            "{elapsed:?}"
        );
    }
}
