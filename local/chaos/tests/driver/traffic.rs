//! The CRM's side: conversations in the simulator, the requests for them, and clients that POST,
//! retry what failed or got no answer, and sometimes send the same request twice.

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

/// Distinct calls in the simulator; requests cycle through them.
const CONVERSATIONS: usize = 40;
/// Share of requests a second client sends again (a CRM retrying a request it thinks was lost).
const DUPLICATE_SHARE: f64 = 0.2;
/// A client gives up after this many attempts (none should need it).
const MAX_ATTEMPTS: u32 = 40;

/// One distinct summary request.
pub struct RequestSpec {
    pub conversation_id: String,
    pub case_id: String,
    /// Each request is its own tenant, so `GET` names exactly its state.
    pub caller: String,
    pub body: Value,
}

/// One client sending one request until it gets an answer.
#[derive(Debug)]
pub struct Client {
    pub request: usize,
    pub caller: String,
    pub next_at: u64,
    pub attempts: u32,
    pub answered: Option<u16>,
}

impl Client {
    pub fn due(&self, now: u64) -> bool {
        self.answered.is_none() && self.attempts < MAX_ATTEMPTS && self.next_at <= now
    }

    pub fn waiting_until(&self) -> Option<u64> {
        (self.answered.is_none() && self.attempts < MAX_ATTEMPTS).then_some(self.next_at)
    }

    /// Takes an answer (`None`: the invocation died and the connection with it). 2xx ends the
    /// client; anything else is retried after a growing wait. The final answer, if this was it.
    pub fn answer(&mut self, status: Option<u16>, now: u64) -> Option<u16> {
        match status {
            Some(status) if (200..300).contains(&status) => {
                self.answered = Some(status);
                Some(status)
            }
            Some(status) if (400..500).contains(&status) && status != 429 => {
                // A client mistake the soak never makes: kept as the answer, and the checks fail.
                self.answered = Some(status);
                Some(status)
            }
            _ => {
                self.next_at = now + 1_000 * u64::from(self.attempts.min(10));
                None
            }
        }
    }
}

fn conversation_id(n: usize) -> String {
    format!("c4a05000-0000-4000-8000-{n:012}")
}

/// Loads the conversations and returns `requests` distinct requests for them.
pub async fn load(base: &str, label: &str, requests: usize) -> Vec<RequestSpec> {
    let products = [
        "Nimbus Router X2",
        "Orbit Fitband",
        "Zephyr Soundbar",
        "Stratus Fiber 500",
    ];
    let http = reqwest::Client::new();
    for n in 0..CONVERSATIONS {
        let product = products[n % products.len()];
        let amount = 20 + n * 7;
        let conversation = json!({
            "conversationId": conversation_id(n),
            "mediaType": if n % 3 == 0 { "chat" } else { "voice" },
            "language": "en-US",
            "startTime": (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339(),
            "phrases": [
                {"speaker": "agent", "text": "Thanks for calling, how can I help you today?"},
                {"speaker": "customer", "text": format!("My {product} stopped working and I was charged ${amount} for the repair.")},
                {"speaker": "agent", "text": format!("I am sorry about that. I will refund the ${amount} today and send you a replacement {product} by Friday.")},
                {"speaker": "customer", "text": "Thank you, that works for me."},
            ],
        });
        let response = http
            .post(format!("{base}/_sim/conversations"))
            .json(&conversation)
            .send()
            .await
            .expect("simulator");
        assert!(
            response.status().is_success(),
            "{}",
            response.text().await.unwrap_or_default()
        );
    }
    (0..requests)
        .map(|i| {
            let conversation_id = conversation_id(i % CONVERSATIONS);
            let case_id = format!("SOAK-{label}-{i}");
            let body = json!({
                "conversationId": conversation_id,
                "caseId": case_id,
                "source": if i % 2 == 0 { "auto" } else { "extractive" },
                "async": i % 3 == 0,
            });
            RequestSpec {
                conversation_id,
                case_id,
                caller: format!("tenant-{label}-{i}"),
                body,
            }
        })
        .collect()
}

/// A client per request, and a second one for a share of them, starting within 3 s.
pub fn clients(specs: &[RequestSpec], rng: &mut StdRng) -> Vec<Client> {
    let mut clients: Vec<Client> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| Client {
            request: i,
            caller: spec.caller.clone(),
            next_at: 0,
            attempts: 0,
            answered: None,
        })
        .collect();
    for (i, spec) in specs.iter().enumerate() {
        if rng.gen_bool(DUPLICATE_SHARE) {
            clients.push(Client {
                request: i,
                caller: spec.caller.clone(),
                next_at: rng.gen_range(0..3_000),
                attempts: 0,
                answered: None,
            });
        }
    }
    clients
}

fn repo_event(name: &str) -> Value {
    let root = wrapup_template::find_repo_root().expect("the repository");
    let text = std::fs::read_to_string(root.join("events").join(name)).expect("an events/ file");
    serde_json::from_str(&text).expect("JSON")
}

/// `POST /summaries` as API Gateway hands it over after the JWT authorizer.
pub fn post_event(spec: &RequestSpec, caller: &str) -> Value {
    authorized(
        repo_event("apigw-v2-post-summaries.json"),
        caller,
        Some(&spec.body),
    )
}

/// `GET /summaries/{conversationId}` as `caller`.
pub fn get_event(spec: &RequestSpec) -> Value {
    let mut event = authorized(repo_event("apigw-v2-get-summary.json"), &spec.caller, None);
    let path = format!("/summaries/{}", spec.conversation_id);
    event["rawPath"] = json!(path);
    event["requestContext"]["http"]["path"] = json!(path);
    event["pathParameters"]["conversationId"] = json!(spec.conversation_id);
    event
}

fn authorized(mut event: Value, caller: &str, body: Option<&Value>) -> Value {
    if let Some(body) = body {
        event["body"] = Value::String(body.to_string());
    }
    let scopes = "wrapup/summaries.write wrapup/summaries.read";
    event["requestContext"]["requestId"] = json!(uuid::Uuid::new_v4().to_string());
    event["requestContext"]["authorizer"]["jwt"] = json!({
        "claims": {"sub": caller, "client_id": caller, "scope": scopes},
        "scopes": scopes.split(' ').collect::<Vec<_>>(),
    });
    event
}
