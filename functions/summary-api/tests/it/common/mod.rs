//! Test harness: the function's real handler against the Genesys simulator and moto, with the
//! tables and queues of template.yaml, driven by the event documents in events/.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use genesys_sim::{SimConfig, SimHandle};
use lambda_runtime::{Context, LambdaEvent};
use serde_json::{Value, json};
use summary_api::{App, FunctionConfig, dispatch};
use wrapup_testkit::{LocalAws, MotoStack};

mod memory;
#[allow(unused_imports)]
pub use memory::{MemoryHarness, memory_harness, memory_harness_with_llm};

pub struct Harness {
    pub sim: SimHandle,
    pub app: App,
    pub aws: LocalAws,
    pub stack: String,
    pub queues: BTreeMap<String, String>,
    pub sqs: aws_sdk_sqs::Client,
    pub dynamodb: aws_sdk_dynamodb::Client,
    /// The EMF lines the function wrote.
    pub metric_lines: Arc<wrapup_metrics::MemorySink>,
}

/// The model the Bedrock harness asks for (`Options::bedrock`).
pub const BEDROCK_MODEL_ID: &str = "anthropic.claude-3-haiku-20240307-v1:0";

#[derive(Default)]
pub struct Options {
    pub llm: bool,
    /// Amazon Bedrock as the LLM, the simulator's Converse endpoint standing in for it.
    pub bedrock: bool,
    pub llm_context_tokens: Option<usize>,
    pub sim: Option<SimConfig>,
    pub extra_env: Vec<(&'static str, String)>,
}

impl Options {
    /// The labelled set end to end: with an LLM, and no rate limit on the simulator (hundreds
    /// of calls; the rate limit is not under test there).
    pub fn eval() -> Self {
        Options {
            llm: true,
            sim: Some(SimConfig {
                rate_limit_per_minute: 1_000_000,
                ..Default::default()
            }),
            ..Options::default()
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn event_file(name: &str) -> Value {
    let path = repo_root().join("events").join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

pub fn aws_event_file(name: &str) -> Value {
    let path = repo_root().join("spec/aws-lambda-events").join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

pub async fn harness(options: Options) -> Harness {
    let sim = genesys_sim::start(options.sim.unwrap_or_default(), 0)
        .await
        .expect("simulator");
    let aws = LocalAws::from_env().expect("moto");
    let sdk = aws.sdk_config().await;
    let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let created = MotoStack::create_unique(&aws, "api")
        .await
        .expect("the stack in moto");
    // The deployed function's environment (template.yaml), against the simulator, with short
    // retry delays; the simulator's OpenAI-compatible endpoint as the LLM when asked for.
    let mut local = vec![
        ("GENESYS_RETRY_BASE_MS", "20".to_owned()),
        ("GENESYS_RETRY_MAX_MS", "200".to_owned()),
    ];
    if options.llm {
        local.extend([
            ("WRAPUP_LLM_BASE_URL", format!("{}/v1/", sim.base_url)),
            ("WRAPUP_LLM_MODEL", "sim-model".to_owned()),
            ("WRAPUP_LLM_API_KEY", "test-llm-key".to_owned()),
            ("WRAPUP_LLM_TIMEOUT_MS", "2000".to_owned()),
        ]);
    }
    if options.bedrock {
        // Signed with the harness's AWS credentials, sent to the simulator instead of Bedrock.
        local.extend([
            ("WRAPUP_LLM_PROVIDER", "bedrock".to_owned()),
            ("WRAPUP_BEDROCK_MODEL_ID", BEDROCK_MODEL_ID.to_owned()),
            ("WRAPUP_BEDROCK_ENDPOINT_URL", sim.base_url.clone()),
            ("WRAPUP_LLM_TIMEOUT_MS", "2000".to_owned()),
        ]);
    }
    if let Some(tokens) = options
        .llm_context_tokens
        .filter(|_| options.llm || options.bedrock)
    {
        local.push(("WRAPUP_LLM_CONTEXT_TOKENS", tokens.to_string()));
    }
    local.extend(options.extra_env);
    let env = created
        .function_env("SummaryApiFunction", &sim.base_url, local)
        .expect("the function's environment from template.yaml");
    let config = FunctionConfig::from_lookup(|name| env.get(name).cloned()).expect("config");
    let (metrics, metric_lines) = wrapup_metrics::Metrics::in_memory(summary_api::metrics::FUNCTION_NAME);
    let app = App::from_config(config, &sdk)
        .await
        .expect("app")
        .with_metrics(metrics);
    Harness {
        sim,
        app,
        metric_lines,
        aws,
        stack: created.name.clone(),
        queues: created.queues.clone(),
        sqs,
        dynamodb,
    }
}

/// A response as API Gateway would return it.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Value,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.as_str()).map(str::to_owned)
    }
}

/// The function's handler driven by the event documents in events/, whichever stores and
/// Genesys the app runs on (moto and the simulator, or memory).
#[allow(async_fn_in_trait)]
pub trait Invoke {
    fn app(&self) -> &App;

    async fn invoke(&self, payload: Value) -> Value {
        dispatch(self.app(), LambdaEvent::new(payload, Context::default()))
            .await
            .expect("dispatch")
    }

    async fn invoke_http(&self, payload: Value) -> Answer {
        let raw = self.invoke(payload).await;
        let status = raw["statusCode"].as_u64().expect("statusCode") as u16;
        let body = raw["body"]
            .as_str()
            .map(|b| serde_json::from_str(b).unwrap_or(Value::String(b.to_owned())));
        Answer {
            status,
            headers: raw["headers"].clone(),
            body: body.unwrap_or(Value::Null),
        }
    }

    /// POST /summaries with `body` (a JSON value or a raw string).
    async fn post(&self, body: Value) -> Answer {
        let mut event = event_file("apigw-v2-post-summaries.json");
        event["body"] = match body {
            Value::String(raw) => Value::String(raw),
            other => Value::String(other.to_string()),
        };
        self.invoke_http(event).await
    }

    /// `post` as another JWT subject.
    async fn post_as(&self, subject: &str, body: Value) -> Answer {
        let mut event = event_file("apigw-v2-post-summaries.json");
        event["body"] = Value::String(body.to_string());
        as_subject(&mut event, subject, "wrapup/summaries");
        self.invoke_http(event).await
    }

    /// `get` as another JWT subject with these scopes (space-separated).
    async fn get_as(&self, subject: &str, scopes: &str, conversation_id: &str) -> Answer {
        let mut event = event_file("apigw-v2-get-summary.json");
        let path = format!("/summaries/{conversation_id}");
        event["rawPath"] = json!(path);
        event["requestContext"]["http"]["path"] = json!(path);
        event["pathParameters"]["conversationId"] = json!(conversation_id);
        as_subject(&mut event, subject, scopes);
        self.invoke_http(event).await
    }

    async fn get(&self, conversation_id: &str) -> Answer {
        let mut event = event_file("apigw-v2-get-summary.json");
        let path = format!("/summaries/{conversation_id}");
        event["rawPath"] = json!(path);
        event["requestContext"]["http"]["path"] = json!(path);
        event["pathParameters"]["conversationId"] = json!(conversation_id);
        self.invoke_http(event).await
    }
}

impl Invoke for Harness {
    fn app(&self) -> &App {
        &self.app
    }
}

impl Harness {
    pub async fn faults(&self, faults: Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/_sim/faults", self.sim.base_url))
            .json(&faults)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{}",
            response.text().await.unwrap()
        );
    }

    pub async fn sim_get(&self, path: &str) -> Value {
        reqwest::get(format!("{}{}", self.sim.base_url, path))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn stats(&self) -> Value {
        self.sim_get("/_sim/stats").await
    }

    pub async fn llm_requests(&self) -> Vec<Value> {
        let requests = self.sim_get("/_sim/llm/requests").await;
        requests
            .as_array()
            .cloned()
            .or_else(|| requests["requests"].as_array().cloned())
            .unwrap_or_default()
    }

    /// Queues the simulated LLM's next answers to requests with this `json_schema.name`.
    pub async fn llm_script(&self, schema: &str, answers: Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/_sim/llm/script", self.sim.base_url))
            .json(&json!({"schema": schema, "answers": answers}))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{}",
            response.text().await.unwrap()
        );
    }

    /// Loads a conversation into the simulator; returns its id.
    pub async fn load(&self, conversation: Value) -> String {
        let response = reqwest::Client::new()
            .post(format!("{}/_sim/conversations", self.sim.base_url))
            .json(&conversation)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{}",
            response.text().await.unwrap()
        );
        conversation["conversationId"].as_str().unwrap().to_owned()
    }

    /// Every message waiting on a queue of the template (by logical id), removed from it.
    pub async fn drain(&self, logical_id: &str) -> Vec<aws_sdk_sqs::types::Message> {
        let url = &self.queues[logical_id];
        let mut all = Vec::new();
        loop {
            let out = self
                .sqs
                .receive_message()
                .queue_url(url)
                .max_number_of_messages(10)
                .wait_time_seconds(0)
                .message_system_attribute_names(aws_sdk_sqs::types::MessageSystemAttributeName::All)
                .message_attribute_names("All")
                .send()
                .await
                .unwrap();
            let messages = out.messages.unwrap_or_default();
            if messages.is_empty() {
                return all;
            }
            for m in &messages {
                if let Some(handle) = m.receipt_handle() {
                    self.sqs
                        .delete_message()
                        .queue_url(url)
                        .receipt_handle(handle)
                        .send()
                        .await
                        .unwrap();
                }
            }
            all.extend(messages);
        }
    }

    /// Runs the summary-jobs messages waiting on the queue through the function as one SQS event.
    pub async fn run_jobs(&self) -> Value {
        let messages = self.drain("SummaryJobsQueue").await;
        self.invoke(sqs_event(&messages)).await
    }

    pub async fn audit_item(
        &self,
        audit_id: &str,
    ) -> Option<HashMap<String, aws_sdk_dynamodb::types::AttributeValue>> {
        self.dynamodb
            .get_item()
            .table_name(format!("{}-audit", self.stack))
            .key(
                "auditId",
                aws_sdk_dynamodb::types::AttributeValue::S(audit_id.to_owned()),
            )
            .send()
            .await
            .unwrap()
            .item
    }
}

/// The JWT authorizer's claims of an API Gateway v2 event, for another subject.
fn as_subject(event: &mut Value, subject: &str, scopes: &str) {
    let claims = &mut event["requestContext"]["authorizer"]["jwt"]["claims"];
    claims["sub"] = json!(subject);
    claims["client_id"] = json!(subject);
    claims["scope"] = json!(scopes);
    event["requestContext"]["authorizer"]["jwt"]["scopes"] = json!(scopes.split(' ').collect::<Vec<_>>());
}

/// An SQS event (the shape of events/summary-jobs-sqs.json) carrying these messages.
pub fn sqs_event(messages: &[aws_sdk_sqs::types::Message]) -> Value {
    let template = event_file("summary-jobs-sqs.json");
    let record_template = template["Records"][0].clone();
    let records: Vec<Value> = messages
        .iter()
        .map(|m| {
            let mut record = record_template.clone();
            record["messageId"] = json!(m.message_id());
            record["receiptHandle"] = json!(m.receipt_handle());
            record["body"] = json!(m.body());
            record
        })
        .collect();
    json!({"Records": records})
}

pub fn conversation(id: &str, media: &str, phrases: &[(&str, &str)]) -> Value {
    json!({
        "conversationId": id,
        "mediaType": media,
        "language": "en-US",
        "startTime": (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
        "phrases": phrases.iter().map(|(s, t)| json!({"speaker": s, "text": t})).collect::<Vec<_>>(),
    })
}

/// A short support call with a commitment, a product and a happy ending.
pub const ROUTER_CALL: [(&str, &str); 8] = [
    (
        "agent",
        "Thank you for calling Acme support, this is Dana. How can I help you today?",
    ),
    (
        "customer",
        "Hi, my Acme Router Pro keeps dropping the connection every evening.",
    ),
    (
        "agent",
        "I'm sorry to hear that. Let me check the diagnostics on your line.",
    ),
    (
        "agent",
        "The router has a hardware fault, so I'll send a replacement by Friday.",
    ),
    ("customer", "That would be great, thank you."),
    (
        "agent",
        "Please upload a photo of the serial number label to your account today.",
    ),
    (
        "customer",
        "Sure, I will do that tonight. Thanks for the help, I really appreciate it.",
    ),
    ("agent", "You're welcome. Have a great day!"),
];

pub fn openapi_validator(schema: &str) -> jsonschema::Validator {
    let doc = wrapup_testkit::openapi_document().expect("docs/openapi.yaml");
    let root = json!({"components": wrapup_testkit::openapi_draft4(&doc["components"]), "$ref": format!("#/components/schemas/{schema}")});
    jsonschema::draft4::new(&root).unwrap()
}

/// `body` is an instance of the schema of docs/openapi.yaml named `schema`.
pub fn assert_valid(schema: &str, body: &Value) {
    let validator = openapi_validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema} invalid: {errors:?}\n{body:#}");
}
