//! The visibility timeout of a message that will be retried: exponential in its receive count,
//! with full jitter, never shorter than the target's `Retry-After`, capped at SQS's 12 hours.

use std::time::Duration;

use rand::Rng;

/// SQS's maximum visibility timeout.
pub const MAX_VISIBILITY: Duration = Duration::from_secs(12 * 3600);

pub fn visibility(receive_count: u32, base: Duration, retry_after: Option<Duration>) -> Duration {
    let exponent = receive_count.saturating_sub(1).min(20);
    let ceiling = base.saturating_mul(1 << exponent).min(MAX_VISIBILITY);
    // Full jitter spreads retries of a batch that failed together; half the ceiling is the floor
    // so that the delay still grows with every receive.
    let jittered = ceiling.mul_f64(0.5 + rand::thread_rng().r#gen::<f64>() * 0.5);
    jittered.max(retry_after.unwrap_or_default()).min(MAX_VISIBILITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_with_the_receive_count_and_honours_retry_after() {
        let base = Duration::from_secs(10);
        for _ in 0..100 {
            let first = visibility(1, base, None);
            assert!(first >= Duration::from_secs(5) && first <= base);
            let fourth = visibility(4, base, None);
            assert!(fourth >= Duration::from_secs(40) && fourth <= Duration::from_secs(80));
        }
        assert!(visibility(1, base, Some(Duration::from_secs(120))) >= Duration::from_secs(120));
        assert_eq!(visibility(40, base, None).max(MAX_VISIBILITY), MAX_VISIBILITY);
        assert!(visibility(40, base, Some(Duration::from_secs(999_999))) <= MAX_VISIBILITY);
        assert_eq!(visibility(3, Duration::ZERO, None), Duration::ZERO);
    }
}
