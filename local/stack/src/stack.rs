//! The local stack: moto with the template's tables and queues, and the Genesys simulator.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use genesys_sim::{SimConfig, SimHandle};
use lambda_runtime::Context as LambdaContext;
use wrapup_metrics::{MemorySink, Metrics};
use wrapup_testkit::{CreatedTable, MotoServer, MotoStack, StackRefs};

/// The stack name of `make local` and `make demo`: tables are `wrapup-local-token-cache`, ...
pub const STACK_NAME: &str = "wrapup-local";

/// What a running local stack offers: URLs and resource names, for the demo and for printing.
/// SDK clients for it: `wrapup_testkit::LocalAws::new(env.moto_url.clone())`.
#[derive(Debug, Clone)]
pub struct LocalEnv {
    /// moto's URL (DynamoDB and SQS endpoint), e.g. `http://127.0.0.1:5000`.
    pub moto_url: String,
    /// The Genesys simulator's base URL, e.g. `http://127.0.0.1:8090`.
    pub genesys_base_url: String,
    /// Name of the template's `TokenCacheTable`.
    pub token_table: String,
    /// Every table of the template, in template order.
    pub tables: Vec<CreatedTable>,
    /// Every queue of the template: logical id -> queue URL.
    pub queue_urls: BTreeMap<String, String>,
    /// The S3 bucket trend reports go to (the template's `ReportsBucket`).
    pub reports_bucket: String,
    /// The simulator's rate-limit window (the miner paces to it).
    pub rate_window_secs: u64,
    /// The partner event source of the simulator's org: `GenesysEventSourceName` locally.
    pub assist_event_source: String,
    /// The EMF lines every function of the stack wrote (stdout in Lambda): the demo's table.
    pub metric_lines: Arc<MemorySink>,
}

impl LocalEnv {
    /// The environment of a stack created in the moto at `moto_url`, with the simulator at
    /// `genesys_base_url`.
    pub fn new(
        created: &MotoStack,
        moto_url: &str,
        genesys_base_url: &str,
        rate_window_secs: u64,
    ) -> Result<Self> {
        let table = |id: &str| {
            created
                .table(id)
                .map(str::to_owned)
                .ok_or_else(|| anyhow!("template.yaml has no {id}"))
        };
        Ok(Self {
            moto_url: moto_url.to_owned(),
            genesys_base_url: genesys_base_url.to_owned(),
            token_table: table("TokenCacheTable")?,
            tables: created.tables.clone(),
            queue_urls: created.queues.clone(),
            reports_bucket: created
                .buckets
                .get("ReportsBucket")
                .cloned()
                .ok_or_else(|| anyhow!("template.yaml has no ReportsBucket"))?,
            rate_window_secs,
            assist_event_source: genesys_sim::assist_events::event_source_for_seed(SimConfig::default().seed),
            metric_lines: Arc::default(),
        })
    }

    /// `function`'s metrics, written to [`LocalEnv::metric_lines`].
    pub fn metrics_for(&self, function: &'static str) -> Metrics {
        Metrics::new(function, self.metric_lines.clone())
    }

    /// What each resource `!Ref` resolves to in this stack.
    pub fn refs(&self) -> StackRefs {
        let buckets = BTreeMap::from([("ReportsBucket".to_owned(), self.reports_bucket.clone())]);
        StackRefs::new(&self.tables, &self.queue_urls, &buckets)
    }
}

/// The ports a stack listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackPorts {
    /// moto (`MOTO_PORT`); `None`: a free port (and moto's log is not kept).
    pub moto: Option<u16>,
    /// The Genesys simulator (`GENESYS_SIM_PORT`); 0: a free port.
    pub genesys: u16,
}

/// A running local stack. Dropping it stops everything; [`LocalStack::shutdown`] does so cleanly.
#[derive(Debug)]
pub struct LocalStack {
    /// URLs and names.
    pub env: LocalEnv,
    moto: MotoServer,
    sim: SimHandle,
}

impl LocalStack {
    /// Starts moto, creates the tables and queues of `template.yaml`, starts the simulator.
    pub async fn start(ports: StackPorts, stack_name: &str) -> Result<Self> {
        // Genesys' default of 300 requests a minute would make the demo's mining run a minute
        // long; the simulator allows more so the demo stays quick (the pacing is the same).
        let sim_config = SimConfig {
            rate_limit_per_minute: 1500,
            ..SimConfig::default()
        };
        Self::start_with(ports, stack_name, sim_config).await
    }

    /// [`LocalStack::start`] with the simulator configured as given.
    pub async fn start_with(ports: StackPorts, stack_name: &str, sim_config: SimConfig) -> Result<Self> {
        let moto = match ports.moto {
            Some(port) => MotoServer::start(port).await,
            None => MotoServer::start_on_free_port().await,
        }
        .context("starting moto")?;
        let created = MotoStack::create(&moto.local_aws(), stack_name).await?;
        let rate_window_secs = sim_config.rate_limit_window_secs;
        let seed = sim_config.seed;
        let sim = genesys_sim::start(sim_config, ports.genesys)
            .await
            .with_context(|| {
                format!(
                    "starting the Genesys simulator on 127.0.0.1:{} (in use? set GENESYS_SIM_PORT)",
                    ports.genesys
                )
            })?;
        let mut env = LocalEnv::new(&created, moto.url(), &sim.base_url, rate_window_secs)?;
        env.assist_event_source = genesys_sim::assist_events::event_source_for_seed(seed);
        Ok(Self { env, moto, sim })
    }

    /// The lines `make local` prints, without the final `ready`.
    pub fn summary(&self) -> Vec<String> {
        let env = &self.env;
        let mut lines = vec![
            format!("{:<10}{}", "moto", env.moto_url),
            format!("{:<10}{}", "genesys", env.genesys_base_url),
            format!(
                "{:<10}{}",
                "tables",
                env.tables
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ];
        if !env.queue_urls.is_empty() {
            let names: Vec<&str> = env
                .queue_urls
                .values()
                .map(|url| url.rsplit('/').next().unwrap_or(url))
                .collect();
            lines.push(format!("{:<10}{}", "queues", names.join(", ")));
        }
        let assist_table = env
            .tables
            .iter()
            .find(|t| t.logical_id == "AssistTable")
            .map_or("-", |t| t.name.as_str());
        let assist_queue = env
            .queue_urls
            .get(crate::put_events::QUEUE_LOGICAL_ID)
            .and_then(|url| url.rsplit('/').next())
            .unwrap_or("-");
        lines.push(format!(
            "{:<10}{} -> {assist_queue} -> assist-callback -> {assist_table} (cargo run -p wrapup-local -- put-events --file F)",
            "assist", env.assist_event_source
        ));
        lines
    }

    /// Resolves if moto stops on its own (it should not while the stack runs).
    pub async fn moto_exited(&mut self) -> Result<std::process::ExitStatus> {
        self.moto.exited().await
    }

    /// Stops the simulator, then moto.
    pub async fn shutdown(self) -> Result<()> {
        self.sim.shutdown().await;
        self.moto.shutdown().await
    }
}

/// The Genesys client of every function, against the simulator.
fn genesys_overrides(env: &LocalEnv) -> Vec<(&'static str, String)> {
    vec![
        ("GENESYS_CLIENT_ID", "local-client".to_owned()),
        ("GENESYS_CLIENT_SECRET", "local-secret".to_owned()),
        ("GENESYS_API_BASE_URL", env.genesys_base_url.clone()),
        ("GENESYS_LOGIN_BASE_URL", env.genesys_base_url.clone()),
    ]
}

/// A function's variables: its template.yaml environment resolved for the local stack, then the
/// local overrides.
pub fn function_vars(
    env: &LocalEnv,
    function: &str,
    overrides: impl IntoIterator<Item = (&'static str, String)>,
) -> Result<BTreeMap<String, String>> {
    let mut all = genesys_overrides(env);
    all.extend(overrides);
    env.refs().function_env(function, all)
}

/// A Lambda context whose deadline is `budget` from now, with a fresh request id.
pub fn lambda_context_for(budget: Duration) -> LambdaContext {
    let mut context = LambdaContext::default();
    context.deadline = (chrono::Utc::now() + budget).timestamp_millis() as u64;
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}
