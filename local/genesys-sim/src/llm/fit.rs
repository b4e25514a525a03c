//! `max_tokens`, roughly: the answer is cut to about `max_tokens × 4` characters, as a real model
//! stops there (and so map-reduce budgets see answers of realistic size).

use super::summary::Summary;

/// The character budget of an answer: `max_tokens` (or `max_completion_tokens`) × 4.
pub fn max_chars(body: &serde_json::Value) -> Option<usize> {
    ["max_tokens", "max_completion_tokens"]
        .iter()
        .find_map(|k| body.get(*k).and_then(serde_json::Value::as_u64))
        .filter(|&n| n > 0)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX / 8).saturating_mul(4))
}

/// `text` cut to at most `max` characters at a word boundary (so `[CARD]` markers stay whole),
/// without trailing separators; empty when not even the first word fits.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..end];
    let head = if text[end..].starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace).map_or("", |i| &head[..i])
    };
    head.trim_end()
        .trim_end_matches([',', ';', ':', '-', '('])
        .trim_end()
        .to_string()
}

/// Text of a summary's free-text fields.
fn text_len(s: &Summary) -> usize {
    let chars = |t: &str| t.chars().count();
    chars(&s.executive)
        + s.reason.as_deref().map_or(0, chars)
        + s.resolution.as_deref().map_or(0, chars)
        + s.items.iter().map(|i| chars(&i.text)).sum::<usize>()
}

/// The largest `level` with `sum(min(length, level)) <= room`.
fn water_level(lengths: &[usize], room: usize) -> usize {
    let (mut low, mut high) = (0, lengths.iter().copied().max().unwrap_or(0));
    while low < high {
        let mid = (low + high).div_ceil(2);
        if lengths.iter().map(|&l| l.min(mid)).sum::<usize>() <= room {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

/// The free text every summary keeps, whatever the budget.
const MIN_TEXT: usize = 40;

/// Cuts the free-text fields of `summary` (the longest first) so its JSON stays within `max`
/// characters; drops key phrases and then action items when even their frame does not fit.
pub fn fit(summary: &mut Summary, max: usize) {
    for _ in 0..64 {
        let total = summary.to_json().to_string().chars().count();
        if total <= max {
            return;
        }
        let text = text_len(summary);
        let frame = total.saturating_sub(text);
        if frame + MIN_TEXT > max && (summary.key_phrases.pop().is_some() || summary.items.pop().is_some()) {
            continue;
        }
        if text == 0 {
            return;
        }
        // The longest fields are cut first, all to the same length: short ones (a resolution, an
        // action item) survive a long reason. A little under the room: escapes and word boundaries.
        let room = max
            .saturating_sub(frame)
            .max(MIN_TEXT.min(text))
            .saturating_sub(2);
        let chars = |t: &str| t.chars().count();
        let lengths: Vec<usize> = [
            Some(summary.executive.as_str()),
            summary.reason.as_deref(),
            summary.resolution.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(summary.items.iter().map(|i| i.text.as_str()))
        .map(chars)
        .collect();
        let level = water_level(&lengths, room);
        let share = |len: usize| len.min(level);
        let first_word = summary
            .executive
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        summary.executive = cut(&summary.executive, share(chars(&summary.executive)));
        if summary.executive.is_empty() {
            summary.executive = first_word;
        }
        for field in [&mut summary.reason, &mut summary.resolution] {
            *field = field
                .as_deref()
                .map(|t| cut(t, share(chars(t))))
                .filter(|t| !t.is_empty());
        }
        for item in &mut summary.items {
            item.text = cut(&item.text, share(chars(&item.text)));
        }
        summary.items.retain(|i| !i.text.is_empty());
        if text_len(summary) == text {
            // Nothing more to cut: the frame alone is over the budget.
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_word_boundaries_keeping_markers() {
        assert_eq!(cut("my card [CARD] was charged", 12), "my card");
        assert_eq!(cut("my card [CARD] was charged", 14), "my card [CARD]");
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("unbreakable", 4), "");
        assert_eq!(cut("one, two", 5), "one");
    }

    #[test]
    fn long_fields_are_cut_first() {
        assert_eq!(water_level(&[100, 10, 20], 60), 30);
        assert_eq!(water_level(&[100, 10, 20], 500), 100);
        assert_eq!(water_level(&[5, 5], 0), 0);
    }
}
