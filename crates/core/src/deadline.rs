//! The instant by which work must be finished: a Lambda's deadline minus what the answer needs.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The instant by which a call must be finished, usually the Lambda's deadline minus a margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Instant);

impl Deadline {
    pub fn after(budget: Duration) -> Self {
        Deadline(Instant::now() + budget)
    }

    pub fn at(instant: Instant) -> Self {
        Deadline(instant)
    }

    /// From a Lambda context deadline (milliseconds since the Unix epoch), keeping `reserve` for
    /// the work that follows the call (answering, writing the audit record).
    pub fn from_epoch_millis(deadline_ms: u64, reserve: Duration) -> Self {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let left = Duration::from_millis(deadline_ms.saturating_sub(now_ms)).saturating_sub(reserve);
        Deadline(Instant::now() + left)
    }

    pub fn instant(&self) -> Instant {
        self.0
    }

    pub fn remaining(&self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    pub fn is_past(&self) -> bool {
        self.remaining().is_zero()
    }

    /// The earlier of the two.
    pub fn min(self, other: Deadline) -> Deadline {
        std::cmp::min(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_deadline_keeps_the_reserve() {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as u64;
        let deadline = Deadline::from_epoch_millis(now_ms + 10_000, Duration::from_secs(3));
        let left = deadline.remaining();
        assert!(
            left <= Duration::from_secs(7) && left > Duration::from_secs(6),
            "{left:?}"
        );
        assert!(Deadline::from_epoch_millis(now_ms - 5, Duration::ZERO).is_past());
    }

    #[test]
    fn min_is_the_earlier_one() {
        let soon = Deadline::after(Duration::from_secs(1));
        let later = Deadline::after(Duration::from_secs(60));
        assert_eq!(soon.min(later), soon);
        assert_eq!(later.min(soon), soon);
        assert!(!later.is_past());
    }
}
