//! `AWS::Serverless::HttpApi` and the `HttpApi` events of the functions: the routes and the JWT
//! authorizer API Gateway puts in front of them, so the local gateway enforces exactly what a
//! deployed stack does (issuer, audiences, each route's scopes).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use serde_norway::{Mapping, Value};

use crate::function::{EnvValue, env_value};
use crate::intrinsic::{intrinsic, kind};
use crate::values::{literal_str, mapping};

/// A JWT authorizer (`Auth.Authorizers.<name>.JwtConfiguration`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtAuthorizerDef {
    pub name: String,
    /// `IdentitySource`, e.g. `$request.header.Authorization`.
    pub identity_source: String,
    /// `issuer`: usually `!Ref` of a parameter.
    pub issuer: EnvValue,
    /// `audience`: a list, or `!Ref` of a `CommaDelimitedList` parameter.
    pub audience: Vec<EnvValue>,
}

/// One route of an HTTP API, from a function's `HttpApi` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteDef {
    /// The event's name in the function (`CreateSummary`).
    pub event: String,
    /// The function the route invokes.
    pub function: String,
    /// Upper-case method, or `ANY`.
    pub method: String,
    /// The path template, e.g. `/summaries/{conversationId}`.
    pub path: String,
    /// The authorizer's name; `None` when the route opts out (`Authorizer: NONE`).
    pub authorizer: Option<String>,
    /// `AuthorizationScopes`: a token needs at least one of them (none: no scope check).
    pub scopes: Vec<EnvValue>,
}

impl RouteDef {
    /// API Gateway's route key: `GET /summaries/{conversationId}` (`ANY /path` for any method).
    pub fn route_key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The names of the path's `{name}` and `{name+}` (greedy) parameters, in order.
    pub fn path_parameters(&self) -> Vec<&str> {
        self.path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| name.strip_suffix('+').unwrap_or(name))
            .collect()
    }

    /// Whether a token is checked before the function runs (`false`: `Authorizer: NONE`).
    pub fn needs_token(&self) -> bool {
        self.authorizer.is_some()
    }
}

/// An `AWS::Serverless::HttpApi` with its JWT authorizers and the routes functions attach to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpApiDef {
    pub logical_id: String,
    pub authorizers: Vec<JwtAuthorizerDef>,
    pub routes: Vec<RouteDef>,
}

impl HttpApiDef {
    /// The authorizer with this name.
    pub fn authorizer(&self, name: &str) -> Option<&JwtAuthorizerDef> {
        self.authorizers.iter().find(|a| a.name == name)
    }

    /// The route declared for exactly `method` and path template `path` (`GET`,
    /// `/summaries/{conversationId}`).
    pub fn route(&self, method: &str, path: &str) -> Option<&RouteDef> {
        self.routes
            .iter()
            .find(|r| r.method.eq_ignore_ascii_case(method) && r.path == path)
    }

    /// The functions the API's routes invoke, each once, in the template's order.
    pub fn functions(&self) -> Vec<&str> {
        let mut functions: Vec<&str> = Vec::new();
        for route in &self.routes {
            if !functions.contains(&route.function.as_str()) {
                functions.push(&route.function);
            }
        }
        functions
    }

    /// Parses the API's `Auth`; routes are added by [`add_routes`].
    pub(crate) fn parse(
        logical_id: &str,
        props: &Mapping,
        resources: &BTreeSet<String>,
        defaults: &BTreeMap<String, String>,
    ) -> Result<(Self, Option<String>)> {
        let what = format!("{logical_id}.Properties.Auth");
        let mut authorizers = Vec::new();
        let mut default_authorizer = None;
        if let Some(auth) = props.get("Auth") {
            let auth = mapping(auth, &what)?;
            if let Some(name) = auth.get("DefaultAuthorizer") {
                default_authorizer = Some(literal_str(name, &format!("{what}.DefaultAuthorizer"))?);
            }
            if let Some(all) = auth.get("Authorizers") {
                for (name, definition) in mapping(all, &format!("{what}.Authorizers"))? {
                    let name = name
                        .as_str()
                        .ok_or_else(|| anyhow!("{what}.Authorizers: names must be strings"))?;
                    let at = format!("{what}.Authorizers.{name}");
                    authorizers.push(jwt_authorizer(name, definition, &at, resources, defaults)?);
                }
            }
        }
        if let Some(name) = &default_authorizer
            && !authorizers.iter().any(|a| &a.name == name)
        {
            bail!("{what}.DefaultAuthorizer {name} is not one of its Authorizers");
        }
        let api = Self {
            logical_id: logical_id.to_owned(),
            authorizers,
            routes: Vec::new(),
        };
        Ok((api, default_authorizer))
    }
}

fn jwt_authorizer(
    name: &str,
    definition: &Value,
    what: &str,
    resources: &BTreeSet<String>,
    defaults: &BTreeMap<String, String>,
) -> Result<JwtAuthorizerDef> {
    let definition = mapping(definition, what)?;
    let identity_source = match definition.get("IdentitySource") {
        Some(value) => literal_str(value, &format!("{what}.IdentitySource"))?,
        None => "$request.header.Authorization".to_owned(),
    };
    let jwt = definition
        .get("JwtConfiguration")
        .ok_or_else(|| anyhow!("{what}: only JWT authorizers (JwtConfiguration) are understood"))?;
    let jwt = mapping(jwt, &format!("{what}.JwtConfiguration"))?;
    let issuer = jwt
        .get("issuer")
        .ok_or_else(|| anyhow!("{what}.JwtConfiguration has no issuer"))?;
    let issuer = env_value(issuer, resources, defaults)
        .map_err(|reason| anyhow!("{what}.JwtConfiguration.issuer: {reason}"))?;
    let audience = jwt
        .get("audience")
        .ok_or_else(|| anyhow!("{what}.JwtConfiguration has no audience"))?;
    let audience = values_or_list(audience, resources, defaults)
        .map_err(|reason| anyhow!("{what}.JwtConfiguration.audience: {reason}"))?;
    Ok(JwtAuthorizerDef {
        name: name.to_owned(),
        identity_source,
        issuer,
        audience,
    })
}

/// A YAML list of scalars or `!Ref`s, or one `!Ref` (of a list parameter).
fn values_or_list(
    value: &Value,
    resources: &BTreeSet<String>,
    defaults: &BTreeMap<String, String>,
) -> std::result::Result<Vec<EnvValue>, String> {
    match value {
        Value::Sequence(items) => items.iter().map(|v| env_value(v, resources, defaults)).collect(),
        other => Ok(vec![env_value(other, resources, defaults)?]),
    }
}

/// Adds the `HttpApi` events of function `function` to the API each names (`ApiId: !Ref ...`).
pub(crate) fn add_routes(
    apis: &mut [(HttpApiDef, Option<String>)],
    function: &str,
    props: &Mapping,
    resources: &BTreeSet<String>,
    defaults: &BTreeMap<String, String>,
) -> Result<()> {
    let Some(events) = props.get("Events") else {
        return Ok(());
    };
    for (event, definition) in mapping(events, &format!("{function}.Events"))? {
        let event = event
            .as_str()
            .ok_or_else(|| anyhow!("{function}.Events: names must be strings"))?;
        let what = format!("{function}.Events.{event}");
        let definition = mapping(definition, &what)?;
        if definition.get("Type").and_then(Value::as_str) != Some("HttpApi") {
            continue;
        }
        let empty = Mapping::new();
        let route = match definition.get("Properties") {
            Some(p) => mapping(p, &format!("{what}.Properties"))?,
            None => &empty,
        };
        let api_id = match route.get("ApiId").map(intrinsic) {
            Some(Some((name, target))) if name == "Ref" => target
                .as_str()
                .ok_or_else(|| anyhow!("{what}.ApiId: !Ref must name a resource"))?
                .to_owned(),
            Some(_) => bail!("{what}.ApiId must be !Ref of an AWS::Serverless::HttpApi"),
            None => bail!("{what}: routes on SAM's implicit API are not supported, set ApiId"),
        };
        let Some((api, default_authorizer)) = apis.iter_mut().find(|(a, _)| a.logical_id == api_id) else {
            bail!("{what}.ApiId {api_id} is not an AWS::Serverless::HttpApi of this template");
        };
        let method = match route.get("Method") {
            Some(m) => literal_str(m, &format!("{what}.Method"))?.to_ascii_uppercase(),
            None => "ANY".to_owned(),
        };
        let path = match route.get("Path") {
            Some(p) => literal_str(p, &format!("{what}.Path"))?,
            None => bail!("{what} has no Path"),
        };
        let (authorizer, scopes) =
            route_auth(route.get("Auth"), default_authorizer, &what, resources, defaults)?;
        if let Some(name) = &authorizer
            && api.authorizer(name).is_none()
        {
            bail!("{what}.Auth.Authorizer {name} is not an authorizer of {api_id}");
        }
        if let Some(other) = api.routes.iter().find(|r| r.method == method && r.path == path) {
            bail!(
                "{what}: {api_id} already routes {method} {path} to {}.Events.{} (API Gateway refuses a duplicate route key)",
                other.function,
                other.event
            );
        }
        api.routes.push(RouteDef {
            event: event.to_owned(),
            function: function.to_owned(),
            method,
            path,
            authorizer,
            scopes,
        });
    }
    Ok(())
}

type RouteAuth = (Option<String>, Vec<EnvValue>);

fn route_auth(
    auth: Option<&Value>,
    default_authorizer: &Option<String>,
    what: &str,
    resources: &BTreeSet<String>,
    defaults: &BTreeMap<String, String>,
) -> Result<RouteAuth> {
    let Some(auth) = auth else {
        return Ok((default_authorizer.clone(), Vec::new()));
    };
    let auth = mapping(auth, &format!("{what}.Auth"))?;
    let authorizer = match auth.get("Authorizer") {
        Some(name) => match literal_str(name, &format!("{what}.Auth.Authorizer"))?.as_str() {
            "NONE" => None,
            name => Some(name.to_owned()),
        },
        None => default_authorizer.clone(),
    };
    let scopes = match auth.get("AuthorizationScopes") {
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|v| env_value(v, resources, defaults))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|reason| anyhow!("{what}.Auth.AuthorizationScopes: {reason}"))?,
        Some(other) => bail!(
            "{what}.Auth.AuthorizationScopes must be a list, found {}",
            kind(other)
        ),
        None => Vec::new(),
    };
    Ok((authorizer, scopes))
}
