//! Word-level helpers: tokens with byte offsets, stopwords, light stemming.

use std::collections::HashSet;
use std::sync::LazyLock;

/// A word (or a redaction marker such as `[CARD]`) inside a sentence, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// A redaction marker: never a content word, never part of a phrase.
    pub marker: bool,
    /// Only whitespace separates this token from the previous one (no punctuation).
    pub joined: bool,
}

/// Longest redaction marker we recognise (`[IBAN]`, `[EMAIL]`, `[PHONE_NUMBER]`...).
const MAX_MARKER_LEN: usize = 40;

/// Splits `text` into words: alphanumeric runs with inner apostrophes or hyphens (`I'll`,
/// `Wi-Fi`), and bracketed redaction markers.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    let mut word_start: Option<usize> = None;
    // Whether only whitespace was seen since the previous token ended.
    let mut clean_gap = false;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        let inner_joiner = matches!(c, '\'' | '’' | '-')
            && word_start.is_some()
            && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
        if inner_joiner {
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(Token {
                start,
                end: i,
                marker: false,
                joined: clean_gap && !tokens.is_empty(),
            });
            clean_gap = true;
        }
        if c == '[' {
            let rest = text.get(i + 1..).unwrap_or("");
            let close = rest
                .char_indices()
                .take_while(|(k, _)| *k < MAX_MARKER_LEN)
                .find(|(_, ch)| *ch == ']');
            if let Some((k, _)) = close.filter(|(k, _)| *k > 0) {
                let end = i + 1 + k + 1;
                tokens.push(Token {
                    start: i,
                    end,
                    marker: true,
                    joined: false,
                });
                clean_gap = false;
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
                continue;
            }
        }
        if !c.is_whitespace() {
            clean_gap = false;
        }
    }
    if let Some(start) = word_start {
        tokens.push(Token {
            start,
            end: text.len(),
            marker: false,
            joined: clean_gap && !tokens.is_empty(),
        });
    }
    tokens
}

/// Lowercase with the typographic apostrophe folded to `'`.
pub(crate) fn normalise_word(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    const WORDS: &str = "a about above after again against all almost also am an and any anybody anyone \
        anything are aren't around as at away back be because been before being below between both \
        but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during \
        each either else enough even ever every everything few for from further get gets getting go \
        goes going gone got gotten had hadn't has hasn't have haven't having he he'd he'll he's her \
        here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is \
        isn't it it'd it'll it's its itself just know let let's like likely made make many may maybe me \
        might mine more most much must mustn't my myself need needs never no nobody none nor not \
        nothing now of off often oh ok okay on once one only onto or other others otherwise our ours \
        ourselves out over own perhaps please pretty quite rather really right said same say says see \
        seems shall she she'd she'll she's should shouldn't since so some somebody someone something \
        sometimes soon still such sure take tell than thank thanks that that's the their theirs them \
        themselves then there there's these they they'd they'll they're they've thing things think this \
        those though through thus to today too toward under until up upon us use used very via want \
        wanted wants was wasn't way we we'd we'll we're we've well went were weren't what what's \
        whatever when when's where where's whether which while who who's whom whose why why's will \
        with within without won't would wouldn't yeah yes yep yet you you'd you'll you're you've your \
        yours yourself yourselves hi hello hey bye goodbye um uh hmm mhm ah alright great fine sorry \
        actually basically kind sort lot lots bit able via etc vs per anyway anyways gonna wanna \
        gotta also hold wait second moment minute look looks looking looked";
    WORDS.split_whitespace().collect()
});

pub(crate) fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

/// A content word: not a stopword, at least two characters, at least one letter.
pub(crate) fn is_content_word(lower: &str) -> bool {
    lower.chars().count() >= 2 && lower.chars().any(char::is_alphabetic) && !is_stopword(lower)
}

/// Strips a possessive `'s` (either apostrophe).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Light suffix stripping so that `charges`/`charged`/`charge` and `dropping`/`drops` meet.
/// Consistency matters more than linguistic accuracy here.
pub(crate) fn stem(lower: &str) -> String {
    let word = strip_possessive(lower);
    let long = word.len() > 4;
    let plural_s = word.len() > 3 && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is");
    let mut out = match (
        word.strip_suffix("ies"),
        word.strip_suffix("es"),
        word.strip_suffix('s'),
    ) {
        (Some(base), _, _) if long => format!("{base}y"),
        (_, Some(base), _) if long && word.ends_with("sses") => base.to_string(),
        (_, _, Some(base)) if plural_s => base.to_string(),
        _ => word.to_string(),
    };
    // `strip_suffix` keeps char boundaries; the suffixes are ASCII.
    let trimmed = if out.len() > 5 && out.ends_with("ing") {
        3
    } else if out.len() > 4 && out.ends_with("ed") {
        2
    } else if out.len() > 3 && out.ends_with('e') {
        // `charge` and `charg(ed)` meet.
        1
    } else {
        0
    };
    out.truncate(out.len() - trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_contractions_markers_and_adjacency() {
        let text = "I'll send it, to [CARD] Acme Router-Pro’s";
        let words: Vec<(&str, bool, bool)> = tokenize(text)
            .iter()
            .map(|t| (&text[t.start..t.end], t.marker, t.joined))
            .collect();
        assert_eq!(
            words,
            vec![
                ("I'll", false, false),
                ("send", false, true),
                ("it", false, true),
                ("to", false, false),
                ("[CARD]", true, false),
                ("Acme", false, false),
                ("Router-Pro’s", false, true),
            ]
        );
        assert!(tokenize("").is_empty());
        assert_eq!(tokenize("[unclosed words").len(), 2);
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("charges"), stem("charged"));
        assert_eq!(stem("charge"), stem("charges"));
        assert_eq!(stem("drops"), stem("drop"));
        assert_eq!(stem("dropping"), "dropp");
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("router's"), stem("router"));
        assert!(is_content_word("router"));
        assert!(!is_content_word("i'll"));
        assert!(!is_content_word("4"));
    }
}
