//! Deadlines and the retry schedule shared by every Genesys call (token endpoint included).
//!
//! Delays come from backon's capped exponential schedule, with *full jitter* on top (a uniformly
//! random wait between zero and the scheduled delay), which spreads retries of many Lambda
//! instances best. A server's `Retry-After` overrides the schedule; a wait that does not fit in
//! the caller's remaining time is never started.

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use rand::Rng;

use crate::config::HttpConfig;
pub use wrapup_core::Deadline;

#[derive(Debug, Clone)]
pub(crate) struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    pub(crate) fn from_config(config: &HttpConfig) -> Self {
        Self {
            max_attempts: config.max_attempts.max(1),
            base_delay: config.retry_base_delay,
            max_delay: config.retry_max_delay.max(config.retry_base_delay),
        }
    }

    pub(crate) fn start(&self, deadline: Deadline) -> Backoff {
        let schedule = ExponentialBuilder::default()
            .with_min_delay(self.base_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_max_times(self.max_attempts.saturating_sub(1) as usize)
            .build();
        Backoff {
            schedule,
            deadline,
            attempts: 1,
        }
    }
}

/// Why no further attempt will be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GiveUp {
    /// Every attempt of the policy was used.
    AttemptsExhausted,
    /// The wait before the next attempt would end after the deadline.
    OverBudget { wait: Duration, remaining: Duration },
}

/// The retry state of one call.
pub(crate) struct Backoff {
    schedule: backon::ExponentialBackoff,
    deadline: Deadline,
    attempts: u32,
}

impl Backoff {
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The wait before the next attempt: `retry_after` when the server gave one (plus a little
    /// jitter, so instances told the same second do not return in lockstep), else the schedule's
    /// delay with full jitter.
    pub(crate) fn next_wait(&mut self, retry_after: Option<Duration>) -> Result<Duration, GiveUp> {
        let scheduled = self.schedule.next().ok_or(GiveUp::AttemptsExhausted)?;
        let mut rng = rand::thread_rng();
        let wait = match retry_after {
            Some(after) => {
                let spread = (after / 10).min(Duration::from_millis(250));
                after + spread.mul_f64(rng.r#gen::<f64>())
            }
            None => scheduled.mul_f64(rng.r#gen::<f64>()),
        };
        let remaining = self.deadline.remaining();
        // The attempt after the wait needs time too; a wait that leaves none is pointless.
        if wait + Duration::from_millis(50) >= remaining {
            return Err(GiveUp::OverBudget {
                wait: retry_after.unwrap_or(wait),
                remaining,
            });
        }
        self.attempts += 1;
        Ok(wait)
    }
}

/// The longest wait a server's answer is taken at: a `Retry-After` or a rate-limit reset beyond
/// it (`1e20`, a date in the year 9999) reads as this, so no header can overflow a wait.
pub(crate) const MAX_SERVER_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// Seconds as a wait, clamped to [`MAX_SERVER_WAIT`]; `None` when not a number of seconds.
pub(crate) fn server_wait_secs(secs: f64) -> Option<Duration> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(secs).map_or(MAX_SERVER_WAIT, |wait| wait.min(MAX_SERVER_WAIT)))
}

/// Parses `Retry-After` as delta-seconds or an HTTP date, at most [`MAX_SERVER_WAIT`].
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_SERVER_WAIT));
    }
    if let Ok(secs) = value.parse::<f64>() {
        return server_wait_secs(secs);
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO)
            .min(MAX_SERVER_WAIT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(attempts: u32) -> RetryPolicy {
        RetryPolicy {
            max_attempts: attempts,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(400),
        }
    }

    #[test]
    fn full_jitter_stays_under_the_capped_schedule() {
        for _ in 0..50 {
            let mut backoff = policy(5).start(Deadline::after(Duration::from_secs(60)));
            let caps = [100, 200, 400, 400];
            for cap in caps {
                let wait = backoff.next_wait(None).unwrap();
                assert!(wait <= Duration::from_millis(cap), "{wait:?} > {cap}ms");
            }
            assert_eq!(backoff.next_wait(None), Err(GiveUp::AttemptsExhausted));
            assert_eq!(backoff.attempts(), 5);
        }
    }

    #[test]
    fn retry_after_is_honoured_and_checked_against_the_budget() {
        let mut backoff = policy(3).start(Deadline::after(Duration::from_secs(10)));
        let wait = backoff.next_wait(Some(Duration::from_secs(2))).unwrap();
        assert!(
            wait >= Duration::from_secs(2) && wait <= Duration::from_millis(2200),
            "{wait:?}"
        );
        let mut tight = policy(3).start(Deadline::after(Duration::from_secs(1)));
        match tight.next_wait(Some(Duration::from_secs(5))) {
            Err(GiveUp::OverBudget { wait, .. }) => assert_eq!(wait, Duration::from_secs(5)),
            other => panic!("expected OverBudget, got {other:?}"),
        }
    }

    #[test]
    fn retry_after_formats() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 1.5 "), Some(Duration::from_millis(1500)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-3"), None);
    }

    #[test]
    fn a_hostile_retry_after_is_clamped_and_never_panics_or_overflows_a_wait() {
        for hostile in [
            "1e20",
            "18446744073709551615",
            "1.7e308",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            let after = parse_retry_after(hostile);
            assert_eq!(after, Some(MAX_SERVER_WAIT), "{hostile}");
            // The wait it leads to gives up on the call's budget instead of overflowing.
            let mut backoff = policy(3).start(Deadline::after(Duration::from_secs(30)));
            assert!(matches!(backoff.next_wait(after), Err(GiveUp::OverBudget { .. })));
        }
        assert_eq!(parse_retry_after("inf"), None);
        assert_eq!(parse_retry_after("NaN"), None);
        assert_eq!(server_wait_secs(f64::MAX), Some(MAX_SERVER_WAIT));
        assert_eq!(server_wait_secs(0.25), Some(Duration::from_millis(250)));
    }
}
