//! One local stack in moto: every table, queue and bucket of template.yaml created under a
//! fresh stack name. The moto-tier harnesses of every function, the local stack and the tools
//! start from it, so none repeats (or drifts from) how a stack is made.

use std::collections::BTreeMap;

use anyhow::{Context, Result};

use crate::{CreatedTable, LocalAws, StackRefs, create_buckets, create_queues, create_tables};

/// What [`MotoStack::create`] made: names and URLs by logical id.
#[derive(Debug, Clone)]
pub struct MotoStack {
    pub name: String,
    pub tables: Vec<CreatedTable>,
    /// Queue URLs by logical id.
    pub queues: BTreeMap<String, String>,
    /// Bucket names by logical id.
    pub buckets: BTreeMap<String, String>,
}

impl MotoStack {
    /// Creates (idempotently) the stack `name`'s tables, queues and buckets in `aws`.
    pub async fn create(aws: &LocalAws, name: &str) -> Result<Self> {
        let tables = create_tables(&aws.dynamodb_client().await, name)
            .await
            .context("creating the tables of template.yaml")?;
        let queues = create_queues(&aws.sqs_client().await, name)
            .await
            .context("creating the queues of template.yaml")?;
        let buckets = create_buckets(&aws.s3_client().await, name)
            .await
            .context("creating the buckets of template.yaml")?;
        Ok(Self {
            name: name.to_owned(),
            tables,
            queues,
            buckets,
        })
    }

    /// [`Self::create`] under a stack name no other test uses ([`crate::unique_stack_name`]).
    pub async fn create_unique(aws: &LocalAws, prefix: &str) -> Result<Self> {
        Self::create(aws, &crate::unique_stack_name(prefix)).await
    }

    /// What each `!Ref` resolves to in this stack, for a function's environment.
    pub fn refs(&self) -> StackRefs {
        StackRefs::new(&self.tables, &self.queues, &self.buckets)
    }

    /// The environment of the template's `function` in this stack, its Genesys settings
    /// pointing at the simulator at `sim_base_url` ([`simulator_genesys_env`]), then
    /// `settings` (set or replaced).
    pub fn function_env<'a>(
        &self,
        function: &str,
        sim_base_url: &str,
        settings: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<BTreeMap<String, String>> {
        self.refs().function_env(
            function,
            simulator_genesys_env(sim_base_url).into_iter().chain(settings),
        )
    }

    /// The name of table `logical_id`.
    pub fn table(&self, logical_id: &str) -> Option<&str> {
        self.tables
            .iter()
            .find(|t| t.logical_id == logical_id)
            .map(|t| t.name.as_str())
    }
}

/// A function's Genesys settings against the simulator at `base_url`: its client credentials
/// and both base URLs (the harnesses add their own retry delays).
fn simulator_genesys_env(base_url: &str) -> [(&'static str, String); 4] {
    [
        ("GENESYS_CLIENT_ID", crate::SIM_CLIENT_ID.to_owned()),
        ("GENESYS_CLIENT_SECRET", crate::SIM_CLIENT_SECRET.to_owned()),
        ("GENESYS_API_BASE_URL", base_url.to_owned()),
        ("GENESYS_LOGIN_BASE_URL", base_url.to_owned()),
    ]
}
