//! The adapters at Wrapup's edges, each behind a small trait with an in-memory twin: the
//! DynamoDB stores (summaries, audit, deliveries, idempotency), the SQS queues and the messages
//! they carry, the product catalog in S3, and the CRM targets (Genesys Data Action and
//! participant attributes, the signed webhook). Above the Genesys client and the summary model;
//! knows nothing of the text pipeline, so crm-sync and the miner link none of it.

pub mod catalog;
pub mod crm;
pub mod queue;
pub mod store;
