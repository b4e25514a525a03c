//! Counts of the Genesys API calls a client made, read as deltas by the function's metrics.
//! A Lambda sandbox runs one invocation at a time, so the delta taken at the end of one is that
//! invocation's; where several run in one process (the local stack), the totals still add up.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct CallCounters {
    requests: AtomicU64,
    throttled: AtomicU64,
    retries: AtomicU64,
}

/// Calls since the last [`CallCounters::take`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallCounts {
    /// HTTP requests sent to the API (every attempt).
    pub requests: u64,
    /// Answers 429 Too Many Requests.
    pub throttled: u64,
    /// Attempts after the first of a call.
    pub retries: u64,
}

impl CallCounters {
    pub(crate) fn sent(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn throttled(&self) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn retried(&self, attempts: u32) {
        self.retries
            .fetch_add(u64::from(attempts.saturating_sub(1)), Ordering::Relaxed);
    }

    /// The counts since the last call, leaving zeros.
    pub fn take(&self) -> CallCounts {
        CallCounts {
            requests: self.requests.swap(0, Ordering::Relaxed),
            throttled: self.throttled.swap(0, Ordering::Relaxed),
            retries: self.retries.swap(0, Ordering::Relaxed),
        }
    }
}
