//! The dashboard and the alarms of `template.yaml` read only metrics a function writes: each
//! Wrapup metric they name is a metric name in the functions' code, and the dashboard's body
//! is JSON CloudWatch accepts.

use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::Value;
use wrapup_template::find_repo_root;

fn template_text(root: &Path) -> String {
    fs::read_to_string(root.join("template.yaml")).expect("template.yaml")
}

/// The dashboard's body, with `${...}` substitutions replaced as CloudFormation would.
fn dashboard(text: &str) -> Value {
    let start = text.find("DashboardBody: !Sub |").expect("a dashboard") + "DashboardBody: !Sub |".len();
    let body: Vec<&str> = text[start..]
        .lines()
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with("        "))
        .collect();
    let body = body.join("\n");
    let substituted = Regex::new(r"\$\{[A-Za-z0-9:.]+\}")
        .unwrap()
        .replace_all(&body, "x");
    serde_json::from_str(&substituted).unwrap_or_else(|e| panic!("the dashboard body is not JSON: {e}"))
}

/// Every `.rs` file under `dir` outside tests.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().is_some_and(|n| n != "tests" && n != "target") {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_dashboard_is_valid_json_with_metric_widgets() {
    let root = find_repo_root().unwrap();
    let body = dashboard(&template_text(&root));
    let widgets = body["widgets"].as_array().expect("widgets");
    assert!(widgets.len() >= 15, "{}", widgets.len());
    for widget in widgets {
        let kind = widget["type"].as_str().unwrap();
        assert!(["metric", "text"].contains(&kind), "{widget}");
        for key in ["x", "y", "width", "height"] {
            assert!(widget[key].is_u64(), "{key} of {widget}");
        }
        if kind == "metric" {
            assert!(
                !widget["properties"]["metrics"].as_array().unwrap().is_empty(),
                "{widget}"
            );
            assert!(widget["properties"]["region"].is_string());
        }
    }
}

#[test]
fn every_wrapup_metric_the_template_reads_is_written_by_a_function() {
    let root = find_repo_root().unwrap();
    let text = template_text(&root);
    let body = dashboard(&text).to_string();
    let mut names: Vec<String> = Vec::new();
    // SEARCH('{Wrapup/x,Function,...} ... MetricName=\"Requests\"', ...) and ["Wrapup/x", "Requests", ...].
    for re in [r#"MetricName=\\"(\w+)\\""#, r#"\["Wrapup/x","(\w+)""#] {
        for cap in Regex::new(re).unwrap().captures_iter(&body) {
            names.push(cap[1].to_owned());
        }
    }
    // Alarms on the Wrapup namespace: their MetricName follows the namespace line.
    let alarm = Regex::new(r#"Namespace: !Sub "Wrapup/\$\{AWS::StackName\}"\s+MetricName: (\w+)"#).unwrap();
    names.extend(alarm.captures_iter(&text).map(|c| c[1].to_owned()));
    names.sort();
    names.dedup();
    assert!(names.len() >= 25, "{names:?}");

    let mut files = Vec::new();
    for dir in ["functions", "crates", "shared/src"] {
        sources(&root.join(dir), &mut files);
    }
    let code: String = files.iter().filter_map(|f| fs::read_to_string(f).ok()).collect();
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| !code.contains(&format!("\"{name}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "metrics the template reads that no function writes: {missing:?}"
    );
}
