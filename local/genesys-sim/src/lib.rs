//! A Genesys Cloud Platform API v2 simulator for tests and local runs.
//!
//! One axum server on one port serves the Genesys API (`/api/v2/...`, real shapes from the
//! vendored spec), the OAuth token endpoint, pre-signed transcript documents, an OpenAI-compatible
//! LLM endpoint and Bedrock's Converse API, a CRM webhook receiver, a dashboard endpoint for trend reports and a control API
//! under `/_sim`. See README.md.

mod api;
pub mod assist_events;
mod auth;
pub mod catalog;
mod config;
mod control;
mod crm;
mod dashboard;
mod error;
mod faults;
mod ids;
mod llm;
mod org;
mod ratelimit;
mod rendered;
pub mod spec;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::SimConfig;
pub use crm::sign as sign_webhook;
/// The people of the seeded conversations: agents ("Maria Lopez") and customers (a first and a
/// last name), so tests can tell a name found from anything else masked.
pub use org::templates::{
    AGENTS as SEEDED_AGENTS, FIRST_NAMES as SEEDED_FIRST_NAMES, LAST_NAMES as SEEDED_LAST_NAMES,
};
pub use rendered::{RenderedConversation, render_org, seeded_ground_truth};

use state::Sim;

/// Builds the router of a simulator.
fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/oauth/token", post(auth::token))
        .route(
            "/_sim/transcripts/{conversationId}/{communicationId}",
            get(api::transcript_document),
        )
        .route("/_sim/health", get(control::health))
        .route("/_sim/stats", get(control::stats))
        .route(
            "/_sim/faults",
            get(control::get_faults).post(control::post_faults),
        )
        .route("/_sim/llm/requests", get(control::llm_requests))
        .route("/_sim/llm/script", post(control::post_llm_script))
        .route("/_sim/bedrock/requests", get(control::bedrock_requests))
        .route("/_sim/crm/requests", get(control::crm_requests))
        .route("/_sim/crm/webhook", post(crm::webhook))
        .route(
            "/_sim/dashboard/reports",
            post(dashboard::receive)
                .get(dashboard::reports)
                .layer(DefaultBodyLimit::max(dashboard::MAX_BODY_BYTES)),
        )
        .route("/_sim/assist/events", get(assist_events::scripted))
        .route(
            "/_sim/assist/events/{conversationId}",
            get(assist_events::for_conversation),
        )
        .route("/_sim/reset", post(control::reset))
        .route("/_sim/conversations", post(control::load))
        .route("/_sim/ground-truth", get(control::ground_truth))
        .route("/v1/chat/completions", post(llm::chat_completions))
        .route("/model/{modelId}/converse", post(llm::converse))
        .merge(api::router(Arc::clone(&sim)))
        .with_state(sim)
}

/// A running simulator. Stops when dropped or on [`SimHandle::shutdown`].
#[derive(Debug)]
pub struct SimHandle {
    /// `http://127.0.0.1:PORT`
    pub base_url: String,
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    /// Stops the server and waits (at most 5 s) for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(std::time::Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Generates the org and starts the simulator on `127.0.0.1:port` (`0` = ephemeral port).
pub async fn start(config: SimConfig, port: u16) -> anyhow::Result<SimHandle> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}");
    let sim = Arc::new(Sim::new(config));
    let _ = sim.base_url.set(base_url.clone());
    let app = router(sim);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "genesys-sim server stopped with an error");
        }
    });
    Ok(SimHandle {
        base_url,
        addr,
        shutdown: Some(tx),
        task: Some(task),
    })
}
