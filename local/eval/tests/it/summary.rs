//! Issue 10's figures, in process: verification over every reference summary (which must pass)
//! and every one-error perturbation (which must be stopped), and the built-in summary against
//! the reference (action items, owners, sentiment, ROUGE-L, fillers and speaker labels). The
//! pipeline runs the same functions on the redacted call; so does this.

use std::collections::BTreeMap;

use wrapup::redact::{RedactionConfig, Redactor};
use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Sentiment, SummaryOptions};
use wrapup::verify::{Verification, VerificationConfig, verify};
use wrapup_eval::summary_score::{blemishes, match_items, rouge_l};
use wrapup_eval::{ErrorKind, EvalCall, load, repo_eval_dir};

#[derive(Debug, Default, Clone, Copy)]
struct Verified {
    references: usize,
    false_alarms: usize,
    perturbations: [usize; 6],
    caught: [usize; 6],
    /// Caught with a finding of the perturbation's own kind.
    caught_as_kind: [usize; 6],
}

#[derive(Debug, Default, Clone, Copy)]
struct Summarised {
    calls: usize,
    reference_items: usize,
    matched_items: usize,
    /// Items the summariser produced: those matching no reference item are its noise, or
    /// commitments the reference left out.
    produced_items: usize,
    owners_correct: usize,
    sentiment_agreed: usize,
    /// Calls by (reference, produced) sentiment, in `SENTIMENTS` order.
    sentiment_confusion: [[usize; 4]; 4],
    rouge_l: f64,
    with_filler_or_label: usize,
    first_person: usize,
    second_person: usize,
}

#[derive(Default)]
struct Run {
    verified: BTreeMap<String, Verified>,
    summarised: BTreeMap<String, Summarised>,
    misses: Vec<String>,
}

/// One thing verification found, comparable between a reference and its perturbation.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    kind: String,
    /// The value at fault, or what is wrong.
    detail: String,
    /// The claim it was found in, as words (empty for reasons that name no claim).
    claim: Vec<String>,
}

impl Problem {
    /// The same problem as `other`: same kind and detail, found in the same claim or in one
    /// that differs from it by a few words (a perturbed claim the reference was already
    /// flagged for). A generic detail ("the call says this did not happen") found in another
    /// claim is a new problem.
    fn same_as(&self, other: &Problem) -> bool {
        if self.kind != other.kind || self.detail != other.detail {
            return false;
        }
        if self.claim.is_empty() || other.claim.is_empty() {
            return self.claim == other.claim;
        }
        let shared = self.claim.iter().filter(|w| other.claim.contains(w)).count();
        let longer = self.claim.len().max(other.claim.len());
        shared * 2 >= longer
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What verification found: each finding by kind, detail and claim, and every other reason as
/// is.
fn problems(check: &Verification) -> Vec<Problem> {
    let mut out: Vec<Problem> = check
        .findings
        .iter()
        .map(|f| Problem {
            kind: f.kind.as_str().to_owned(),
            detail: f.value.clone().unwrap_or_else(|| f.detail.clone()),
            claim: words(&f.claim),
        })
        .collect();
    out.extend(
        check
            .reasons
            .iter()
            .filter(|r| !check.findings.iter().any(|f| r.starts_with(f.kind.as_str())))
            .map(|r| Problem {
                kind: "other".to_owned(),
                detail: r.clone(),
                claim: Vec::new(),
            }),
    );
    out
}

fn kind_index(kind: ErrorKind) -> usize {
    ErrorKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn run(dir: &str) -> Run {
    let calls: Vec<EvalCall> = load(&repo_eval_dir().join(dir)).expect("the labelled set loads");
    let redactor = Redactor::new(RedactionConfig::default());
    let config = VerificationConfig::default();
    let summarizer = ExtractiveSummarizer::new();
    let mut run = Run::default();
    for call in &calls {
        let Some(reference) = &call.reference else {
            continue;
        };
        let lang = call.lang().to_owned();
        let original = call.transcript();
        let redaction = redactor.redact_call(&original, &[], Some(&call.language));
        let redacted = &redaction.transcript;

        let verified = run.verified.entry(lang.clone()).or_default();
        verified.references += 1;
        let check = verify(&reference.as_summary(), &original, &redaction, &redactor, &config);
        if !check.passed {
            verified.false_alarms += 1;
            run.misses
                .push(format!("FALSE ALARM {}: {}", call.id, check.reasons.join(" | ")));
        }
        // A perturbation is caught when verification finds something in it that it did not
        // find in the reference: a false alarm on the reference catches nothing.
        let before = problems(&check);
        for perturbation in &call.perturbations {
            let k = kind_index(perturbation.kind);
            verified.perturbations[k] += 1;
            let perturbed = verify(
                &reference.perturbed(perturbation),
                &original,
                &redaction,
                &redactor,
                &config,
            );
            if std::env::var("WRAPUP_EVAL_SHOW").is_ok_and(|id| call.id.contains(&id)) {
                println!(
                    "PERTURBED {}: {}\n  -> {:?}",
                    perturbation.kind.as_str(),
                    perturbation.error,
                    perturbed.reasons
                );
            }
            let new: Vec<Problem> = problems(&perturbed)
                .into_iter()
                .filter(|p| !before.iter().any(|b| p.same_as(b)))
                .collect();
            if new.is_empty() {
                run.misses.push(format!(
                    "MISSED {} {}: {}",
                    perturbation.kind.as_str(),
                    call.id,
                    perturbation.error
                ));
                continue;
            }
            verified.caught[k] += 1;
            if new.iter().any(|p| p.kind == perturbation.kind.as_str()) {
                verified.caught_as_kind[k] += 1;
            }
        }

        let produced = summarizer.summarize_transcript(redacted, &SummaryOptions::default());
        if std::env::var("WRAPUP_EVAL_SHOW").is_ok_and(|id| call.id.contains(&id)) {
            println!("\n== {}\nPRODUCED: {}", call.id, produced.executive_summary);
            for item in &produced.action_items {
                println!("  - [{:?}] {} (due {:?})", item.owner, item.text, item.due_date);
            }
            println!("  sentiment {:?}", produced.customer_sentiment);
            println!("REFERENCE: {}", reference.summary);
            println!(
                "REFERENCE REDACTED: {}",
                redaction.clone().redact_text(&redactor, &reference.summary)
            );
            println!(
                "VERIFICATION: {:?}",
                verify(&reference.as_summary(), &original, &redaction, &redactor, &config).reasons
            );
            for item in &reference.action_items {
                let found = match_items(&produced.action_items, std::slice::from_ref(item)).matched;
                let mark = if found > 0 { "+" } else { "-" };
                println!("  {mark} [{:?}] {} (due {:?})", item.owner, item.text, item.due);
            }
            println!("  sentiment {:?}", reference.sentiment);
        }
        let summarised = run.summarised.entry(lang.clone()).or_default();
        summarised.calls += 1;
        let items = match_items(&produced.action_items, &reference.action_items);
        summarised.reference_items += items.reference_items;
        summarised.matched_items += items.matched;
        summarised.produced_items += items.produced_items;
        summarised.owners_correct += items.owner_correct;
        summarised.sentiment_confusion[sentiment_index(reference.sentiment)]
            [sentiment_index(produced.customer_sentiment)] += 1;
        if produced.customer_sentiment == reference.sentiment {
            summarised.sentiment_agreed += 1;
        } else {
            run.misses.push(format!(
                "SENTIMENT {}: {:?}, reference {:?}",
                call.id, produced.customer_sentiment, reference.sentiment
            ));
        }
        summarised.rouge_l += rouge_l(&produced.executive_summary, &reference.summary);
        let found = blemishes(&produced.executive_summary, &lang);
        if found.any_filler_or_label() {
            summarised.with_filler_or_label += 1;
        }
        if !found.first_person.is_empty() {
            summarised.first_person += 1;
        }
        if !found.second_person.is_empty() {
            summarised.second_person += 1;
        }
        if items.matched < items.reference_items {
            run.misses.push(format!(
                "ITEMS {}: {} of {} found ({} produced)",
                call.id, items.matched, items.reference_items, items.produced_items
            ));
        }
    }
    run
}

const SENTIMENTS: [Sentiment; 4] = [
    Sentiment::Positive,
    Sentiment::Neutral,
    Sentiment::Negative,
    Sentiment::Mixed,
];

fn sentiment_index(sentiment: Sentiment) -> usize {
    SENTIMENTS.iter().position(|s| *s == sentiment).unwrap_or(0)
}

/// Reference sentiment (rows) against the produced one (columns), per language: which class
/// the summary misses or over-uses.
fn print_confusion(summarised: &BTreeMap<String, Summarised>) {
    println!("\n| language | reference | positive | neutral | negative | mixed |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    let mut all = [[0usize; 4]; 4];
    let rows = summarised
        .iter()
        .map(|(lang, s)| (lang.as_str(), s.sentiment_confusion))
        .collect::<Vec<_>>();
    for (_, confusion) in &rows {
        for (r, row) in confusion.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                all[r][c] += n;
            }
        }
    }
    for (lang, confusion) in rows.iter().copied().chain([("all", all)]) {
        for (r, row) in confusion.iter().enumerate() {
            if row.iter().sum::<usize>() > 0 {
                let cells: Vec<String> = row.iter().map(usize::to_string).collect();
                println!("| {lang} | {:?} | {} |", SENTIMENTS[r], cells.join(" | "));
            }
        }
    }
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

fn print(title: &str, run: &Run) -> (Verified, Summarised) {
    let mut all_v = Verified::default();
    let mut all_s = Summarised::default();
    println!("\n{title}\n");
    println!(
        "| language | references | false alarms | amount | date | entity | commitment | negation | speaker |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |lang: &str, v: &Verified| {
        let kinds: Vec<String> = (0..6).map(|k| pct(v.caught[k], v.perturbations[k])).collect();
        println!(
            "| {lang} | {} | {} | {} |",
            v.references,
            pct(v.false_alarms, v.references),
            kinds.join(" | ")
        );
    };
    for (lang, v) in &run.verified {
        row(lang, v);
        all_v.references += v.references;
        all_v.false_alarms += v.false_alarms;
        for k in 0..6 {
            all_v.perturbations[k] += v.perturbations[k];
            all_v.caught[k] += v.caught[k];
            all_v.caught_as_kind[k] += v.caught_as_kind[k];
        }
    }
    row("all", &all_v);
    let as_kind: Vec<String> = (0..6)
        .map(|k| pct(all_v.caught_as_kind[k], all_v.perturbations[k]))
        .collect();
    println!("| all, by a finding of its kind | | | {} |", as_kind.join(" | "));
    println!(
        "\n| language | calls | action items found | produced items matching one | owners correct | sentiment agreed | ROUGE-L | fillers or labels | first person | second person |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |lang: &str, s: &Summarised| {
        println!(
            "| {lang} | {} | {} | {} | {} | {} | {:.3} | {} | {} | {} |",
            s.calls,
            pct(s.matched_items, s.reference_items),
            pct(s.matched_items, s.produced_items),
            pct(s.owners_correct, s.matched_items),
            pct(s.sentiment_agreed, s.calls),
            if s.calls == 0 {
                0.0
            } else {
                s.rouge_l / s.calls as f64
            },
            s.with_filler_or_label,
            s.first_person,
            s.second_person
        );
    };
    for (lang, s) in &run.summarised {
        row(lang, s);
        all_s.calls += s.calls;
        all_s.reference_items += s.reference_items;
        all_s.matched_items += s.matched_items;
        all_s.produced_items += s.produced_items;
        all_s.owners_correct += s.owners_correct;
        all_s.sentiment_agreed += s.sentiment_agreed;
        all_s.rouge_l += s.rouge_l;
        all_s.with_filler_or_label += s.with_filler_or_label;
        all_s.first_person += s.first_person;
        all_s.second_person += s.second_person;
    }
    row("all", &all_s);
    print_confusion(&run.summarised);
    if std::env::var("WRAPUP_EVAL_MISSES").is_ok_and(|v| v == "1") {
        for miss in &run.misses {
            println!("{miss}");
        }
    }
    (all_v, all_s)
}

/// Where the figures stand today, as floors so a change that makes them worse fails CI. These
/// are regression guards, not issue 10's targets (see docs/benchmarks.md, "Summary quality").
struct Floors {
    max_false_alarms: f64,
    /// Detection per kind: amount, date, entity, commitment, negation, speaker.
    min_detection: [f64; 6],
    min_items_found: f64,
    min_owners_correct: f64,
    min_sentiment_agreed: f64,
    max_with_filler_or_label: usize,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn hold(floors: &Floors, v: &Verified, s: &Summarised) {
    let false_alarms = share(v.false_alarms, v.references);
    assert!(
        false_alarms <= floors.max_false_alarms,
        "false alarms {false_alarms:.3} above {}",
        floors.max_false_alarms
    );
    for (k, floor) in floors.min_detection.iter().enumerate() {
        let caught = share(v.caught[k], v.perturbations[k]);
        assert!(
            caught >= *floor,
            "detection of kind {k}: {caught:.3} below {floor}"
        );
    }
    let items = share(s.matched_items, s.reference_items);
    assert!(items >= floors.min_items_found, "action items found {items:.3}");
    let owners = share(s.owners_correct, s.matched_items);
    assert!(owners >= floors.min_owners_correct, "owners correct {owners:.3}");
    let sentiment = share(s.sentiment_agreed, s.calls);
    assert!(
        sentiment >= floors.min_sentiment_agreed,
        "sentiment agreed {sentiment:.3}"
    );
    assert!(
        s.with_filler_or_label <= floors.max_with_filler_or_label,
        "{} summaries with fillers or speaker labels",
        s.with_filler_or_label
    );
}

#[test]
fn verification_and_the_built_in_summary_on_the_labelled_set() {
    let run = run("calls");
    let (verified, summarised) = print("Verification and built-in summary over eval/calls", &run);
    assert!(
        verified.references >= 96,
        "reference summaries missing in eval/calls"
    );
    assert!(
        verified.perturbations.iter().all(|n| *n >= 25),
        "{:?}",
        verified.perturbations
    );
    hold(&CALLS_FLOORS, &verified, &summarised);
}

#[test]
fn verification_and_the_built_in_summary_on_the_holdout() {
    held("holdout", &HOLDOUT_FLOORS);
}

/// Runs `eval/<dir>`, prints its tables and holds them to `floors`.
fn held(dir: &str, floors: &Floors) {
    let run = run(dir);
    let (verified, summarised) = print(
        &format!("Verification and built-in summary over eval/{dir}"),
        &run,
    );
    assert!(
        verified.references >= 13,
        "reference summaries missing in eval/{dir}"
    );
    hold(floors, &verified, &summarised);
}

/// The unseen calls (`eval/unseen/`, the fifth batch): measured before any fix drawn from
/// them. Their first measurement, 2026-12-08: false alarms 12 of 13, detection 31 / 31 / 8 /
/// 46 / 8 / 23%; the relation check of `verify/placed.rs` accounts for one amount, one date
/// and one false alarm ("dalle 8 alle 12", a time range read as a count). Floors only.
#[test]
fn verification_and_the_built_in_summary_on_the_unseen_set() {
    held("unseen", &UNSEEN_FLOORS);
}

const UNSEEN_FLOORS: Floors = Floors {
    max_false_alarms: 0.93,
    min_detection: [0.30, 0.30, 0.07, 0.46, 0.07, 0.23],
    min_items_found: 0.22,
    min_owners_correct: 0.92,
    min_sentiment_agreed: 0.23,
    max_with_filler_or_label: 0,
};

const CALLS_FLOORS: Floors = Floors {
    // The target is at most 5% of correct references flagged; held at today's three
    // (3.1%), so one more false alarm fails ("la visita" read as a visit promised did).
    max_false_alarms: 0.04,
    min_detection: [0.96, 0.96, 0.93, 0.90, 0.90, 0.90],
    min_items_found: 0.51,
    min_owners_correct: 0.99,
    min_sentiment_agreed: 0.85,
    max_with_filler_or_label: 0,
};

/// The holdout's 65 calls: 14 in a first batch, 12 written on 2026-12-07 by authors who had
/// read neither the verifier nor the summariser, 12 more written the same way on the same day
/// (ids "fresh-..."), 13 on 2026-12-08 asked for subtle errors (ids "batch4-...") and 14 more
/// written the same way on 2026-12-08 (ids "batch6-..."). Measured before any fix drawn from
/// them, the rules generalise poorly: on the fourth batch false alarms were 53.8% and
/// detection 8 / 23 / 8 / 46 / 8 / 0% at the twenty-sixth session's start; on the sixth 92.9%
/// and 50 / 50 / 29 / 50 / 29 / 29% at the twenty-seventh's (docs/benchmarks.md, "Summary
/// quality"). These floors keep today's figures from getting worse; issue 10's targets are
/// missed here.
const HOLDOUT_FLOORS: Floors = Floors {
    // 28 of 65 references flagged; one more is 44.6%.
    max_false_alarms: 0.44,
    min_detection: [0.76, 0.59, 0.43, 0.50, 0.32, 0.28],
    min_items_found: 0.35,
    min_owners_correct: 0.93,
    min_sentiment_agreed: 0.60,
    max_with_filler_or_label: 0,
};
