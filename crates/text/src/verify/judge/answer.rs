//! The judge's answer: the strict JSON schema it is asked to answer in, and the checks made on
//! receipt. Errors name fields and indices but never quote the answer, which is built from the
//! transcript.

use serde_json::{Map, Value, json};

use crate::summary::llm::extract_json_object;
use crate::verify::ErrorKind;

/// `response_format.json_schema.name` of the judge's request (the simulator recognises it).
pub const SCHEMA_NAME: &str = "claim_verdicts";

/// Error kinds, as the schema names them.
const KINDS: [ErrorKind; 6] = [
    ErrorKind::Amount,
    ErrorKind::Date,
    ErrorKind::Entity,
    ErrorKind::Commitment,
    ErrorKind::Negation,
    ErrorKind::Speaker,
];

/// The judge's schema. Strict mode wants `additionalProperties: false` and every property
/// required, so `kind` is nullable rather than optional.
pub(super) fn schema() -> Value {
    let mut kinds: Vec<Value> = KINDS.iter().map(|k| json!(k.as_str())).collect();
    kinds.push(Value::Null);
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["verdicts"],
        "properties": {
            "verdicts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["claim", "verdict", "kind", "utterances"],
                    "properties": {
                        "claim": {"type": "integer", "minimum": 0},
                        "verdict": {"type": "string", "enum": ["supported", "contradicted", "not_found"]},
                        "kind": {"type": ["string", "null"], "enum": kinds},
                        "utterances": {"type": "array", "items": {"type": "integer", "minimum": 0}}
                    }
                }
            }
        }
    })
}

/// What the judge says of one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Supported,
    Contradicted,
    NotFound,
}

/// The judge's verdict on claim `claim` (an index into the claims it was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ClaimVerdict {
    pub claim: usize,
    pub verdict: Verdict,
    /// The kind of error of a contradicted or not-found claim; `None` for a supported one.
    pub kind: Option<ErrorKind>,
    /// The utterances it relied on, 0-based, sorted, without repeats.
    pub utterances: Vec<usize>,
}

/// The verdicts in `content`, checked against the request: `claims` claims and `utterances`
/// utterances were numbered from 0. An index out of range, an unknown verdict or kind, a claim
/// judged twice or a contradicted claim without a kind makes the whole answer unusable. A claim
/// the judge left out simply has no verdict.
pub(super) fn parse(content: &str, claims: usize, utterances: usize) -> Result<Vec<ClaimVerdict>, String> {
    let json_text = extract_json_object(content).ok_or("the answer holds no JSON object")?;
    let value: Value =
        serde_json::from_str(json_text).map_err(|e| format!("the answer is not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("the answer is not a JSON object")?;
    unexpected_fields(object, &["verdicts"], "the answer")?;
    let items = match object.get("verdicts") {
        Some(Value::Array(items)) => items,
        _ => return Err("verdicts is missing or not an array".into()),
    };
    let mut verdicts: Vec<ClaimVerdict> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let verdict = claim_verdict(item, i, claims, utterances)?;
        if verdicts.iter().any(|v| v.claim == verdict.claim) {
            return Err(format!("verdicts[{i}]: claim {} is judged twice", verdict.claim));
        }
        verdicts.push(verdict);
    }
    Ok(verdicts)
}

fn claim_verdict(item: &Value, i: usize, claims: usize, utterances: usize) -> Result<ClaimVerdict, String> {
    let object = item
        .as_object()
        .ok_or_else(|| format!("verdicts[{i}] is not an object"))?;
    let at = format!("verdicts[{i}]");
    unexpected_fields(object, &["claim", "verdict", "kind", "utterances"], &at)?;
    let claim = index(object.get("claim"), claims).map_err(|problem| {
        format!(
            "{at}.claim {problem} (claims are numbered 0 to {})",
            claims.max(1) - 1
        )
    })?;
    let verdict = match object.get("verdict").and_then(Value::as_str) {
        Some("supported") => Verdict::Supported,
        Some("contradicted") => Verdict::Contradicted,
        Some("not_found") => Verdict::NotFound,
        _ => {
            return Err(format!(
                "{at}.verdict is not one of supported, contradicted, not_found"
            ));
        }
    };
    let kind = match object.get("kind") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(
            KINDS
                .into_iter()
                .find(|k| k.as_str() == name)
                .ok_or_else(|| format!("{at}.kind is not one of {}", kind_names()))?,
        ),
        Some(_) => return Err(format!("{at}.kind is not a string or null")),
    };
    if verdict != Verdict::Supported && kind.is_none() {
        return Err(format!(
            "{at}: a contradicted or not-found claim needs a kind ({})",
            kind_names()
        ));
    }
    let mut relied_on = match object.get("utterances") {
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(k, u)| {
                index(Some(u), utterances).map_err(|problem| {
                    format!(
                        "{at}.utterances[{k}] {problem} (utterances are numbered 0 to {})",
                        utterances.max(1) - 1
                    )
                })
            })
            .collect::<Result<Vec<usize>, String>>()?,
        _ => return Err(format!("{at}.utterances is missing or not an array")),
    };
    relied_on.sort_unstable();
    relied_on.dedup();
    Ok(ClaimVerdict {
        claim,
        verdict,
        // A supported claim has no error, whatever kind came with it.
        kind: kind.filter(|_| verdict != Verdict::Supported),
        utterances: relied_on,
    })
}

/// A whole number below `count`.
fn index(value: Option<&Value>, count: usize) -> Result<usize, &'static str> {
    let n = value
        .and_then(Value::as_u64)
        .ok_or("is missing or not a whole number")?;
    usize::try_from(n)
        .ok()
        .filter(|&n| n < count)
        .ok_or("is out of range")
}

fn unexpected_fields(object: &Map<String, Value>, known: &[&str], at: &str) -> Result<(), String> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        // The field's name is the model's text: it is not quoted.
        Some(_) => Err(format!("{at} has a field besides {}", known.join(", "))),
        None => Ok(()),
    }
}

fn kind_names() -> String {
    KINDS.map(ErrorKind::as_str).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"verdicts": [
        {"claim": 0, "verdict": "supported", "kind": null, "utterances": [1, 0, 1]},
        {"claim": 1, "verdict": "contradicted", "kind": "negation", "utterances": [3]},
        {"claim": 2, "verdict": "not_found", "kind": "commitment", "utterances": []}
    ]}"#;

    #[test]
    fn a_good_answer_gives_one_verdict_per_claim() {
        let verdicts = parse(GOOD, 3, 4).unwrap();
        assert_eq!(
            verdicts,
            vec![
                ClaimVerdict {
                    claim: 0,
                    verdict: Verdict::Supported,
                    kind: None,
                    utterances: vec![0, 1],
                },
                ClaimVerdict {
                    claim: 1,
                    verdict: Verdict::Contradicted,
                    kind: Some(ErrorKind::Negation),
                    utterances: vec![3],
                },
                ClaimVerdict {
                    claim: 2,
                    verdict: Verdict::NotFound,
                    kind: Some(ErrorKind::Commitment),
                    utterances: vec![],
                },
            ]
        );
        // Fenced, as some models answer even in strict mode.
        assert_eq!(parse(&format!("```json\n{GOOD}\n```"), 3, 4).unwrap().len(), 3);
        // A claim left out has no verdict; a kind on a supported claim means nothing.
        let partial =
            r#"{"verdicts": [{"claim": 1, "verdict": "supported", "kind": "date", "utterances": []}]}"#;
        assert_eq!(parse(partial, 3, 4).unwrap()[0].kind, None);
    }

    #[test]
    fn the_schema_is_strict_and_a_good_answer_is_an_instance_of_it() {
        let schema = schema();
        let item = &schema["properties"]["verdicts"]["items"];
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(item["additionalProperties"], false);
        assert_eq!(
            item["required"].as_array().unwrap().len(),
            item["properties"].as_object().unwrap().len()
        );
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&serde_json::from_str(GOOD).unwrap()));
        let unknown_kind =
            json!({"verdicts": [{"claim": 0, "verdict": "contradicted", "kind": "tone", "utterances": []}]});
        assert!(!validator.is_valid(&unknown_kind));
    }

    #[test]
    fn unusable_answers_are_rejected_naming_the_problem_without_quoting_it() {
        let verdict = |claim: &str, verdict: &str, kind: &str, utterances: &str| {
            format!(
                r#"{{"verdicts": [{{"claim": {claim}, "verdict": "{verdict}", "kind": {kind}, "utterances": {utterances}}}]}}"#
            )
        };
        let cases = [
            ("The router 4111 is fine".to_owned(), "no JSON object"),
            (r#"{"verdicts": [{"claim": 0, "#.to_owned(), "not valid JSON"),
            (r#"{"verdicts": {"claim": 0}}"#.to_owned(), "verdicts is missing"),
            (
                r#"{"verdicts": [], "secret 4111": 1}"#.to_owned(),
                "has a field besides",
            ),
            (
                verdict("3", "supported", "null", "[]"),
                "verdicts[0].claim is out of range",
            ),
            (
                verdict("-1", "supported", "null", "[]"),
                "verdicts[0].claim is missing",
            ),
            (
                verdict("0.5", "supported", "null", "[]"),
                "verdicts[0].claim is missing",
            ),
            (
                verdict("0", "supported", "null", "[4]"),
                "verdicts[0].utterances[0] is out of range",
            ),
            (
                verdict("0", "supported", "null", r#"["1"]"#),
                "utterances[0] is missing",
            ),
            (verdict("0", "supported", "null", "null"), "utterances is missing"),
            (
                verdict("0", "4111 wrong", "null", "[]"),
                "verdicts[0].verdict is not one of",
            ),
            (
                verdict("0", "contradicted", r#""tone 4111""#, "[]"),
                "verdicts[0].kind is not one of",
            ),
            (verdict("0", "contradicted", "7", "[]"), "kind is not a string"),
            (verdict("0", "not_found", "null", "[]"), "needs a kind"),
        ];
        for (answer, expected) in cases {
            let err = parse(&answer, 3, 4).unwrap_err();
            assert!(err.contains(expected), "{err} for {answer}");
            assert!(!err.contains("4111"), "{err}");
        }
        let twice = r#"{"verdicts": [
            {"claim": 1, "verdict": "supported", "kind": null, "utterances": []},
            {"claim": 1, "verdict": "contradicted", "kind": "amount", "utterances": []}]}"#;
        assert!(
            parse(twice, 3, 4)
                .unwrap_err()
                .contains("claim 1 is judged twice")
        );
    }
}
