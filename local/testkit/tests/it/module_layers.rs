//! The crates' modules form layers: no module depends, through its siblings, on itself. Every
//! source file of every crate is read; a sibling edge is a `crate::a::b` or `super::b` path (or a
//! `use super::{b, ..}` group) from one module to another under the same parent, comments left
//! out. No crate has one (the last, five of `redact`'s sub-modules, was broken by putting the
//! number and month words below the tokenizer); `KNOWN` would list one left open on purpose,
//! which may then shrink, never grow.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use regex::Regex;
use wrapup_testkit::find_repo_root;

/// Cycles left open on purpose, by their parent module, and how many modules each may hold at
/// most: none.
const KNOWN: &[(&str, usize)] = &[];

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src`, `#[path]` declarations taken into account.
fn module_of(src: &Path, file: &Path, declared: &HashMap<PathBuf, Module>) -> Module {
    if let Some(module) = declared.get(file) {
        return module.clone();
    }
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| matches!(p.as_str(), "mod" | "lib" | "main"))
    {
        parts.pop();
    }
    parts
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sibling edges between the modules of one `src` directory.
fn edges_of(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let path_mod =
        Regex::new(r#"#\[path\s*=\s*"([^"]+)"\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)"#)
            .expect("pattern");
    let mut declared: HashMap<PathBuf, Module> = HashMap::new();
    // Declaring files first: a `#[path]` module is named by its declaration.
    for _ in 0..3 {
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let here = module_of(src, file, &declared);
            for c in path_mod.captures_iter(&text) {
                let target = file.parent().unwrap_or(src).join(&c[1]);
                let target = std::fs::canonicalize(&target).unwrap_or(target);
                let mut module = here.clone();
                module.push(c[2].to_owned());
                declared.insert(target, module);
            }
        }
    }
    let declared: HashMap<PathBuf, Module> = declared;
    let paths = Regex::new(r"\b(crate|super)((?:::\w+)+)").expect("pattern");
    let groups = Regex::new(r"(?s)use\s+(crate|super)::\{([^;]*)\};").expect("pattern");
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Tests sit above what they test.
        if name.ends_with("_tests.rs") || name == "tests.rs" {
            continue;
        }
        let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        let me = declared
            .get(&canonical)
            .cloned()
            .unwrap_or_else(|| module_of(src, file, &HashMap::new()));
        let text = without_comments(&std::fs::read_to_string(file).unwrap_or_default());
        let mut targets: Vec<Module> = Vec::new();
        for c in paths.captures_iter(&text) {
            let mut segments: Vec<String> = c[2].split("::").skip(1).map(str::to_owned).collect();
            let target = if &c[1] == "crate" {
                segments
            } else {
                let mut up = 1;
                while segments.first().is_some_and(|s| s == "super") {
                    up += 1;
                    segments.remove(0);
                }
                let mut base = me[..me.len().saturating_sub(up)].to_vec();
                base.extend(segments);
                base
            };
            targets.push(target);
        }
        for c in groups.captures_iter(&text) {
            let base: Module = if &c[1] == "crate" {
                Vec::new()
            } else {
                me[..me.len().saturating_sub(1)].to_vec()
            };
            for item in c[2].split(',') {
                let head = item
                    .trim()
                    .split("::")
                    .next()
                    .unwrap_or_default()
                    .trim_matches(['{', '}', ' ']);
                if !head.is_empty() && head != "self" {
                    let mut target = base.clone();
                    target.push(head.to_owned());
                    targets.push(target);
                }
            }
        }
        for depth in 1..=me.len() {
            let from = me[..depth].to_vec();
            for target in &targets {
                if target.len() < depth {
                    continue;
                }
                let to = target[..depth].to_vec();
                if from != to && from[..depth - 1] == to[..depth - 1] {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    edges
}

/// Strongly connected components of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: HashMap<&'a Module, usize>,
        low: HashMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Module) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            // Edges to modules that have no edges of their own end there.
            let Some((w, _)) = s.edges.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_crate_has_a_module_cycle_beyond_the_known_one() {
    let root = find_repo_root().expect("the repository root");
    let mut sources: Vec<PathBuf> = vec![root.join("shared/src")];
    for group in ["crates", "functions", "local"] {
        for entry in std::fs::read_dir(root.join(group))
            .into_iter()
            .flatten()
            .flatten()
        {
            let src = entry.path().join("src");
            if src.is_dir() {
                sources.push(src);
            }
        }
    }
    assert!(sources.len() >= 10, "every crate's sources: {sources:?}");
    let mut unexpected = Vec::new();
    for src in &sources {
        let label = src.strip_prefix(&root).unwrap_or(src).display().to_string();
        for component in cycles(&edges_of(src)) {
            let parent = component[0][..component[0].len() - 1].join("::");
            let key = format!("{label}::{parent}");
            match KNOWN.iter().find(|(known, _)| *known == key) {
                Some((_, most)) if component.len() <= *most => {}
                _ => unexpected.push(format!(
                    "{key}: {} modules: {}",
                    component.len(),
                    component
                        .iter()
                        .map(|m| m.join("::"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
    assert!(unexpected.is_empty(), "module cycles:\n{}", unexpected.join("\n"));
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let module = |m: &str| m.split("::").map(str::to_owned).collect::<Module>();
    let mut edges = BTreeMap::new();
    edges.insert(module("a::x"), BTreeSet::from([module("a::y")]));
    edges.insert(module("a::y"), BTreeSet::from([module("a::z")]));
    edges.insert(module("a::z"), BTreeSet::from([module("a::x")]));
    edges.insert(module("a::w"), BTreeSet::from([module("a::x")]));
    let found = cycles(&edges);
    assert_eq!(found, vec![vec![module("a::x"), module("a::y"), module("a::z")]]);
}
