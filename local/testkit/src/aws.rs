//! AWS SDK clients for a local endpoint (moto).

use anyhow::{Result, bail};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::Credentials;

/// The environment variable `scripts/with-moto.sh` sets to moto's URL.
pub const MOTO_URL_ENV: &str = "WRAPUP_TEST_MOTO_URL";

/// The region every local client uses.
pub const LOCAL_REGION: &str = "us-east-1";

/// A local AWS endpoint: clients built from it talk to moto with static test credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalAws {
    /// The endpoint URL, e.g. `http://127.0.0.1:5000`.
    pub endpoint: String,
}

impl LocalAws {
    /// A local endpoint at `endpoint`.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
        }
    }

    /// The moto that `scripts/with-moto.sh` (and so `make test`) started, from
    /// `$WRAPUP_TEST_MOTO_URL`.
    pub fn from_env() -> Result<Self> {
        match std::env::var(MOTO_URL_ENV) {
            Ok(url) if !url.trim().is_empty() => Ok(Self::new(url.trim())),
            _ => bail!(
                "{MOTO_URL_ENV} is not set, so moto is not running: run `make test`, or `scripts/with-moto.sh cargo test`"
            ),
        }
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Shared SDK configuration: the local endpoint, `us-east-1` and static test credentials
    /// (never the machine's real credentials).
    pub async fn sdk_config(&self) -> SdkConfig {
        aws_config::defaults(BehaviorVersion::latest())
            .endpoint_url(&self.endpoint)
            .region(Region::new(LOCAL_REGION))
            .credentials_provider(Credentials::new("test", "test", None, None, "wrapup-testkit"))
            .load()
            .await
    }

    /// A DynamoDB client for the local endpoint.
    pub async fn dynamodb_client(&self) -> aws_sdk_dynamodb::Client {
        aws_sdk_dynamodb::Client::new(&self.sdk_config().await)
    }

    /// An SQS client for the local endpoint.
    pub async fn sqs_client(&self) -> aws_sdk_sqs::Client {
        aws_sdk_sqs::Client::new(&self.sdk_config().await)
    }

    /// An S3 client for the local endpoint, with path-style addressing (moto serves no
    /// per-bucket virtual hosts).
    pub async fn s3_client(&self) -> aws_sdk_s3::Client {
        let config = aws_sdk_s3::config::Builder::from(&self.sdk_config().await)
            .force_path_style(true)
            .build();
        aws_sdk_s3::Client::from_conf(config)
    }
}
