//! Due phrases of commitments: "by Friday", "tomorrow", "within 24 hours", "on Monday", dates.

use std::sync::LazyLock;

use super::lexicon::{Pattern, compile};

const DAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const AMOUNT: &str = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|twenty-four|thirty|forty-eight|seventy-two|a\s+couple\s+of|a\s+few|several)";
const UNIT: &str = r"(?:business\s+|working\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?|months?)";

static DUE: LazyLock<Pattern> = LazyLock::new(|| {
    let date = format!(
        r"(?:\d{{4}}-\d{{2}}-\d{{2}}|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?|the\s+\d{{1,2}}(?:st|nd|rd|th)|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)"
    );
    // "Thursday afternoon": a day's part goes with it.
    // "Within 5 to 7 working days", "in 3-5 business days": a range is one due phrase.
    let span = format!(r"{AMOUNT}(?:\s*(?:-|–|to|or)\s*{AMOUNT})?");
    let day = format!(r"{DAY}(?:\s+(?:morning|afternoon|evening|night))?");
    compile(&format!(
        r"\b(?:(?:by|before|until|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:day|week|month|business(?:\s+day)?)|close\s+of\s+business|eod|cob|(?:tomorrow|tonight|today)(?:\s+(?:morning|afternoon|evening|night))?|noon|midnight|next\s+(?:week|month|{day})|this\s+(?:week|weekend|afternoon|evening|{day})|{day}|{date}|\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s+(?:tomorrow|today|tonight))?)|(?:within|in)\s+(?:the\s+next\s+|up\s+to\s+)?{span}\s+{UNIT}|up\s+to\s+{span}\s+{UNIT}|(?:first\s+thing\s+)?(?:tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?|later\s+today|today|end\s+of\s+(?:the\s+)?(?:day|week|month)|this\s+(?:afternoon|evening|week|weekend)|next\s+(?:week|month|business\s+day|{day})|(?:on|this|next|coming)\s+(?:{day}|{date})|{day}|{date})"
    ))
});
static DATE_WITH_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    compile(&format!(
        r"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})"
    ))
});

/// The due phrase of a commitment as said ("by Friday", "tomorrow", "within 24 hours"), or an ISO
/// date when the text gives a full date ("by June 12, 2025" -> "2025-06-12").
pub fn due_phrase(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let found = DUE.find(&lower)?;
    let said = text.get(found.start()..found.end())?.trim();
    Some(iso_date(found.as_str()).unwrap_or_else(|| said.to_string()))
}

fn iso_date(lower: &str) -> Option<String> {
    let caps = DATE_WITH_YEAR.captures(lower)?;
    if let Some(iso) = caps.name("iso") {
        let date = chrono::NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok()?;
        return Some(date.format("%Y-%m-%d").to_string());
    }
    let month = caps.name("m1").or_else(|| caps.name("m2"))?.as_str();
    let day: u32 = caps
        .name("d1")
        .or_else(|| caps.name("d2"))?
        .as_str()
        .parse()
        .ok()?;
    let year: i32 = caps
        .name("y1")
        .or_else(|| caps.name("y2"))?
        .as_str()
        .parse()
        .ok()?;
    let month = month_number(month)?;
    chrono::NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

fn month_number(name: &str) -> Option<u32> {
    const PREFIXES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let position = PREFIXES.iter().position(|p| name.starts_with(p))?;
    u32::try_from(position + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_phrases() {
        let cases = [
            ("I'll send a replacement by Friday.", Some("by Friday")),
            ("We will call you back tomorrow once it posts.", Some("tomorrow")),
            ("I'll email you within 24 hours.", Some("within 24 hours")),
            (
                "They will contact you within two business days.",
                Some("within two business days"),
            ),
            (
                "A technician will visit on Monday between 8 and 12.",
                Some("on Monday"),
            ),
            ("I'll call next week.", Some("next week")),
            ("The fitter comes Thursday afternoon.", Some("Thursday afternoon")),
            ("Please reply by end of day.", Some("by end of day")),
            ("I'll send it by June 12, 2025.", Some("2025-06-12")),
            ("I'll send it by 12 June.", Some("by 12 June")),
            ("I'll send it by 2025-02-30.", Some("by 2025-02-30")),
            ("I'll send it when I can.", None),
            (
                "Message us if it isn't there by 5pm tomorrow.",
                Some("by 5pm tomorrow"),
            ),
            // A range is one due phrase, its ends in figures or words.
            (
                "It will be paid within 5 to 7 working days.",
                Some("within 5 to 7 working days"),
            ),
            (
                "You'll have it in 3-5 business days.",
                Some("in 3-5 business days"),
            ),
            (
                "It usually takes up to ten business days.",
                Some("up to ten business days"),
            ),
        ];
        for (text, due) in cases {
            assert_eq!(due_phrase(text).as_deref(), due, "{text}");
        }
    }
}
