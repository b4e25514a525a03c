//! Writing a clause back out with some of its words replaced, left out or added: the transcript's
//! own words and punctuation between them, tidied where words were dropped.

use super::parsed::Word;

/// Builds one output text from a sentence's words.
pub(crate) struct Render<'t> {
    text: &'t str,
    words: &'t [Word],
    out: String,
    /// Index of the last word written from the sentence, if the last thing written was one.
    last: Option<usize>,
}

impl<'t> Render<'t> {
    /// `words` are the words of `text` (a sentence), with offsets into it.
    pub(crate) fn new(text: &'t str, words: &'t [Word]) -> Self {
        Render {
            text,
            words,
            out: String::with_capacity(text.len() + 16),
            last: None,
        }
    }

    /// Writes word `i` as said.
    pub(crate) fn word(&mut self, i: usize) {
        let Some(w) = self.words.get(i) else { return };
        let said = self.text.get(w.start..w.end).unwrap_or_default();
        self.push_gap(i);
        self.out.push_str(said);
        self.last = Some(i);
    }

    /// Writes `with` in place of word `i`; nothing, gap included, when `with` is empty.
    pub(crate) fn replace(&mut self, i: usize, with: &str) {
        if with.is_empty() {
            return;
        }
        self.push_gap(i);
        self.out.push_str(with);
        self.last = Some(i);
    }

    /// Adds text of our own (a template word, a moved verb), after a space.
    pub(crate) fn insert(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.last = None;
    }

    /// The text so far, with the symbols attached to the last word ("20%", "5€") and balanced
    /// brackets.
    pub(crate) fn finish(mut self) -> String {
        if let Some(i) = self.last
            && let Some(w) = self.words.get(i)
        {
            let after = self.text.get(w.end..).unwrap_or_default();
            let attached: String = after
                .chars()
                .take_while(|c| {
                    !c.is_whitespace() && !matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…' | '(')
                })
                .filter(|c| !c.is_alphanumeric())
                .collect();
            if attached.chars().all(|c| {
                matches!(
                    c,
                    '%' | '€' | '$' | '£' | '+' | ')' | '°' | '"' | '”' | '\'' | '’'
                )
            }) {
                self.out.push_str(&attached);
            }
        }
        balance(self.out.trim())
    }

    fn push_gap(&mut self, i: usize) {
        let Some(w) = self.words.get(i) else { return };
        let previous_end = i
            .checked_sub(1)
            .and_then(|p| self.words.get(p))
            .map_or(0, |p| p.end);
        let gap = self.text.get(previous_end..w.start).unwrap_or_default();
        let contiguous = i > 0 && self.last == Some(i - 1);
        if contiguous {
            // An elided word written out in full ("j'ai" -> "il a", "m'a" -> "lui a") needs
            // the space the elision did without.
            let elided = || {
                i.checked_sub(1)
                    .and_then(|p| self.words.get(p))
                    .and_then(|p| self.text.get(p.start..p.end))
                    .is_some_and(|said| said.ends_with(['\'', '’']))
            };
            if gap.is_empty() && self.out.ends_with(char::is_alphanumeric) && elided() {
                self.out.push(' ');
            }
            self.out.push_str(gap);
            return;
        }
        // Words were left out (or this is the first word): keep only the symbols that belong to
        // this word ("$49", "(ref", "#AR-7"), after a single space.
        let own: String = gap
            .trim_end_matches(char::is_whitespace)
            .chars()
            .rev()
            .take_while(|c| {
                !c.is_whitespace() && !matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '-' | '—' | '–')
            })
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        let own = if gap.ends_with(char::is_whitespace) {
            String::new()
        } else {
            own
        };
        if !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        self.out.push_str(&own);
    }
}

/// Drops a closing bracket without its opening one, and closes an opening one left open.
fn balance(text: &str) -> String {
    let mut depth = 0i32;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => continue,
            ')' => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    let out = out
        .trim_end_matches(['(', ' ', ',', ';', ':', '-', '—', '–'])
        .to_string();
    let open = out.chars().filter(|c| *c == '(').count();
    let close = out.chars().filter(|c| *c == ')').count();
    if open > close {
        let mut out = out;
        out.extend(std::iter::repeat_n(')', open - close));
        return out;
    }
    out
}

/// `text` with its first letter in upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with its first letter in lower case, unless its first word is an acronym or a name
/// that keeps its capitals ("SMS", "I", "McKay").
pub(crate) fn decapitalise(text: &str) -> String {
    let first_word: &str = text.split_whitespace().next().unwrap_or_default();
    let upper_after_first = first_word.chars().skip(1).any(char::is_uppercase);
    if upper_after_first || first_word == "I" || first_word.starts_with('[') {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Ends `text` with a full stop unless it already ends a sentence.
pub(crate) fn sentence(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches([',', ';', ':', '-', '—', '–', ' ']);
    if trimmed.is_empty() {
        return String::new();
    }
    let mut out = capitalise(trimmed);
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, from: usize) -> Word {
        let end = text[from..].find(' ').map_or(text.len(), |k| from + k);
        Word {
            start: from,
            end,
            folded: text[from..end].to_lowercase().into(),
            marker: false,
            capitalised: false,
            skip: false,
            joins: false,
            class: 0,
        }
    }

    #[test]
    fn gaps_are_kept_or_tidied() {
        let text = "a, uh, a $49 charge (20%)";
        let words = vec![
            word(text, 0),
            Word {
                end: 1,
                ..word(text, 0)
            },
            word(text, 3),
            word(text, 7),
            word(text, 10),
            word(text, 13),
            word(text, 21),
        ];
        let words: Vec<Word> = words
            .into_iter()
            .map(|mut w| {
                w.end = w.start
                    + text[w.start..]
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(text.len() - w.start);
                w
            })
            .collect();
        let mut r = Render::new(text, &words);
        r.word(0);
        r.word(3);
        r.word(4);
        r.word(5);
        r.word(6);
        assert_eq!(r.finish(), "a a $49 charge (20%)");
        assert_eq!(balance("x) y (z"), "x y (z)");
        assert_eq!(sentence("the agent will call,"), "The agent will call.");
        assert_eq!(decapitalise("Send SMS"), "send SMS");
        assert_eq!(decapitalise("SMS sent"), "SMS sent");
    }
}
