//! CloudWatch metrics in the Embedded Metric Format (EMF): each document is one JSON line on
//! stdout, which CloudWatch Logs turns into metrics. No API call and no background flush at
//! request time, and nothing to lose when a sandbox is frozen.
//!
//! Why not a `metrics`-facade recorder (e.g. `metrics_cloudwatch_embedded`): a global recorder
//! is one per process, and the local stack and the tests run several functions, and many
//! requests, in one process. A [`Metrics`] value belongs to one function and writes to its own
//! [`MetricSink`] (stdout in Lambda, memory in tests and the demo).
//!
//! Low cardinality by construction: dimension values are `&'static str`, so a conversation id,
//! a case id or any text of a call cannot become a dimension; numbers are the only other values
//! a document carries.

mod emit;
mod parse;
#[cfg(feature = "spec-check")]
mod spec;

pub use emit::{Document, MemorySink, MetricSink, Metrics, StdoutSink, Unit};
pub use parse::{EmfDocument, EmfError, EmfMetric, documents_in, parse, sum_where};
#[cfg(feature = "spec-check")]
pub use spec::{check_against_spec, checked_documents, leaks};

/// The CloudWatch namespace of Wrapup's metrics unless configured (`WRAPUP_METRICS_NAMESPACE`;
/// the template gives each stack its own, `Wrapup/<stack>`).
pub const NAMESPACE: &str = "Wrapup";

/// Why `namespace` cannot be a CloudWatch namespace, if it cannot: 1 to 255 of letters, digits
/// and `. - _ / # :`, and not in the reserved `AWS/` space.
pub fn namespace_problem(namespace: &str) -> Option<&'static str> {
    if namespace.is_empty() || namespace.len() > 255 {
        return Some("must be 1 to 255 characters");
    }
    if !namespace
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_/#:".contains(c))
    {
        return Some("may hold only letters, digits and . - _ / # :");
    }
    if namespace.starts_with("AWS/") {
        return Some("must not start with AWS/ (reserved for AWS services)");
    }
    None
}

/// The dimension every document carries: the function's logical name (`summary-api`, ...),
/// not the deployed name, so dashboards and alarms do not depend on the stack's name.
pub const FUNCTION: &str = "Function";
