//! `AWS::Serverless::Function` environments: what each variable is set to, so the tests, the
//! local stack and the tools give a function exactly the variables the deployed one gets.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use serde_norway::{Mapping, Value};

use crate::intrinsic::{intrinsic, kind, scalar_string};

/// What one environment variable is set to in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvValue {
    /// Written out.
    Literal(String),
    /// `!Ref` of a parameter (or a pseudo parameter), with its default when it has one.
    Parameter { name: String, default: Option<String> },
    /// `!Ref` of a resource of the template: a table's name, a queue's URL, a bucket's name.
    Resource(String),
    /// `!Sub` of pseudo parameters only (`Wrapup/${AWS::StackName}`), as written.
    Sub(String),
}

/// One function of the template and its environment (the `Globals` merged under its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDef {
    pub logical_id: String,
    pub environment: BTreeMap<String, EnvValue>,
}

impl FunctionDef {
    pub(crate) fn parse(
        logical_id: &str,
        globals: Option<&Value>,
        props: &Mapping,
        resources: &BTreeSet<String>,
        defaults: &BTreeMap<String, String>,
    ) -> Result<Self> {
        let mut environment = BTreeMap::new();
        let own = props.get("Environment");
        for (what, node) in [("Globals.Function", globals), (logical_id, own)] {
            let Some(variables) = node.and_then(|e| e.get("Variables")) else {
                continue;
            };
            let Value::Mapping(variables) = variables else {
                bail!(
                    "{what}.Environment.Variables must be a mapping, found {}",
                    kind(variables)
                );
            };
            for (name, value) in variables {
                let name = name
                    .as_str()
                    .ok_or_else(|| anyhow!("{what}: environment variable names must be strings"))?;
                let value = env_value(value, resources, defaults)
                    .map_err(|reason| anyhow!("{what}.Environment.Variables.{name}: {reason}"))?;
                environment.insert(name.to_owned(), value);
            }
        }
        Ok(Self {
            logical_id: logical_id.to_owned(),
            environment,
        })
    }

    /// The environment with every value resolved: literals as written, every reference by
    /// `resolve(variable, value)` (a parameter's value, a resource's name or URL in the stack at
    /// hand); `None` leaves the variable out.
    pub fn resolve(&self, resolve: impl Fn(&str, &EnvValue) -> Option<String>) -> BTreeMap<String, String> {
        self.environment
            .iter()
            .filter_map(|(variable, value)| {
                let resolved = match value {
                    EnvValue::Literal(text) => Some(text.clone()),
                    reference => resolve(variable, reference),
                }?;
                Some((variable.clone(), resolved))
            })
            .collect()
    }
}

pub(crate) fn env_value(
    value: &Value,
    resources: &BTreeSet<String>,
    defaults: &BTreeMap<String, String>,
) -> std::result::Result<EnvValue, String> {
    if let Some(text) = scalar_string(value) {
        return Ok(EnvValue::Literal(text));
    }
    match intrinsic(value) {
        Some((name, target)) if name == "Ref" => {
            let target = target
                .as_str()
                .ok_or_else(|| "!Ref must name a parameter or a resource".to_owned())?;
            Ok(if resources.contains(target) {
                EnvValue::Resource(target.to_owned())
            } else {
                EnvValue::Parameter {
                    name: target.to_owned(),
                    default: defaults.get(target).cloned(),
                }
            })
        }
        Some((name, target)) if name == "Fn::Sub" => {
            let text = target
                .as_str()
                .ok_or_else(|| "!Sub must be a string in a function environment".to_owned())?;
            let pseudo_only = text
                .split("${")
                .skip(1)
                .all(|rest| rest.starts_with("AWS::") && rest.contains('}'));
            if !pseudo_only {
                return Err(format!(
                    "!Sub {text:?} may only use pseudo parameters such as ${{AWS::StackName}}; use !Ref"
                ));
            }
            Ok(EnvValue::Sub(text.to_owned()))
        }
        Some((name, _)) => Err(format!(
            "{name} is not supported in a function environment, use !Ref"
        )),
        None => Err(format!("expected a scalar or !Ref, found {}", kind(value))),
    }
}
