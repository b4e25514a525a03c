//! The gateway's routing table read from template.yaml (every `HttpApi` route to the function
//! that declares it, with its scopes, `NONE` routes without a token, anything else 404), the API
//! Gateway v2 event it builds, and the local stack with two tokens: the gateway runs the
//! template's JWT authorizer and hands the caller to summary-api, so one caller cannot read
//! another's summary, and to assist-callback for /assist/... .

use std::collections::HashMap;

use axum::http::{HeaderMap, Method, Uri};
use serde_json::{Value, json};
use wrapup_template::{EnvValue, Template};

use super::{Gateway, HTTP_FUNCTIONS, check_routes, http_event};
use crate::auth::{
    API_LOGICAL_ID, Admitted, Denied, LOCAL_AUDIENCE, LOCAL_ISSUER, LocalAuthorizer, LocalIssuer,
    local_parameter, local_token,
};
use crate::stack::{LocalStack, STACK_NAME, StackPorts};

const CALL: &str = "7a7a7a7a-0000-4000-8000-00000000a11c";
const NOW: u64 = 1_790_000_000;
const READ: &str = "wrapup/summaries.read";
const WRITE: &str = "wrapup/summaries.write";

/// The repository's template, its HTTP API's authorizer with a fresh issuer.
fn routing() -> (Template, LocalIssuer, LocalAuthorizer) {
    let dir = std::env::temp_dir().join(format!("wrapup-gateway-{}", uuid::Uuid::new_v4()));
    let issuer = LocalIssuer::at(&dir.join("key.pem")).expect("key");
    let _ = std::fs::remove_dir_all(&dir);
    let template = Template::load().expect("template.yaml");
    let authorizer = LocalAuthorizer::from_template(&template, API_LOGICAL_ID, &issuer).expect("authorizer");
    (template, issuer, authorizer)
}

fn token(issuer: &LocalIssuer, scopes: &[&str]) -> String {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    issuer
        .access_token("crm-a", &scopes, NOW - 10, 600)
        .expect("token")
}

fn route(
    authorizer: &LocalAuthorizer,
    method: &str,
    path: &str,
    token: Option<&str>,
) -> Result<Admitted, Denied> {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: HashMap<&str, &str> = bearer
        .as_deref()
        .map(|b| ("authorization", b))
        .into_iter()
        .collect();
    authorizer.authorize(method, path, |name| headers.get(name).copied(), NOW)
}

/// A concrete path for a path template: each `{name}` replaced by `<name>-1`.
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => format!("{}-1", name.trim_end_matches('+')),
                None => segment.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn the_routing_table_is_the_templates_http_api_routes() {
    let (_, _, authorizer) = routing();
    let table: Vec<(String, &str, Option<&str>, Vec<&str>)> = authorizer
        .routes()
        .iter()
        .map(|r| {
            (
                r.route_key(),
                r.function.as_str(),
                r.authorizer.as_deref(),
                r.scopes.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let expected = vec![
        (
            "POST /summaries".to_owned(),
            "SummaryApiFunction",
            Some("CrmJwt"),
            vec![WRITE],
        ),
        (
            "GET /summaries/{conversationId}".to_owned(),
            "SummaryApiFunction",
            Some("CrmJwt"),
            vec![READ],
        ),
        (
            "GET /assist/conversations/{conversationId}/suggestions".to_owned(),
            "AssistCallbackFunction",
            Some("CrmJwt"),
            vec![READ],
        ),
        (
            "GET /assist/insights".to_owned(),
            "AssistCallbackFunction",
            Some("CrmJwt"),
            vec![READ],
        ),
        (
            "POST /assist/events".to_owned(),
            "AssistCallbackFunction",
            None,
            vec![],
        ),
    ];
    assert_eq!(table, expected);
    // The gateway runs every function a route names, and would refuse to start otherwise.
    check_routes(&authorizer, &HTTP_FUNCTIONS).expect("every route has its function");
    let missing = format!(
        "{:#}",
        check_routes(&authorizer, &["SummaryApiFunction"]).expect_err("assist-callback missing")
    );
    assert!(
        missing.contains("GET /assist/conversations/{conversationId}/suggestions")
            && missing.contains("AssistCallbackFunction"),
        "{missing}"
    );
}

#[test]
fn every_route_of_the_template_reaches_its_function_with_its_scopes_or_without_a_token() {
    let (template, issuer, authorizer) = routing();
    let api = template.http_api(API_LOGICAL_ID).expect("SummaryApi");
    assert!(api.routes.len() >= 5, "{:?}", api.routes);
    let everything = token(&issuer, &[READ, WRITE]);
    let nothing = token(&issuer, &[]);
    for declared in &api.routes {
        let path = concrete(&declared.path);
        let key = declared.route_key();
        // The template's scopes with the local parameter values.
        let scopes: Vec<String> = declared
            .scopes
            .iter()
            .map(|s| match s {
                EnvValue::Literal(text) => text.clone(),
                EnvValue::Parameter { name, default } => {
                    local_parameter(name, default.as_deref()).expect("local value")
                }
                EnvValue::Resource(id) => panic!("{key}: scope !Ref {id}"),
                EnvValue::Sub(text) => panic!("{key}: scope !Sub {text}"),
            })
            .collect();
        let admitted = route(&authorizer, &declared.method, &path, Some(&everything)).expect(&key);
        assert_eq!(admitted.function, declared.function, "{key}");
        assert_eq!(admitted.route_key, key);
        for name in declared.path_parameters() {
            assert_eq!(admitted.path_parameters[name], format!("{name}-1"), "{key}");
        }
        assert_eq!(
            admitted.path_parameters.len(),
            declared.path_parameters().len(),
            "{key}"
        );
        if declared.needs_token() {
            assert_eq!(
                route(&authorizer, &declared.method, &path, None),
                Err(Denied::Unauthorized("no token")),
                "{key}"
            );
            assert_eq!(
                route(&authorizer, &declared.method, &path, Some("Bearer not-a-jwt")),
                Err(Denied::Unauthorized("the token is not a JWT")),
                "{key}"
            );
            assert!(
                !scopes.is_empty(),
                "{key}: every JWT route of the template has a scope"
            );
            assert_eq!(
                route(&authorizer, &declared.method, &path, Some(&nothing)),
                Err(Denied::Forbidden {
                    expected: scopes.clone()
                }),
                "{key}"
            );
            for scope in &scopes {
                let one = token(&issuer, &[scope]);
                let admitted = route(&authorizer, &declared.method, &path, Some(&one)).expect(&key);
                let jwt = &admitted.authorizer.expect("claims")["jwt"];
                assert_eq!(jwt["claims"]["sub"], "crm-a", "{key}");
                assert_eq!(jwt["claims"]["iss"], LOCAL_ISSUER, "{key}");
                assert_eq!(jwt["claims"]["aud"], LOCAL_AUDIENCE, "{key}");
                assert_eq!(jwt["scopes"], json!([scope]), "{key}");
            }
        } else {
            // `Authorizer: NONE`: no token needed, none looked at, no claims handed on.
            for presented in [None, Some("Bearer not-a-jwt"), Some(nothing.as_str())] {
                let admitted = route(&authorizer, &declared.method, &path, presented).expect(&key);
                assert_eq!(admitted.function, declared.function, "{key}");
                assert_eq!(admitted.authorizer, None, "{key}");
            }
        }
    }
    // The scopes as the template sets them: the reads need the read scope, the write the write one.
    let scopes_of = |method: &str, path: &str| {
        let declared = api.route(method, path).expect("declared");
        authorizer
            .routes()
            .iter()
            .find(|r| r.route_key() == declared.route_key())
            .map(|r| r.scopes.clone())
            .expect("routed")
    };
    assert_eq!(scopes_of("GET", "/assist/insights"), vec![READ.to_owned()]);
    assert_eq!(
        scopes_of("GET", "/assist/conversations/{conversationId}/suggestions"),
        vec![READ.to_owned()]
    );
    assert_eq!(scopes_of("POST", "/summaries"), vec![WRITE.to_owned()]);
    assert_eq!(
        route(
            &authorizer,
            "GET",
            "/assist/insights",
            Some(&token(&issuer, &[WRITE]))
        ),
        Err(Denied::Forbidden {
            expected: vec![READ.to_owned()]
        })
    );
}

#[test]
fn a_request_no_route_matches_is_404_before_any_token_is_checked() {
    let (_, issuer, authorizer) = routing();
    let everything = token(&issuer, &[READ, WRITE]);
    for (method, path) in [
        ("GET", "/assist/events"),
        ("PUT", "/assist/events"),
        ("POST", "/assist/insights"),
        ("DELETE", "/assist/conversations/c1/suggestions"),
        ("GET", "/assist/conversations/c1"),
        ("GET", "/assist/conversations//suggestions"),
        ("GET", "/assist/insights/extra"),
        ("GET", "/assist"),
        ("GET", "/summaries"),
        ("GET", "/"),
        ("POST", "/nothing"),
    ] {
        for presented in [None, Some(everything.as_str())] {
            assert_eq!(
                route(&authorizer, method, path, presented),
                Err(Denied::NoRoute),
                "{method} {path}"
            );
        }
    }
    let (status, body, www) = Denied::NoRoute.answer();
    assert_eq!((status, body, www), (404, r#"{"message":"Not Found"}"#, None));
}

#[test]
fn every_function_gets_the_same_api_gateway_v2_event() {
    let (_, issuer, authorizer) = routing();
    let everything = token(&issuer, &[READ, WRITE]);
    let mut headers = HeaderMap::new();
    headers.insert(
        "authorization",
        format!("Bearer {everything}").parse().expect("header"),
    );
    headers.append("x-many", "a".parse().expect("header"));
    headers.append("x-many", "b".parse().expect("header"));
    headers.insert("cookie", "one=1; two=2".parse().expect("header"));
    let cases = [
        (
            Method::GET,
            "/assist/insights?queueId=a1b2&from=2026-01&from=2026-02&to=2026%2D03",
            "AssistCallbackFunction",
            "GET /assist/insights",
        ),
        (
            Method::GET,
            &format!("/assist/conversations/{CALL}/suggestions") as &str,
            "AssistCallbackFunction",
            "GET /assist/conversations/{conversationId}/suggestions",
        ),
        (
            Method::GET,
            &format!("/summaries/{CALL}") as &str,
            "SummaryApiFunction",
            "GET /summaries/{conversationId}",
        ),
        (
            Method::POST,
            "/assist/events",
            "AssistCallbackFunction",
            "POST /assist/events",
        ),
    ];
    for (method, target, function, key) in cases {
        let uri: Uri = target.parse().expect("uri");
        let admitted = route(&authorizer, method.as_str(), uri.path(), Some(&everything)).expect(key);
        assert_eq!(admitted.function, function);
        let jwt = admitted.authorizer.is_some();
        let event = http_event(&method, &uri, &headers, br#"{"a":1}"#, admitted);
        assert_eq!(event["version"], "2.0");
        assert_eq!(event["routeKey"], key);
        assert_eq!(event["requestContext"]["routeKey"], key);
        assert_eq!(event["rawPath"], uri.path());
        assert_eq!(event["requestContext"]["http"]["method"], method.as_str());
        assert_eq!(event["rawQueryString"], uri.query().unwrap_or(""));
        assert_eq!(event["headers"]["x-many"], "a,b");
        assert_eq!(event["cookies"], json!(["one=1", "two=2"]));
        assert!(event["headers"].get("cookie").is_none());
        assert_eq!(event["body"], r#"{"a":1}"#);
        assert_eq!(event["isBase64Encoded"], false);
        if key.contains("{conversationId}") {
            assert_eq!(event["pathParameters"], json!({"conversationId": CALL}));
        } else {
            assert!(event.get("pathParameters").is_none(), "{event:#}");
        }
        if jwt {
            assert_eq!(
                event["requestContext"]["authorizer"]["jwt"]["claims"]["sub"],
                "crm-a"
            );
        } else {
            assert!(event["requestContext"].get("authorizer").is_none(), "{event:#}");
        }
        // What the functions' runtime (lambda_http) reads it as.
        let parsed: aws_lambda_events::apigw::ApiGatewayV2httpRequest =
            serde_json::from_value(event.clone()).expect("an API Gateway v2 event");
        assert_eq!(parsed.route_key.as_deref(), Some(key));
    }
    let uri: Uri = "/assist/insights?queueId=a1b2&from=2026-01&from=2026-02&to=2026%2D03"
        .parse()
        .expect("uri");
    let admitted = route(&authorizer, "GET", uri.path(), Some(&everything)).expect("admitted");
    let event = http_event(&Method::GET, &uri, &HeaderMap::new(), &[0xff, 0x00], admitted);
    assert_eq!(
        event["queryStringParameters"],
        json!({"queueId": "a1b2", "from": "2026-01,2026-02", "to": "2026-03"})
    );
    assert_eq!(
        (&event["body"], &event["isBase64Encoded"]),
        (&json!("/wA="), &json!(true))
    );
}

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
async fn a_second_caller_cannot_read_the_first_callers_summary_and_assist_routes_reach_assist_callback() {
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

    // assist-callback's routes on the same API: its answers, after the same JWT check.
    let insights = || http.get(format!("{api}/assist/insights?from=2026-01&to=2026-03"));
    let (status, body, _) = send(insights(), Some(&read_only)).await;
    assert_eq!(status, 200, "{body:#}");
    assert_eq!(
        (&body["from"], &body["to"]),
        (&json!("2026-01"), &json!("2026-03"))
    );
    assert!(body["byKind"].is_array(), "{body:#}");
    let (status, body, _) = send(insights(), None).await;
    assert_eq!((status, body), (401, json!({"message": "Unauthorized"})));
    let write_only = local_token("crm-a", &["wrapup/summaries.write".to_owned()], 300).expect("token");
    let (status, body, _) = send(insights(), Some(&write_only)).await;
    assert_eq!((status, body), (403, json!({"message": "Forbidden"})));
    let (status, body, _) = send(
        http.get(format!("{api}/assist/insights?from=2026-04&to=2026-03")),
        Some(&read_only),
    )
    .await;
    assert_eq!(
        (status, &body["errors"][0]["field"]),
        (400, &json!("from")),
        "{body:#}"
    );
    let suggestions = |id: &str| http.get(format!("{api}/assist/conversations/{id}/suggestions"));
    let (status, body, _) = send(suggestions(CALL), Some(&read_only)).await;
    assert_eq!(
        (status, &body["error"]),
        (404, &json!("conversation_not_found")),
        "{body:#}"
    );
    let (status, body, _) = send(suggestions("not-a-uuid"), Some(&read_only)).await;
    assert_eq!(
        (status, &body["errors"][0]["field"]),
        (400, &json!("conversationId")),
        "{body:#}"
    );
    // The webhook route needs no token at the gateway; off locally, the function answers 404 itself.
    let (status, body, _) = send(http.post(format!("{api}/assist/events")).body("{}"), None).await;
    assert_eq!(
        (status, &body["error"]),
        (404, &json!("route_not_found")),
        "{body:#}"
    );
    let (status, body, _) = send(http.get(format!("{api}/assist/events")), Some(&crm_a)).await;
    assert_eq!((status, body), (404, json!({"message": "Not Found"})));

    gateway.stop();
    stack.shutdown().await.expect("shutdown");
}
