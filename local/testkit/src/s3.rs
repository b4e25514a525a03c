//! Creates the template's S3 buckets (moto locally). Only the name and versioning are
//! reproduced; encryption, public access blocks, lifecycle rules and bucket policies are AWS-only.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use aws_sdk_s3::Client;
use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_s3::types::{BucketVersioningStatus, VersioningConfiguration};

use wrapup_template::{BucketDef, Template};

/// Creates every bucket of the repository's `template.yaml` for `stack_name` and returns
/// logical id -> bucket name. Idempotent: a bucket that already exists is kept. The client must
/// use path-style addressing against moto ([`crate::LocalAws::s3_client`] does).
pub async fn create_buckets(client: &Client, stack_name: &str) -> Result<BTreeMap<String, String>> {
    let template = Template::load()?;
    create_buckets_from(client, &template, stack_name).await
}

/// [`create_buckets`] for an explicit template.
pub async fn create_buckets_from(
    client: &Client,
    template: &Template,
    stack_name: &str,
) -> Result<BTreeMap<String, String>> {
    let mut names = BTreeMap::new();
    for def in &template.buckets {
        let name = def.name(stack_name)?;
        create_bucket(client, def, &name)
            .await
            .with_context(|| format!("creating bucket {name} ({})", def.logical_id))?;
        names.insert(def.logical_id.clone(), name);
    }
    Ok(names)
}

async fn create_bucket(client: &Client, def: &BucketDef, name: &str) -> Result<()> {
    match client.create_bucket().bucket(name).send().await {
        Ok(_) => tracing::info!(bucket = name, "created bucket"),
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_bucket_already_owned_by_you()) =>
        {
            tracing::debug!(bucket = name, "bucket already exists");
        }
        Err(err) => bail!("CreateBucket failed: {}", DisplayErrorContext(&err)),
    }
    if def.versioned {
        client
            .put_bucket_versioning()
            .bucket(name)
            .versioning_configuration(
                VersioningConfiguration::builder()
                    .status(BucketVersioningStatus::Enabled)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| anyhow::anyhow!("PutBucketVersioning failed: {}", DisplayErrorContext(&e)))?;
    }
    Ok(())
}
