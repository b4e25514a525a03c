//! template.yaml's Glue table, Athena workgroup and the miner's grant agree with what the miner
//! writes: the table's columns are the Parquet schema's, its location and partition template are
//! the files' prefix, and the miner may put objects under that prefix and nowhere else new; the
//! README shows the queries of `queries/` as they are.

use parquet::basic::{LogicalType, Type as PhysicalType};
use parquet::schema::parser::parse_message_type;
use serde_norway::Value;
use wrapup_mining::MENTIONS_PREFIX;
use wrapup_mining::mention_parquet::MENTION_SCHEMA;

fn template() -> Value {
    let path = wrapup_template::find_repo_root().unwrap().join("template.yaml");
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The text of a `!Sub` (or a plain string).
fn sub(value: &Value) -> &str {
    match value {
        Value::Tagged(tagged) if tagged.tag == "!Sub" => tagged.value.as_str().expect("a !Sub string"),
        other => other
            .as_str()
            .unwrap_or_else(|| panic!("{other:?} is not a string")),
    }
}

#[test]
fn the_glue_table_declares_the_columns_the_files_hold() {
    let template = template();
    let table = &template["Resources"]["MentionsTable"]["Properties"]["TableInput"];
    let declared: Vec<(String, String)> = table["StorageDescriptor"]["Columns"]
        .as_sequence()
        .expect("columns")
        .iter()
        .map(|c| {
            (
                c["Name"].as_str().unwrap().to_owned(),
                c["Type"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let schema = parse_message_type(MENTION_SCHEMA).unwrap();
    let written: Vec<(String, String)> = schema
        .get_fields()
        .iter()
        .map(|field| {
            let info = field.get_basic_info();
            let hive = match (field.get_physical_type(), info.logical_type_ref()) {
                (PhysicalType::INT32, None) => "int",
                (PhysicalType::INT64, None) => "bigint",
                (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)) => "string",
                other => panic!("{}: no Hive type for {other:?}", field.name()),
            };
            (field.name().to_owned(), hive.to_owned())
        })
        .collect();
    assert_eq!(
        declared, written,
        "the Glue columns, in order, are the Parquet schema's"
    );

    let serde = &table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"];
    assert_eq!(
        serde.as_str(),
        Some("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
    );
    let prefix = format!("s3://${{ReportsBucket}}/{MENTIONS_PREFIX}");
    assert_eq!(sub(&table["StorageDescriptor"]["Location"]), prefix);
    let parameters = &table["Parameters"];
    assert_eq!(
        sub(&parameters["storage.location.template"]),
        format!("{prefix}day=${{!day}}/"),
        "the partition folders are mention_file_key's"
    );
    assert_eq!(parameters["projection.enabled"].as_str(), Some("true"));
    assert_eq!(parameters["projection.day.type"].as_str(), Some("date"));
    assert_eq!(parameters["projection.day.format"].as_str(), Some("yyyy-MM-dd"));
    let partitions = table["PartitionKeys"].as_sequence().expect("partition keys");
    assert_eq!(partitions.len(), 1);
    assert_eq!(partitions[0]["Name"].as_str(), Some("day"));
}

#[test]
fn the_miner_may_put_mention_rows_under_their_prefix_only() {
    let template = template();
    let statements = template["Resources"]["ArchiveMinerRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"]
        .as_sequence()
        .expect("statements");
    let rows = statements
        .iter()
        .find(|s| s["Sid"].as_str() == Some("WriteMentionRows"))
        .expect("the WriteMentionRows statement");
    assert_eq!(rows["Action"].as_str(), Some("s3:PutObject"));
    assert_eq!(
        sub(&rows["Resource"]),
        format!("${{ReportsBucket.Arn}}/{MENTIONS_PREFIX}*")
    );
    // No other statement reaches the prefix.
    for statement in statements {
        if statement["Sid"].as_str() != Some("WriteMentionRows") {
            let text = format!("{statement:?}");
            assert!(!text.contains(MENTIONS_PREFIX), "{text}");
        }
    }
}

#[test]
fn the_workgroup_enforces_encrypted_results_in_the_reports_bucket() {
    let template = template();
    let configuration = &template["Resources"]["MentionsWorkGroup"]["Properties"]["WorkGroupConfiguration"];
    assert_eq!(
        configuration["EnforceWorkGroupConfiguration"].as_bool(),
        Some(true)
    );
    let results = &configuration["ResultConfiguration"];
    assert_eq!(
        sub(&results["OutputLocation"]),
        "s3://${ReportsBucket}/athena-results/"
    );
    assert_eq!(
        results["EncryptionConfiguration"]["EncryptionOption"].as_str(),
        Some("SSE_S3")
    );
    assert!(configuration["BytesScannedCutoffPerQuery"].as_u64().is_some());
}

/// The README shows each query of `queries/` as it is: the text the demo and the tests run.
#[test]
fn the_readme_shows_the_queries_the_demo_runs() {
    let root = wrapup_template::find_repo_root().unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let queries = wrapup_testkit::mention_queries().unwrap();
    assert_eq!(queries.len(), 3, "{queries:?}");
    for query in queries {
        let block = format!("```sql\n{}\n```", query.sql.trim_end());
        assert!(
            readme.contains(&block),
            "README.md does not show queries/{}.sql as it is",
            query.name
        );
    }
}
