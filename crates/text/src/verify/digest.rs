//! What the audit record keeps of a verification: the outcome, scores and counts by kind, never
//! a claim, a value, a word or a reason (those name the call's figures and people). The caller
//! gets the full verification in its answer; the audit, kept 400 days, holds no content.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Verification;

impl Verification {
    /// The verification without content, for the audit record.
    pub fn audit_digest(&self) -> Value {
        let mut findings: BTreeMap<&str, usize> = BTreeMap::new();
        for finding in &self.findings {
            *findings.entry(finding.kind.as_str()).or_default() += 1;
        }
        let facts = &self.factual_consistency;
        let mut digest = json!({
            "passed": self.passed,
            "supportedRatio": facts.supported_ratio,
            "contentWords": facts.content_words,
            "unsupportedFacts": facts.unsupported_facts.len(),
            "unsupportedWords": facts.unsupported_words.len(),
            "findings": findings,
            "loadedLanguage": self.loaded_language.len(),
            "piiLeaks": self.pii_leaks,
            "sentimentAlignment": self.sentiment_alignment,
            "reasons": self.reasons.len(),
            "reasonKinds": self.reason_kinds,
        });
        if let Some(judge) = &self.judge {
            digest["judge"] = json!({
                "status": judge.status,
                "model": judge.model,
                "claims": judge.claims,
                "flagged": judge.flagged,
                "usage": judge.usage,
            });
        }
        digest
    }
}

#[cfg(test)]
mod tests {
    use super::super::{
        ErrorKind, FactualConsistency, Finding, FindingSource, ReasonKind, SentimentAlignment,
    };
    use super::*;
    use crate::summary::Sentiment;

    #[test]
    fn the_digest_counts_and_names_no_content() {
        let verification = Verification {
            passed: false,
            factual_consistency: FactualConsistency {
                supported_ratio: 0.75,
                content_words: 12,
                unsupported_facts: vec!["$49.99".into(), "Denise".into()],
                unsupported_words: vec!["waived".into()],
            },
            findings: vec![Finding {
                kind: ErrorKind::Amount,
                claim: "A refund of $49.99 was issued to Denise".into(),
                detail: "the call says $39.99".into(),
                value: Some("$49.99".into()),
                evidence: vec![3],
                source: FindingSource::default(),
            }],
            loaded_language: vec!["furious".into()],
            pii_leaks: Vec::new(),
            sentiment_alignment: SentimentAlignment {
                summary: Sentiment::Negative,
                transcript: Sentiment::Negative,
                aligned: true,
            },
            reasons: vec!["wrong amount: $49.99 (utterance 3)".into()],
            reason_kinds: vec![ReasonKind::Amount],
            judge: None,
        };
        let digest = verification.audit_digest();
        assert_eq!(digest["passed"], false);
        assert_eq!(digest["reasonKinds"], json!(["amount"]));
        assert_eq!(digest["findings"]["amount"], 1);
        assert_eq!(digest["unsupportedFacts"], 2);
        assert_eq!(digest["reasons"], 1);
        let text = digest.to_string();
        for content in ["49.99", "Denise", "waived", "furious", "refund", "39.99"] {
            assert!(!text.contains(content), "{content} in {text}");
        }
    }
}
