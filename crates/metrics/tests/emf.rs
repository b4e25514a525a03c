//! Every line the emitter writes is valid EMF by the specification's JSON schema and its rules;
//! the checks themselves refuse what the specification refuses.

use std::time::Duration;

use proptest::prelude::*;
use serde_json::json;
use wrapup_metrics::{
    EmfError, Metrics, NAMESPACE, Unit, check_against_spec, checked_documents, documents_in, leaks, parse,
    sum_where,
};

#[test]
fn a_document_is_one_valid_line_with_its_dimensions_and_a_function_rollup() {
    let (metrics, sink) = Metrics::in_memory("summary-api");
    let mut document = metrics
        .document()
        .dimension("Outcome", "queued_for_crm")
        .dimension("Source", "llm");
    document
        .count("Requests", 1)
        .duration("TotalLatency", Duration::from_millis(1250))
        .value("PromptTokens", Unit::Count, 812.0);
    document.emit();
    let lines = sink.lines();
    assert_eq!(lines.len(), 1);
    let doc = check_against_spec(&lines[0]).unwrap();
    assert_eq!(doc.namespace, NAMESPACE);
    assert_eq!(doc.dimension("Function"), Some("summary-api"));
    assert_eq!(doc.dimension("Outcome"), Some("queued_for_crm"));
    assert_eq!(
        doc.dimension_sets,
        vec![
            vec!["Function".to_owned(), "Outcome".into(), "Source".into()],
            vec!["Function".to_owned()]
        ]
    );
    assert_eq!(doc.sum("TotalLatency"), 1250.0);
    assert_eq!(doc.metric("Requests").unwrap().unit.as_deref(), Some("Count"));
    assert_eq!(
        doc.metric("TotalLatency").unwrap().unit.as_deref(),
        Some("Milliseconds")
    );
}

#[test]
fn chosen_series_replace_the_one_with_every_dimension() {
    let (metrics, sink) = Metrics::in_memory("summary-api");
    let mut document = metrics
        .document()
        .dimension("Outcome", "needs_review")
        .dimension("Source", "llm")
        .dimension_sets(&[&["Outcome"], &["Source"], &["Outcome", "Missing"]]);
    document.count("Requests", 1);
    document.emit();
    let doc = check_against_spec(&sink.lines()[0]).unwrap();
    let sets: Vec<Vec<&str>> = doc
        .dimension_sets
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        sets,
        vec![
            vec!["Function", "Outcome"],
            vec!["Function", "Source"],
            vec!["Function"]
        ],
        "a name that is no dimension is left out, and a set is not repeated"
    );
}

#[test]
fn an_empty_document_writes_nothing_and_the_function_cannot_be_overridden() {
    let (metrics, sink) = Metrics::in_memory("crm-sync");
    metrics.document().dimension("Target", "webhook").emit();
    assert!(sink.lines().is_empty());
    metrics.count("Writes", 2, &[("Function", "other"), ("Target", "webhook")]);
    let doc = check_against_spec(&sink.lines()[0]).unwrap();
    assert_eq!(doc.dimension("Function"), Some("crm-sync"));
    assert_eq!(
        doc.dimension_sets[0],
        vec!["Function".to_owned(), "Target".into()]
    );
}

#[test]
fn more_than_a_hundred_values_are_split_over_lines_and_none_is_lost() {
    let (metrics, sink) = Metrics::in_memory("archive-miner");
    let mut document = metrics.document();
    for i in 0..250 {
        document.millis("PageLatency", i);
    }
    document.count("Pages", 250);
    document.emit();
    let lines = sink.lines();
    assert_eq!(lines.len(), 3);
    let docs: Vec<_> = lines.iter().map(|l| check_against_spec(l).unwrap()).collect();
    let values: usize = docs
        .iter()
        .map(|d| d.metric("PageLatency").map_or(0, |m| m.values.len()))
        .sum();
    assert_eq!(values, 250);
    assert_eq!(docs.iter().map(|d| d.sum("Pages")).sum::<f64>(), 250.0);
}

#[test]
fn values_that_json_cannot_hold_are_dropped() {
    let (metrics, sink) = Metrics::in_memory("summary-api");
    let mut document = metrics.document();
    document
        .value("Cost", Unit::None, f64::NAN)
        .value("Cost", Unit::None, 0.25);
    document.emit();
    let doc = check_against_spec(&sink.lines()[0]).unwrap();
    assert_eq!(doc.metric("Cost").unwrap().values, vec![0.25]);
}

#[test]
fn the_checks_refuse_what_the_specification_refuses() {
    let valid = json!({
        "_aws": {"Timestamp": 1, "CloudWatchMetrics": [{"Namespace": "Wrapup", "Dimensions": [["Function"]], "Metrics": [{"Name": "N", "Unit": "Count"}]}]},
        "Function": "x", "N": 1
    });
    assert!(check_against_spec(&valid.to_string()).is_ok());
    let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = valid.clone();
        edit(&mut doc);
        doc.to_string()
    };
    // By the schema.
    for line in [
        broken(&|d| d["_aws"]["Timestamp"] = json!("yesterday")),
        broken(&|d| d["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Unit"] = json!("Widgets")),
        broken(&|d| d["_aws"]["CloudWatchMetrics"][0]["Dimensions"] = json!([])),
        broken(&|d| {
            d["_aws"]["CloudWatchMetrics"][0]["Dimensions"] =
                json!([["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]])
        }),
        broken(&|d| d["_aws"]["CloudWatchMetrics"][0]["Namespace"] = json!("")),
        broken(&|d| {
            d.as_object_mut().unwrap().remove("_aws");
        }),
    ] {
        assert!(check_against_spec(&line).is_err(), "{line}");
    }
    // By the rules the schema cannot express.
    assert_eq!(
        parse(&broken(&|d| {
            d.as_object_mut().unwrap().remove("Function");
        })),
        Err(EmfError::Dimension("Function".into()))
    );
    assert_eq!(
        parse(&broken(&|d| d["Function"] = json!(3))),
        Err(EmfError::Dimension("Function".into()))
    );
    assert_eq!(
        parse(&broken(&|d| d["N"] = json!("1"))),
        Err(EmfError::Metric("N".into()))
    );
    assert_eq!(
        parse(&broken(&|d| d["N"] = json!(vec![1; 101]))),
        Err(EmfError::Metric("N".into()))
    );
    assert!(matches!(parse("not json"), Err(EmfError::NotJson(_))));
}

#[test]
fn documents_among_log_lines_are_found_and_other_lines_skipped() {
    let (metrics, sink) = Metrics::in_memory("assist-callback");
    metrics.count("Events", 1, &[("Topic", "suggestions")]);
    let mut log = vec![
        r#"{"level":"INFO","message":"answered"}"#.to_owned(),
        "plain text".into(),
    ];
    log.extend(sink.lines());
    let docs = documents_in(log.iter().map(String::as_str)).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].sum("Events"), 1.0);
}

#[test]
fn the_test_support_finds_ids_and_text_and_lines_of_another_function() {
    let (metrics, sink) = Metrics::in_memory("crm-sync");
    metrics.count("Writes", 2, &[("Target", "dataAction"), ("Outcome", "written")]);
    metrics.count("Writes", 1, &[("Target", "webhook"), ("Outcome", "written")]);
    let clean = sink.take();
    assert!(leaks(&clean, &["CASE-42"]).is_empty());
    let docs = checked_documents(&clean, "crm-sync").unwrap();
    assert_eq!(sum_where(&docs, "Writes", &[("Outcome", "written")]), 3.0);
    assert_eq!(sum_where(&docs, "Writes", &[("Target", "webhook")]), 1.0);
    assert!(checked_documents(&clean, "summary-api").is_err());

    // A dimension value made at run time from an id: the types make this hard, the check finds it.
    let id: &'static str = Box::leak("3f1c2a9e-0000-4000-8000-000000000001".to_owned().into_boxed_str());
    metrics.count("Writes", 1, &[("Target", id)]);
    let leaked = sink.take();
    assert_eq!(leaks(&leaked, &[]).len(), 1, "{leaked:?}");
    assert_eq!(
        leaks(&clean, &["dataAction"]).len(),
        1,
        "a forbidden word anywhere"
    );
    let with_text = vec![clean[0].replace("\"Target\"", "\"note\":\"the customer said\",\"Target\"")];
    assert_eq!(leaks(&with_text, &[]).len(), 1, "{with_text:?}");
}

const NAMES: &[&str] = &["Requests", "Latency", "Tokens", "Writes", "Events", "Cost"];
const VALUES: &[&str] = &["llm", "webhook", "needs_review", "voice", "amount"];

proptest! {
    #[test]
    fn any_document_the_emitter_writes_is_valid(
        dims in proptest::collection::vec((0..4usize, 0..VALUES.len()), 0..4),
        values in proptest::collection::vec((0..NAMES.len(), -1e12f64..1e12), 0..300),
    ) {
        let (metrics, sink) = Metrics::in_memory("summary-api");
        let dim_names = ["Source", "Outcome", "Target", "Kind"];
        let mut document = metrics.document();
        for (name, value) in &dims {
            document = document.dimension(dim_names[*name], VALUES[*value]);
        }
        for (name, value) in &values {
            document.value(NAMES[*name], Unit::Count, *value);
        }
        document.emit();
        let mut total = 0.0;
        let mut count = 0;
        for line in sink.lines() {
            let doc = check_against_spec(&line).map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
            total += doc.metrics.iter().flat_map(|m| m.values.iter()).sum::<f64>();
            count += doc.metrics.iter().map(|m| m.values.len()).sum::<usize>();
        }
        prop_assert_eq!(count, values.len());
        let expected: f64 = values.iter().map(|(_, v)| v).sum();
        prop_assert!((total - expected).abs() <= 1e-6 * expected.abs().max(1.0));
    }
}
