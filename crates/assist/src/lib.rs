//! Genesys Agent Assist and Copilot events for assist-callback: the EventBridge envelope and the
//! webhook's checked ([`envelope`]), each topic's body typed ([`event`]), what is kept of
//! conversations and suggestions ([`record`], [`store`]), the ranking that learns from agents'
//! engagement ([`ranking`]), and one event processed exactly once in any order ([`process`]).
//! Free of Lambda types: the function's handler is a thin layer over [`process::handle`].

pub mod envelope;
pub mod event;
pub mod insights;
pub mod process;
pub mod ranking;
pub mod reconcile;
pub mod record;
pub mod store;
mod store_dynamodb;
pub mod topic;

pub use envelope::{Envelope, EventError, SourcePolicy};
pub use event::{AssistEvent, Parsed};
pub use process::{AssistConfig, EndOfConversation, Handled, JobError, JobSent, ProcessError, handle};
pub use store::{AssistStore, MemoryAssistStore};
pub use store_dynamodb::DynamoDbAssistStore;
