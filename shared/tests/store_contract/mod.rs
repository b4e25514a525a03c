//! The stores' contract: every case of a `store_*` test file runs against DynamoDB (moto) and
//! against the in-memory store, so the fast tier's stores behave as the deployed ones. The file
//! defines `dynamodb_fixture().await.0` and `memory_fixture()`, and the cases as
//! `async fn case(f: Fixture)`.

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
