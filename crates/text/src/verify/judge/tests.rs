use super::answer::{ClaimVerdict, Verdict};
use super::*;
use crate::redact::Redactor;
use crate::summary::{ActionItem, Owner};
use crate::transcript::{Channel, SpeakerRole, Transcript};
use crate::verify::{ErrorKind, verify};

fn transcript(lines: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript::from_turns("conv", Channel::Voice, Some("en-US"), lines.iter().copied())
}

fn summary(text: &str) -> Summary {
    crate::verify::test_calls::summary_of(text)
}

const ROUTER_CALL: &[(SpeakerRole, &str)] = &[
    (
        SpeakerRole::Customer,
        "My router keeps dropping the connection every evening.",
    ),
    (
        SpeakerRole::Agent,
        "The router has a fault, so I will send a replacement router by Friday.",
    ),
    (SpeakerRole::Customer, "Great, thank you."),
];

/// The rules' verification of `text` against the router call.
fn verified(text: &str) -> Verification {
    let call = transcript(ROUTER_CALL);
    let redactor = Redactor::default();
    verify(
        &summary(text),
        &call,
        &redactor.redact_call(&call, &[], None),
        &redactor,
        &VerificationConfig::default(),
    )
}

fn judgement(claims: &[&str], verdicts: Vec<ClaimVerdict>) -> Judgement {
    Judgement {
        model: "judge-model".into(),
        claims: claims.iter().map(|c| (*c).to_owned()).collect(),
        usage: Some(TokenUsage {
            prompt_tokens: 120,
            completion_tokens: 30,
            requests: 1,
        }),
        verdicts: Ok(verdicts),
    }
}

fn supported(claim: usize) -> ClaimVerdict {
    ClaimVerdict {
        claim,
        verdict: Verdict::Supported,
        kind: None,
        utterances: vec![1],
    }
}

#[test]
fn the_prompt_holds_only_redacted_text() {
    let call = transcript(&[
        (SpeakerRole::Agent, "Thank you for calling, how can I help?"),
        (
            SpeakerRole::Customer,
            "Hi, my name is Johanna Whitfield and my card 4111 1111 1111 1111 was charged twice.",
        ),
        (
            SpeakerRole::Agent,
            "Thank you Johanna Whitfield, I will refund the second charge.",
        ),
    ]);
    let redactor = Redactor::default();
    let mut redacted = redactor.redact_call(&call, &[], None);
    // The summary as a source wrote it, names and numbers in the clear.
    let mut s = summary("Johanna Whitfield reported a double charge on card 4111 1111 1111 1111.");
    s.action_items = vec![ActionItem {
        text: "Refund Johanna Whitfield the second charge".into(),
        owner: Some(Owner::Agent),
        due_date: Some("when Johanna Whitfield calls back".into()),
    }];
    s.key_phrases = vec!["Johanna Whitfield".into()];
    let request = JudgeRequest::new(&mut redacted, &redactor, &s);
    let sent = format!("{}\n{}", prompt::SYSTEM, request.user);
    for secret in ["Johanna", "Whitfield", "4111"] {
        assert!(!sent.contains(secret), "{secret} leaves for the model:\n{sent}");
    }
    assert!(sent.contains("[NAME_1]"), "{sent}");
    assert!(sent.contains("[0] agent: Thank you for calling"), "{sent}");
    assert!(sent.contains("[2] agent: Thank you [NAME_1]"), "{sent}");
    assert!(
        request.claims.len() >= 3 && request.claims.iter().all(|c| !c.contains("Whitfield")),
        "{:?}",
        request.claims
    );
    assert_eq!(request.utterances, 3);
}

#[test]
fn a_contradicted_claim_fails_the_summary_naming_the_claim_and_kind() {
    let mut verification = verified("The agent will send a replacement router by Friday.");
    assert!(verification.passed, "{:?}", verification.reasons);
    let claims = ["The agent will send a replacement router by Friday"];
    let contradicted = ClaimVerdict {
        claim: 0,
        verdict: Verdict::Contradicted,
        kind: Some(ErrorKind::Negation),
        utterances: vec![1],
    };
    combine(
        &mut verification,
        &VerificationConfig::default(),
        judgement(&claims, vec![contradicted]),
    );
    assert!(!verification.passed);
    assert_eq!(verification.reasons.len(), 1, "{:?}", verification.reasons);
    let reason = &verification.reasons[0];
    assert!(
        reason.starts_with("negation: \"The agent will send a replacement router by Friday\"")
            && reason.contains("judge")
            && reason.ends_with("(utterances 1)"),
        "{reason}"
    );
    let finding = verification.findings.last().unwrap();
    assert_eq!(
        (finding.kind, finding.source),
        (ErrorKind::Negation, FindingSource::Judge)
    );
    let report = verification.judge.as_ref().unwrap();
    assert_eq!(
        (report.status, report.claims, report.flagged),
        (JudgeStatus::Ran, 1, 1)
    );
    assert_eq!(report.usage.unwrap().prompt_tokens, 120);
    let json = serde_json::to_value(&verification).unwrap();
    assert_eq!(json["findings"][0]["source"], "judge");
    assert_eq!(json["judge"]["status"], "ran");
}

#[test]
fn a_claim_the_call_does_not_hold_fails_it_too() {
    let mut verification = verified("The agent will send a replacement router by Friday.");
    let not_found = ClaimVerdict {
        claim: 0,
        verdict: Verdict::NotFound,
        kind: Some(ErrorKind::Commitment),
        utterances: vec![],
    };
    combine(
        &mut verification,
        &VerificationConfig::default(),
        judgement(
            &["The agent will send a replacement router by Friday"],
            vec![not_found],
        ),
    );
    assert!(!verification.passed);
    assert!(
        verification.reasons[0].starts_with("commitment: \"The agent will send"),
        "{:?}",
        verification.reasons
    );
}

#[test]
fn supported_verdicts_add_nothing_and_clear_nothing() {
    let mut passing = verified("The agent will send a replacement router by Friday.");
    let before = passing.clone();
    combine(
        &mut passing,
        &VerificationConfig::default(),
        judgement(
            &["The agent will send a replacement router by Friday"],
            vec![supported(0)],
        ),
    );
    assert!(passing.passed);
    assert_eq!(passing.findings, before.findings);
    assert_eq!(passing.judge.as_ref().unwrap().flagged, 0);

    // The rules' findings stay, whatever the judge says.
    let mut failing = verified("The agent will send a replacement router by Monday.");
    assert!(!failing.passed);
    let rules = failing.clone();
    combine(
        &mut failing,
        &VerificationConfig::default(),
        judgement(
            &["The agent will send a replacement router by Monday"],
            vec![supported(0)],
        ),
    );
    assert!(!failing.passed);
    assert_eq!(failing.findings, rules.findings);
    assert_eq!(failing.reasons, rules.reasons);
    assert!(failing.findings.iter().all(|f| f.source == FindingSource::Rules));
}

#[test]
fn the_same_error_found_by_both_is_listed_once() {
    let mut verification = verified("The agent will send a replacement router by Monday.");
    let rules = verification.findings.clone();
    let date = rules
        .iter()
        .find(|f| f.kind == ErrorKind::Date)
        .expect("the rules find the wrong day");
    let wrong_day = ClaimVerdict {
        claim: 0,
        verdict: Verdict::Contradicted,
        kind: Some(ErrorKind::Date),
        utterances: vec![1],
    };
    combine(
        &mut verification,
        &VerificationConfig::default(),
        judgement(&[date.claim.as_str()], vec![wrong_day]),
    );
    assert_eq!(verification.findings, rules);
}

#[test]
fn a_judge_that_could_not_judge_leaves_the_rules_verdict() {
    let mut verification = verified("The agent will send a replacement router by Friday.");
    let before = verification.clone();
    let failed = Judgement {
        model: "judge-model".into(),
        claims: vec!["The agent will send a replacement router by Friday".into()],
        usage: None,
        verdicts: Err(JudgeError::DeadlineExceeded),
    };
    combine(&mut verification, &VerificationConfig::default(), failed);
    let report = verification.judge.take().unwrap();
    assert_eq!(verification, before);
    assert_eq!(report.status, JudgeStatus::Skipped);
    assert_eq!(
        report.reason.as_deref(),
        Some("the LLM judge did not answer in time")
    );
}

#[test]
fn a_claim_the_rules_flagged_keeps_their_kind() {
    let mut verification = verified("The agent will send a replacement router by Monday.");
    let rules = verification.findings.clone();
    let date = rules
        .iter()
        .find(|f| f.kind == ErrorKind::Date)
        .expect("the rules find the wrong day");
    // The judge calls it a wrong amount; the rules' date stands, listed once.
    let wrong_amount = ClaimVerdict {
        claim: 0,
        verdict: Verdict::Contradicted,
        kind: Some(ErrorKind::Amount),
        utterances: vec![1],
    };
    combine(
        &mut verification,
        &VerificationConfig::default(),
        judgement(&[date.claim.as_str()], vec![wrong_amount]),
    );
    assert_eq!(verification.findings, rules);
    assert!(verification.findings.iter().all(|f| f.kind != ErrorKind::Amount));
    assert_eq!(verification.judge.as_ref().unwrap().flagged, 1);
}
