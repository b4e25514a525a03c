//! `GenesysClient`: built once per Lambda sandbox, cheap to clone, one method per operation.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;

use super::auth::OAuthClient;
use super::counters::CallCounters;
use super::error::GenesysError;
use super::http::{ApiCall, HttpCore};
use super::pacer::{RateLimitStatus, RequestPacer};
use super::retry::{self, Deadline};
use super::token_cache::{TokenCache, TokenCacheConfig, TokenCacheStats};
use super::token_store::TokenStore;
use crate::config::GenesysConfig;

/// A Genesys Cloud Platform API v2 client. Clones share the HTTP connection pool, the token cache
/// and the rate-limit state; `with_deadline` gives a clone bound to a caller's time budget.
#[derive(Clone)]
pub struct GenesysClient {
    pub(crate) core: Arc<HttpCore>,
    deadline: Option<Deadline>,
}

pub struct GenesysClientBuilder {
    config: GenesysConfig,
    store: Option<Arc<dyn TokenStore>>,
    pacer: Option<Arc<dyn RequestPacer>>,
    cache: TokenCacheConfig,
}

impl GenesysClientBuilder {
    /// Shares tokens with every other instance through this store (DynamoDB in Lambda).
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// Paces every call: an in-process [`super::Pacer`], or a [`super::SharedRateBudget`] that
    /// keeps all workers sharing the token under the org's limit (the archive miner).
    pub fn pacer(mut self, pacer: Arc<dyn RequestPacer>) -> Self {
        self.pacer = Some(pacer);
        self
    }

    pub fn token_cache_config(mut self, cache: TokenCacheConfig) -> Self {
        self.cache = cache;
        self
    }

    pub fn build(self) -> Result<GenesysClient, GenesysError> {
        let http_config = self.config.http.clone();
        let http = reqwest::Client::builder()
            .connect_timeout(http_config.connect_timeout)
            .timeout(http_config.request_timeout)
            .pool_idle_timeout(Duration::from_secs(50))
            .user_agent(concat!("wrapup/", env!("CARGO_PKG_VERSION")))
            .https_only(false)
            .build()
            .map_err(|source| GenesysError::Network {
                operation: "buildHttpClient",
                source,
            })?;
        let Some(client_secret) = self.config.client_secret.value() else {
            return Err(GenesysError::InvalidArgument {
                what: "client secret",
                reason: "GENESYS_CLIENT_SECRET_ARN must be resolved first (GenesysConfig::resolve_secret)"
                    .into(),
            });
        };
        let policy = retry::policy(&http_config);
        let oauth = OAuthClient::new(
            http.clone(),
            &self.config.login_base,
            self.config.client_id.clone(),
            client_secret.clone(),
            policy.clone(),
            self.config.token_refresh_margin,
        )
        .map_err(|e| GenesysError::InvalidArgument {
            what: "GENESYS_LOGIN_BASE_URL",
            reason: e.to_string(),
        })?;
        let core = HttpCore {
            http,
            api_base: self.config.api_base.clone(),
            tokens: TokenCache::new(oauth, self.store, self.cache),
            policy,
            config: http_config,
            pacer: self.pacer,
            rate_limit: Mutex::new(None),
            counters: Arc::default(),
        };
        Ok(GenesysClient {
            core: Arc::new(core),
            deadline: None,
        })
    }
}

impl GenesysClient {
    /// The builder every function starts from at cold start: the client secret read from Secrets
    /// Manager when the configuration names an ARN, and tokens shared through the token table.
    pub async fn for_function(
        config: &crate::config::Config,
        dynamodb: &aws_sdk_dynamodb::Client,
        secrets: &aws_sdk_secretsmanager::Client,
    ) -> Result<GenesysClientBuilder, crate::secrets::SecretError> {
        let genesys = config.genesys.clone().resolve_secret(secrets).await?;
        let store = super::token_store::DynamoDbTokenStore::new(dynamodb.clone(), config.token_table.clone());
        Ok(Self::builder(genesys).token_store(Arc::new(store)))
    }

    pub fn builder(config: GenesysConfig) -> GenesysClientBuilder {
        GenesysClientBuilder {
            config,
            store: None,
            pacer: None,
            cache: TokenCacheConfig::default(),
        }
    }

    /// A clone whose calls must finish by `deadline` (retries and waits included).
    pub fn with_deadline(&self, deadline: Deadline) -> Self {
        Self {
            core: Arc::clone(&self.core),
            deadline: Some(deadline),
        }
    }

    pub(crate) fn deadline(&self) -> Deadline {
        self.deadline
            .unwrap_or_else(|| Deadline::after(self.core.config.default_call_budget))
    }

    /// The last `inin-ratelimit-*` headers Genesys sent.
    pub fn rate_limit(&self) -> Option<RateLimitStatus> {
        self.core.rate_limit()
    }

    /// The counts of API requests, 429s and retries of this client and its clones.
    pub fn call_counters(&self) -> Arc<CallCounters> {
        Arc::clone(&self.core.counters)
    }

    pub fn token_stats(&self) -> TokenCacheStats {
        self.core.tokens.stats()
    }

    /// The shared token item's key (one per client id and region).
    pub fn token_cache_key(&self) -> &str {
        self.core.tokens.key()
    }

    /// Makes sure a token is at hand (e.g. to warm a sandbox) without calling the API.
    pub async fn ensure_token(&self) -> Result<(), GenesysError> {
        self.core.tokens.token(self.deadline()).await.map(|_| ())
    }

    /// A call of the Platform API operation `operation`: `method` on `path`, the operation's
    /// path template in `spec/genesys-openapi.json` ("/api/v2/conversations/{conversationId}"),
    /// its `{parameters}` filled in order from `params`.
    pub(crate) fn call(
        &self,
        operation: &'static str,
        method: Method,
        path: &'static str,
        params: &[&str],
    ) -> ApiCall {
        let idempotent = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::PATCH
        );
        ApiCall {
            operation,
            method,
            url: self.core.url(&filled(path, params)),
            body: None,
            idempotent,
        }
    }

    pub(crate) fn with_body<T: Serialize + ?Sized>(
        &self,
        mut call: ApiCall,
        body: &T,
        idempotent: bool,
    ) -> Result<ApiCall, GenesysError> {
        let bytes = serde_json::to_vec(body).map_err(|source| GenesysError::Decode {
            operation: call.operation,
            source,
        })?;
        call.body = Some(bytes.into());
        call.idempotent = idempotent;
        Ok(call)
    }
}

/// The segments of a path template with each `{parameter}` replaced by the next of `params`
/// (an empty segment when there are too few: a request Genesys answers 404, not another path).
fn filled<'a>(template: &'a str, params: &[&'a str]) -> Vec<&'a str> {
    let mut params = params.iter();
    template
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            if segment.starts_with('{') {
                params.next().copied().unwrap_or_default()
            } else {
                segment
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::*;
    use crate::config::HttpConfig;

    fn client(base: &str) -> GenesysClient {
        let config = GenesysConfig {
            client_id: "id".into(),
            client_secret: "secret".into(),
            api_base: Url::parse(base).unwrap(),
            login_base: Url::parse(base).unwrap(),
            http: HttpConfig::default(),
            token_refresh_margin: Duration::from_secs(60),
        };
        GenesysClient::builder(config).build().unwrap()
    }

    #[test]
    fn path_segments_are_encoded_so_ids_cannot_escape() {
        let c = client("https://api.mypurecloud.com");
        let url = c.core.url(&[
            "api",
            "v2",
            "integrations",
            "actions",
            "../../oauth?x=1",
            "execute",
        ]);
        assert_eq!(
            url.as_str(),
            "https://api.mypurecloud.com/api/v2/integrations/actions/..%2F..%2Foauth%3Fx=1/execute"
        );
        let call = c.call(
            "postIntegrationsActionExecute",
            Method::POST,
            "/api/v2/integrations/actions/{actionId}/execute",
            &["../../oauth?x=1"],
        );
        assert_eq!(call.url, url, "a template's parameter is one encoded segment");
        let c = client("http://127.0.0.1:8090/prefix/");
        assert_eq!(
            c.core.url(&["api", "v2", "x"]).as_str(),
            "http://127.0.0.1:8090/prefix/api/v2/x"
        );
    }
}
