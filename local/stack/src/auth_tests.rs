use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;

use serde_json::json;

use super::*;

const NOW: u64 = 1_790_000_000;
const WRITE: &str = "wrapup/summaries.write";
const READ: &str = "wrapup/summaries.read";

fn key_path() -> PathBuf {
    std::env::temp_dir().join(format!("wrapup-auth-{}/key.pem", uuid::Uuid::new_v4()))
}

/// The repository's template, with a fresh local issuer.
fn setup() -> (LocalIssuer, LocalAuthorizer) {
    let issuer = LocalIssuer::at(&key_path()).expect("key");
    let template = Template::load().expect("template.yaml");
    let authorizer = LocalAuthorizer::from_template(&template, API_LOGICAL_ID, &issuer).expect("authorizer");
    (issuer, authorizer)
}

fn claims(overrides: Value) -> Value {
    let mut base = json!({
        "iss": LOCAL_ISSUER, "aud": LOCAL_AUDIENCE, "sub": "crm-a", "client_id": "crm-a",
        "scope": format!("{WRITE} {READ}"), "iat": NOW - 10, "nbf": NOW - 10, "exp": NOW + 600,
    });
    for (name, value) in overrides.as_object().expect("object") {
        if value.is_null() {
            base.as_object_mut().expect("object").remove(name);
        } else {
            base[name] = value.clone();
        }
    }
    base
}

fn call(
    authorizer: &LocalAuthorizer,
    method: &str,
    path: &str,
    authorization: Option<&str>,
) -> Result<Admitted, Denied> {
    let headers: HashMap<&str, &str> = authorization.map(|a| ("authorization", a)).into_iter().collect();
    authorizer.authorize(method, path, |name| headers.get(name).copied(), NOW)
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[test]
fn a_valid_token_reaches_the_function_with_its_claims_as_strings() {
    let (issuer, authorizer) = setup();
    let token = issuer
        .sign(&claims(json!({"groups": ["a", "b"]})))
        .expect("token");
    let admitted = call(&authorizer, "GET", "/summaries/conv-1", Some(&bearer(&token))).expect("admitted");
    assert_eq!(admitted.route_key, "GET /summaries/{conversationId}");
    assert_eq!(admitted.path_parameters["conversationId"], "conv-1");
    let jwt = &admitted.authorizer.expect("authorizer")["jwt"];
    assert_eq!(jwt["claims"]["sub"], "crm-a");
    assert_eq!(jwt["claims"]["exp"], (NOW + 600).to_string());
    assert_eq!(jwt["claims"]["groups"], "[a b]");
    assert_eq!(jwt["scopes"], json!([WRITE, READ]));
    // The `Bearer ` prefix is optional, as at API Gateway.
    assert!(call(&authorizer, "POST", "/summaries", Some(&token)).is_ok());
    // The local issuer's own access tokens pass too.
    let access = issuer
        .access_token("crm-b", &[WRITE.to_owned()], NOW, 60)
        .expect("token");
    assert!(call(&authorizer, "POST", "/summaries", Some(&bearer(&access))).is_ok());
}

#[test]
fn every_broken_token_is_refused_with_the_reason() {
    let (issuer, authorizer) = setup();
    let post = |authorization: Option<&str>| call(&authorizer, "POST", "/summaries", authorization);
    assert_eq!(post(None), Err(Denied::Unauthorized("no token")));
    assert_eq!(
        post(Some("Bearer nonsense")),
        Err(Denied::Unauthorized("the token is not a JWT"))
    );
    let cases = [
        (
            json!({"iss": "https://other.example/"}),
            "the token does not have a valid issuer",
        ),
        (
            json!({"aud": "someone-else"}),
            "the token does not have a valid audience",
        ),
        (json!({"aud": ["x", LOCAL_AUDIENCE]}), ""),
        // client_id counts only without aud.
        (
            json!({"aud": "someone-else", "client_id": LOCAL_AUDIENCE}),
            "the token does not have a valid audience",
        ),
        (json!({"aud": null, "client_id": LOCAL_AUDIENCE}), ""),
        (
            json!({"aud": null, "client_id": null}),
            "the token does not have a valid audience",
        ),
        (json!({"exp": NOW}), "the token has expired"),
        (json!({"exp": null}), "the token has no exp claim"),
        (json!({"nbf": NOW + 5}), "the token is not valid yet (nbf)"),
        (
            json!({"iat": NOW + 5}),
            "the token was issued in the future (iat)",
        ),
    ];
    for (overrides, reason) in cases {
        let token = issuer.sign(&claims(overrides.clone())).expect("token");
        let outcome = post(Some(&bearer(&token)));
        if reason.is_empty() {
            assert!(outcome.is_ok(), "{overrides}: {outcome:?}");
        } else {
            assert_eq!(outcome, Err(Denied::Unauthorized(reason)), "{overrides}");
        }
    }
    // Another key (another clone's, or an attacker's) is not the issuer's.
    let stranger = LocalIssuer::at(&key_path()).expect("key");
    let token = stranger.sign(&claims(json!({}))).expect("token");
    assert_eq!(
        post(Some(&bearer(&token))),
        Err(Denied::Unauthorized(
            "the token's kid is not one of the issuer's keys"
        ))
    );
    // The issuer's kid on a token it did not sign, and a payload changed after signing.
    let mut forged = jsonwebtoken::Header::new(Algorithm::RS256);
    forged.kid = Some(issuer.key_id.clone());
    let token = jsonwebtoken::encode(&forged, &claims(json!({})), &stranger.signing).expect("token");
    assert_eq!(
        post(Some(&bearer(&token))),
        Err(Denied::Unauthorized("the token's signature is invalid"))
    );
    let token = issuer.sign(&claims(json!({}))).expect("token");
    let parts: Vec<&str> = token.split('.').collect();
    let admin = URL_SAFE_NO_PAD.encode(claims(json!({"sub": "admin"})).to_string());
    let tampered = format!("{}.{admin}.{}", parts[0], parts[2]);
    assert_eq!(
        post(Some(&bearer(&tampered))),
        Err(Denied::Unauthorized("the token's signature is invalid"))
    );
    // A symmetric algorithm is never accepted (the classic "sign with the public key" attack).
    let mut hs = jsonwebtoken::Header::new(Algorithm::HS256);
    hs.kid = Some(issuer.key_id.clone());
    let token = jsonwebtoken::encode(
        &hs,
        &claims(json!({})),
        &EncodingKey::from_secret(issuer.modulus.as_bytes()).expect("key"),
    )
    .expect("token");
    assert_eq!(
        post(Some(&bearer(&token))),
        Err(Denied::Unauthorized(
            "the token is not signed with an RSA algorithm"
        ))
    );
}

#[test]
fn each_route_needs_one_of_its_scopes() {
    let (issuer, authorizer) = setup();
    let read_only = issuer.sign(&claims(json!({"scope": READ}))).expect("token");
    assert!(call(&authorizer, "GET", "/summaries/c1", Some(&bearer(&read_only))).is_ok());
    let denied = call(&authorizer, "POST", "/summaries", Some(&bearer(&read_only)));
    assert_eq!(
        denied,
        Err(Denied::Forbidden {
            expected: vec![WRITE.to_owned()]
        })
    );
    let (status, body, www) = denied.expect_err("denied").answer();
    assert_eq!((status, body), (403, r#"{"message":"Forbidden"}"#));
    assert!(www.expect("www-authenticate").contains("insufficient_scope"));
    // `scp` as a list (Okta, Entra) counts as well as `scope`.
    let scp = issuer
        .sign(&claims(json!({"scope": null, "scp": [WRITE]})))
        .expect("token");
    assert!(call(&authorizer, "POST", "/summaries", Some(&bearer(&scp))).is_ok());
    let none = issuer.sign(&claims(json!({"scope": null}))).expect("token");
    assert!(matches!(
        call(&authorizer, "GET", "/summaries/c1", Some(&bearer(&none))),
        Err(Denied::Forbidden { .. })
    ));
    assert_eq!(authorizer.all_scopes(), vec![WRITE.to_owned(), READ.to_owned()]);
}

#[test]
fn only_the_templates_routes_exist() {
    let (issuer, authorizer) = setup();
    let token = bearer(&issuer.sign(&claims(json!({}))).expect("token"));
    for (method, path) in [
        ("GET", "/summaries"),
        ("DELETE", "/summaries/c1"),
        ("GET", "/summaries/"),
        ("GET", "/summaries/a/b"),
        ("POST", "/other"),
    ] {
        assert_eq!(
            call(&authorizer, method, path, Some(&token)),
            Err(Denied::NoRoute),
            "{method} {path}"
        );
        // API Gateway answers 404 before it looks at the token.
        assert_eq!(
            call(&authorizer, method, path, None),
            Err(Denied::NoRoute),
            "{method} {path}"
        );
    }
    assert_eq!(Denied::NoRoute.answer().0, 404);
    assert_eq!(Denied::Unauthorized("x").answer().0, 401);
}

#[test]
fn path_templates_match_segments() {
    let params = |template, path| match_path(template, path).map(Value::Object);
    assert_eq!(params("/a/{id}", "/a/1"), Some(json!({"id": "1"})));
    assert_eq!(params("/a/{id}", "/a/"), None);
    assert_eq!(params("/a/{id}", "/a"), None);
    assert_eq!(params("/a/{p+}", "/a/1/2"), Some(json!({"p": "1/2"})));
    assert_eq!(params("/a/{p+}", "/a"), None);
    assert_eq!(params("/a", "/a/b"), None);
}

#[test]
fn the_key_is_made_once_private_to_its_owner_and_reused() {
    let path = key_path();
    let first = LocalIssuer::at(&path).expect("made");
    let mode = std::fs::metadata(&path).expect("file").permissions().mode();
    assert_eq!(mode & 0o077, 0, "the key is readable by others: {mode:o}");
    let again = LocalIssuer::at(&path).expect("read");
    assert_eq!(first.jwk(), again.jwk());
    assert_eq!(first.jwk()["kty"], "RSA");
    std::fs::write(&path, "not a key").expect("write");
    assert!(LocalIssuer::at(&path).is_err());
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}
