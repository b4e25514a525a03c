//! `Config::from_lookup` and the `Env` readers: each variable, the defaults, errors that name
//! the variable, secrets that never print.

use secrecy::ExposeSecret;

use super::*;

use super::env_of as lookup;

#[test]
fn flags_and_ratios_read_every_spelling_and_name_the_variable() {
    for (raw, expected) in [
        ("on", true),
        ("YES", true),
        ("1", true),
        ("off", false),
        ("False", false),
    ] {
        let pairs = [("X", raw)];
        let f = lookup(&pairs);
        assert_eq!(Env(&f).flag("X", !expected).unwrap(), expected, "{raw}");
    }
    let missing = lookup(&[]);
    assert!(Env(&missing).flag("X", true).unwrap());
    assert_eq!(Env(&missing).ratio("X", 0.25).unwrap(), 0.25);
    let half = lookup(&[("X", " 0.5 ")]);
    assert_eq!(Env(&half).ratio("X", 0.0).unwrap(), 0.5);
    for raw in ["maybe", "2", "NaN", "-0.1"] {
        let pairs = [("X", raw)];
        let f = lookup(&pairs);
        let env = Env(&f);
        assert!(
            env.flag("X", false).unwrap_err().to_string().contains("X"),
            "{raw}"
        );
        assert!(
            env.ratio("X", 0.0).unwrap_err().to_string().contains("X"),
            "{raw}"
        );
    }
}

const BASE: [(&str, &str); 4] = [
    ("GENESYS_CLIENT_ID", "client"),
    ("GENESYS_CLIENT_SECRET", "s3cr3t-value"),
    ("GENESYS_REGION", "eu-west-1"),
    ("WRAPUP_TOKEN_TABLE", "tokens"),
];

#[test]
fn region_gives_api_and_login_hosts() {
    let config = Config::from_lookup(lookup(&BASE)).unwrap();
    assert_eq!(config.genesys.api_base.as_str(), "https://api.mypurecloud.ie/");
    assert_eq!(
        config.genesys.login_base.as_str(),
        "https://login.mypurecloud.ie/"
    );
    match &config.genesys.client_secret {
        SecretSource::Value(secret) => assert_eq!(secret.expose_secret(), "s3cr3t-value"),
        other => panic!("expected a value, got {other:?}"),
    }
    assert_eq!(config.token_table, "tokens");
    assert_eq!(config.genesys.token_refresh_margin, Duration::from_secs(300));
}

#[test]
fn missing_variables_are_named() {
    for name in [
        "GENESYS_CLIENT_ID",
        "GENESYS_CLIENT_SECRET",
        "GENESYS_REGION",
        "WRAPUP_TOKEN_TABLE",
    ] {
        let pairs: Vec<_> = BASE.iter().copied().filter(|(k, _)| *k != name).collect();
        let err = Config::from_lookup(lookup(&pairs)).unwrap_err();
        assert!(
            matches!(err, ConfigError::Missing(missing) if missing.contains(name)),
            "{err}"
        );
        assert!(err.to_string().contains(name));
    }
}

#[test]
fn malformed_variables_are_named_with_the_reason() {
    let cases = [
        ("GENESYS_REGION", "mars-1", "unknown region"),
        ("GENESYS_API_BASE_URL", "not a url", "GENESYS_API_BASE_URL"),
        ("GENESYS_MAX_ATTEMPTS", "many", "not a whole number"),
        ("GENESYS_MAX_ATTEMPTS", "99", "outside"),
        ("GENESYS_REQUEST_TIMEOUT_MS", "-5", "not a whole number"),
        ("WRAPUP_METRICS_NAMESPACE", "AWS/Lambda", "reserved"),
        ("WRAPUP_METRICS_NAMESPACE", "Wrapup prod", "only letters"),
    ];
    for (name, value, reason) in cases {
        let mut pairs = BASE.to_vec();
        pairs.push((name, value));
        let err = Config::from_lookup(lookup(&pairs)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(name) && text.contains(reason), "{text}");
    }
}

#[test]
fn metrics_go_to_the_wrapup_namespace_unless_configured() {
    let config = Config::from_lookup(lookup(&BASE)).unwrap();
    assert_eq!(config.metrics_namespace, "Wrapup");
    let mut pairs = BASE.to_vec();
    pairs.push(("WRAPUP_METRICS_NAMESPACE", "Wrapup/wrapup-prod"));
    let config = Config::from_lookup(lookup(&pairs)).unwrap();
    assert_eq!(config.metrics_namespace, "Wrapup/wrapup-prod");
}

#[test]
fn the_secret_may_stay_in_secrets_manager() {
    let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:genesys-AbCdEf";
    let mut pairs: Vec<_> = BASE
        .iter()
        .copied()
        .filter(|(k, _)| *k != "GENESYS_CLIENT_SECRET")
        .collect();
    pairs.push(("GENESYS_CLIENT_SECRET_ARN", arn));
    let config = Config::from_lookup(lookup(&pairs)).unwrap();
    assert!(matches!(&config.genesys.client_secret, SecretSource::SecretsManager { arn: a } if a == arn));
    pairs.push(("GENESYS_CLIENT_SECRET", "x"));
    let both = Config::from_lookup(lookup(&pairs)).unwrap_err().to_string();
    assert!(both.contains("not both"), "{both}");
    let mut bad: Vec<_> = BASE
        .iter()
        .copied()
        .filter(|(k, _)| *k != "GENESYS_CLIENT_SECRET")
        .collect();
    bad.push(("GENESYS_CLIENT_SECRET_ARN", "my-secret"));
    let err = Config::from_lookup(lookup(&bad)).unwrap_err().to_string();
    assert!(
        err.contains("GENESYS_CLIENT_SECRET_ARN") && err.contains("Secrets Manager ARN"),
        "{err}"
    );
}

#[test]
fn base_url_overrides_replace_the_region() {
    let pairs = [
        ("GENESYS_CLIENT_ID", "local-client"),
        ("GENESYS_CLIENT_SECRET", "local-secret"),
        ("GENESYS_API_BASE_URL", "http://127.0.0.1:8090"),
        ("GENESYS_LOGIN_BASE_URL", "http://127.0.0.1:8090"),
        ("WRAPUP_TOKEN_TABLE", "tokens"),
    ];
    let config = Config::from_lookup(lookup(&pairs)).unwrap();
    assert_eq!(config.genesys.api_base.as_str(), "http://127.0.0.1:8090/");
    assert_eq!(config.genesys.login_base.as_str(), "http://127.0.0.1:8090/");
}

#[test]
fn the_secret_never_prints() {
    let config = Config::from_lookup(lookup(&BASE)).unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("s3cr3t-value"), "{printed}");
}
