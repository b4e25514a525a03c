//! Creates the template's DynamoDB tables (moto locally; any DynamoDB endpoint works).

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode as SdkBillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
    LocalSecondaryIndex, Projection, ProjectionType, ProvisionedThroughput, ScalarAttributeType, TableStatus,
    TimeToLiveSpecification, TimeToLiveStatus,
};

use wrapup_template::{BillingMode, IndexDef, KeyElement, TableDef, Template, Throughput};

/// How long to wait for a new table to become ACTIVE.
const ACTIVE_TIMEOUT: Duration = Duration::from_secs(30);

/// A table that exists after [`create_tables`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedTable {
    /// The template's logical id (`AuditTable`).
    pub logical_id: String,
    /// The table's name in this stack (`<stack>-audit`).
    pub name: String,
}

/// Creates every table of the repository's `template.yaml` for `stack_name`, with the template's
/// keys, indexes, billing mode and TTL. Idempotent: a table that already exists is kept.
pub async fn create_tables(client: &Client, stack_name: &str) -> Result<Vec<CreatedTable>> {
    let template = Template::load()?;
    create_tables_from(client, &template, stack_name).await
}

/// [`create_tables`] for an explicit template.
pub async fn create_tables_from(
    client: &Client,
    template: &Template,
    stack_name: &str,
) -> Result<Vec<CreatedTable>> {
    let mut created = Vec::with_capacity(template.tables.len());
    for def in &template.tables {
        let name = def.name(stack_name)?;
        create_table(client, def, &name)
            .await
            .with_context(|| format!("creating table {name} ({})", def.logical_id))?;
        created.push(CreatedTable {
            logical_id: def.logical_id.clone(),
            name,
        });
    }
    Ok(created)
}

async fn create_table(client: &Client, def: &TableDef, name: &str) -> Result<()> {
    let mut request = client.create_table().table_name(name);
    for attr in &def.attribute_definitions {
        request = request.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(&attr.name)
                .attribute_type(ScalarAttributeType::from(attr.attribute_type.as_str()))
                .build()?,
        );
    }
    request = request.set_key_schema(Some(key_schema(&def.key_schema)?));
    request = match def.billing_mode {
        BillingMode::PayPerRequest => request.billing_mode(SdkBillingMode::PayPerRequest),
        BillingMode::Provisioned(t) => request
            .billing_mode(SdkBillingMode::Provisioned)
            .provisioned_throughput(throughput(t)?),
    };
    for index in &def.global_secondary_indexes {
        let mut gsi = GlobalSecondaryIndex::builder()
            .index_name(&index.index_name)
            .set_key_schema(Some(key_schema(&index.key_schema)?))
            .projection(projection(index));
        if let Some(t) = index.provisioned_throughput {
            gsi = gsi.provisioned_throughput(throughput(t)?);
        }
        request = request.global_secondary_indexes(gsi.build()?);
    }
    for index in &def.local_secondary_indexes {
        request = request.local_secondary_indexes(
            LocalSecondaryIndex::builder()
                .index_name(&index.index_name)
                .set_key_schema(Some(key_schema(&index.key_schema)?))
                .projection(projection(index))
                .build()?,
        );
    }
    match request.send().await {
        Ok(_) => tracing::info!(table = name, "created table"),
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_resource_in_use_exception()) =>
        {
            tracing::debug!(table = name, "table already exists");
        }
        Err(err) => bail!("CreateTable failed: {}", DisplayErrorContext(&err)),
    }
    wait_active(client, name).await?;
    if let Some(attribute) = &def.ttl_attribute {
        ensure_ttl(client, name, attribute).await?;
    }
    Ok(())
}

async fn wait_active(client: &Client, name: &str) -> Result<()> {
    let started = Instant::now();
    loop {
        let out = client
            .describe_table()
            .table_name(name)
            .send()
            .await
            .map_err(|e| anyhow!("DescribeTable failed: {}", DisplayErrorContext(&e)))?;
        let status = out.table().and_then(|t| t.table_status());
        if status == Some(&TableStatus::Active) {
            return Ok(());
        }
        if started.elapsed() > ACTIVE_TIMEOUT {
            bail!("table is still {status:?} after {ACTIVE_TIMEOUT:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn ensure_ttl(client: &Client, name: &str, attribute: &str) -> Result<()> {
    let current = client
        .describe_time_to_live()
        .table_name(name)
        .send()
        .await
        .map_err(|e| anyhow!("DescribeTimeToLive failed: {}", DisplayErrorContext(&e)))?;
    if let Some(desc) = current.time_to_live_description() {
        let enabled = matches!(
            desc.time_to_live_status(),
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
        );
        match desc.attribute_name() {
            Some(existing) if enabled && existing == attribute => return Ok(()),
            Some(existing) if enabled => {
                bail!("TTL is already enabled on attribute {existing}, the template says {attribute}")
            }
            _ => {}
        }
    }
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .attribute_name(attribute)
                .enabled(true)
                .build()?,
        )
        .send()
        .await
        .map_err(|e| anyhow!("UpdateTimeToLive failed: {}", DisplayErrorContext(&e)))?;
    Ok(())
}

fn key_schema(keys: &[KeyElement]) -> Result<Vec<KeySchemaElement>> {
    keys.iter()
        .map(|k| {
            KeySchemaElement::builder()
                .attribute_name(&k.attribute_name)
                .key_type(KeyType::from(k.key_type.as_str()))
                .build()
                .map_err(Into::into)
        })
        .collect()
}

fn projection(index: &IndexDef) -> Projection {
    let non_key = (!index.non_key_attributes.is_empty()).then(|| index.non_key_attributes.clone());
    Projection::builder()
        .projection_type(ProjectionType::from(index.projection_type.as_str()))
        .set_non_key_attributes(non_key)
        .build()
}

fn throughput(t: Throughput) -> Result<ProvisionedThroughput> {
    Ok(ProvisionedThroughput::builder()
        .read_capacity_units(t.read)
        .write_capacity_units(t.write)
        .build()?)
}
