//! `template.yaml` as the one source of Wrapup's tables, queues and buckets: the local stack and
//! the tests create exactly these resources, and the operations tools find them by logical id.
//! Layered without cycles: values and intrinsics below, the resource parsers above them, the
//! template on top.

mod bucket;
mod function;
mod http_api;
pub mod intrinsic;
mod queue;
mod table;
pub mod template;
mod values;

pub use template::{
    AttributeDef, BillingMode, BucketDef, EnvValue, FunctionDef, HttpApiDef, IndexDef, JwtAuthorizerDef,
    KeyElement, QueueDef, RedriveDef, RouteDef, TableDef, Template, Throughput, find_repo_root, resolve_name,
};
