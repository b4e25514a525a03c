//! The fast tier of the evaluation: every call of `eval/` through the redactor in process (the
//! function the pipeline calls before anything leaves), scored against its labels. The
//! end-to-end run through the whole pipeline is `functions/summary-api/tests/eval_pipeline.rs`.

use wrapup::redact::{RedactionConfig, Redactor};
use wrapup_eval::{Report, Scorer, load, repo_eval_dir};

/// Issue 9's targets, held in every served language and on the holdout set: 98% of labelled PII
/// kept from the LLM, 97% of look-alikes intact (docs/benchmarks.md, "Summary quality"). Any
/// regression below them fails CI.
const TARGET_PROTECTED: f64 = 0.98;
const TARGET_SURVIVED: f64 = 0.97;

fn run(dir: &str) -> Report {
    let calls = load(&repo_eval_dir().join(dir)).expect("the labelled set loads");
    assert!(!calls.is_empty(), "no calls in eval/{dir}");
    let redactor = Redactor::new(RedactionConfig::default());
    let mut report = Report::new(format!("Redaction in process over eval/{dir}"));
    for call in &calls {
        let scorer = Scorer::new(call);
        let redacted = redactor.redact_transcript(&call.transcript()).0;
        if std::env::var("WRAPUP_EVAL_SHOW").is_ok_and(|id| call.id.contains(&id)) {
            for (u, original) in redacted.utterances.iter().zip(&call.utterances) {
                println!(
                    "{:?}: {}\n    <- {}",
                    u.speaker,
                    u.text,
                    original.text.split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
        }
        let text: String = redacted
            .utterances
            .iter()
            .map(|u| format!("{}\n", u.text))
            .collect();
        dump(dir, &call.id, &text);
        let leaks = scorer.leaks(&text);
        let survivals = scorer.survivals(&redacted);
        let figures = report.language(call.lang());
        figures.calls += 1;
        figures.pii_items += call.pii.len();
        figures.pii_leaked += leaks.items.len();
        figures.near_misses += survivals.len();
        figures.near_misses_survived += survivals.iter().filter(|s| **s).count();
        for i in &leaks.items {
            let item = &call.pii[*i];
            *report.leaked_kinds.entry(item.kind.clone()).or_default() += 1;
            let context = redacted
                .utterances
                .iter()
                .find(|u| scorer.leaks(&u.text).items.contains(i))
                .map(|u| u.text.chars().take(220).collect::<String>())
                .unwrap_or_default();
            report.misses.push(format!(
                "LEAK   {} {}: {:?}\n       in {context}",
                call.id, item.kind, item.text
            ));
        }
        for (item, survived) in call.near_misses.iter().zip(&survivals) {
            if !survived {
                *report.masked_kinds.entry(item.kind.clone()).or_default() += 1;
                report
                    .misses
                    .push(format!("MASKED {} {}: {:?}", call.id, item.kind, item.text));
            }
        }
    }
    report
}

/// `WRAPUP_EVAL_DUMP=<dir>` writes every redacted call there, one file per call, so that a
/// change meant to keep the output (a speed-up, a refactoring) can be diffed against a run
/// before it.
fn dump(set: &str, id: &str, text: &str) {
    if let Ok(dir) = std::env::var("WRAPUP_EVAL_DUMP") {
        let dir = std::path::Path::new(&dir).join(set);
        std::fs::create_dir_all(&dir).expect("the dump directory can be created");
        std::fs::write(dir.join(format!("{id}.txt")), text).expect("the dump can be written");
    }
}

/// Calls written after the detectors, by an author who saw neither them nor the first set: how
/// well the detectors generalise. Reported, and held to floors like the main set.
#[test]
fn the_holdout_set_is_reported() {
    reported("holdout", 65, TARGET_PROTECTED, TARGET_SURVIVED);
}

/// Runs `eval/<dir>`, prints its table (and its misses when asked) and holds it to the given
/// shares of PII kept and look-alikes intact.
fn reported(dir: &str, min_calls: usize, protected: f64, survived: f64) {
    let report = run(dir);
    println!("{report}");
    if std::env::var("WRAPUP_EVAL_MISSES").is_ok_and(|v| !v.is_empty()) {
        for miss in &report.misses {
            println!("{miss}");
        }
    }
    let total = report.total();
    assert!(total.calls >= min_calls, "{total:?}");
    assert!(total.protected_share() >= protected, "{report}");
    assert!(total.survived_share() >= survived, "{report}");
}

/// Calls measured before any fix drawn from them (the fifth batch, 2026-12-08, ids
/// "batch5-..."): how the detectors do on speech nobody here has read. Held to floors at their
/// first measurement, far below the targets (docs/benchmarks.md, "The fifth batch, unseen"),
/// so a change can only make them better; a call a fix is drawn from moves to `holdout/`.
#[test]
fn the_unseen_set_is_reported() {
    reported("unseen", 13, 0.82, 0.98);
}

#[test]
fn the_labelled_set_meets_the_targets_in_every_language() {
    let report = run("calls");
    println!("{report}");
    if std::env::var("WRAPUP_EVAL_MISSES").is_ok_and(|v| !v.is_empty()) {
        for miss in &report.misses {
            println!("{miss}");
        }
    }
    let languages: Vec<&str> = report.by_language.keys().map(String::as_str).collect();
    assert_eq!(languages, ["de", "en", "es", "fr", "it", "nl", "pt"]);
    for (lang, figures) in &report.by_language {
        assert!(
            figures.protected_share() >= TARGET_PROTECTED,
            "{lang}: {:.1}% of PII items kept from the LLM, below the target {:.0}%\n{report}",
            figures.protected_share() * 100.0,
            TARGET_PROTECTED * 100.0
        );
        assert!(
            figures.survived_share() >= TARGET_SURVIVED,
            "{lang}: {:.1}% of look-alikes intact, below the target {:.0}%\n{report}",
            figures.survived_share() * 100.0,
            TARGET_SURVIVED * 100.0
        );
    }
}
