"""Runs SQL over the mention rows archive-miner wrote, with DuckDB (the pinned one in .venv).

Usage: `python scripts/duckdb_mentions.py DIR < queries.json`, where DIR holds the files as they
lie in the reports bucket (`DIR/mentions/day=YYYY-MM-DD/*.parquet`) and the JSON is a list of
`{"name": ..., "sql": ...}`. The view `mentions` has the columns of the Glue table (the Hive
partition `day` as a DATE), so the queries are the very text Athena runs. Prints a JSON list of
`{"name", "columns", "rows"}`; dates and decimals as text.
"""

import glob
import json
import os
import sys

import duckdb

# The Glue table's columns (template.yaml, MentionsTable), for a folder without any file yet.
EMPTY = (
    "CREATE TABLE mentions (day DATE, hour INTEGER, conversation_id VARCHAR, media_type VARCHAR, "
    "queue_id VARCHAR, product_id VARCHAR, speaker VARCHAR, mentions BIGINT, run_id VARCHAR)"
)


def plain(value):
    return value if value is None or isinstance(value, (bool, int, float, str)) else str(value)


def main():
    root = sys.argv[1]
    queries = json.load(sys.stdin)
    pattern = os.path.join(root, "mentions", "*", "*.parquet")
    connection = duckdb.connect()
    if glob.glob(pattern):
        literal = "'" + pattern.replace("'", "''") + "'"
        connection.execute(
            "CREATE VIEW mentions AS SELECT * FROM read_parquet("
            + literal
            + ", hive_partitioning = true, hive_types = {'day': DATE})"
        )
    else:
        connection.execute(EMPTY)
    answers = []
    for query in queries:
        cursor = connection.execute(query["sql"])
        columns = [description[0] for description in cursor.description]
        rows = [[plain(value) for value in row] for row in cursor.fetchall()]
        answers.append({"name": query["name"], "columns": columns, "rows": rows})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
