//! The one outbound retry core: every HTTP client (Genesys API and token endpoint, transcript
//! downloads, the LLM, the dashboard) runs its attempts through [`with_retries`], so deadlines,
//! jitter, `Retry-After` and what is retried are decided once.
//!
//! Delays come from backon's capped exponential schedule, with *full jitter* on top (a uniformly
//! random wait between zero and the scheduled delay), which spreads retries of many Lambda
//! instances best. A server's `Retry-After` overrides the schedule, clamped so no header can
//! overflow a wait; a wait that does not fit in the caller's remaining time is never started.

use std::fmt::Display;
use std::future::Future;
use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use rand::Rng;
use tracing::warn;

use crate::Deadline;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    /// `max_attempts` in all (the first included, at least one), waits from `base_delay`
    /// doubling up to `max_delay`.
    pub fn new(max_attempts: u32, base_delay: Duration, max_delay: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            base_delay,
            max_delay: max_delay.max(base_delay),
        }
    }

    pub fn start(&self, deadline: Deadline) -> Backoff {
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
pub enum GiveUp {
    /// Every attempt of the policy was used.
    AttemptsExhausted,
    /// The wait before the next attempt would end after the deadline.
    OverBudget { wait: Duration, remaining: Duration },
}

/// The retry state of one call.
pub struct Backoff {
    schedule: backon::ExponentialBackoff,
    deadline: Deadline,
    attempts: u32,
}

impl Backoff {
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The wait before the next attempt: `retry_after` when the server gave one (plus a little
    /// jitter, so instances told the same second do not return in lockstep), else the schedule's
    /// delay with full jitter.
    pub fn next_wait(&mut self, retry_after: Option<Duration>) -> Result<Duration, GiveUp> {
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
pub const MAX_SERVER_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// Seconds as a wait, clamped to [`MAX_SERVER_WAIT`]; `None` when not a number of seconds.
pub fn server_wait_secs(secs: f64) -> Option<Duration> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(secs).map_or(MAX_SERVER_WAIT, |wait| wait.min(MAX_SERVER_WAIT)))
}

/// Parses `Retry-After` as delta-seconds or an HTTP date, at most [`MAX_SERVER_WAIT`].
pub fn parse_retry_after(value: &str) -> Option<Duration> {
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

/// What one attempt of a call ended with.
#[derive(Debug)]
pub enum Attempt<T, E> {
    Done(T),
    /// Worth another attempt, after `retry_after` when the server said so.
    Retry {
        error: E,
        retry_after: Option<Duration>,
    },
    /// Worth one more attempt at once, outside the schedule (a refused token was just dropped):
    /// once per call; a second one ends the call.
    Again(E),
    /// No attempt can succeed.
    Fatal(E),
}

impl<T, E> Attempt<T, E> {
    /// The same outcome with the result mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Attempt<U, E> {
        match self {
            Attempt::Done(value) => Attempt::Done(f(value)),
            Attempt::Retry { error, retry_after } => Attempt::Retry { error, retry_after },
            Attempt::Again(error) => Attempt::Again(error),
            Attempt::Fatal(error) => Attempt::Fatal(error),
        }
    }
}

/// Why a call ended without a result.
#[derive(Debug)]
pub enum Stopped<E> {
    Fatal {
        error: E,
        attempts: u32,
    },
    /// The last retryable error, when the attempts or the time ran out.
    GaveUp {
        error: E,
        attempts: u32,
        retry_after: Option<Duration>,
        why: GiveUp,
    },
}

impl<E> Stopped<E> {
    pub fn attempts(&self) -> u32 {
        match self {
            Stopped::Fatal { attempts, .. } | Stopped::GaveUp { attempts, .. } => *attempts,
        }
    }

    pub fn into_error(self) -> E {
        match self {
            Stopped::Fatal { error, .. } | Stopped::GaveUp { error, .. } => error,
        }
    }
}

/// Runs `attempt(n)` (n = 1, 2, ...) until it is done, fatal, or the policy or the deadline
/// leaves no further attempt; waits between attempts as [`Backoff::next_wait`] says. `call`
/// names the call in the retry logs, which carry the error's `Display` (no bodies, no secrets).
pub async fn with_retries<T, E, F, Fut>(
    policy: &RetryPolicy,
    deadline: Deadline,
    call: &'static str,
    mut attempt: F,
) -> Result<T, Stopped<E>>
where
    E: Display,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Attempt<T, E>>,
{
    let mut backoff = policy.start(deadline);
    let mut again = false;
    loop {
        let attempts = backoff.attempts();
        let (error, retry_after) = match attempt(attempts).await {
            Attempt::Done(value) => return Ok(value),
            Attempt::Fatal(error) => return Err(Stopped::Fatal { error, attempts }),
            Attempt::Again(error) if again => return Err(Stopped::Fatal { error, attempts }),
            Attempt::Again(_) => {
                again = true;
                continue;
            }
            Attempt::Retry { error, retry_after } => (error, retry_after),
        };
        match backoff.next_wait(retry_after) {
            Ok(wait) => {
                warn!(call, attempt = attempts, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
                tokio::time::sleep(wait).await;
            }
            Err(why) => {
                return Err(Stopped::GaveUp {
                    error,
                    attempts,
                    retry_after,
                    why,
                });
            }
        }
    }
}

/// What an HTTP status means for the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusClass {
    Success,
    Retryable,
    Fatal,
}

/// 2xx succeed; 429 is retried (the server did not act on the request); 408 and 5xx other than
/// 501 are retried when the call is safe to repeat (`idempotent`), since the server may have
/// acted; everything else is the caller's mistake or a refusal and is not retried.
pub fn classify_status(status: u16, idempotent: bool) -> StatusClass {
    match status {
        200..=299 => StatusClass::Success,
        429 => StatusClass::Retryable,
        408 if idempotent => StatusClass::Retryable,
        501 => StatusClass::Fatal,
        500..=599 if idempotent => StatusClass::Retryable,
        _ => StatusClass::Fatal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(attempts: u32) -> RetryPolicy {
        RetryPolicy::new(attempts, Duration::from_millis(100), Duration::from_millis(400))
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

    fn quick(attempts: u32) -> RetryPolicy {
        RetryPolicy::new(attempts, Duration::from_millis(1), Duration::from_millis(2))
    }

    /// Plays `script` one attempt at a time; `None` past its end.
    async fn play(
        policy: &RetryPolicy,
        budget: Duration,
        script: Vec<Attempt<&'static str, String>>,
    ) -> (Result<&'static str, Stopped<String>>, u32) {
        let script = std::sync::Mutex::new(script.into_iter());
        let calls = std::sync::atomic::AtomicU32::new(0);
        let result = with_retries(policy, Deadline::after(budget), "test", |_| {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let next = script.lock().ok().and_then(|mut s| s.next());
            async move { next.unwrap_or(Attempt::Fatal("script ran out".to_owned())) }
        })
        .await;
        (result, calls.load(std::sync::atomic::Ordering::SeqCst))
    }

    fn retry(error: &str) -> Attempt<&'static str, String> {
        Attempt::Retry {
            error: error.to_owned(),
            retry_after: None,
        }
    }

    #[tokio::test]
    async fn retries_until_done() {
        let (result, calls) = play(
            &quick(5),
            Duration::from_secs(5),
            vec![retry("503"), retry("timeout"), Attempt::Done("ok")],
        )
        .await;
        assert_eq!(result.ok(), Some("ok"));
        assert_eq!(calls, 3);
    }

    #[tokio::test]
    async fn a_fatal_answer_ends_the_call_at_once() {
        let (result, calls) = play(
            &quick(5),
            Duration::from_secs(5),
            vec![
                retry("503"),
                Attempt::Fatal("400".to_owned()),
                Attempt::Done("never"),
            ],
        )
        .await;
        match result {
            Err(Stopped::Fatal { error, attempts }) => assert_eq!((error.as_str(), attempts), ("400", 2)),
            other => panic!("{other:?}"),
        }
        assert_eq!(calls, 2);
    }

    #[tokio::test]
    async fn the_last_error_is_kept_when_the_attempts_run_out() {
        let (result, calls) = play(
            &quick(3),
            Duration::from_secs(5),
            vec![retry("a"), retry("b"), retry("c"), Attempt::Done("never")],
        )
        .await;
        match result {
            Err(Stopped::GaveUp {
                error, attempts, why, ..
            }) => {
                assert_eq!(
                    (error.as_str(), attempts, why),
                    ("c", 3, GiveUp::AttemptsExhausted)
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(calls, 3);
    }

    #[tokio::test]
    async fn again_is_one_extra_attempt_outside_the_schedule() {
        let again = || Attempt::Again("401".to_owned());
        let (result, calls) = play(
            &quick(1),
            Duration::from_secs(5),
            vec![again(), Attempt::Done("ok")],
        )
        .await;
        assert_eq!(
            (result.ok(), calls),
            (Some("ok"), 2),
            "one attempt in the policy, plus the again"
        );
        let (result, calls) = play(
            &quick(5),
            Duration::from_secs(5),
            vec![again(), again(), Attempt::Done("never")],
        )
        .await;
        assert!(
            matches!(result, Err(Stopped::Fatal { .. })),
            "a second refusal ends it"
        );
        assert_eq!(calls, 2);
    }

    #[tokio::test]
    async fn a_server_wait_longer_than_the_budget_is_not_started() {
        let slow = Attempt::Retry {
            error: "429".to_owned(),
            retry_after: Some(Duration::from_secs(30)),
        };
        let started = std::time::Instant::now();
        let (result, calls) = play(
            &quick(5),
            Duration::from_secs(1),
            vec![slow, Attempt::Done("never")],
        )
        .await;
        assert!(started.elapsed() < Duration::from_millis(500));
        match result {
            Err(Stopped::GaveUp {
                retry_after,
                why: GiveUp::OverBudget { wait, .. },
                ..
            }) => {
                assert_eq!(retry_after, Some(Duration::from_secs(30)));
                assert_eq!(wait, Duration::from_secs(30));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(calls, 1);
    }

    #[test]
    fn statuses() {
        use StatusClass::*;
        for (status, idempotent, class) in [
            (200, false, Success),
            (204, true, Success),
            (429, false, Retryable),
            (408, true, Retryable),
            (408, false, Fatal),
            (500, true, Retryable),
            (503, true, Retryable),
            (503, false, Fatal),
            (501, true, Fatal),
            (400, true, Fatal),
            (401, true, Fatal),
            (404, true, Fatal),
            (302, true, Fatal),
        ] {
            assert_eq!(
                classify_status(status, idempotent),
                class,
                "{status} idempotent={idempotent}"
            );
        }
    }
}
