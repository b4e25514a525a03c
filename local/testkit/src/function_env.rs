//! One harness for every function: its environment as template.yaml gives it, with each `!Ref`
//! resolved to what a local stack created (table names, queue URLs, bucket names), parameters at
//! their defaults, then the caller's overrides (the simulator's URLs, short retry delays, secrets
//! as values). Tests, the local stack and the tools all start functions this way, so none can
//! drift from the deployed environment.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use wrapup_template::{EnvValue, Template};

use crate::dynamo::CreatedTable;

/// What each `!Ref` of a resource resolves to in one local stack, by logical id.
#[derive(Debug, Clone, Default)]
pub struct StackRefs(BTreeMap<String, String>);

impl StackRefs {
    /// From what `create_tables`, `create_queues` and `create_buckets` returned.
    pub fn new(
        tables: &[CreatedTable],
        queues: &BTreeMap<String, String>,
        buckets: &BTreeMap<String, String>,
    ) -> Self {
        let mut refs: BTreeMap<String, String> = tables
            .iter()
            .map(|t| (t.logical_id.clone(), t.name.clone()))
            .collect();
        refs.extend(queues.iter().map(|(k, v)| (k.clone(), v.clone())));
        refs.extend(buckets.iter().map(|(k, v)| (k.clone(), v.clone())));
        Self(refs)
    }

    /// Made-up names for every table, queue and bucket of `template` (`{prefix}-{logicalId}`):
    /// for a function whose stores and queues are in memory, whose configuration still needs
    /// them named.
    pub fn placeholders(template: &Template, prefix: &str) -> Self {
        let mut refs = BTreeMap::new();
        for t in &template.tables {
            refs.insert(t.logical_id.clone(), format!("{prefix}-{}", t.logical_id));
        }
        for q in &template.queues {
            let url = format!(
                "https://sqs.us-east-1.amazonaws.com/123456789012/{prefix}-{}",
                q.logical_id
            );
            refs.insert(q.logical_id.clone(), url);
        }
        for b in &template.buckets {
            refs.insert(
                b.logical_id.clone(),
                format!("{prefix}-{}", b.logical_id.to_lowercase()),
            );
        }
        Self(refs)
    }

    /// The environment of `function` for a test whose stores and queues are in memory:
    /// [`Self::placeholders`] for its resources, the simulator's client credentials, then
    /// `overrides`.
    pub fn in_memory_env<'a>(
        function: &str,
        overrides: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<BTreeMap<String, String>> {
        let credentials = [
            ("GENESYS_CLIENT_ID", crate::SIM_CLIENT_ID.to_owned()),
            ("GENESYS_CLIENT_SECRET", crate::SIM_CLIENT_SECRET.to_owned()),
        ];
        Self::placeholders(&Template::load()?, "memory")
            .function_env(function, credentials.into_iter().chain(overrides))
    }

    /// A table's name, a queue's URL or a bucket's name.
    pub fn get(&self, logical_id: &str) -> Option<&str> {
        self.0.get(logical_id).map(String::as_str)
    }

    /// The environment of the template's `function`, resolved for this stack, then `overrides`
    /// (set or replaced). A resource this stack did not create is left out, so the function's
    /// configuration names it if it needs it.
    pub fn function_env<'a>(
        &self,
        function: &str,
        overrides: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<BTreeMap<String, String>> {
        let template = Template::load()?;
        let definition = template
            .function(function)
            .ok_or_else(|| anyhow!("template.yaml has no function {function}"))?;
        let mut env = definition.resolve(|_, value| match value {
            EnvValue::Resource(id) => self.0.get(id).cloned(),
            EnvValue::Parameter { default, .. } => default.clone(),
            EnvValue::Literal(text) => Some(text.clone()),
            // The stack's own name (the metrics' namespace): the function's default instead.
            EnvValue::Sub(_) => None,
        });
        env.extend(overrides.into_iter().map(|(k, v)| (k.to_owned(), v)));
        Ok(env)
    }
}
