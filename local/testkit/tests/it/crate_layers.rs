//! The workspace's crates form the layers the README names, and each function depends only on
//! what it uses: crm-sync and the miner link neither the text pipeline nor the summary pipeline.
//! Read from every member's `Cargo.toml` (its `[dependencies]`; tests and tools may use more).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use wrapup_testkit::find_repo_root;

/// Every workspace member's package name and the members it depends on (normal dependencies).
fn members(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut manifests = vec![root.join("shared/Cargo.toml")];
    for group in ["crates", "functions", "local"] {
        for entry in std::fs::read_dir(root.join(group)).unwrap().flatten() {
            let manifest = entry.path().join("Cargo.toml");
            if manifest.is_file() {
                manifests.push(manifest);
            }
        }
    }
    let mut raw: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for manifest in manifests {
        let text = std::fs::read_to_string(&manifest).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let name = table["package"]["name"]
            .as_str()
            .expect("a package name")
            .to_owned();
        let deps = table
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .map(|deps| deps.keys().cloned().collect())
            .unwrap_or_default();
        raw.insert(name, deps);
    }
    let names: BTreeSet<String> = raw.keys().cloned().collect();
    raw.into_iter()
        .map(|(name, deps)| (name, deps.intersection(&names).cloned().collect()))
        .collect()
}

/// Every member `name` depends on, directly or through others.
fn reach(graph: &BTreeMap<String, BTreeSet<String>>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(next) = stack.pop() {
        for dep in graph.get(&next).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn the_library_crates_are_layered_and_each_function_links_what_it_uses() {
    let graph = members(&find_repo_root().unwrap());
    let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<BTreeSet<_>>();

    // Bottom up: each layer sees only those below it.
    assert_eq!(reach(&graph, "wrapup-core"), set(&[]));
    assert_eq!(
        reach(&graph, "wrapup-genesys"),
        set(&["wrapup-core", "wrapup-metrics"])
    );
    assert_eq!(
        reach(&graph, "wrapup-text"),
        set(&["wrapup-core", "wrapup-genesys", "wrapup-metrics"])
    );
    assert_eq!(
        reach(&graph, "wrapup-adapters"),
        set(&["wrapup-core", "wrapup-genesys", "wrapup-metrics"])
    );
    let text_pipeline = set(&["wrapup-text", "wrapup"]);
    for function in [
        "crm-sync",
        "archive-miner",
        "wrapup-mining",
        "wrapup-assist",
        "wrapup-ops",
    ] {
        let linked = reach(&graph, function);
        assert!(
            linked.is_disjoint(&text_pipeline),
            "{function} links the text pipeline: {linked:?}"
        );
    }
    // The summary pipeline's users do link it; nothing that ships links a test crate.
    assert!(reach(&graph, "summary-api").contains("wrapup-text"));
    assert!(reach(&graph, "assist-callback").contains("wrapup"));
    let test_crates = set(&[
        "wrapup-testkit",
        "genesys-sim",
        "wrapup-eval",
        "wrapup-chaos",
        "wrapup-local",
    ]);
    let shipped = graph
        .keys()
        .filter(|name| !test_crates.contains(*name) && *name != "hello-lambda");
    for name in shipped {
        let linked = reach(&graph, name);
        assert!(
            linked.is_disjoint(&test_crates),
            "{name} links a test crate: {linked:?}"
        );
    }
}

#[test]
fn a_dependency_through_another_crate_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec![])]
        .into_iter()
        .map(|(n, d)| (n.to_owned(), d.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(
        reach(&graph, "a"),
        ["b", "c"].map(str::to_owned).into_iter().collect()
    );
    assert!(reach(&graph, "c").is_empty());
}
