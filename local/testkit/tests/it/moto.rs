//! Creating the template's tables and queues against moto. Run under moto:
//! `make test`, or `scripts/with-moto.sh cargo test -p wrapup-testkit`.

use anyhow::{Context, Result, anyhow};
use aws_sdk_dynamodb::types::{KeyType, ProjectionType, TimeToLiveStatus};
use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_sqs::types::QueueAttributeName;
use wrapup_testkit::{
    LocalAws, MotoServer, Template, create_buckets, create_queues, create_queues_from, create_tables,
    unique_stack_name,
};

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn create_tables_creates_keys_gsi_and_ttl_and_is_idempotent() -> Result<()> {
    let aws = LocalAws::from_env()?;
    let ddb = aws.dynamodb_client().await;
    let stack = unique_stack_name("test");

    let created = create_tables(&ddb, &stack).await?;
    let name_of = |id: &str| {
        created
            .iter()
            .find(|t| t.logical_id == id)
            .map(|t| t.name.clone())
            .with_context(|| format!("{id} was not created"))
    };
    let token = name_of("TokenCacheTable")?;
    let audit = name_of("AuditTable")?;
    assert_eq!(token, format!("{stack}-token-cache"));
    assert_eq!(audit, format!("{stack}-audit"));

    let desc = ddb.describe_table().table_name(&token).send().await?;
    let table = desc.table().context("no table description")?;
    let keys = table.key_schema();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].attribute_name(), "cacheKey");
    assert_eq!(keys[0].key_type(), &KeyType::Hash);

    let desc = ddb.describe_table().table_name(&audit).send().await?;
    let table = desc.table().context("no table description")?;
    assert_eq!(table.key_schema()[0].attribute_name(), "auditId");
    let gsi = table
        .global_secondary_indexes()
        .iter()
        .find(|i| i.index_name() == Some("byConversation"))
        .context("no byConversation index")?;
    let gsi_keys: Vec<(&str, &KeyType)> = gsi
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type()))
        .collect();
    assert_eq!(
        gsi_keys,
        [("conversationId", &KeyType::Hash), ("createdAt", &KeyType::Range)]
    );
    assert_eq!(
        gsi.projection().and_then(|p| p.projection_type()),
        Some(&ProjectionType::All)
    );

    for name in [&token, &audit] {
        let ttl = ddb.describe_time_to_live().table_name(name).send().await?;
        let ttl = ttl.time_to_live_description().context("no TTL description")?;
        assert_eq!(
            ttl.time_to_live_status(),
            Some(&TimeToLiveStatus::Enabled),
            "{name}"
        );
        assert_eq!(ttl.attribute_name(), Some("ttl"), "{name}");
    }

    // Idempotent: the second call finds the tables and succeeds with the same result.
    let again = create_tables(&ddb, &stack).await?;
    assert_eq!(again, created);
    Ok(())
}

const QUEUES: &str = r#"
Resources:
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-work"
      VisibilityTimeout: 90
      MessageRetentionPeriod: 345600
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt WorkDlq.Arn
        maxReceiveCount: 4
  WorkDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-work-dlq"
      MessageRetentionPeriod: 1209600
  OrderedQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      ContentBasedDeduplication: true
"#;

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn create_queues_creates_dlqs_first_and_wires_redrive() -> Result<()> {
    let aws = LocalAws::from_env()?;
    let sqs = aws.sqs_client().await;
    let stack = unique_stack_name("test");
    let template = Template::parse(QUEUES)?;

    let urls = create_queues_from(&sqs, &template, &stack).await?;
    assert_eq!(urls.len(), 3);
    let work = urls.get("WorkQueue").context("WorkQueue")?;
    let dlq = urls.get("WorkDlq").context("WorkDlq")?;
    assert!(work.ends_with(&format!("{stack}-work")), "{work}");
    assert!(urls["OrderedQueue"].ends_with(&format!("{stack}-OrderedQueue.fifo")));

    let dlq_attrs = sqs
        .get_queue_attributes()
        .queue_url(dlq)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await?;
    let dlq_arn = dlq_attrs
        .attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn))
        .context("no DLQ ARN")?;
    let attrs = sqs
        .get_queue_attributes()
        .queue_url(work)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await?;
    let attrs = attrs.attributes().context("no attributes")?;
    assert_eq!(attrs[&QueueAttributeName::VisibilityTimeout], "90");
    assert_eq!(attrs[&QueueAttributeName::MessageRetentionPeriod], "345600");
    let redrive: serde_json::Value = serde_json::from_str(&attrs[&QueueAttributeName::RedrivePolicy])?;
    assert_eq!(redrive["deadLetterTargetArn"], dlq_arn.as_str());
    assert_eq!(redrive["maxReceiveCount"].to_string().trim_matches('"'), "4");

    let again = create_queues_from(&sqs, &template, &stack).await?;
    assert_eq!(again, urls);
    Ok(())
}

/// The archive miner's queue from the repository template: moto honours its redrive policy, so a
/// message received five times without being deleted moves to the DLQ.
#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn repo_mining_work_queue_dead_letters_after_five_receives() -> Result<()> {
    let aws = LocalAws::from_env()?;
    let sqs = aws.sqs_client().await;
    let stack = unique_stack_name("test");
    let urls = create_queues(&sqs, &stack).await?;
    let work = urls.get("MiningWorkQueue").context("MiningWorkQueue")?;
    let dlq = urls.get("MiningWorkDLQ").context("MiningWorkDLQ")?;
    assert!(work.ends_with(&format!("{stack}-mining-work")), "{work}");

    sqs.send_message()
        .queue_url(work)
        .message_body("{}")
        .send()
        .await?;
    for receive in 1..=5 {
        let out = sqs
            .receive_message()
            .queue_url(work)
            .visibility_timeout(0)
            .send()
            .await?;
        assert_eq!(out.messages().len(), 1, "receive {receive}");
    }
    let out = sqs.receive_message().queue_url(work).send().await?;
    assert!(
        out.messages().is_empty(),
        "the sixth receive finds nothing on the queue"
    );
    let out = sqs.receive_message().queue_url(dlq).send().await?;
    assert_eq!(out.messages().len(), 1, "the message is in the DLQ");
    Ok(())
}

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn create_buckets_creates_the_versioned_reports_bucket_and_is_idempotent() -> Result<()> {
    let aws = LocalAws::from_env()?;
    let s3 = aws.s3_client().await;
    let stack = unique_stack_name("test");
    let created = create_buckets(&s3, &stack).await?;
    let reports = created.get("ReportsBucket").context("ReportsBucket")?;
    assert_eq!(reports, &format!("{stack}-reportsbucket"));
    // moto's GetBucketVersioning answer has a root element the SDK refuses; two writes of one key
    // that leave two versions show versioning is on.
    for body in ["{}", "{\"v\":2}"] {
        s3.put_object()
            .bucket(reports)
            .key("reports/latest/trend.json")
            .body(body.as_bytes().to_vec().into())
            .send()
            .await
            .map_err(|e| anyhow!("PutObject: {}", DisplayErrorContext(&e)))?;
    }
    let again = create_buckets(&s3, &stack).await?;
    assert_eq!(again, created);
    let versions = s3
        .list_object_versions()
        .bucket(reports)
        .send()
        .await
        .map_err(|e| anyhow!("ListObjectVersions: {}", DisplayErrorContext(&e)))?;
    assert_eq!(
        versions.versions().len(),
        2,
        "a versioned bucket, kept as it was by the second call"
    );
    Ok(())
}

#[tokio::test]
#[ignore = "moto tier: starts moto from the project venv, which `make test` installs"]
async fn moto_server_starts_answers_and_stops() -> Result<()> {
    let moto = MotoServer::start_on_free_port().await?;
    let ddb = moto.local_aws().dynamodb_client().await;
    let created = create_tables(&ddb, "wrapup-local").await?;
    assert!(created.iter().any(|t| t.name == "wrapup-local-audit"));
    let url = moto.url().to_owned();
    moto.shutdown().await?;
    let after = LocalAws::new(url).dynamodb_client().await;
    assert!(after.list_tables().send().await.is_err(), "moto should be gone");
    Ok(())
}

#[test]
fn from_env_explains_how_to_start_moto() {
    // Only meaningful when the variable is unset; under with-moto.sh it is set.
    if std::env::var_os(wrapup_testkit::MOTO_URL_ENV).is_none() {
        let err = LocalAws::from_env().unwrap_err().to_string();
        assert!(
            err.contains("make test") && err.contains("scripts/with-moto.sh"),
            "{err}"
        );
    }
}
