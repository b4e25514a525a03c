//! `Wrapup-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the
//! signature of every webhook POST (documented for receivers in docs/crm-webhook.md).

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "Wrapup-Signature";
/// How far a signature's timestamp may be from the receiver's clock.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Why a `Wrapup-Signature` does not verify. Never carries the secret or the expected signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Wrapup-Signature header is malformed: {0}")]
    Malformed(&'static str),
    #[error(
        "the Wrapup-Signature timestamp is {age_secs} s from now, more than the {tolerance_secs} s tolerance"
    )]
    OutsideTolerance { age_secs: u64, tolerance_secs: u64 },
    #[error("no v1 signature of the Wrapup-Signature header matches the body")]
    Mismatch,
}

fn mac(secret: &[u8], timestamp: i64) -> Hmac<Sha256> {
    // HMAC takes keys of any length (long ones are hashed), so the fallback never runs; were it
    // to, a zero key would only make verification fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default()));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac
}

/// The `v1` value: lowercase hex HMAC-SHA256 of `"<timestamp>.<body>"` keyed with `secret`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = mac(secret, timestamp);
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// The whole header value for a body signed at `timestamp`.
pub fn signature_header(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", sign(secret, timestamp, body))
}

/// Checks a `Wrapup-Signature` header value against the raw body, as a receiver does: the
/// timestamp within `tolerance` of `now` (unix seconds) and one `v1` matching, compared in
/// constant time. Several `v1` entries are allowed (a sender rotating its secret); unknown
/// schemes (`v0=`, `v2=`) are ignored.
pub fn verify(
    secret: &[u8],
    header_value: &str,
    body: &[u8],
    now: i64,
    tolerance: Duration,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut candidates = Vec::new();
    for part in header_value.split(',') {
        let Some((scheme, value)) = part.trim().split_once('=') else {
            return Err(SignatureError::Malformed(
                "every element must be <scheme>=<value>",
            ));
        };
        match scheme.trim() {
            "t" if timestamp.is_some() => return Err(SignatureError::Malformed("more than one t=")),
            "t" => {
                let t = value.trim().parse::<i64>();
                timestamp = Some(t.map_err(|_| SignatureError::Malformed("t= must be unix seconds"))?);
            }
            "v1" => candidates.push(value.trim()),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed("no t=<unix seconds>"))?;
    if candidates.is_empty() {
        return Err(SignatureError::Malformed("no v1=<signature>"));
    }
    let age_secs = now.abs_diff(timestamp);
    if age_secs > tolerance.as_secs() {
        return Err(SignatureError::OutsideTolerance {
            age_secs,
            tolerance_secs: tolerance.as_secs(),
        });
    }
    let expected = mac(secret, timestamp);
    let matches = candidates.iter().any(|candidate| {
        hex::decode(candidate).is_ok_and(|bytes| {
            let mut mac = expected.clone();
            mac.update(body);
            // verify_slice compares in constant time.
            mac.verify_slice(&bytes).is_ok()
        })
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_body_verifies_and_anything_else_does_not() {
        let header = signature_header(b"k", 1_000, b"{}");
        assert_eq!(verify(b"k", &header, b"{}", 1_100, DEFAULT_TOLERANCE), Ok(()));
        assert_eq!(
            verify(b"k", &header, b"{ }", 1_100, DEFAULT_TOLERANCE),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(b"other", &header, b"{}", 1_100, DEFAULT_TOLERANCE),
            Err(SignatureError::Mismatch)
        );
        assert!(matches!(
            verify(b"k", &header, b"{}", 2_000, DEFAULT_TOLERANCE),
            Err(SignatureError::OutsideTolerance { age_secs: 1_000, .. })
        ));
        assert!(matches!(
            verify(b"k", "", b"{}", 1_000, DEFAULT_TOLERANCE),
            Err(SignatureError::Malformed(_))
        ));
    }

    #[test]
    fn extreme_timestamps_do_not_overflow() {
        let header = signature_header(b"k", i64::MIN, b"");
        assert!(matches!(
            verify(b"k", &header, b"", i64::MAX, DEFAULT_TOLERANCE),
            Err(SignatureError::OutsideTolerance { .. })
        ));
    }
}
