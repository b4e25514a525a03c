//! The token budget of a request, and the utterance-aligned chunks of a transcript too long for
//! one request.
//!
//! Tokens are *estimated* as ceil(UTF-8 bytes / 4): about right for English with GPT-style
//! tokenizers, and more cautious than counting characters for other scripts (an accented letter
//! is two bytes, a CJK character three). No tokenizer crate: the estimate only has to stay on the
//! safe side of the context window, and each request also reserves a per-message overhead, the
//! response schema (structured output counts it as prompt) and the whole `max_tokens` answer.

/// Estimated tokens of `text`: ceil(bytes / 4).
pub fn estimate_tokens(text: &str) -> usize {
    text.len().div_ceil(4)
}

/// Role markers and separators the API adds around each message.
pub(super) const MESSAGE_OVERHEAD_TOKENS: usize = 4;
/// Kept free in every planned request so the repair round (the bad answer and the parse error
/// appended to the same messages) still fits.
pub(super) const REPAIR_RESERVE_TOKENS: usize = 200;
/// The smallest transcript share of a request worth sending; a smaller context is a
/// configuration error.
pub(super) const MIN_USER_TOKENS: usize = 200;

#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    pub context_tokens: usize,
    pub max_output_tokens: usize,
    /// The JSON schema of `response_format`.
    pub schema_tokens: usize,
}

impl Budget {
    /// Estimated tokens of a request made of these message contents, answer included.
    pub fn request_tokens(&self, messages: &[&str]) -> usize {
        let prompt: usize = messages
            .iter()
            .map(|m| estimate_tokens(m) + MESSAGE_OVERHEAD_TOKENS)
            .sum();
        prompt + self.schema_tokens + self.max_output_tokens
    }

    /// Whether a first-round request (system + user) fits with room for its repair round.
    pub fn fits_with_repair(&self, system: &str, user: &str) -> bool {
        self.request_tokens(&[system, user]) + REPAIR_RESERVE_TOKENS <= self.context_tokens
    }

    /// Bytes of user content that fit after `system`, with room for the repair round.
    pub fn user_bytes_after(&self, system: &str) -> usize {
        let used = self.request_tokens(&[system, ""]) + REPAIR_RESERVE_TOKENS;
        self.context_tokens.saturating_sub(used) * 4
    }
}

/// One transcript line: `prefix` (`[mm:ss] Agent: `) and the utterance text.
pub(super) struct Line<'a> {
    pub prefix: String,
    pub text: &'a str,
}

/// Packs lines, in order, into newline-joined chunks of at most `max_bytes` bytes. A line that
/// alone exceeds `max_bytes` is split at sentence ends, else at spaces, else between characters,
/// and each piece keeps the line's prefix: nothing is dropped or cut short.
pub(super) fn chunk_lines(lines: &[Line<'_>], max_bytes: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for line in lines {
        let room = max_bytes.saturating_sub(line.prefix.len()).max(4);
        for piece in split_text(line.text, room) {
            let rendered_len = line.prefix.len() + piece.len();
            if !current.is_empty() && current.len() + 1 + rendered_len > max_bytes {
                chunks.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&line.prefix);
            current.push_str(piece);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Splits `text` into pieces of at most `max_bytes` (at least 4, so one character always fits),
/// preferring sentence ends, then spaces. Only the whitespace at a cut is lost.
pub(super) fn split_text(text: &str, max_bytes: usize) -> Vec<&str> {
    let max_bytes = max_bytes.max(4);
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.len() > max_bytes {
        let cut = cut_point(rest, max_bytes);
        let (head, tail) = rest.split_at(cut);
        let head = head.trim_end();
        if !head.is_empty() {
            pieces.push(head);
        }
        rest = tail.trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// The byte index (a char boundary in `1..=max_bytes`) where `text` is best cut.
fn cut_point(text: &str, max_bytes: usize) -> usize {
    let mut limit = max_bytes.min(text.len());
    while limit > 0 && !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = text.get(..limit).unwrap_or_default();
    // After a sentence end followed by a space: the cut lands on the space.
    let sentence_end = window
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && i > 0 && matches!(window.as_bytes().get(i - 1), Some(b'.' | b'?' | b'!')))
        .map(|(i, _)| i);
    if let Some(i) = sentence_end.filter(|&i| i > 0) {
        return i;
    }
    if let Some(i) = window.rfind(' ').filter(|&i| i > 0) {
        return i;
    }
    if limit > 0 {
        return limit;
    }
    // max_bytes >= 4 and a char is at most 4 bytes, so this is only reached defensively.
    text.char_indices().nth(1).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn estimate_rounds_up_and_counts_bytes() {
        assert_eq!(estimate_tokens(""), 0);
        assert_eq!(estimate_tokens("abcde"), 2);
        assert_eq!(estimate_tokens("éé"), 1);
        assert_eq!(estimate_tokens("日本語"), 3);
    }

    #[test]
    fn split_prefers_sentences_then_words_then_characters() {
        let text = "First sentence here. Second one is longer than that. Third.";
        let pieces = split_text(text, 30);
        assert_eq!(pieces[0], "First sentence here.");
        assert!(pieces.iter().all(|p| p.len() <= 30), "{pieces:?}");
        assert_eq!(words(&pieces.join(" ")), words(text));

        let word = "x".repeat(25);
        let pieces = split_text(&word, 10);
        assert_eq!(pieces, vec!["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]);

        let cjk = "日本語のテキスト".repeat(3);
        let pieces = split_text(&cjk, 7);
        assert!(pieces.iter().all(|p| p.len() <= 7 && !p.is_empty()));
        assert_eq!(pieces.concat(), cjk);
    }

    #[test]
    fn chunks_respect_the_limit_and_keep_every_word() {
        let long = "Word ".repeat(200);
        let texts = ["short one", long.trim(), "another short one", "end"];
        let lines: Vec<Line<'_>> = texts
            .iter()
            .map(|t| Line {
                prefix: "[00:01] Agent: ".into(),
                text: t,
            })
            .collect();
        let chunks = chunk_lines(&lines, 120);
        assert!(chunks.len() > 5);
        assert!(chunks.iter().all(|c| c.len() <= 120), "{chunks:?}");
        let joined = chunks.join("\n");
        let expected: usize = texts.iter().map(|t| words(t).len()).sum();
        let label_words = joined.lines().count() * 2;
        assert_eq!(words(&joined).len(), expected + label_words);
        assert_eq!(
            chunks[0], "[00:01] Agent: short one",
            "a long line starts a chunk of its own"
        );
    }

    #[test]
    fn budget_counts_every_message_the_schema_and_the_answer() {
        let budget = Budget {
            context_tokens: 1000,
            max_output_tokens: 300,
            schema_tokens: 100,
        };
        assert_eq!(
            budget.request_tokens(&["abcd", "abcdefgh"]),
            1 + 2 + 2 * MESSAGE_OVERHEAD_TOKENS + 400
        );
        let system = "s".repeat(400);
        let room = budget.user_bytes_after(&system);
        assert!(budget.fits_with_repair(&system, &"u".repeat(room)));
        assert!(!budget.fits_with_repair(&system, &"u".repeat(room + 4)));
    }
}
