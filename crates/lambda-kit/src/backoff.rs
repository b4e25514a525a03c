//! The visibility timeout of a message that will be retried: exponential in its receive count
//! from a base up to a cap, with jitter, never shorter than the target's `Retry-After`, never
//! longer than SQS's 12 hours.

use std::time::Duration;

use rand::Rng;

/// SQS's maximum visibility timeout.
pub const MAX_VISIBILITY: Duration = Duration::from_secs(12 * 3600);

/// How the wait before a retried message comes back grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetrySchedule {
    /// The first retry's ceiling; it doubles with every receive.
    pub base: Duration,
    /// No retry waits longer (unless the target's `Retry-After` says so).
    pub cap: Duration,
}

impl RetrySchedule {
    /// The ceiling of the wait after receive `receive_count` (1 = the first delivery).
    fn ceiling(&self, receive_count: u32) -> Duration {
        let exponent = receive_count.saturating_sub(1).min(20);
        self.base
            .saturating_mul(1 << exponent)
            .min(self.cap)
            .min(MAX_VISIBILITY)
    }

    /// The wait after receive `receive_count`: between half the ceiling and the ceiling (jitter
    /// spreads retries of a batch that failed together; the floor keeps the wait growing), at
    /// least `retry_after`.
    pub fn visibility(&self, receive_count: u32, retry_after: Option<Duration>) -> Duration {
        let jittered = self
            .ceiling(receive_count)
            .mul_f64(0.5 + rand::thread_rng().r#gen::<f64>() * 0.5);
        jittered.max(retry_after.unwrap_or_default()).min(MAX_VISIBILITY)
    }

    /// The least time a message failing on every receive spends before its last receive, when
    /// the queue dead-letters it after `max_receives`: how long an outage it surely rides out.
    pub fn least_time_before_dead_letter(&self, max_receives: u32) -> Duration {
        (1..max_receives).map(|receive| self.ceiling(receive) / 2).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEDULE: RetrySchedule = RetrySchedule {
        base: Duration::from_secs(10),
        cap: Duration::from_secs(15 * 60),
    };

    #[test]
    fn grows_with_the_receive_count_up_to_the_cap_and_honours_retry_after() {
        for _ in 0..100 {
            let first = SCHEDULE.visibility(1, None);
            assert!(first >= Duration::from_secs(5) && first <= Duration::from_secs(10));
            let fourth = SCHEDULE.visibility(4, None);
            assert!(fourth >= Duration::from_secs(40) && fourth <= Duration::from_secs(80));
            let late = SCHEDULE.visibility(30, None);
            assert!(
                late >= Duration::from_secs(450) && late <= SCHEDULE.cap,
                "{late:?}"
            );
        }
        assert!(SCHEDULE.visibility(1, Some(Duration::from_secs(120))) >= Duration::from_secs(120));
        assert!(SCHEDULE.visibility(40, Some(Duration::from_secs(999_999))) <= MAX_VISIBILITY);
        let zero = RetrySchedule {
            base: Duration::ZERO,
            cap: MAX_VISIBILITY,
        };
        assert_eq!(zero.visibility(3, None), Duration::ZERO);
    }

    #[test]
    fn the_least_time_before_the_dead_letter_queue_sums_the_floors() {
        // Receives 1..4 wait at least 5 + 10 + 20 s before the 4th and last.
        assert_eq!(SCHEDULE.least_time_before_dead_letter(4), Duration::from_secs(35));
        assert_eq!(SCHEDULE.least_time_before_dead_letter(1), Duration::ZERO);
        // Capped waits add half the cap each.
        let twelve = SCHEDULE.least_time_before_dead_letter(12);
        assert_eq!(
            twelve,
            Duration::from_secs((10 + 20 + 40 + 80 + 160 + 320 + 640 + 900 * 4) / 2)
        );
    }
}
