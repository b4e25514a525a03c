//! Parsing `template.yaml` (no moto needed).

use wrapup_template::{BillingMode, EnvValue, RouteDef, Template, resolve_name};

fn repo_template() -> Template {
    match Template::load() {
        Ok(t) => t,
        Err(e) => panic!("template.yaml must parse: {e:#}"),
    }
}

#[test]
fn finds_the_token_cache_table() {
    let t = repo_template();
    let table = t.table("TokenCacheTable").expect("TokenCacheTable");
    assert_eq!(table.name_template, "${AWS::StackName}-token-cache");
    assert_eq!(table.name("wrapup-local").unwrap(), "wrapup-local-token-cache");
    assert_eq!(table.hash_key(), Some("cacheKey"));
    assert_eq!(table.range_key(), None);
    assert_eq!(table.attribute_definitions.len(), 1);
    assert_eq!(table.attribute_definitions[0].attribute_type, "S");
    assert_eq!(table.ttl_attribute.as_deref(), Some("ttl"));
    assert_eq!(table.billing_mode, BillingMode::PayPerRequest);
    assert!(table.global_secondary_indexes.is_empty());
}

#[test]
fn finds_the_audit_table_and_its_gsi() {
    let t = repo_template();
    let table = t.table("AuditTable").expect("AuditTable");
    assert_eq!(table.name("s1").unwrap(), "s1-audit");
    assert_eq!(table.hash_key(), Some("auditId"));
    assert_eq!(table.ttl_attribute.as_deref(), Some("ttl"));
    assert_eq!(table.billing_mode, BillingMode::PayPerRequest);
    let gsi = table.gsi("byConversation").expect("byConversation");
    let keys: Vec<(&str, &str)> = gsi
        .key_schema
        .iter()
        .map(|k| (k.attribute_name.as_str(), k.key_type.as_str()))
        .collect();
    assert_eq!(keys, [("conversationId", "HASH"), ("createdAt", "RANGE")]);
    assert_eq!(gsi.projection_type, "ALL");
    let types: Vec<(&str, &str)> = table
        .attribute_definitions
        .iter()
        .map(|a| (a.name.as_str(), a.attribute_type.as_str()))
        .collect();
    assert!(types.contains(&("conversationId", "S")));
    assert!(types.contains(&("createdAt", "S")));
}

#[test]
fn only_dynamodb_tables_are_tables() {
    let t = repo_template();
    let ids: Vec<&str> = t.tables.iter().map(|t| t.logical_id.as_str()).collect();
    assert!(
        ids.contains(&"TokenCacheTable") && ids.contains(&"AuditTable"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"TokenCacheKey"));
    assert_eq!(
        t.parameters.get("AuditRetentionDays").map(String::as_str),
        Some("400")
    );
}

const QUEUES: &str = r#"
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-${Stage}-jobs"
      VisibilityTimeout: 180
      MessageRetentionPeriod: "1209600"
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDlq.Arn
        maxReceiveCount: 5
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ["-", [!Ref AWS::StackName, jobs-dlq]]
  OrderedQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      ContentBasedDeduplication: "true"
      RedrivePolicy:
        deadLetterTargetArn: {"Fn::GetAtt": [JobsDlq, Arn]}
        maxReceiveCount: 3
"#;

#[test]
fn parses_queues_and_redrive_policies() {
    let t = Template::parse(QUEUES).unwrap();
    assert!(t.tables.is_empty());
    let jobs = t.queue("JobsQueue").unwrap();
    assert_eq!(jobs.name("st").unwrap(), "st-dev-jobs");
    assert_eq!(jobs.visibility_timeout, Some(180));
    assert_eq!(jobs.message_retention_period, Some(1_209_600));
    let redrive = jobs.redrive_policy.as_ref().unwrap();
    assert_eq!(redrive.dead_letter_logical_id, "JobsDlq");
    assert_eq!(redrive.max_receive_count, 5);
    assert_eq!(t.queue("JobsDlq").unwrap().name("st").unwrap(), "st-jobs-dlq");
    let ordered = t.queue("OrderedQueue").unwrap();
    assert!(ordered.fifo_queue);
    assert_eq!(ordered.content_based_deduplication, Some(true));
    assert_eq!(ordered.name("st").unwrap(), "st-OrderedQueue.fifo");
    assert_eq!(
        ordered.redrive_policy.as_ref().unwrap().dead_letter_logical_id,
        "JobsDlq"
    );
}

#[test]
fn sub_escapes_and_pseudo_parameters() {
    assert_eq!(
        resolve_name("${AWS::StackName}-${!Literal}", "s").unwrap(),
        "s-${Literal}"
    );
    assert_eq!(resolve_name("${AWS::Region}", "s").unwrap(), "us-east-1");
    assert!(resolve_name("${Nope}", "s").is_err());
    assert!(resolve_name("${AWS::StackName", "s").is_err());
}

/// Bad input is an error that names the place, never a panic.
#[test]
fn bad_templates_are_clear_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "mapping"),
        ("[1, 2]", "mapping"),
        (": : :", "YAML"),
        ("Resources: 3", "Resources"),
        (
            "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties: {BillingMode: PAY_PER_REQUEST}",
            "KeySchema",
        ),
        (
            "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]",
            "AttributeDefinition",
        ),
        (
            "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: !GetAtt X.Arn\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]",
            "TableName",
        ),
        (
            "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]",
            "ProvisionedThroughput",
        ),
        (
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt Missing.Arn, maxReceiveCount: 1}",
            "Missing",
        ),
        (
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt D.QueueUrl, maxReceiveCount: 1}\n  D: {Type: AWS::SQS::Queue}",
            "Arn",
        ),
        (
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: -3}",
            "VisibilityTimeout",
        ),
        (
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Sub \"${Undefined}-q\"}",
            "Undefined",
        ),
    ];
    for (yaml, needle) in cases {
        match Template::parse(yaml) {
            Ok(t) => panic!("expected an error for {yaml:?}, got {t:?}"),
            Err(e) => {
                let msg = format!("{e:#}");
                assert!(
                    msg.contains(needle),
                    "error for {yaml:?} should mention {needle}: {msg}"
                );
            }
        }
    }
}

#[test]
fn explicit_path_and_missing_file() {
    let root = wrapup_template::find_repo_root().unwrap();
    let t = Template::from_path(root.join("template.yaml")).unwrap();
    assert!(t.path.is_some());
    let err = Template::from_path(root.join("no-such-template.yaml")).unwrap_err();
    assert!(format!("{err:#}").contains("no-such-template.yaml"));
}

#[test]
fn finds_the_archive_miner_tables_queues_and_bucket() {
    let t = repo_template();
    for (id, name) in [
        ("MiningStateTable", "s1-mining"),
        ("MentionAggregatesTable", "s1-mentions"),
    ] {
        let table = t.table(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(table.name("s1").unwrap(), name);
        assert_eq!(table.hash_key(), Some("pk"), "{id}");
        assert_eq!(table.range_key(), Some("sk"), "{id}");
        assert_eq!(table.ttl_attribute.as_deref(), Some("ttl"), "{id}");
        assert_eq!(table.billing_mode, BillingMode::PayPerRequest, "{id}");
    }
    let work = t.queue("MiningWorkQueue").expect("MiningWorkQueue");
    assert_eq!(work.name("s1").unwrap(), "s1-mining-work");
    let redrive = work.redrive_policy.as_ref().expect("a redrive policy");
    assert_eq!(redrive.dead_letter_logical_id, "MiningWorkDLQ");
    assert_eq!(redrive.max_receive_count, 5);
    assert_eq!(
        t.queue("MiningWorkDLQ").unwrap().name("s1").unwrap(),
        "s1-mining-work-dlq"
    );
    let bucket = t.bucket("ReportsBucket").expect("ReportsBucket");
    assert_eq!(bucket.name("s1").unwrap(), "s1-reportsbucket");
    assert!(bucket.versioned);
    assert_eq!(t.buckets.len(), 1, "only AWS::S3::Bucket resources are buckets");
}

const BUCKETS: &str = r#"
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-${Stage}-exports"
  Plain:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties: {Bucket: !Ref Plain}
"#;

#[test]
fn parses_buckets() {
    let t = Template::parse(BUCKETS).unwrap();
    assert_eq!(t.buckets.len(), 2);
    let named = t.bucket("Named").unwrap();
    assert_eq!(named.name("St").unwrap(), "st-dev-exports");
    assert!(!named.versioned);
    assert_eq!(t.bucket("Plain").unwrap().name("st").unwrap(), "st-plain");
    assert!(t.bucket("Policy").is_none());
    let err = Template::parse(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {VersioningConfiguration: 3}",
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("VersioningConfiguration"), "{err:#}");
}

#[test]
fn function_environments_merge_the_globals_and_tell_references_apart() {
    let template = Template::load().unwrap();
    let api = template
        .function("SummaryApiFunction")
        .expect("the summary-api function");
    // From Globals.Function, under the function's own.
    assert_eq!(
        api.environment.get("WRAPUP_TOKEN_TABLE"),
        Some(&EnvValue::Resource("TokenCacheTable".into()))
    );
    assert_eq!(
        api.environment.get("WRAPUP_SUMMARY_JOBS_DLQ_URL"),
        Some(&EnvValue::Resource("SummaryJobsDLQ".into()))
    );
    assert_eq!(
        api.environment.get("WRAPUP_COMPREHEND_PII"),
        Some(&EnvValue::Parameter {
            name: "ComprehendPii".into(),
            default: Some("false".into())
        })
    );
    let miner = template.function("ArchiveMinerFunction").expect("the miner");
    assert_eq!(
        miner.environment.get("WRAPUP_MINING_MAX_RECEIVES"),
        Some(&EnvValue::Literal("5".into()))
    );
    assert!(template.function("NoSuchFunction").is_none());

    // Resolved for a stack: literals kept, references as the caller says, `None` left out.
    let env = miner.resolve(|variable, value| match value {
        EnvValue::Resource(id) => Some(format!("local-{id}")),
        EnvValue::Parameter { .. } if variable.starts_with("GENESYS_") => None,
        EnvValue::Parameter { default, .. } => default.clone(),
        EnvValue::Literal(_) => unreachable!("literals are not asked for"),
        EnvValue::Sub(text) => Some(text.replace("${AWS::StackName}", "local")),
    });
    assert_eq!(env["WRAPUP_METRICS_NAMESPACE"], "Wrapup/local");
    assert_eq!(env["WRAPUP_MINING_MAX_RECEIVES"], "5");
    assert_eq!(env["WRAPUP_MINING_QUEUE_URL"], "local-MiningWorkQueue");
    assert!(!env.contains_key("GENESYS_REGION"));
}

#[test]
fn a_function_environment_takes_only_scalars_and_refs() {
    let yaml = r#"
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: t
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          NAME: !GetAtt Table.Arn
"#;
    let err = format!("{:#}", Template::parse(yaml).unwrap_err());
    assert!(
        err.contains("Fn.Environment.Variables.NAME") && err.contains("GetAtt"),
        "{err}"
    );
    // !Sub of the stack's name is read; of anything else it is refused.
    let with = |value: &str| yaml.replace("!GetAtt Table.Arn", value);
    let ok = Template::parse(&with(r#"!Sub "Wrapup/${AWS::StackName}""#)).unwrap();
    assert_eq!(
        ok.function("Fn").unwrap().environment["NAME"],
        EnvValue::Sub("Wrapup/${AWS::StackName}".into())
    );
    let err = format!(
        "{:#}",
        Template::parse(&with(r#"!Sub "${Table}-x""#)).unwrap_err()
    );
    assert!(err.contains("pseudo parameters"), "{err}");
}

#[test]
fn the_summary_api_routes_need_the_jwt_authorizer_and_a_scope_each() {
    let template = repo_template();
    let api = template.http_api("SummaryApi").expect("SummaryApi");
    let jwt = api.authorizer("CrmJwt").expect("CrmJwt");
    assert_eq!(jwt.identity_source, "$request.header.Authorization");
    assert!(matches!(&jwt.issuer, EnvValue::Parameter { name, default: None } if name == "JwtIssuer"));
    assert!(matches!(&jwt.audience[..], [EnvValue::Parameter { name, .. }] if name == "JwtAudience"));
    let route = |method: &str, path: &str| {
        api.routes
            .iter()
            .find(|r| r.method == method && r.path == path)
            .unwrap_or_else(|| panic!("no route {method} {path}"))
    };
    let post = route("POST", "/summaries");
    assert_eq!(post.function, "SummaryApiFunction");
    assert_eq!(post.authorizer.as_deref(), Some("CrmJwt"));
    assert!(
        matches!(&post.scopes[..], [EnvValue::Parameter { name, default: Some(d) }]
        if name == "ApiWriteScope" && d == "wrapup/summaries.write")
    );
    let get = route("GET", "/summaries/{conversationId}");
    assert!(matches!(&get.scopes[..], [EnvValue::Parameter { name, .. }] if name == "ApiReadScope"));
    assert_eq!(get.route_key(), "GET /summaries/{conversationId}");
    assert_eq!(get.path_parameters(), vec!["conversationId"]);
    assert!(get.needs_token());
    assert_eq!(
        api.route("get", "/summaries/{conversationId}").map(|r| &r.event),
        Some(&get.event)
    );
}

#[test]
fn the_assist_routes_share_the_api_the_reads_with_the_read_scope_and_the_webhook_without_a_token() {
    let template = repo_template();
    let api = template.http_api("SummaryApi").expect("SummaryApi");
    let read_scope = |route: &RouteDef| {
        matches!(&route.scopes[..], [EnvValue::Parameter { name, default: Some(d) }]
            if name == "ApiReadScope" && d == "wrapup/summaries.read")
    };
    for path in [
        "/assist/conversations/{conversationId}/suggestions",
        "/assist/insights",
    ] {
        let route = api
            .route("GET", path)
            .unwrap_or_else(|| panic!("no route GET {path}"));
        assert_eq!(route.function, "AssistCallbackFunction");
        assert_eq!(route.authorizer.as_deref(), Some("CrmJwt"));
        assert!(read_scope(route), "{route:?}");
    }
    let webhook = api.route("POST", "/assist/events").expect("POST /assist/events");
    assert_eq!(webhook.function, "AssistCallbackFunction");
    assert!(!webhook.needs_token() && webhook.scopes.is_empty(), "{webhook:?}");
    assert!(webhook.path_parameters().is_empty());
    assert_eq!(api.routes.len(), 5, "{:?}", api.routes);
    assert_eq!(
        api.functions(),
        vec!["SummaryApiFunction", "AssistCallbackFunction"]
    );
}

#[test]
fn http_api_routes_default_opt_out_and_bad_references() {
    let api = |events: &str| {
        format!(
            "Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      Auth:\n        DefaultAuthorizer: Jwt\n        Authorizers:\n          Jwt:\n            JwtConfiguration:\n              issuer: https://issuer.example\n              audience: [a, b]\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n{events}"
        )
    };
    let template = Template::parse(&api(
        "        Open:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Method: get\n            Path: /health\n            Auth:\n              Authorizer: NONE\n        Closed:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Path: /things\n",
    ))
    .expect("parses");
    let parsed = template.http_api("Api").expect("Api");
    let jwt = parsed.authorizer("Jwt").expect("Jwt");
    assert_eq!(jwt.identity_source, "$request.header.Authorization");
    assert_eq!(jwt.issuer, EnvValue::Literal("https://issuer.example".into()));
    assert_eq!(jwt.audience.len(), 2);
    let open = parsed.routes.iter().find(|r| r.event == "Open").expect("Open");
    assert_eq!((open.method.as_str(), open.authorizer.as_deref()), ("GET", None));
    let closed = parsed
        .routes
        .iter()
        .find(|r| r.event == "Closed")
        .expect("Closed");
    assert_eq!(
        (closed.method.as_str(), closed.authorizer.as_deref()),
        ("ANY", Some("Jwt"))
    );
    assert!(closed.scopes.is_empty());

    for (events, expected) in [
        (
            "        E:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Nope\n            Path: /x\n",
            "is not an AWS::Serverless::HttpApi",
        ),
        (
            "        E:\n          Type: HttpApi\n          Properties:\n            Path: /x\n",
            "set ApiId",
        ),
        (
            "        E:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Path: /x\n            Auth:\n              Authorizer: Other\n",
            "not an authorizer of Api",
        ),
        (
            "        E:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Path: /x\n            Auth:\n              AuthorizationScopes: one\n",
            "must be a list",
        ),
        (
            "        E:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Method: get\n            Path: /x\n        F:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref Api\n            Method: GET\n            Path: /x\n",
            "already routes GET /x to Fn.Events.E",
        ),
    ] {
        let err = format!("{:#}", Template::parse(&api(events)).expect_err(expected));
        assert!(err.contains(expected), "{err}");
    }
}
