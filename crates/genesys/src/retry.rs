//! Wrapup's retry core ([`wrapup_core::retry`]) as the Genesys client and the other HTTP clients
//! of this crate configure it.

pub use wrapup_core::Deadline;
#[cfg(test)]
pub(crate) use wrapup_core::retry::MAX_SERVER_WAIT;
pub(crate) use wrapup_core::retry::{
    Attempt, GiveUp, RetryPolicy, StatusClass, Stopped, classify_status, parse_retry_after, server_wait_secs,
    with_retries,
};

use crate::config::HttpConfig;

/// The schedule an HTTP configuration names.
pub fn policy(config: &HttpConfig) -> RetryPolicy {
    RetryPolicy::new(
        config.max_attempts,
        config.retry_base_delay,
        config.retry_max_delay,
    )
}
