//! The local stack with two tokens: the gateway runs the template's JWT authorizer and hands the
//! caller to summary-api, so one caller cannot read another's summary.

use serde_json::{Value, json};

use super::Gateway;
use crate::auth::local_token;
use crate::stack::{LocalStack, STACK_NAME, StackPorts};

const CALL: &str = "7a7a7a7a-0000-4000-8000-00000000a11c";

async fn send(request: reqwest::RequestBuilder, token: Option<&str>) -> (u16, Value, Option<String>) {
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    let response = request.send().await.expect("the gateway answers");
    let status = response.status().as_u16();
    let www = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body, www)
}

#[tokio::test]
#[ignore = "moto tier: the local stack starts moto from the project venv, which `make test` installs"]
async fn a_second_caller_cannot_read_the_first_callers_summary() {
    let ports = StackPorts {
        moto: None,
        genesys: 0,
    };
    let stack = LocalStack::start(ports, STACK_NAME).await.expect("local stack");
    let gateway = Gateway::start(&stack.env, 0).await.expect("gateway");
    let http = reqwest::Client::new();
    let conversation = json!({
        "conversationId": CALL, "mediaType": "voice", "language": "en-US",
        "startTime": (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
        "phrases": [
            {"speaker": "agent", "text": "Thanks for calling, how can I help?"},
            {"speaker": "customer", "text": "My router keeps dropping the connection every evening."},
            {"speaker": "agent", "text": "I will send you a replacement router today."},
        ],
    });
    let loaded = http
        .post(format!("{}/_sim/conversations", stack.env.genesys_base_url))
        .json(&conversation)
        .send()
        .await
        .expect("simulator");
    assert!(loaded.status().is_success(), "{}", loaded.status());

    let api = gateway.url();
    let crm_a = local_token("crm-a", &[], 300).expect("token");
    let crm_b = local_token("crm-b", &[], 300).expect("token");
    let read_only = local_token("crm-a", &["wrapup/summaries.read".to_owned()], 300).expect("token");
    let post = || {
        http.post(format!("{api}/summaries"))
            .json(&json!({"conversationId": CALL, "caseId": "TENANT-LOCAL", "source": "extractive"}))
    };
    let get = || http.get(format!("{api}/summaries/{CALL}"));

    let (status, created, _) = send(post(), Some(&crm_a)).await;
    assert_eq!(status, 200, "{created:#}");
    let (status, own, _) = send(get(), Some(&crm_a)).await;
    assert_eq!((status, &own["auditId"]), (200, &created["auditId"]), "{own:#}");
    let (status, stranger, _) = send(get(), Some(&crm_b)).await;
    assert_eq!(status, 404, "{stranger:#}");
    assert!(
        !stranger
            .to_string()
            .contains(created["auditId"].as_str().expect("auditId"))
    );

    // The authorizer answers before the function: no token, a broken one, a missing scope.
    let (status, body, www) = send(get(), None).await;
    assert_eq!((status, body), (401, json!({"message": "Unauthorized"})));
    assert!(www.expect("www-authenticate").contains("no token"));
    let tampered = format!("{crm_b}x");
    assert_eq!(send(get(), Some(&tampered)).await.0, 401);
    let (status, body, _) = send(post(), Some(&read_only)).await;
    assert_eq!((status, body), (403, json!({"message": "Forbidden"})));
    // Routes the template does not declare do not exist.
    let (status, body, _) = send(http.delete(format!("{api}/summaries/{CALL}")), Some(&crm_a)).await;
    assert_eq!((status, body), (404, json!({"message": "Not Found"})));

    gateway.stop();
    stack.shutdown().await.expect("shutdown");
}
