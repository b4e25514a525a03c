//! What every Wrapup function shares at its Lambda edge, so a new function is not a new copy:
//! the SQS partial-batch consumer with its visibility backoff and dead-letter queue.

mod backoff;
mod control;
mod sqs;
#[cfg(test)]
mod sqs_tests;

pub use backoff::{MAX_VISIBILITY, RetrySchedule};
pub use control::{ControlError, KeptLetter, MemoryControl, QueueControl, SqsControl};
pub use sqs::{
    BatchConsumer, ConsumerConfig, DEAD_LETTER_ATTRIBUTES, DeadLetter, Disposition, MAX_DELAY, Received,
    is_sqs_batch, receive_count,
};
