//! A server's `Retry-After` and rate-limit reset are read, never trusted: whatever the header
//! says (huge numbers, exponents, negative values, NaN, dates far in the future or past, text),
//! the wait is at most `MAX_SERVER_WAIT` and reading it never panics.

use std::time::Duration;

use proptest::prelude::*;
use wrapup_core::retry::{MAX_SERVER_WAIT, parse_retry_after, server_wait_secs};

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn retry_after_values(value in prop_oneof![
        "\\PC{0,30}",
        "[0-9]{1,30}",
        "-?[0-9]{0,5}(\\.[0-9]{0,5})?([eE][+-]?[0-9]{1,4})?",
        "(inf|-inf|NaN|infinity|1e20|1e308|1e309)",
        "(Mon|Tue|Sun), [0-9]{2} (Jan|Feb|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
    ]) {
        if let Some(wait) = parse_retry_after(&value) {
            prop_assert!(wait <= MAX_SERVER_WAIT, "{value:?} -> {wait:?}");
        }
    }

    #[test]
    fn wait_seconds(secs in any::<f64>()) {
        match server_wait_secs(secs) {
            Some(wait) => {
                prop_assert!(secs >= 0.0 && wait <= MAX_SERVER_WAIT);
                if secs <= MAX_SERVER_WAIT.as_secs_f64() {
                    prop_assert!((wait.as_secs_f64() - secs).abs() < 1e-6);
                }
            }
            None => prop_assert!(!secs.is_finite() || secs < 0.0),
        }
    }
}

#[test]
fn a_date_far_ahead_waits_the_cap_and_one_past_waits_nothing() {
    assert_eq!(
        parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT"),
        Some(MAX_SERVER_WAIT)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(parse_retry_after("1e20"), Some(MAX_SERVER_WAIT));
    assert_eq!(parse_retry_after("soon"), None);
}
