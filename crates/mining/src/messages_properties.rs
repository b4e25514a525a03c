//! Mining-work message bodies as they may arrive (arbitrary bytes, the example event with parts
//! replaced or removed): parsed or refused, never a panic, never the input echoed in the error.

use proptest::prelude::*;
use serde_json::Value;
use wrapup_core::fuzz_json::{MARKER, bodies};

use super::MiningMessage;

/// The body of the first record of the repository's example SQS event.
fn example_body() -> Value {
    let path = format!(
        "{}/../../events/archive-miner-mining-work.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let event: Value = serde_json::from_str(&text).expect("an SQS event");
    let body = event["Records"][0]["body"].as_str().expect("a record body");
    serde_json::from_str(body).expect("a JSON body")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mining_work_message_bodies(body in bodies(example_body())) {
        let text = String::from_utf8_lossy(&body);
        if let Err(error) = MiningMessage::parse(&text) {
            prop_assert!(!error.contains(MARKER), "the error echoes its input: {error}");
        }
    }
}
