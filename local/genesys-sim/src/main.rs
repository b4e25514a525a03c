//! `genesys-sim`: runs the Genesys Cloud simulator until Ctrl-C.

mod cli;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    cli::run().await
}
