//! The mining crate's integration tests (one binary): the stores' contract against DynamoDB (moto)
//! and memory, mention counts against the simulator's planted ground truth, the trend report
//! rendered, published to S3 and posted to the dashboard.

mod mentions_ground_truth;
mod mining_aggregates;
mod report_dashboard;
mod report_publish_s3;
mod report_render;
mod store_mining_runs;
