//! API Gateway's JWT authorizer on one machine, and the identity provider whose tokens it accepts.
//!
//! The routes, issuer, audiences and scopes come from template.yaml (the `SummaryApi` HTTP API and
//! the functions' `HttpApi` events), with the local values of the parameters a deployment sets.
//! Each route names the function it invokes; a route with `Authorizer: NONE` is let through
//! without a token (the function authenticates the caller itself).
//! Tokens are RS256 JWTs signed with a key made once per clone (`.local/jwt-signing-key.pem`, never
//! committed, never trusted by a deployed stack: its issuer is not an https host anyone serves).
//! The checks follow API Gateway's documented order: token (with or without `Bearer `), RSA
//! signature by a known `kid`, `iss`, `aud` (or `client_id` when there is no `aud`), `exp`, `nbf`
//! and `iat`, then the route's scopes against `scope` / `scp`. 401 and 403 answer as API Gateway
//! does, with a `www-authenticate` header saying why.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value, json};
use wrapup_template::{EnvValue, Template};

/// The local stack's value of the template's `JwtIssuer` parameter.
pub const LOCAL_ISSUER: &str = "https://auth.wrapup.local/";
/// The local stack's value of the template's `JwtAudience` parameter.
pub const LOCAL_AUDIENCE: &str = "wrapup-local";
/// The HTTP API the local gateway stands in for.
pub const API_LOGICAL_ID: &str = "SummaryApi";
/// Where the local signing key lives, under the repository root (ignored by git).
const KEY_FILE: &str = ".local/jwt-signing-key.pem";

/// The value a local stack gives a template parameter: the deployment-only ones set here, the
/// rest their defaults.
pub fn local_parameter(name: &str, default: Option<&str>) -> Option<String> {
    match name {
        "JwtIssuer" => Some(LOCAL_ISSUER.to_owned()),
        "JwtAudience" => Some(LOCAL_AUDIENCE.to_owned()),
        _ => default.map(str::to_owned),
    }
}

fn resolve(value: &EnvValue, what: &str) -> Result<String> {
    match value {
        EnvValue::Literal(text) => Ok(text.clone()),
        EnvValue::Parameter { name, default } => local_parameter(name, default.as_deref())
            .ok_or_else(|| anyhow!("{what}: parameter {name} has no local value")),
        EnvValue::Resource(id) => bail!("{what}: !Ref {id} is a resource, not a value"),
        EnvValue::Sub(text) => bail!("{what}: !Sub {text} has no local value"),
    }
}

#[path = "auth_issuer.rs"]
mod issuer;
pub use issuer::{LocalIssuer, local_token};

/// One route of the API: the function it invokes and what it requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Upper-case method, or `ANY`.
    pub method: String,
    /// The path template, e.g. `/summaries/{conversationId}`.
    pub path: String,
    /// The function's logical id in template.yaml (`SummaryApiFunction`).
    pub function: String,
    /// `None`: the route has no authorizer (`Authorizer: NONE`).
    pub authorizer: Option<String>,
    /// The local values of its `AuthorizationScopes`: a token needs one of them.
    pub scopes: Vec<String>,
}

impl Route {
    /// API Gateway's route key, `GET /summaries/{conversationId}`.
    pub fn route_key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// How specific the route is, for choosing among routes that match one request as API
    /// Gateway does: more literal segments first, a greedy `{name+}` last, a method over `ANY`.
    fn specificity(&self) -> (usize, bool, bool) {
        let segments: Vec<&str> = self.path.split('/').filter(|s| !s.is_empty()).collect();
        let literal = segments.iter().filter(|s| !s.starts_with('{')).count();
        let greedy = segments.iter().any(|s| s.ends_with("+}"));
        (literal, !greedy, self.method != "ANY")
    }
}

struct Authorizer {
    identity_header: String,
    issuer: String,
    audiences: Vec<String>,
}

/// The API's routes and authorizers, enforced as API Gateway does.
pub struct LocalAuthorizer {
    routes: Vec<Route>,
    authorizers: BTreeMap<String, Authorizer>,
    key_id: String,
    key: DecodingKey,
}

/// A request the authorizer let through, with what API Gateway hands the function.
#[derive(Debug, Clone, PartialEq)]
pub struct Admitted {
    /// `POST /summaries`: the route key of the event.
    pub route_key: String,
    /// The logical id of the function the route invokes.
    pub function: String,
    pub path_parameters: Map<String, Value>,
    /// `requestContext.authorizer` of the event (absent for a route without an authorizer).
    pub authorizer: Option<Value>,
}

/// Why a request did not reach the function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// No route matches: 404 `{"message":"Not Found"}`.
    NoRoute,
    /// No token, or one that does not validate: 401.
    Unauthorized(&'static str),
    /// A valid token without any of the route's scopes: 403.
    Forbidden { expected: Vec<String> },
}

impl Denied {
    /// Status, body and `www-authenticate` value, as API Gateway answers.
    pub fn answer(&self) -> (u16, &'static str, Option<String>) {
        match self {
            Self::NoRoute => (404, r#"{"message":"Not Found"}"#, None),
            Self::Unauthorized(why) => (
                401,
                r#"{"message":"Unauthorized"}"#,
                Some(format!(
                    r#"Bearer scope="" error="invalid_token" error_description="{why}""#
                )),
            ),
            Self::Forbidden { expected } => (
                403,
                r#"{"message":"Forbidden"}"#,
                Some(format!(
                    r#"Bearer scope="{}" error="insufficient_scope" error_description="expected scopes: [{}]""#,
                    expected.join(" "),
                    expected.join(" ")
                )),
            ),
        }
    }
}

impl LocalAuthorizer {
    /// The template's `api` with its local parameter values, verifying with `issuer`'s key.
    pub fn from_template(template: &Template, api: &str, issuer: &LocalIssuer) -> Result<Self> {
        let definition = template
            .http_api(api)
            .ok_or_else(|| anyhow!("template.yaml has no AWS::Serverless::HttpApi {api}"))?;
        let mut authorizers = BTreeMap::new();
        for jwt in &definition.authorizers {
            let what = format!("{api} authorizer {}", jwt.name);
            let header = jwt
                .identity_source
                .strip_prefix("$request.header.")
                .ok_or_else(|| anyhow!("{what}: only a request header is supported as IdentitySource"))?;
            let mut audiences = Vec::new();
            for value in &jwt.audience {
                let list = resolve(value, &what)?;
                audiences.extend(
                    list.split(',')
                        .map(|a| a.trim().to_owned())
                        .filter(|a| !a.is_empty()),
                );
            }
            let authorizer = Authorizer {
                identity_header: header.to_ascii_lowercase(),
                issuer: resolve(&jwt.issuer, &what)?,
                audiences,
            };
            authorizers.insert(jwt.name.clone(), authorizer);
        }
        let routes = definition
            .routes
            .iter()
            .map(|route| {
                let what = format!("{api} route {} {}", route.method, route.path);
                let scopes = route
                    .scopes
                    .iter()
                    .map(|s| resolve(s, &what))
                    .collect::<Result<_>>()?;
                Ok(Route {
                    method: route.method.clone(),
                    path: route.path.clone(),
                    function: route.function.clone(),
                    authorizer: route.authorizer.clone(),
                    scopes,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let key = DecodingKey::from_rsa_components(&issuer.modulus, &issuer.exponent)
            .context("the local issuer's public key")?;
        Ok(Self {
            routes,
            authorizers,
            key_id: issuer.key_id.clone(),
            key,
        })
    }

    /// The API's routes, in the template's order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Every scope some route requires (what a token for every route needs).
    pub fn all_scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = Vec::new();
        for scope in self.routes.iter().flat_map(|r| &r.scopes) {
            if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
        scopes
    }

    /// Authorizes `method path` with the request's `header(name)` (lower-case names), at `now`
    /// (seconds since the epoch).
    pub fn authorize<'h>(
        &self,
        method: &str,
        path: &str,
        header: impl Fn(&str) -> Option<&'h str>,
        now: u64,
    ) -> Result<Admitted, Denied> {
        let (route, path_parameters) = self
            .routes
            .iter()
            // The last of equally specific routes wins in `max_by_key`: reversed, the first declared.
            .rev()
            .filter_map(|route| {
                let method_matches = route.method == "ANY" || route.method.eq_ignore_ascii_case(method);
                let parameters = match_path(&route.path, path)?;
                method_matches.then_some((route, parameters))
            })
            .max_by_key(|(route, _)| route.specificity())
            .ok_or(Denied::NoRoute)?;
        let route_key = route.route_key();
        let function = route.function.clone();
        let Some(name) = &route.authorizer else {
            return Ok(Admitted {
                route_key,
                function,
                path_parameters,
                authorizer: None,
            });
        };
        let authorizer = self
            .authorizers
            .get(name)
            .ok_or(Denied::Unauthorized("the route's authorizer is not configured"))?;
        let token = header(&authorizer.identity_header).ok_or(Denied::Unauthorized("no token"))?;
        let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
        let claims = self.validate(authorizer, token, now)?;
        let granted = token_scopes(&claims);
        if !route.scopes.is_empty() && !route.scopes.iter().any(|s| granted.contains(s)) {
            return Err(Denied::Forbidden {
                expected: route.scopes.clone(),
            });
        }
        let claims: Map<String, Value> = claims
            .into_iter()
            .map(|(name, value)| (name, Value::String(claim_text(&value))))
            .collect();
        let scopes = if route.scopes.is_empty() {
            Value::Null
        } else {
            json!(granted)
        };
        Ok(Admitted {
            route_key,
            function,
            path_parameters,
            authorizer: Some(json!({"jwt": {"claims": claims, "scopes": scopes}})),
        })
    }

    fn validate(&self, authorizer: &Authorizer, token: &str, now: u64) -> Result<Map<String, Value>, Denied> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|_| Denied::Unauthorized("the token is not a JWT"))?;
        if !matches!(header.alg, Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512) {
            return Err(Denied::Unauthorized(
                "the token is not signed with an RSA algorithm",
            ));
        }
        if header.kid.as_deref() != Some(self.key_id.as_str()) {
            return Err(Denied::Unauthorized(
                "the token's kid is not one of the issuer's keys",
            ));
        }
        // Claims are checked below in API Gateway's terms; the library checks the signature only.
        let mut validation = Validation::new(header.alg);
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Map<String, Value>>(token, &self.key, &validation)
            .map_err(|_| Denied::Unauthorized("the token's signature is invalid"))?
            .claims;
        if claims.get("iss").and_then(Value::as_str) != Some(authorizer.issuer.as_str()) {
            return Err(Denied::Unauthorized("the token does not have a valid issuer"));
        }
        // `aud` when present (a string or a list), else `client_id`.
        let audiences: Vec<&str> = match (claims.get("aud"), claims.get("client_id")) {
            (Some(Value::String(one)), _) => vec![one],
            (Some(Value::Array(many)), _) => many.iter().filter_map(Value::as_str).collect(),
            (Some(_), _) => Vec::new(),
            (None, Some(Value::String(client))) => vec![client],
            (None, _) => Vec::new(),
        };
        if !audiences
            .iter()
            .any(|a| authorizer.audiences.iter().any(|want| want == a))
        {
            return Err(Denied::Unauthorized("the token does not have a valid audience"));
        }
        let time = |name: &str| claims.get(name).and_then(Value::as_f64);
        match time("exp") {
            Some(exp) if exp > now as f64 => {}
            Some(_) => return Err(Denied::Unauthorized("the token has expired")),
            None => return Err(Denied::Unauthorized("the token has no exp claim")),
        }
        if time("nbf").is_some_and(|nbf| nbf > now as f64) {
            return Err(Denied::Unauthorized("the token is not valid yet (nbf)"));
        }
        if time("iat").is_some_and(|iat| iat > now as f64) {
            return Err(Denied::Unauthorized("the token was issued in the future (iat)"));
        }
        Ok(claims)
    }
}

/// The scopes a token grants: `scope` (space-separated) or `scp` (a list or a string).
fn token_scopes(claims: &Map<String, Value>) -> Vec<String> {
    let mut scopes = Vec::new();
    for name in ["scope", "scp"] {
        match claims.get(name) {
            Some(Value::String(text)) => scopes.extend(text.split_whitespace().map(str::to_owned)),
            Some(Value::Array(items)) => {
                scopes.extend(items.iter().filter_map(Value::as_str).map(str::to_owned))
            }
            _ => {}
        }
    }
    scopes
}

/// A claim as API Gateway passes it to the function: strings as they are, lists as `[a b]`, other
/// values as JSON text.
fn claim_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(claim_text).collect();
            format!("[{}]", items.join(" "))
        }
        other => other.to_string(),
    }
}

/// Matches `/summaries/{conversationId}` against a path: each `{name}` one non-empty segment,
/// `{name+}` the rest. The path parameters when it matches.
fn match_path(template: &str, path: &str) -> Option<Map<String, Value>> {
    let mut parameters = Map::new();
    let mut segments = path.trim_start_matches('/').split('/');
    for pattern in template.trim_start_matches('/').split('/') {
        if let Some(name) = pattern.strip_prefix('{').and_then(|p| p.strip_suffix("+}")) {
            let rest: Vec<&str> = segments.by_ref().collect();
            if rest.is_empty() || rest[0].is_empty() {
                return None;
            }
            parameters.insert(name.to_owned(), Value::String(rest.join("/")));
            return Some(parameters);
        }
        let segment = segments.next()?;
        match pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) if !segment.is_empty() => {
                parameters.insert(name.to_owned(), Value::String(segment.to_owned()));
            }
            Some(_) => return None,
            None if segment == pattern => {}
            None => return None,
        }
    }
    segments.next().is_none().then_some(parameters)
}

#[cfg(test)]
#[path = "auth_tests.rs"]
mod tests;
