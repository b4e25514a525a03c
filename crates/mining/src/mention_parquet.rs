//! One Parquet file of mention rows: the schema the Glue table `mentions` declares
//! (template.yaml), written with the crate's low-level column writer, and read back for tests
//! and tools. The day is not a column: it is the file's Hive partition (`day=YYYY-MM-DD/`).

use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::parser::parse_message_type;

use super::model::Speaker;

/// `Content-Type` of the files (IANA, 2024).
pub const PARQUET_CONTENT_TYPE: &str = "application/vnd.apache.parquet";

/// The columns, in the order of the Glue table's. `hour` is the conversation's start hour in the
/// org's time zone (absent for batches planned before it was recorded); `queue_id` is absent
/// when the conversation never reached a queue.
pub const MENTION_SCHEMA: &str = "
message mention {
  optional int32 hour;
  required binary conversation_id (STRING);
  required binary media_type (STRING);
  optional binary queue_id (STRING);
  required binary product_id (STRING);
  required binary speaker (STRING);
  required int64 mentions;
  required binary run_id (STRING);
}";

/// One row of the `mentions` table. Ids and counts only: never transcript text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MentionRow {
    /// The conversation's start day in the org's time zone (the partition).
    pub day: NaiveDate,
    /// The conversation's start hour in the org's time zone.
    pub hour: Option<u8>,
    pub conversation_id: String,
    pub media_type: String,
    pub queue_id: Option<String>,
    pub product_id: String,
    /// Customer or agent; "either of them" is a `GROUP BY` away.
    pub speaker: Speaker,
    pub mentions: u64,
    /// The run that counted the conversation.
    pub run_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MentionFileError {
    #[error("cannot encode mention rows as Parquet: {0}")]
    Encode(String),
    #[error("not a mention-rows Parquet file: {0}")]
    Decode(String),
}

fn encode_error(err: ParquetError) -> MentionFileError {
    MentionFileError::Encode(err.to_string())
}

fn decode_error(err: ParquetError) -> MentionFileError {
    MentionFileError::Decode(err.to_string())
}

fn text(value: &str) -> ByteArray {
    ByteArray::from(value.as_bytes().to_vec())
}

/// Definition levels and the present values of an optional column.
fn optional<'a, T, V>(
    rows: &'a [MentionRow],
    pick: impl Fn(&'a MentionRow) -> Option<T>,
    make: impl Fn(T) -> V,
) -> (Vec<i16>, Vec<V>) {
    let mut levels = Vec::with_capacity(rows.len());
    let mut values = Vec::new();
    for row in rows {
        match pick(row) {
            Some(value) => {
                levels.push(1);
                values.push(make(value));
            }
            None => levels.push(0),
        }
    }
    (levels, values)
}

/// The rows as one Parquet file of one row group (a batch's rows of one day are a few hundred at
/// most). Every row's `day` is left out: the caller writes one file per day.
pub fn encode(rows: &[MentionRow]) -> Result<Vec<u8>, MentionFileError> {
    let schema = Arc::new(parse_message_type(MENTION_SCHEMA).map_err(encode_error)?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_created_by(concat!("wrapup archive-miner ", env!("CARGO_PKG_VERSION")).to_owned())
            .build(),
    );
    let mut buffer = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut buffer, schema, properties).map_err(encode_error)?;
    let mut group = writer.next_row_group().map_err(encode_error)?;
    let strings = |pick: fn(&MentionRow) -> &str| rows.iter().map(|r| text(pick(r))).collect::<Vec<_>>();
    let mut index = 0;
    while let Some(mut column) = group.next_column().map_err(encode_error)? {
        match index {
            0 => {
                let (levels, values) = optional(rows, |r| r.hour, i32::from);
                column
                    .typed::<Int32Type>()
                    .write_batch(&values, Some(&levels), None)
                    .map_err(encode_error)?;
            }
            3 => {
                let (levels, values) = optional(rows, |r| r.queue_id.as_deref(), text);
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)
                    .map_err(encode_error)?;
            }
            6 => {
                let values: Vec<i64> = rows
                    .iter()
                    .map(|r| i64::try_from(r.mentions).unwrap_or(i64::MAX))
                    .collect();
                column
                    .typed::<Int64Type>()
                    .write_batch(&values, None, None)
                    .map_err(encode_error)?;
            }
            _ => {
                let values = match index {
                    1 => strings(|r| &r.conversation_id),
                    2 => strings(|r| &r.media_type),
                    4 => strings(|r| &r.product_id),
                    5 => strings(|r| r.speaker.as_str()),
                    7 => strings(|r| &r.run_id),
                    other => {
                        return Err(MentionFileError::Encode(format!(
                            "column {other} is not in the schema"
                        )));
                    }
                };
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, None, None)
                    .map_err(encode_error)?;
            }
        }
        column.close().map_err(encode_error)?;
        index += 1;
    }
    group.close().map_err(encode_error)?;
    writer.close().map_err(encode_error)?;
    Ok(buffer)
}

/// The rows of a file written by [`encode`], with the `day` of its partition.
pub fn decode(day: NaiveDate, file: Vec<u8>) -> Result<Vec<MentionRow>, MentionFileError> {
    let reader = SerializedFileReader::new(Bytes::from(file)).map_err(decode_error)?;
    let mut rows = Vec::new();
    for record in reader.get_row_iter(None).map_err(decode_error)? {
        let record = record.map_err(decode_error)?;
        let mut row = MentionRow {
            day,
            hour: None,
            conversation_id: String::new(),
            media_type: String::new(),
            queue_id: None,
            product_id: String::new(),
            speaker: Speaker::Any,
            mentions: 0,
            run_id: String::new(),
        };
        for (name, field) in record.get_column_iter() {
            match (name.as_str(), field) {
                ("hour", Field::Int(hour)) => row.hour = u8::try_from(*hour).ok(),
                ("conversation_id", Field::Str(v)) => row.conversation_id.clone_from(v),
                ("media_type", Field::Str(v)) => row.media_type.clone_from(v),
                ("queue_id", Field::Str(v)) => row.queue_id = Some(v.clone()),
                ("product_id", Field::Str(v)) => row.product_id.clone_from(v),
                ("speaker", Field::Str(v)) => {
                    row.speaker = Speaker::parse(v)
                        .ok_or_else(|| MentionFileError::Decode(format!("speaker {v:?} is unknown")))?;
                }
                ("mentions", Field::Long(v)) => row.mentions = u64::try_from(*v).unwrap_or(0),
                ("run_id", Field::Str(v)) => row.run_id.clone_from(v),
                (_, Field::Null) => {}
                (other, _) => {
                    return Err(MentionFileError::Decode(format!(
                        "column {other:?} has an unexpected type"
                    )));
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(conversation: &str, product: &str, speaker: Speaker, mentions: u64) -> MentionRow {
        MentionRow {
            day: "2026-11-20".parse().unwrap(),
            hour: Some(9),
            conversation_id: conversation.into(),
            media_type: "voice".into(),
            queue_id: Some("q-1".into()),
            product_id: product.into(),
            speaker,
            mentions,
            run_id: "run-1".into(),
        }
    }

    #[test]
    fn rows_round_trip_with_absent_hours_and_queues() {
        let mut rows = vec![
            row("c-1", "router", Speaker::Customer, 2),
            row("c-1", "router", Speaker::Agent, 1),
            row("c-2", "modem", Speaker::Customer, 7),
        ];
        rows[2].hour = None;
        rows[2].queue_id = None;
        let file = encode(&rows).unwrap();
        assert_eq!(&file[..4], b"PAR1", "a Parquet file");
        let back = decode("2026-11-20".parse().unwrap(), file.clone()).unwrap();
        assert_eq!(back, rows);
        assert_eq!(encode(&rows).unwrap(), file, "the same rows make the same bytes");
    }

    #[test]
    fn the_schema_holds_ids_and_counts_only() {
        let schema = parse_message_type(MENTION_SCHEMA).unwrap();
        let names: Vec<&str> = schema.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "hour",
                "conversation_id",
                "media_type",
                "queue_id",
                "product_id",
                "speaker",
                "mentions",
                "run_id"
            ]
        );
        assert!(decode("2026-11-20".parse().unwrap(), b"not parquet".to_vec()).is_err());
    }
}
