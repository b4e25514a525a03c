//! `AWS::S3::Bucket` definitions read from the template.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_norway::Mapping;

use crate::intrinsic::{resolve_name, to_sub_template};
use crate::values::{literal_str, mapping};

/// One S3 bucket of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketDef {
    /// The resource's logical id (`ReportsBucket`).
    pub logical_id: String,
    /// The bucket name with only pseudo parameters left; see [`BucketDef::name`]. A bucket without
    /// `BucketName` (CloudFormation then makes one up) gets `${AWS::StackName}-<logicalid>`.
    pub name_template: String,
    /// `VersioningConfiguration.Status` is `Enabled`.
    pub versioned: bool,
}

impl BucketDef {
    /// The bucket's name in a stack (`test-1a2b3c4d-reportsbucket`), lower case as S3 requires.
    pub fn name(&self, stack_name: &str) -> Result<String> {
        Ok(resolve_name(&self.name_template, stack_name)?.to_ascii_lowercase())
    }

    pub(crate) fn parse(id: &str, props: &Mapping, params: &BTreeMap<String, String>) -> Result<Self> {
        let what = format!("{id}.Properties");
        let name_template = match props.get("BucketName") {
            Some(name) => to_sub_template(name, params, &format!("{what}.BucketName"))?,
            None => format!("${{AWS::StackName}}-{}", id.to_ascii_lowercase()),
        };
        let versioned = match props.get("VersioningConfiguration") {
            None => false,
            Some(value) => {
                let at = format!("{what}.VersioningConfiguration");
                let config = mapping(value, &at)?;
                match config.get("Status") {
                    Some(status) => literal_str(status, &format!("{at}.Status"))? == "Enabled",
                    None => false,
                }
            }
        };
        Ok(Self {
            logical_id: id.to_owned(),
            name_template,
            versioned,
        })
    }
}
