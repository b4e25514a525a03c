//! `template.yaml` as the one source of table and queue definitions.
//!
//! The SAM template is parsed into a [`serde_norway::Value`] (CloudFormation short tags such as
//! `!Sub` become tagged values) and every `AWS::DynamoDB::Table`, `AWS::SQS::Queue` and
//! `AWS::S3::Bucket` is turned into a typed definition. The local stack and the tests create exactly these resources; there
//! is no second, hand-written list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use serde_norway::{Mapping, Value};

pub use crate::bucket::BucketDef;
pub use crate::function::{EnvValue, FunctionDef};
pub use crate::http_api::{HttpApiDef, JwtAuthorizerDef, RouteDef};
pub use crate::intrinsic::resolve_name;
use crate::intrinsic::{kind, scalar_string};
pub use crate::queue::{QueueDef, RedriveDef};
pub use crate::table::{AttributeDef, BillingMode, IndexDef, KeyElement, TableDef, Throughput};

/// The file name looked for when walking up to the repository root.
pub const TEMPLATE_FILE: &str = "template.yaml";

/// The tables, queues and buckets of a SAM/CloudFormation template, in template order.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Where the template was read from, if it came from a file.
    pub path: Option<PathBuf>,
    /// Parameter defaults (as strings), used to resolve `!Ref Param` and `${Param}`.
    pub parameters: BTreeMap<String, String>,
    /// Every `AWS::DynamoDB::Table`.
    pub tables: Vec<TableDef>,
    /// Every `AWS::SQS::Queue`.
    pub queues: Vec<QueueDef>,
    /// Every `AWS::S3::Bucket`.
    pub buckets: Vec<BucketDef>,
    /// Every `AWS::Serverless::Function`, with its environment.
    pub functions: Vec<FunctionDef>,
    /// Every `AWS::Serverless::HttpApi`, with its authorizers and the routes functions attach.
    pub http_apis: Vec<HttpApiDef>,
}

impl Template {
    /// Reads `template.yaml` from the repository root (see [`find_repo_root`]).
    pub fn load() -> Result<Self> {
        let root = find_repo_root()?;
        Self::from_path(root.join(TEMPLATE_FILE))
    }

    /// Reads a template from an explicit path.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut template =
            Self::parse(&text).with_context(|| format!("invalid template {}", path.display()))?;
        template.path = Some(path.to_owned());
        Ok(template)
    }

    /// Parses template text.
    pub fn parse(text: &str) -> Result<Self> {
        let doc: Value = serde_norway::from_str(text).context("not valid YAML")?;
        let Value::Mapping(doc) = doc else {
            bail!("the template must be a mapping, found {}", kind(&doc));
        };
        let parameters = parameter_defaults(&doc)?;
        let resources = match doc.get("Resources") {
            Some(Value::Mapping(r)) => r,
            Some(other) => bail!("Resources must be a mapping, found {}", kind(other)),
            None => bail!("the template has no Resources"),
        };
        let mut tables = Vec::new();
        let mut queues = Vec::new();
        let mut buckets = Vec::new();
        let mut functions = Vec::new();
        let mut http_apis = Vec::new();
        let mut function_props = Vec::new();
        let logical_ids: BTreeSet<String> = resources
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect();
        let empty = Mapping::new();
        let globals = doc
            .get("Globals")
            .and_then(|g| g.get("Function"))
            .and_then(|f| f.get("Environment"));
        for (id, resource) in resources {
            let id = id
                .as_str()
                .ok_or_else(|| anyhow!("resource logical ids must be strings"))?;
            let Value::Mapping(resource) = resource else {
                bail!("resource {id} must be a mapping, found {}", kind(resource));
            };
            let props = match resource.get("Properties") {
                Some(Value::Mapping(p)) => p,
                None => &empty,
                Some(other) => bail!("{id}.Properties must be a mapping, found {}", kind(other)),
            };
            match resource.get("Type").and_then(Value::as_str) {
                Some("AWS::DynamoDB::Table") => {
                    tables.push(TableDef::parse(id, props, &parameters)?);
                }
                Some("AWS::SQS::Queue") => queues.push(QueueDef::parse(id, props, &parameters)?),
                Some("AWS::S3::Bucket") => buckets.push(BucketDef::parse(id, props, &parameters)?),
                Some("AWS::Serverless::Function") => {
                    functions.push(FunctionDef::parse(id, globals, props, &logical_ids, &parameters)?);
                    function_props.push((id, props));
                }
                Some("AWS::Serverless::HttpApi") => {
                    http_apis.push(HttpApiDef::parse(id, props, &logical_ids, &parameters)?);
                }
                Some(_) => {}
                None => bail!("resource {id} has no Type"),
            }
        }
        // Routes after every API: a function may come before the API its events name.
        for (id, props) in function_props {
            crate::http_api::add_routes(&mut http_apis, id, props, &logical_ids, &parameters)?;
        }
        let http_apis = http_apis.into_iter().map(|(api, _)| api).collect();
        for queue in &queues {
            if let Some(redrive) = &queue.redrive_policy {
                let target = &redrive.dead_letter_logical_id;
                if !queues.iter().any(|q| &q.logical_id == target) {
                    bail!(
                        "{}.Properties.RedrivePolicy points at {target}, which is not an AWS::SQS::Queue in this template",
                        queue.logical_id
                    );
                }
            }
        }
        Ok(Self {
            path: None,
            parameters,
            tables,
            queues,
            buckets,
            functions,
            http_apis,
        })
    }

    /// The function with this logical id.
    pub fn function(&self, logical_id: &str) -> Option<&FunctionDef> {
        self.functions.iter().find(|f| f.logical_id == logical_id)
    }

    /// The HTTP API with this logical id.
    pub fn http_api(&self, logical_id: &str) -> Option<&HttpApiDef> {
        self.http_apis.iter().find(|a| a.logical_id == logical_id)
    }

    /// The table with this logical id.
    pub fn table(&self, logical_id: &str) -> Option<&TableDef> {
        self.tables.iter().find(|t| t.logical_id == logical_id)
    }

    /// The queue with this logical id.
    pub fn queue(&self, logical_id: &str) -> Option<&QueueDef> {
        self.queues.iter().find(|q| q.logical_id == logical_id)
    }

    /// The bucket with this logical id.
    pub fn bucket(&self, logical_id: &str) -> Option<&BucketDef> {
        self.buckets.iter().find(|b| b.logical_id == logical_id)
    }
}

/// The repository root: the first directory containing `template.yaml`, walking up from
/// `$CARGO_MANIFEST_DIR` (set by cargo for `cargo run` / `cargo test`), then from the current
/// directory, then from this crate's own directory.
pub fn find_repo_root() -> Result<PathBuf> {
    let mut starts = Vec::new();
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        starts.push(PathBuf::from(dir));
    }
    if let Ok(dir) = std::env::current_dir() {
        starts.push(dir);
    }
    starts.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    for start in &starts {
        if let Some(root) = start.ancestors().find(|dir| dir.join(TEMPLATE_FILE).is_file()) {
            return Ok(root.to_owned());
        }
    }
    bail!(
        "cannot find {TEMPLATE_FILE} in any parent of {}",
        starts
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn parameter_defaults(doc: &Mapping) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let params = match doc.get("Parameters") {
        None => return Ok(out),
        Some(Value::Mapping(p)) => p,
        Some(other) => bail!("Parameters must be a mapping, found {}", kind(other)),
    };
    for (name, spec) in params {
        let name = name
            .as_str()
            .ok_or_else(|| anyhow!("parameter names must be strings"))?;
        if let Some(default) = spec.get("Default") {
            let default = scalar_string(default)
                .ok_or_else(|| anyhow!("parameter {name}: Default must be a scalar"))?;
            out.insert(name.to_owned(), default);
        }
    }
    Ok(out)
}
