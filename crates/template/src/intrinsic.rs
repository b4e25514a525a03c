//! The few CloudFormation intrinsic functions the local stack needs to understand: enough to turn a
//! resource name (`!Sub "${AWS::StackName}-audit"`, `!Ref Param`, `!Join`) into a string, and to
//! follow `!GetAtt Queue.Arn`. Both the short YAML form (`!Sub x`, a tagged value) and the long
//! form (`{"Fn::Sub": x}`) are accepted.

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, bail};
use serde_norway::Value;

/// Pseudo parameters a name template may use; the rest of the template is resolved at parse time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudo {
    /// `AWS::StackName`
    pub stack_name: String,
    /// `AWS::Region`
    pub region: String,
    /// `AWS::AccountId` (moto's default account)
    pub account_id: String,
    /// `AWS::Partition`
    pub partition: String,
}

impl Pseudo {
    /// The pseudo parameters of a local stack: us-east-1, moto's default account `123456789012`.
    pub fn local(stack_name: &str) -> Self {
        Self {
            stack_name: stack_name.to_owned(),
            region: "us-east-1".to_owned(),
            account_id: "123456789012".to_owned(),
            partition: "aws".to_owned(),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "AWS::StackName" => Some(&self.stack_name),
            "AWS::Region" => Some(&self.region),
            "AWS::AccountId" => Some(&self.account_id),
            "AWS::Partition" => Some(&self.partition),
            "AWS::URLSuffix" => Some("amazonaws.com"),
            _ => None,
        }
    }
}

/// If `value` is an intrinsic function call, its canonical name (`Ref`, `Fn::Sub`, ...) and
/// argument.
pub(crate) fn intrinsic(value: &Value) -> Option<(String, &Value)> {
    match value {
        Value::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let tag = tag.trim_start_matches('!');
            let name = match tag {
                "Ref" | "Condition" => tag.to_owned(),
                other => format!("Fn::{other}"),
            };
            Some((name, &tagged.value))
        }
        Value::Mapping(map) if map.len() == 1 => {
            let (key, arg) = map.iter().next()?;
            let key = key.as_str()?;
            (key == "Ref" || key == "Condition" || key.starts_with("Fn::")).then(|| (key.to_owned(), arg))
        }
        _ => None,
    }
}

/// Turns a name-like value into a `Fn::Sub`-style template in which only pseudo parameters
/// (`${AWS::StackName}`, ...) remain; template parameters are replaced by their defaults.
pub(crate) fn to_sub_template(
    value: &Value,
    params: &BTreeMap<String, String>,
    what: &str,
) -> Result<String> {
    if let Some(s) = scalar_string(value) {
        return Ok(escape_literal(&s));
    }
    let Some((name, arg)) = intrinsic(value) else {
        bail!(
            "{what}: expected a string or an intrinsic function, found {}",
            kind(value)
        );
    };
    match name.as_str() {
        "Ref" => {
            let target = arg.as_str().ok_or_else(|| anyhow!("{what}: !Ref needs a name"))?;
            if target.starts_with("AWS::") {
                Ok(format!("${{{target}}}"))
            } else if let Some(default) = params.get(target) {
                Ok(escape_literal(default))
            } else {
                bail!("{what}: !Ref {target} is not a parameter with a Default")
            }
        }
        "Fn::Sub" => match arg {
            Value::String(s) => substitute_params(s, params, &BTreeMap::new(), what),
            Value::Sequence(items) if items.len() == 2 => {
                let text = items[0]
                    .as_str()
                    .ok_or_else(|| anyhow!("{what}: the first item of !Sub must be a string"))?;
                let Value::Mapping(vars) = &items[1] else {
                    bail!("{what}: the second item of !Sub must be a mapping");
                };
                let mut resolved = BTreeMap::new();
                for (k, v) in vars {
                    let k = k
                        .as_str()
                        .ok_or_else(|| anyhow!("{what}: !Sub variable names must be strings"))?;
                    let v = to_sub_template(v, params, &format!("{what} (!Sub variable {k})"))?;
                    resolved.insert(k.to_owned(), v);
                }
                substitute_params(text, params, &resolved, what)
            }
            _ => bail!("{what}: !Sub takes a string or [string, mapping]"),
        },
        "Fn::Join" => {
            let parts = match arg {
                Value::Sequence(items) if items.len() == 2 => items,
                _ => bail!("{what}: !Join takes [delimiter, [values...]]"),
            };
            let delimiter = parts[0]
                .as_str()
                .ok_or_else(|| anyhow!("{what}: the !Join delimiter must be a string"))?;
            let Value::Sequence(values) = &parts[1] else {
                bail!("{what}: !Join values must be a list");
            };
            let values = values
                .iter()
                .map(|v| to_sub_template(v, params, what))
                .collect::<Result<Vec<_>>>()?;
            Ok(values.join(&escape_literal(delimiter)))
        }
        other => bail!("{what}: {other} is not supported here (use a string, !Sub, !Ref or !Join)"),
    }
}

/// Resolves a template made by [`to_sub_template`] for one stack.
pub fn resolve_sub(template: &str, pseudo: &Pseudo) -> Result<String> {
    let mut out = String::with_capacity(template.len());
    for piece in split_sub(template)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Escaped(name) => {
                out.push_str("${");
                out.push_str(name);
                out.push('}');
            }
            Piece::Var(name) => out.push_str(
                pseudo
                    .get(name)
                    .ok_or_else(|| anyhow!("unknown variable ${{{name}}} in \"{template}\""))?,
            ),
        }
    }
    Ok(out)
}

/// The logical id a `!GetAtt X.Arn` (or `[X, Arn]`, or `{"Fn::GetAtt": ...}`) points at.
pub(crate) fn get_att_target(value: &Value, attribute: &str, what: &str) -> Result<String> {
    let (_, arg) = intrinsic(value)
        .filter(|(name, _)| name == "Fn::GetAtt")
        .ok_or_else(|| anyhow!("{what}: expected !GetAtt <LogicalId>.{attribute}"))?;
    let (id, attr) = match arg {
        Value::String(s) => s
            .split_once('.')
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .ok_or_else(|| anyhow!("{what}: !GetAtt {s} has no attribute"))?,
        Value::Sequence(items) if items.len() == 2 => match (items[0].as_str(), items[1].as_str()) {
            (Some(a), Some(b)) => (a.to_owned(), b.to_owned()),
            _ => bail!("{what}: !GetAtt [LogicalId, Attribute] needs two strings"),
        },
        _ => bail!("{what}: malformed !GetAtt"),
    };
    if attr != attribute {
        bail!("{what}: expected !GetAtt {id}.{attribute}, found !GetAtt {id}.{attr}");
    }
    Ok(id)
}

/// A plain scalar as a string (numbers and booleans too, as CloudFormation does).
pub(crate) fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A short description of a value's kind, for error messages (never the value itself).
pub(crate) fn kind(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(t) => format!("{}", t.tag),
    }
}

enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
    Escaped(&'a str),
}

fn split_sub(template: &str) -> Result<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .with_context(|| format!("unterminated ${{ in \"{template}\""))?;
        let name = &after[..end];
        match name.strip_prefix('!') {
            Some(literal) => pieces.push(Piece::Escaped(literal)),
            None => pieces.push(Piece::Var(name.trim())),
        }
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

fn substitute_params(
    text: &str,
    params: &BTreeMap<String, String>,
    vars: &BTreeMap<String, String>,
    what: &str,
) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    for piece in split_sub(text).with_context(|| what.to_owned())? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Escaped(name) => {
                out.push_str("${!");
                out.push_str(name);
                out.push('}');
            }
            Piece::Var(name) => {
                if let Some(v) = vars.get(name) {
                    out.push_str(v);
                } else if name.starts_with("AWS::") {
                    out.push_str("${");
                    out.push_str(name);
                    out.push('}');
                } else if let Some(default) = params.get(name) {
                    out.push_str(&escape_literal(default));
                } else {
                    bail!("{what}: ${{{name}}} is neither a pseudo parameter nor a parameter with a Default");
                }
            }
        }
    }
    Ok(out)
}

fn escape_literal(s: &str) -> String {
    s.replace("${", "${!")
}

/// Resolves a name template (`${AWS::StackName}-audit`) for a local stack.
pub fn resolve_name(name_template: &str, stack_name: &str) -> Result<String> {
    resolve_sub(name_template, &Pseudo::local(stack_name))
}
