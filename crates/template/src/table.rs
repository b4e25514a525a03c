//! `AWS::DynamoDB::Table` definitions read from the template.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use serde_norway::{Mapping, Value};

use crate::intrinsic::{resolve_name, to_sub_template};
use crate::values::{boolean, list, literal_str, mapping, number, required};

/// One DynamoDB table of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDef {
    /// The resource's logical id (`AuditTable`).
    pub logical_id: String,
    /// The table name with only pseudo parameters left (`${AWS::StackName}-audit`); see
    /// [`TableDef::name`]. A table without `TableName` gets `${AWS::StackName}-<LogicalId>`.
    pub name_template: String,
    /// `AttributeDefinitions`.
    pub attribute_definitions: Vec<AttributeDef>,
    /// `KeySchema` (HASH first, then the optional RANGE).
    pub key_schema: Vec<KeyElement>,
    /// `GlobalSecondaryIndexes`.
    pub global_secondary_indexes: Vec<IndexDef>,
    /// `LocalSecondaryIndexes`.
    pub local_secondary_indexes: Vec<IndexDef>,
    /// `TimeToLiveSpecification.AttributeName` when TTL is enabled.
    pub ttl_attribute: Option<String>,
    /// `BillingMode` (CloudFormation's default is provisioned).
    pub billing_mode: BillingMode,
}

/// An attribute definition: name and type (`S`, `N` or `B`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeDef {
    /// Attribute name.
    pub name: String,
    /// `S`, `N` or `B`.
    pub attribute_type: String,
}

/// A key schema element: attribute name and key type (`HASH` or `RANGE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyElement {
    /// Attribute name.
    pub attribute_name: String,
    /// `HASH` or `RANGE`.
    pub key_type: String,
}

/// A global or local secondary index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDef {
    /// `IndexName`.
    pub index_name: String,
    /// The index's key schema.
    pub key_schema: Vec<KeyElement>,
    /// `ALL`, `KEYS_ONLY` or `INCLUDE`.
    pub projection_type: String,
    /// `NonKeyAttributes` of an `INCLUDE` projection.
    pub non_key_attributes: Vec<String>,
    /// The index's throughput on a provisioned table.
    pub provisioned_throughput: Option<Throughput>,
}

/// Provisioned read and write capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throughput {
    /// Read capacity units.
    pub read: i64,
    /// Write capacity units.
    pub write: i64,
}

/// How the table is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingMode {
    /// `PAY_PER_REQUEST`.
    PayPerRequest,
    /// `PROVISIONED` with the table's throughput.
    Provisioned(Throughput),
}

impl TableDef {
    /// The table's name in a stack (`test-1a2b3c4d-audit`).
    pub fn name(&self, stack_name: &str) -> Result<String> {
        resolve_name(&self.name_template, stack_name)
    }

    /// The attribute name of the table's partition key.
    pub fn hash_key(&self) -> Option<&str> {
        key_of(&self.key_schema, "HASH")
    }

    /// The attribute name of the table's sort key, if any.
    pub fn range_key(&self) -> Option<&str> {
        key_of(&self.key_schema, "RANGE")
    }

    /// The global secondary index with this name.
    pub fn gsi(&self, index_name: &str) -> Option<&IndexDef> {
        self.global_secondary_indexes
            .iter()
            .find(|i| i.index_name == index_name)
    }

    pub(crate) fn parse(id: &str, props: &Mapping, params: &BTreeMap<String, String>) -> Result<Self> {
        let what = format!("{id}.Properties");
        let name_template = match props.get("TableName") {
            Some(name) => to_sub_template(name, params, &format!("{what}.TableName"))?,
            None => format!("${{AWS::StackName}}-{id}"),
        };
        let mut attribute_definitions = Vec::new();
        for (i, item) in list(props, "AttributeDefinitions", &what)?.iter().enumerate() {
            let at = format!("{what}.AttributeDefinitions[{i}]");
            let m = mapping(item, &at)?;
            let attribute_type = literal_str(required(m, "AttributeType", &at)?, &at)?;
            if !matches!(attribute_type.as_str(), "S" | "N" | "B") {
                bail!("{at}.AttributeType must be S, N or B, found {attribute_type:?}");
            }
            attribute_definitions.push(AttributeDef {
                name: literal_str(required(m, "AttributeName", &at)?, &at)?,
                attribute_type,
            });
        }
        let key_schema = key_schema(props, &what)?;
        let billing_mode = match props.get("BillingMode") {
            Some(v) => literal_str(v, &format!("{what}.BillingMode"))?,
            None => "PROVISIONED".to_owned(),
        };
        let billing_mode =
            match billing_mode.as_str() {
                "PAY_PER_REQUEST" => BillingMode::PayPerRequest,
                "PROVISIONED" => BillingMode::Provisioned(throughput(props, &what)?.ok_or_else(|| {
                    anyhow::anyhow!("{what}: a PROVISIONED table needs ProvisionedThroughput")
                })?),
                other => {
                    bail!("{what}.BillingMode must be PAY_PER_REQUEST or PROVISIONED, found {other:?}")
                }
            };
        let global_secondary_indexes = indexes(props, "GlobalSecondaryIndexes", &what)?;
        let local_secondary_indexes = indexes(props, "LocalSecondaryIndexes", &what)?;
        let ttl_attribute = match props.get("TimeToLiveSpecification") {
            None => None,
            Some(spec) => {
                let at = format!("{what}.TimeToLiveSpecification");
                let spec = mapping(spec, &at)?;
                let enabled = boolean(required(spec, "Enabled", &at)?, &format!("{at}.Enabled"))?;
                let attr = match spec.get("AttributeName") {
                    Some(a) => Some(literal_str(a, &format!("{at}.AttributeName"))?),
                    None => None,
                };
                match (enabled, attr) {
                    (true, None) => bail!("{at}: enabled TTL needs an AttributeName"),
                    (true, attr) => attr,
                    (false, _) => None,
                }
            }
        };
        let table = Self {
            logical_id: id.to_owned(),
            name_template,
            attribute_definitions,
            key_schema,
            global_secondary_indexes,
            local_secondary_indexes,
            ttl_attribute,
            billing_mode,
        };
        table.check(&what)?;
        Ok(table)
    }

    /// Every key attribute must be defined, and every defined attribute used by some key.
    fn check(&self, what: &str) -> Result<()> {
        let keys = self.key_schema.iter().chain(
            self.global_secondary_indexes
                .iter()
                .chain(&self.local_secondary_indexes)
                .flat_map(|i| &i.key_schema),
        );
        let mut used = Vec::new();
        for key in keys {
            if !self
                .attribute_definitions
                .iter()
                .any(|a| a.name == key.attribute_name)
            {
                bail!(
                    "{what}: key attribute {} has no AttributeDefinition",
                    key.attribute_name
                );
            }
            used.push(key.attribute_name.as_str());
        }
        if let Some(unused) = self
            .attribute_definitions
            .iter()
            .find(|a| !used.contains(&a.name.as_str()))
        {
            bail!(
                "{what}: AttributeDefinition {} is not used by any key",
                unused.name
            );
        }
        Ok(())
    }
}

fn key_of<'a>(schema: &'a [KeyElement], key_type: &str) -> Option<&'a str> {
    schema
        .iter()
        .find(|k| k.key_type == key_type)
        .map(|k| k.attribute_name.as_str())
}

fn key_schema(props: &Mapping, what: &str) -> Result<Vec<KeyElement>> {
    let items = match props.get("KeySchema") {
        Some(Value::Sequence(items)) => items,
        Some(_) => bail!("{what}.KeySchema must be a list"),
        None => bail!("{what}.KeySchema is missing"),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{what}.KeySchema[{i}]");
        let m = mapping(item, &at)?;
        let key_type = literal_str(required(m, "KeyType", &at)?, &at)?;
        if !matches!(key_type.as_str(), "HASH" | "RANGE") {
            bail!("{at}.KeyType must be HASH or RANGE, found {key_type:?}");
        }
        out.push(KeyElement {
            attribute_name: literal_str(required(m, "AttributeName", &at)?, &at)?,
            key_type,
        });
    }
    let types: Vec<&str> = out.iter().map(|k| k.key_type.as_str()).collect();
    if types != ["HASH"] && types != ["HASH", "RANGE"] {
        bail!("{what}.KeySchema must be one HASH key, optionally followed by one RANGE key");
    }
    Ok(out)
}

fn throughput(props: &Mapping, what: &str) -> Result<Option<Throughput>> {
    let Some(value) = props.get("ProvisionedThroughput") else {
        return Ok(None);
    };
    let at = format!("{what}.ProvisionedThroughput");
    let m = mapping(value, &at)?;
    let units = |key: &str| -> Result<i64> {
        let n = number(required(m, key, &at)?, &format!("{at}.{key}"))?;
        i64::try_from(n).map_err(|_| anyhow::anyhow!("{at}.{key} is too large"))
    };
    Ok(Some(Throughput {
        read: units("ReadCapacityUnits")?,
        write: units("WriteCapacityUnits")?,
    }))
}

fn indexes(props: &Mapping, key: &str, what: &str) -> Result<Vec<IndexDef>> {
    let mut out = Vec::new();
    for (i, item) in list(props, key, what)?.iter().enumerate() {
        let at = format!("{what}.{key}[{i}]");
        let m = mapping(item, &at)?;
        let projection = mapping(required(m, "Projection", &at)?, &format!("{at}.Projection"))?;
        let projection_type = match projection.get("ProjectionType") {
            Some(v) => literal_str(v, &format!("{at}.Projection.ProjectionType"))?,
            None => "KEYS_ONLY".to_owned(),
        };
        if !matches!(projection_type.as_str(), "ALL" | "KEYS_ONLY" | "INCLUDE") {
            bail!("{at}.Projection.ProjectionType must be ALL, KEYS_ONLY or INCLUDE");
        }
        let non_key_attributes = list(projection, "NonKeyAttributes", &at)?
            .iter()
            .map(|v| literal_str(v, &format!("{at}.Projection.NonKeyAttributes")))
            .collect::<Result<Vec<_>>>()?;
        out.push(IndexDef {
            index_name: literal_str(required(m, "IndexName", &at)?, &format!("{at}.IndexName"))?,
            key_schema: key_schema(m, &at)?,
            projection_type,
            non_key_attributes,
            provisioned_throughput: throughput(m, &at)?,
        });
    }
    Ok(out)
}
