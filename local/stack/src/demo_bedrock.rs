//! `make demo`, step 5b: one summary through Amazon Bedrock's Converse API: a second summary-api
//! configured with `WRAPUP_LLM_PROVIDER=bedrock`, the simulator's Converse endpoint standing in
//! for Bedrock (the SDK signs with the local credentials and sends to the endpoint override).

use anyhow::Context;
use axum::http::{HeaderMap, HeaderValue, Method, Uri, header};
use lambda_runtime::LambdaEvent;
use serde_json::{Map, Value, json};
use summary_api::{App, FunctionConfig};

use crate::auth::Admitted;
use crate::gateway::{http_event, summary_api_vars};
use crate::stack::{LocalEnv, lambda_context_for};

/// A model every Bedrock region offers; the simulator answers for any id.
const BEDROCK_MODEL_ID: &str = "anthropic.claude-3-haiku-20240307-v1:0";

pub async fn run(env: &LocalEnv, conversation_id: &str) -> anyhow::Result<()> {
    println!("\n== 5b. One summary through Amazon Bedrock (Converse API, the simulator as the endpoint)");
    let (status, answer) = summarise(env, conversation_id).await?;
    let source = &answer["source"];
    let usage = &source["usage"];
    println!(
        "  {conversation_id} -> HTTP {status} | source {} ({}){} | {} Converse request(s), {} prompt + {} completion tokens",
        source["type"],
        source["model"].as_str().unwrap_or(""),
        source["fallbackReason"]
            .as_str()
            .map(|r| format!(", fallback: {r}"))
            .unwrap_or_default(),
        usage["requests"],
        usage["promptTokens"],
        usage["completionTokens"]
    );
    println!(
        "  summary:   {}",
        answer["summary"]["executiveSummary"].as_str().unwrap_or("")
    );
    Ok(())
}

/// POST /summaries (`source: llm`) to a summary-api configured with the bedrock provider: the
/// HTTP status and the answer.
async fn summarise(env: &LocalEnv, conversation_id: &str) -> anyhow::Result<(u64, Value)> {
    let mut vars = summary_api_vars(env)?;
    vars.extend([
        ("WRAPUP_LLM_PROVIDER".to_owned(), "bedrock".to_owned()),
        ("WRAPUP_BEDROCK_MODEL_ID".to_owned(), BEDROCK_MODEL_ID.to_owned()),
        (
            "WRAPUP_BEDROCK_ENDPOINT_URL".to_owned(),
            env.genesys_base_url.clone(),
        ),
    ]);
    let config = FunctionConfig::from_lookup(|name| vars.get(name).cloned())
        .context("summary-api configuration with the bedrock provider")?;
    let aws = wrapup_testkit::LocalAws::new(env.moto_url.clone())
        .sdk_config()
        .await;
    let app = App::from_config(config, &aws)
        .await?
        .with_metrics(env.metrics_for(summary_api::metrics::FUNCTION_NAME));
    let body = json!({"conversationId": conversation_id, "caseId": "CASE-BEDROCK", "source": "llm"});
    let event = http_event(
        &Method::POST,
        &Uri::from_static("/summaries"),
        &json_headers(),
        body.to_string().as_bytes(),
        admitted(),
    );
    let context = lambda_context_for(std::time::Duration::from_secs(60));
    let raw = summary_api::dispatch(&app, LambdaEvent::new(event, context))
        .await
        .map_err(|e| anyhow::anyhow!("summary-api with bedrock: {e}"))?;
    let answer = raw["body"]
        .as_str()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    Ok((raw["statusCode"].as_u64().unwrap_or(0), answer))
}

fn json_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers
}

/// The demo CRM's request, as the local authorizer admits it.
fn admitted() -> Admitted {
    let scope = "wrapup/summaries";
    Admitted {
        route_key: "POST /summaries".to_owned(),
        function: "SummaryApiFunction".to_owned(),
        path_parameters: Map::new(),
        authorizer: Some(json!({"jwt": {
            "claims": {"sub": "crm-demo", "client_id": "crm-demo", "scope": scope},
            "scopes": [scope],
        }})),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack::{LocalStack, STACK_NAME, StackPorts};

    const CALL: &str = "b3d70c4e-0000-4000-8000-0000000000de";

    #[tokio::test]
    #[ignore = "moto tier: the local stack starts moto from the project venv, which `make test` installs"]
    async fn the_demos_bedrock_summary_comes_from_the_converse_endpoint() {
        let ports = StackPorts {
            moto: None,
            genesys: 0,
        };
        let stack = LocalStack::start(ports, STACK_NAME).await.expect("local stack");
        let sim = &stack.env.genesys_base_url;
        let conversation = json!({
            "conversationId": CALL, "mediaType": "voice", "language": "en-US",
            "startTime": (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
            "phrases": [
                {"speaker": "agent", "text": "Thanks for calling, how can I help?"},
                {"speaker": "customer", "text": "My router keeps dropping the connection every evening."},
                {"speaker": "agent", "text": "I will send you a replacement router by Friday."},
            ],
        });
        let http = reqwest::Client::new();
        let loaded = http
            .post(format!("{sim}/_sim/conversations"))
            .json(&conversation)
            .send()
            .await
            .expect("simulator");
        assert!(loaded.status().is_success(), "{}", loaded.status());
        let (status, answer) = summarise(&stack.env, CALL).await.expect("summary");
        assert_eq!(status, 200, "{answer:#}");
        assert_eq!(answer["source"]["type"], "llm", "{answer:#}");
        assert_eq!(answer["source"]["model"], BEDROCK_MODEL_ID);
        let requests: Value = http
            .get(format!("{sim}/_sim/bedrock/requests"))
            .send()
            .await
            .expect("simulator")
            .json()
            .await
            .expect("json");
        assert_eq!(requests.as_array().map(Vec::len), Some(1), "{requests:#}");
    }
}
