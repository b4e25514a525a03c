//! `Wrapup-Signature` as a receiver checks it: secret rotation, unknown schemes, malformed
//! headers, and errors that never reveal the secret or the expected signature.

use wrapup::crm::webhook::{self, DEFAULT_TOLERANCE, SignatureError};

#[test]
fn verify_handles_rotation_and_refuses_malformed_headers() {
    let secret = b"rotation-secret-0123456789";
    let body = br#"{"version":1}"#;
    let good = webhook::sign(secret, 1_700_000_000, body);
    let old = webhook::sign(b"the-previous-secret-xyz", 1_700_000_000, body);
    let at = 1_700_000_010;
    let verify = |header: &str| webhook::verify(secret, header, body, at, DEFAULT_TOLERANCE);
    assert_eq!(verify(&format!("t=1700000000,v1={old},v1={good}")), Ok(()));
    assert_eq!(verify(&format!("t=1700000000, v0=abc, v1={good}")), Ok(()));
    assert_eq!(
        verify(&format!("t=1700000000,v1={}", good.to_uppercase())),
        Ok(())
    );
    assert_eq!(
        verify(&format!("t=1700000000,v1={old}")),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(verify("t=1700000000,v1=not-hex"), Err(SignatureError::Mismatch));
    for malformed in [
        String::new(),
        format!("v1={good}"),
        "t=1700000000".to_owned(),
        format!("t=yesterday,v1={good}"),
        format!("t=1700000000,t=1700000001,v1={good}"),
        format!("t=1700000000;v1={good}"),
    ] {
        assert!(
            matches!(verify(&malformed), Err(SignatureError::Malformed(_))),
            "{malformed:?}"
        );
    }
    let error = verify(&format!("t=1700000000,v1={old}")).unwrap_err().to_string();
    assert!(
        !error.contains(&good) && !error.contains("rotation-secret"),
        "{error}"
    );
}
