//! The commands an operator runs against a deployed Wrapup, or against the local stack with
//! `--endpoint`: DLQ replay and archive backfills. Free of the simulator and the test kit.

pub mod backfill;
pub mod dlq;

use aws_config::{BehaviorVersion, Region};
use aws_sdk_sqs::config::Credentials;

/// The stack name logical ids resolve in when none is given: the local stack's.
pub const DEFAULT_STACK_NAME: &str = "wrapup-local";

/// Real AWS with the default configuration; or, with `endpoint` (moto), that endpoint in
/// `us-east-1` with static test credentials, never the machine's real ones.
pub async fn sqs_client(endpoint: Option<&str>) -> aws_sdk_sqs::Client {
    let config = match endpoint {
        None => aws_config::load_defaults(BehaviorVersion::latest()).await,
        Some(endpoint) => {
            aws_config::defaults(BehaviorVersion::latest())
                .endpoint_url(endpoint)
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new("test", "test", None, None, "wrapup-ops"))
                .load()
                .await
        }
    };
    aws_sdk_sqs::Client::new(&config)
}
