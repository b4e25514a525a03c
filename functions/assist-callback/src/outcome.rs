//! What became of one event: the handler decides it, the logs, the metrics and the tests read it.

/// What became of one event, for the logs and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    Duplicate,
    /// A topic or version this build does not read.
    Unknown,
    /// From another org or account.
    Rejected,
    Malformed(String),
    /// To be retried.
    Failed,
}
