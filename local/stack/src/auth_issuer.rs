//! The local identity provider: an RSA key made once per clone, the tokens it signs and the
//! public key it publishes for the local gateway.

use super::*;

/// The identity provider of the local stack: signs tokens, publishes its public key.
pub struct LocalIssuer {
    pub(super) signing: EncodingKey,
    /// The `kid` its tokens carry, and the public key's parts the authorizer verifies with.
    pub(super) key_id: String,
    pub(super) modulus: String,
    pub(super) exponent: String,
}

impl LocalIssuer {
    /// The clone's key, made on first use.
    pub fn load_or_create() -> Result<Self> {
        let root = wrapup_template::find_repo_root()?;
        Self::at(&root.join(KEY_FILE))
    }

    /// The key at `path`, made there (readable by its owner only) if there is none.
    pub fn at(path: &Path) -> Result<Self> {
        let pem_text = match std::fs::read(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => create_key(path)?,
            Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
        };
        let parsed = pem::parse(&pem_text).with_context(|| format!("{} is not a PEM key", path.display()))?;
        let pair = KeyPair::from_pkcs8(parsed.contents())
            .map_err(|err| anyhow!("{} is not an RSA PKCS#8 key: {err}", path.display()))?;
        let public = pair.public_key();
        let modulus = URL_SAFE_NO_PAD.encode(public.modulus().big_endian_without_leading_zero());
        let exponent = URL_SAFE_NO_PAD.encode(public.exponent().big_endian_without_leading_zero());
        let signing = EncodingKey::from_rsa_pem(&pem_text).context("the local key cannot sign")?;
        // The kid changes with the key, as a provider's does when it rotates.
        let key_id = modulus.chars().rev().take(12).collect();
        Ok(Self {
            signing,
            key_id,
            modulus,
            exponent,
        })
    }

    /// A signed token for `claims` (`iss`, `aud`, `sub`, `exp`, ... as given).
    pub fn sign(&self, claims: &Value) -> Result<String> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.key_id.clone());
        jsonwebtoken::encode(&header, claims, &self.signing).context("signing the token")
    }

    /// An access token as the CRM's identity provider would issue it: this issuer, the local
    /// audience, `sub` and `client_id` the subject, the scopes space-separated, valid for `ttl_secs`
    /// from `now`.
    pub fn access_token(&self, subject: &str, scopes: &[String], now: u64, ttl_secs: u64) -> Result<String> {
        self.sign(&json!({
            "iss": LOCAL_ISSUER,
            "aud": LOCAL_AUDIENCE,
            "sub": subject,
            "client_id": subject,
            "scope": scopes.join(" "),
            "iat": now,
            "nbf": now,
            "exp": now + ttl_secs,
            "jti": uuid::Uuid::new_v4().to_string(),
        }))
    }

    /// The public key as a JWKS entry (what the issuer's `jwks_uri` serves).
    #[cfg(test)]
    pub fn jwk(&self) -> Value {
        json!({"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.key_id, "n": self.modulus, "e": self.exponent})
    }
}

fn create_key(path: &Path) -> Result<Vec<u8>> {
    let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| anyhow!("cannot generate an RSA key"))?;
    let der = pair.as_der().map_err(|_| anyhow!("cannot encode the RSA key"))?;
    let text = pem::encode(&pem::Pem::new("PRIVATE KEY", der.as_ref().to_vec())).into_bytes();
    let dir = path.parent().context("the key path has no directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    // Written aside, then linked into place: two processes starting at once agree on one key.
    let aside: PathBuf = dir.join(format!(".jwt-key-{}.tmp", std::process::id()));
    {
        let mut file = owner_only(&aside)?;
        file.write_all(&text)?;
        file.sync_all()?;
    }
    let linked = std::fs::hard_link(&aside, path);
    let _ = std::fs::remove_file(&aside);
    match linked {
        Ok(()) => Ok(text),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read(path).with_context(|| format!("reading {}", path.display()))
        }
        Err(err) => Err(err).with_context(|| format!("writing {}", path.display())),
    }
}

fn owner_only(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// A token the local gateway accepts for `subject`, with `scopes` (none: every scope the API's
/// routes require), valid for `ttl_secs` from now.
pub fn local_token(subject: &str, scopes: &[String], ttl_secs: u64) -> Result<String> {
    if subject.trim().is_empty() {
        bail!("the subject must not be empty");
    }
    let issuer = LocalIssuer::load_or_create()?;
    let scopes = if scopes.is_empty() {
        let template = Template::load()?;
        LocalAuthorizer::from_template(&template, API_LOGICAL_ID, &issuer)?.all_scopes()
    } else {
        scopes.to_vec()
    };
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    issuer.access_token(subject, &scopes, now, ttl_secs)
}
