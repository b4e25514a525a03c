//! The budget's arithmetic. Every worker derives the same schedule from `allowed` and the shared
//! configuration, so the one DynamoDB item only needs to hold the next free slot.

use super::RateBudgetConfig;

/// Requests that may have been sent but not yet counted when a response's `count` was taken.
const IN_FLIGHT_MARGIN: f64 = 2.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Schedule {
    pub allowed: u32,
    /// Time between two slots at the steady rate (ms).
    pub step_ms: f64,
    /// Slots an idle bucket may grant at once.
    pub burst: u32,
    /// How late after its slot a leased token may still be used (ms).
    pub grace_ms: i64,
    /// The most slots one store call leases.
    pub max_lease: u32,
    /// How far ahead of now the first slot of a lease may lie (ms).
    pub horizon_ms: i64,
    /// A lease that starts further ahead than this is checked for a pause before use (ms).
    pub check_beyond_ms: i64,
}

/// Where the next slot must move after a response showed the window running low.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hold {
    pub until_ms: i64,
    /// Nothing at all is left in Genesys' window: drop what this worker still holds, too.
    pub exhausted: bool,
}

impl Schedule {
    pub fn new(allowed: u32, config: &RateBudgetConfig) -> Self {
        let allowed_f = f64::from(allowed.max(1));
        let window_ms = (config.window.as_millis() as f64).max(1000.0);
        let grace_ms = (window_ms / 50.0).min(1000.0);
        // A token used up to `grace` after its slot stretches a window's share of slots.
        let stretch = (window_ms + grace_ms) / window_ms;
        let utilisation = if config.utilisation.is_finite() {
            config.utilisation.clamp(0.05, 1.0)
        } else {
            0.9
        };
        // Any interval of one window holds at most `burst + per_window * stretch + 1` requests;
        // keep that at least one below `allowed` (clock skew, jitter), with a burst of at least 1.
        let per_window = (utilisation * allowed_f)
            .min((allowed_f - 3.0) / stretch)
            .max(0.5);
        let burst = (allowed_f - per_window * stretch - 2.0).floor().max(1.0) as u32;
        let step_ms = window_ms / per_window;
        let lease_ms = config.lease.as_millis() as f64;
        let max_lease = ((lease_ms / step_ms).ceil() as u32).clamp(1, (burst / 2).max(1));
        Self {
            allowed: allowed.max(1),
            step_ms,
            burst,
            grace_ms: grace_ms as i64,
            max_lease,
            horizon_ms: (8.0 * lease_ms).max(2000.0).max(step_ms).ceil() as i64,
            check_beyond_ms: lease_ms.ceil() as i64,
        }
    }

    /// Steady requests per second.
    pub fn rate_per_sec(&self) -> f64 {
        1000.0 / self.step_ms
    }

    fn step(&self) -> i64 {
        self.step_ms.ceil() as i64
    }

    /// The time `count` slots take, rounded up: never faster than the rate.
    pub fn span_ms(&self, count: u32) -> i64 {
        (self.step_ms * f64::from(count)).ceil() as i64
    }

    /// The earliest slot the bucket grants at `now_ms`: an idle bucket has `burst` slots ready.
    pub fn floor_ms(&self, now_ms: i64) -> i64 {
        now_ms - self.span_ms(self.burst)
    }

    /// When each of `count` slots that end at `next_ms` may be used (never before `now_ms`).
    pub fn ready_times(&self, next_ms: i64, count: u32, now_ms: i64) -> Vec<i64> {
        let first = next_ms - self.span_ms(count);
        (0..count)
            .map(|j| (first + self.span_ms(j)).max(now_ms))
            .collect()
    }

    /// The hold that keeps what the bucket still grants before Genesys' window ends within what
    /// is left of it (`allowed - count`), counting slots already leased. Held only when the window
    /// is certainly overcommitted (by its earliest possible end), and then to its latest possible
    /// end. `None` when the bucket already grants little enough.
    pub fn hold(
        &self,
        count: u32,
        allowed: u32,
        window: WindowBounds,
        now_ms: i64,
        known_next_ms: Option<i64>,
    ) -> Option<Hold> {
        if window.upper_ms <= now_ms {
            return None;
        }
        let left = f64::from(allowed.saturating_sub(count)) - IN_FLIGHT_MARGIN;
        if left < 1.0 {
            return Some(Hold {
                until_ms: window.upper_ms,
                exhausted: true,
            });
        }
        let first_slot = known_next_ms.map_or(self.floor_ms(now_ms), |next| next.max(self.floor_ms(now_ms)));
        // Everything from the earlier of now and the first free slot goes out at the rate:
        // leased slots (ahead of now), or the burst of an idle bucket (behind now).
        let granted_by = |end_ms: i64| ((end_ms - first_slot.min(now_ms)) as f64 / self.step_ms).max(0.0);
        if granted_by(window.lower_ms) <= left || first_slot >= window.upper_ms {
            return None;
        }
        let leased = ((first_slot.min(window.upper_ms) - now_ms) as f64 / self.step_ms).max(0.0);
        let usable = left - leased;
        let until_ms = if usable < 1.0 {
            window.upper_ms
        } else {
            window.upper_ms - (usable * self.step_ms) as i64
        };
        (until_ms > first_slot + self.step()).then_some(Hold {
            until_ms,
            exhausted: false,
        })
    }
}

/// When Genesys' current window ends: between `lower_ms` and `upper_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WindowBounds {
    pub lower_ms: i64,
    pub upper_ms: i64,
}

/// The end of the current window, narrowed by every response. `inin-ratelimit-reset` is in whole
/// seconds, rounded up, so each response bounds the end to one second; the responses of one
/// window together narrow it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WindowEnd {
    bounds: Option<WindowBounds>,
}

impl WindowEnd {
    /// Narrows the bounds with one response; a response of a later window replaces them.
    pub fn observe(&mut self, observed_ms: i64, reset_ms: i64) -> WindowBounds {
        let upper_ms = observed_ms + reset_ms;
        let lower_ms = upper_ms - 1000;
        let bounds = match self.bounds {
            Some(known) if lower_ms <= known.upper_ms => {
                let upper_ms = known.upper_ms.min(upper_ms);
                WindowBounds {
                    lower_ms: known.lower_ms.max(lower_ms).min(upper_ms),
                    upper_ms,
                }
            }
            _ => WindowBounds { lower_ms, upper_ms },
        };
        self.bounds = Some(bounds);
        bounds
    }

    pub fn upper_ms(&self) -> Option<i64> {
        self.bounds.map(|b| b.upper_ms)
    }
}
