//! Verification thresholds from the environment.

use wrapup_genesys::config::{ConfigError, Env};

/// Thresholds of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct VerificationConfig {
    /// Minimum share of the summary's content words found in the transcript.
    pub min_supported_ratio: f32,
    /// Numbers, amounts, dates and names of the summary allowed to be missing from the transcript.
    pub max_unsupported_facts: usize,
    pub max_loaded_terms: usize,
    /// Whether opposite summary and transcript sentiments fail the summary.
    pub require_sentiment_alignment: bool,
    /// Whether the LLM judge is asked about each claim as well (off: verification is
    /// deterministic and offline).
    pub judge: JudgeMode,
}

/// `WRAPUP_VERIFY_JUDGE`: who checks the summary's claims besides the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum JudgeMode {
    /// The rules alone.
    #[default]
    Off,
    /// The rules and one structured-output call to the configured LLM.
    Llm,
}

impl Default for VerificationConfig {
    fn default() -> Self {
        Self {
            min_supported_ratio: 0.5,
            max_unsupported_facts: 0,
            max_loaded_terms: 0,
            require_sentiment_alignment: true,
            judge: JudgeMode::Off,
        }
    }
}

impl VerificationConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `WRAPUP_VERIFY_MIN_SUPPORTED_RATIO` (0..=1), `WRAPUP_VERIFY_MAX_UNSUPPORTED_FACTS`,
    /// `WRAPUP_VERIFY_MAX_LOADED_TERMS`, `WRAPUP_VERIFY_REQUIRE_SENTIMENT_ALIGNMENT` (true/false),
    /// `WRAPUP_VERIFY_JUDGE` (off/llm); unset ones keep their defaults.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        from_lookup(lookup)
    }

    /// The judge needs an LLM: asking for it without one configured fails the start, naming
    /// the variable.
    pub fn check_judge(&self, llm_configured: bool) -> Result<(), ConfigError> {
        if self.judge == JudgeMode::Llm && !llm_configured {
            return Err(ConfigError::Invalid {
                name: JUDGE,
                reason: "is llm, but no LLM is configured (set WRAPUP_LLM_BASE_URL, or use off)".into(),
            });
        }
        Ok(())
    }
}

const MIN_SUPPORTED_RATIO: &str = "WRAPUP_VERIFY_MIN_SUPPORTED_RATIO";
const MAX_UNSUPPORTED_FACTS: &str = "WRAPUP_VERIFY_MAX_UNSUPPORTED_FACTS";
const MAX_LOADED_TERMS: &str = "WRAPUP_VERIFY_MAX_LOADED_TERMS";
const REQUIRE_SENTIMENT_ALIGNMENT: &str = "WRAPUP_VERIFY_REQUIRE_SENTIMENT_ALIGNMENT";
const JUDGE: &str = "WRAPUP_VERIFY_JUDGE";

fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<VerificationConfig, ConfigError> {
    let defaults = VerificationConfig::default();
    let env = Env(&lookup);
    let min_supported_ratio = env.ratio(MIN_SUPPORTED_RATIO, defaults.min_supported_ratio)?;
    let count = |name: &'static str, default: usize| -> Result<usize, ConfigError> {
        match env.optional(name) {
            None => Ok(default),
            Some(raw) => raw.parse::<usize>().map_err(|_| ConfigError::Invalid {
                name,
                reason: format!("{raw:?} is not a whole number"),
            }),
        }
    };
    let max_unsupported_facts = count(MAX_UNSUPPORTED_FACTS, defaults.max_unsupported_facts)?;
    let max_loaded_terms = count(MAX_LOADED_TERMS, defaults.max_loaded_terms)?;
    let require_sentiment_alignment =
        env.flag(REQUIRE_SENTIMENT_ALIGNMENT, defaults.require_sentiment_alignment)?;
    let judge = match env.optional(JUDGE).map(|v| v.to_ascii_lowercase()).as_deref() {
        None => defaults.judge,
        Some("off") => JudgeMode::Off,
        Some("llm") => JudgeMode::Llm,
        Some(other) => {
            return Err(ConfigError::Invalid {
                name: JUDGE,
                reason: format!("{other:?} is not one of off, llm"),
            });
        }
    };
    Ok(VerificationConfig {
        min_supported_ratio,
        max_unsupported_facts,
        max_loaded_terms,
        require_sentiment_alignment,
        judge,
    })
}
