//! Per-token fixed-window rate limiting with Genesys' `inin-ratelimit-*` headers.

use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue};

/// The limit: `allowed` requests per fixed `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub allowed: u32,
    pub window: Duration,
}

impl Limit {
    /// A window shorter than a second is treated as one second (the headers count in seconds).
    pub fn new(allowed: u32, window_secs: u64) -> Self {
        Self {
            allowed,
            window: Duration::from_secs(window_secs.max(1)),
        }
    }
}

/// A token's current window: starts at its first request in the window.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: Instant,
    pub count: u32,
}

/// The rate-limit state after a request.
#[derive(Debug, Clone, Copy)]
pub struct RateState {
    pub count: u32,
    pub allowed: u32,
    pub reset_secs: u64,
    pub limited: bool,
}

impl RateState {
    /// Headers for a request without a usable token.
    pub fn unauthenticated(limit: Limit) -> Self {
        Self {
            count: 0,
            allowed: limit.allowed,
            reset_secs: limit.window.as_secs(),
            limited: false,
        }
    }

    /// Adds `inin-ratelimit-count`, `-allowed` and `-reset`.
    pub fn apply(&self, headers: &mut HeaderMap) {
        headers.insert("inin-ratelimit-count", HeaderValue::from(self.count));
        headers.insert("inin-ratelimit-allowed", HeaderValue::from(self.allowed));
        headers.insert("inin-ratelimit-reset", HeaderValue::from(self.reset_secs));
    }
}

/// Counts one request in `window` (opening a new window when needed).
pub fn hit(window: &mut Option<Window>, now: Instant, limit: Limit) -> RateState {
    let w = match window {
        Some(w) if now.duration_since(w.start) < limit.window => w,
        _ => window.insert(Window { start: now, count: 0 }),
    };
    w.count = w.count.saturating_add(1);
    let remaining = limit.window.saturating_sub(now.duration_since(w.start));
    let reset_secs = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
    RateState {
        count: w.count,
        allowed: limit.allowed,
        reset_secs: reset_secs.max(1),
        limited: w.count > limit.allowed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_limits_and_resets() {
        let t0 = Instant::now();
        let limit = Limit::new(3, 60);
        let mut w = None;
        for i in 1..=3 {
            let s = hit(&mut w, t0, limit);
            assert_eq!(s.count, i);
            assert!(!s.limited);
            assert_eq!(s.reset_secs, 60);
        }
        let s = hit(&mut w, t0 + Duration::from_millis(10_500), limit);
        assert!(s.limited);
        assert_eq!(s.reset_secs, 50);
        let s = hit(&mut w, t0 + Duration::from_secs(61), limit);
        assert_eq!(s.count, 1);
        assert!(!s.limited);
    }

    #[test]
    fn a_shorter_window_resets_sooner() {
        let t0 = Instant::now();
        let limit = Limit::new(2, 10);
        let mut w = None;
        assert_eq!(hit(&mut w, t0, limit).reset_secs, 10);
        hit(&mut w, t0, limit);
        let s = hit(&mut w, t0 + Duration::from_millis(9_200), limit);
        assert!(s.limited);
        assert_eq!(s.reset_secs, 1);
        let s = hit(&mut w, t0 + Duration::from_secs(10), limit);
        assert_eq!((s.count, s.limited, s.reset_secs), (1, false, 10));
        assert_eq!(RateState::unauthenticated(Limit::new(5, 0)).reset_secs, 1);
    }
}
