//! What is redacted, from the environment.

use super::PiiKind;
use wrapup_genesys::config::{ConfigError, Env};

const REDACT_VAR: &str = "WRAPUP_REDACT";
const KEEP_AGENT_VAR: &str = "WRAPUP_REDACT_KEEP_AGENT_FIRST_NAMES";

/// Which kinds are redacted (default: all of them), and whether agents' first names stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactionConfig {
    enabled: [bool; PiiKind::ALL.len()],
    /// Keep the agent's first name (from Genesys participant data or the agent's own
    /// introduction) readable. Off by default: an agent's name is personal data too.
    pub keep_agent_first_names: bool,
}

impl Default for RedactionConfig {
    fn default() -> Self {
        Self {
            enabled: [true; PiiKind::ALL.len()],
            keep_agent_first_names: false,
        }
    }
}

impl RedactionConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `WRAPUP_REDACT`: comma-separated kinds to redact (`name,address,email,...`), or `none`;
    /// unset or empty redacts everything. `WRAPUP_REDACT_KEEP_AGENT_FIRST_NAMES`: `true` keeps
    /// agents' first names.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let mut config = Self {
            keep_agent_first_names: env.flag(KEEP_AGENT_VAR, false)?,
            ..Self::default()
        };
        let Some(raw) = env.optional(REDACT_VAR) else {
            return Ok(config);
        };
        config.enabled = [false; PiiKind::ALL.len()];
        if raw.trim().eq_ignore_ascii_case("none") {
            return Ok(config);
        }
        for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let kind = PiiKind::parse(name).ok_or_else(|| ConfigError::Invalid {
                name: REDACT_VAR,
                reason: format!(
                    "unknown kind {name:?}; expected none or a comma list of {}",
                    PiiKind::ALL.map(PiiKind::as_str).join(", ")
                ),
            })?;
            config.set(kind, true);
        }
        Ok(config)
    }

    pub fn set(&mut self, kind: PiiKind, on: bool) {
        if let Some(slot) = self.enabled.get_mut(kind as usize) {
            *slot = on;
        }
    }

    pub fn enabled(&self, kind: PiiKind) -> bool {
        self.enabled.get(kind as usize).copied().unwrap_or(true)
    }
}
