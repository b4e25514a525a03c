//! The stores' contract: every case of a `store_*` test file runs against DynamoDB (moto) and
//! against the in-memory store, so the fast tier's stores behave as the deployed ones. The file
//! defines `dynamodb_fixture().await.0` and `memory_fixture()`, and the cases as
//! `async fn case(f: Fixture)`, then calls `wrapup_testkit::against_both!(case, ...)`.

#[macro_export]
macro_rules! against_both {
    ($($case:ident),* $(,)?) => {
        mod dynamodb {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                #[ignore = "moto tier: `make test` runs it against moto"]
                async fn $case() {
                    super::$case(super::dynamodb_fixture().await.0).await;
                }
            )*
        }
        mod memory {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    super::$case(super::memory_fixture()).await;
                }
            )*
        }
    };
}

/// A fresh stack's tables in moto (template.yaml): the client and the name of the table
/// `logical_id`, for a file's `dynamodb_fixture`.
pub async fn moto_table(stack_prefix: &str, logical_id: &str) -> (aws_sdk_dynamodb::Client, String) {
    let aws = crate::LocalAws::from_env().expect("moto: run under scripts/with-moto.sh");
    let dynamodb = aws.dynamodb_client().await;
    let stack = crate::unique_stack_name(stack_prefix);
    let tables = crate::create_tables(&dynamodb, &stack)
        .await
        .expect("tables from template.yaml");
    let table = tables
        .iter()
        .find(|t| t.logical_id == logical_id)
        .unwrap_or_else(|| panic!("{logical_id} in template.yaml"))
        .name
        .clone();
    (dynamodb, table)
}
