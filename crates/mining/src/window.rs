//! What a run mines: a window of whole days in the org's time zone, split into one slice per day,
//! and the conversation references the planner hands to workers.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use wrapup_genesys::models::{AnalyticsConversation, MediaType, ParticipantPurpose};

/// The longest window one run may cover (a backfill of a year is split by the operator).
pub const MAX_WINDOW_DAYS: u32 = 366;

/// A bad backfill request or window; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct WindowError {
    pub field: &'static str,
    pub reason: String,
}

fn window_error(field: &'static str, reason: impl Into<String>) -> WindowError {
    WindowError {
        field,
        reason: reason.into(),
    }
}

/// Days `from..=to` in `time_zone`, optionally only some media types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MiningWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: Tz,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<MediaType>,
}

impl MiningWindow {
    pub fn new(
        from: NaiveDate,
        to: NaiveDate,
        time_zone: Tz,
        media_types: Vec<MediaType>,
    ) -> Result<Self, WindowError> {
        if to < from {
            return Err(window_error("to", format!("{to} is before from ({from})")));
        }
        let days = to.signed_duration_since(from).num_days() + 1;
        if days > i64::from(MAX_WINDOW_DAYS) {
            return Err(window_error(
                "to",
                format!("the window is {days} days; at most {MAX_WINDOW_DAYS} per run"),
            ));
        }
        let mut media_types = media_types;
        media_types.sort_by_key(|m| m.as_str());
        media_types.dedup();
        Ok(Self {
            from,
            to,
            time_zone,
            media_types,
        })
    }

    /// The scheduled window: yesterday in `time_zone`, seen at `now`.
    pub fn previous_day(now: DateTime<Utc>, time_zone: Tz) -> Self {
        let today = now.with_timezone(&time_zone).date_naive();
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        Self {
            from: yesterday,
            to: yesterday,
            time_zone,
            media_types: Vec::new(),
        }
    }

    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }

    pub fn day_count(&self) -> u32 {
        u32::try_from(self.to.signed_duration_since(self.from).num_days() + 1).unwrap_or(u32::MAX)
    }

    /// One slice per day: `[local midnight, next local midnight)` as UTC instants.
    pub fn slices(&self) -> Vec<Slice> {
        self.days()
            .enumerate()
            .map(|(index, day)| Slice {
                index: u32::try_from(index).unwrap_or(u32::MAX),
                day,
                start: local_midnight(self.time_zone, day),
                end: local_midnight(self.time_zone, day.succ_opt().unwrap_or(day)),
            })
            .collect()
    }

    /// The day a conversation belongs to: its start in the org's time zone.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.time_zone).date_naive()
    }

    pub fn wants(&self, media_type: MediaType) -> bool {
        self.media_types.is_empty() || self.media_types.contains(&media_type)
    }
}

/// The first instant of `day` in `tz` (a DST gap at midnight moves it to the first valid instant).
fn local_midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(at) => at.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => (1..=4)
            .find_map(|hours| {
                tz.from_local_datetime(&(midnight + chrono::TimeDelta::hours(hours)))
                    .earliest()
            })
            .map(|at| at.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&midnight)),
    }
}

/// One details job's worth of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slice {
    pub index: u32,
    pub day: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What a worker needs to mine one conversation, without asking Genesys for its details again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRef {
    pub conversation_id: String,
    pub media_type: MediaType,
    /// Day of `conversationStart` in the org's time zone: the aggregate it counts towards.
    pub date: NaiveDate,
    /// Hour of `conversationStart` in the org's time zone (0-23), for the mention rows; absent
    /// in batches planned before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_hour: Option<u8>,
    /// The agents' communications: each may carry part of the transcript.
    pub agent_communication_ids: Vec<String>,
    /// The customer's, IVR's and others': tried only when no agent communication has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_communication_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
}

impl ConversationRef {
    /// The reference for a details-job conversation inside `window`; `None` when it has no id or
    /// start, lies outside the slice, or is of a media type the run does not mine.
    pub fn from_details(conversation: &AnalyticsConversation, window: &MiningWindow) -> Option<Self> {
        let id = conversation.conversation_id.clone().filter(|id| !id.is_empty())?;
        let started = conversation.conversation_start?;
        let media_type = conversation.media_type().unwrap_or(MediaType::Unknown);
        if !window.wants(media_type) {
            return None;
        }
        let date = window.day_of(started);
        let started_hour = u8::try_from(started.with_timezone(&window.time_zone).hour()).ok();
        if date < window.from || date > window.to {
            return None;
        }
        let mut agents = Vec::new();
        let mut others = Vec::new();
        for participant in &conversation.participants {
            let is_agent = matches!(
                participant.purpose,
                Some(ParticipantPurpose::Agent | ParticipantPurpose::User)
            );
            for session in &participant.sessions {
                let Some(session_id) = session.session_id.clone().filter(|s| !s.is_empty()) else {
                    continue;
                };
                let list = if is_agent { &mut agents } else { &mut others };
                if !list.contains(&session_id) {
                    list.push(session_id);
                }
            }
        }
        let queue_id = conversation
            .sessions()
            .flat_map(|(_, s)| s.segments.iter())
            .find_map(|segment| segment.queue_id.clone());
        others.retain(|id| !agents.contains(id));
        Some(Self {
            conversation_id: id,
            media_type,
            date,
            started_hour,
            agent_communication_ids: agents,
            other_communication_ids: others,
            queue_id,
        })
    }
}

/// Parses an IANA time-zone name, naming the variable or field on error.
pub fn parse_time_zone(field: &'static str, value: &str) -> Result<Tz, WindowError> {
    value.trim().parse::<Tz>().map_err(|_| {
        window_error(
            field,
            format!("{value:?} is not an IANA time zone such as Europe/Berlin"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn windows_are_checked() {
        let err = MiningWindow::new(day("2026-11-02"), day("2026-11-01"), Tz::UTC, vec![]).unwrap_err();
        assert_eq!(err.field, "to");
        let err = MiningWindow::new(day("2025-01-01"), day("2026-11-01"), Tz::UTC, vec![]).unwrap_err();
        assert!(err.reason.contains("at most 366"), "{err}");
        let w = MiningWindow::new(
            day("2026-11-01"),
            day("2026-11-03"),
            Tz::UTC,
            vec![MediaType::Voice, MediaType::Chat, MediaType::Voice],
        )
        .unwrap();
        assert_eq!(w.media_types, [MediaType::Chat, MediaType::Voice]);
        assert_eq!(w.day_count(), 3);
        assert_eq!(w.slices().len(), 3);
    }

    #[test]
    fn slices_follow_the_org_time_zone_and_dst() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 2026-10-25: clocks go back, the day has 25 hours.
        let w = MiningWindow::new(day("2026-10-25"), day("2026-10-26"), berlin, vec![]).unwrap();
        let slices = w.slices();
        assert_eq!(slices[0].start.to_rfc3339(), "2026-10-24T22:00:00+00:00");
        assert_eq!(slices[0].end.to_rfc3339(), "2026-10-25T23:00:00+00:00");
        assert_eq!(slices[1].start, slices[0].end);
        assert_eq!((slices[0].end - slices[0].start).num_hours(), 25);
    }

    #[test]
    fn the_schedule_mines_yesterday_in_the_org_time_zone() {
        let now: DateTime<Utc> = "2026-11-21T03:00:00Z".parse().unwrap();
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let la: Tz = "America/Los_Angeles".parse().unwrap();
        assert_eq!(MiningWindow::previous_day(now, tokyo).from, day("2026-11-20"));
        assert_eq!(MiningWindow::previous_day(now, la).from, day("2026-11-19"));
    }

    #[test]
    fn time_zones_are_parsed_with_a_clear_error() {
        assert!(parse_time_zone("MINING_TIME_ZONE", "Europe/Berlin").is_ok());
        let err = parse_time_zone("MINING_TIME_ZONE", "Mars/Olympus").unwrap_err();
        assert!(err.to_string().starts_with("MINING_TIME_ZONE: "), "{err}");
    }

    #[test]
    fn references_keep_agent_communications_apart() {
        let conversation: AnalyticsConversation = serde_json::from_value(serde_json::json!({
            "conversationId": "c1",
            "conversationStart": "2026-11-20T23:30:00Z",
            "participants": [
                {"purpose": "customer", "sessions": [{"sessionId": "s-cust", "mediaType": "voice"}]},
                {"purpose": "ivr", "sessions": [{"sessionId": "s-ivr", "mediaType": "voice"}]},
                {"purpose": "agent", "sessions": [{"sessionId": "s-agent", "mediaType": "voice",
                    "segments": [{"segmentType": "interact", "queueId": "q1"}]}]}
            ]
        }))
        .unwrap();
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let w = MiningWindow::new(day("2026-11-21"), day("2026-11-21"), berlin, vec![]).unwrap();
        let r = ConversationRef::from_details(&conversation, &w).unwrap();
        assert_eq!(r.date, day("2026-11-21"));
        assert_eq!(r.started_hour, Some(0), "23:30 UTC is 00:30 in Berlin");
        assert_eq!(r.agent_communication_ids, ["s-agent"]);
        assert_eq!(r.other_communication_ids, ["s-cust", "s-ivr"]);
        assert_eq!(r.queue_id.as_deref(), Some("q1"));
        let utc = MiningWindow::new(day("2026-11-21"), day("2026-11-21"), Tz::UTC, vec![]).unwrap();
        assert!(
            ConversationRef::from_details(&conversation, &utc).is_none(),
            "outside the window"
        );
        let chat_only = MiningWindow::new(
            day("2026-11-21"),
            day("2026-11-21"),
            berlin,
            vec![MediaType::Chat],
        )
        .unwrap();
        assert!(ConversationRef::from_details(&conversation, &chat_only).is_none());
    }
}
