//! Word-level helpers: tokens with byte offsets, stopwords, light stemming.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::word_hash::WordTable;

/// A word (or a redaction marker such as `[CARD]`) inside a sentence, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// A redaction marker: never a content word, never part of a phrase.
    pub marker: bool,
    /// Only whitespace separates this token from the previous one (no punctuation).
    pub joined: bool,
    /// All ASCII: its ASCII-lowercased text is already its normalised form.
    pub ascii: bool,
}

/// Longest redaction marker we recognise (`[IBAN]`, `[EMAIL]`, `[PHONE_NUMBER]`...).
const MAX_MARKER_LEN: usize = 40;

/// Splits `text` into words: alphanumeric runs with inner apostrophes or hyphens (`I'll`,
/// `Wi-Fi`), and bracketed redaction markers.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut word_start: Option<usize> = None;
    let mut word_ascii = true;
    // Whether only whitespace was seen since the previous token ended.
    let mut clean_gap = false;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let next = i + c.len_utf8();
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
                word_ascii = true;
            }
            word_ascii &= c.is_ascii();
            i = ascii_alphanumeric_run(text, next);
            continue;
        }
        let inner_joiner = matches!(c, '\'' | '’' | '-')
            && word_start.is_some()
            && char_at(text, next).is_some_and(char::is_alphanumeric);
        if inner_joiner {
            word_ascii &= c.is_ascii();
            i = next;
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(Token {
                start,
                end: i,
                marker: false,
                joined: clean_gap && !tokens.is_empty(),
                ascii: word_ascii,
            });
            clean_gap = true;
        }
        if c == '['
            && let Some(end) = marker_end(text, i)
        {
            tokens.push(Token {
                start: i,
                end,
                marker: true,
                joined: false,
                ascii: false,
            });
            clean_gap = false;
            i = end;
            continue;
        }
        if !c.is_whitespace() {
            clean_gap = false;
        }
        i = next;
    }
    if let Some(start) = word_start {
        tokens.push(Token {
            start,
            end: text.len(),
            marker: false,
            joined: clean_gap && !tokens.is_empty(),
            ascii: word_ascii,
        });
    }
    tokens
}

/// The character at byte offset `i` (a char boundary), decoding only non-ASCII ones: tokenizers
/// walk whole transcripts, and almost all of their bytes are ASCII.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => Some(char::from(*b)),
        Some(_) => text.get(i..)?.chars().next(),
        None => None,
    }
}

/// The end of the run of ASCII letters and digits starting at `from`: the common case inside a
/// word, skipped without decoding characters.
pub(crate) fn ascii_alphanumeric_run(text: &str, from: usize) -> usize {
    let rest = text.as_bytes().get(from..).unwrap_or_default();
    from + rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
}

/// The end of a redaction marker opening at `open` (a `[`): its `]` comes within
/// [`MAX_MARKER_LEN`] bytes, with something in between.
fn marker_end(text: &str, open: usize) -> Option<usize> {
    let rest = text.as_bytes().get(open + 1..)?;
    // `]` is ASCII, so its first byte is its first occurrence as a character.
    let close = rest.iter().take(MAX_MARKER_LEN).position(|b| *b == b']')?;
    (close > 0).then_some(open + 1 + close + 1)
}

/// Lowercase with the typographic apostrophe folded to `'`.
pub(crate) fn normalise_word(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// [`normalise_word`] of `text[start..end]`, where `lower` is `text` ASCII-lowercased (same byte
/// offsets) and `ascii` says the word is ASCII (its token's flag). An ASCII word is already
/// normalised in `lower` and is borrowed from it: most words of a transcript are, and allocating
/// for each was a large share of the summariser's time.
pub(crate) fn normalised_word<'a>(
    text: &str,
    lower: &'a str,
    start: usize,
    end: usize,
    ascii: bool,
) -> Option<Cow<'a, str>> {
    if ascii {
        // Same char boundaries as `text`: ASCII lowercasing changes no other byte.
        lower.get(start..end).map(Cow::Borrowed)
    } else {
        Some(Cow::Owned(normalise_word(text.get(start..end)?)))
    }
}

static STOPWORDS: LazyLock<WordTable<()>> = LazyLock::new(|| {
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
    has_chars(lower, 2) && lower.chars().any(char::is_alphabetic) && !is_stopword(lower)
}

/// At least `n` characters, without counting them all.
pub(crate) fn has_chars(word: &str, n: usize) -> bool {
    let mut chars = word.chars();
    (0..n).all(|_| chars.next().is_some())
}

/// Strips a possessive `'s` (either apostrophe).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Light suffix stripping so that `charges`/`charged`/`charge` and `dropping`/`drops` meet.
/// Consistency matters more than linguistic accuracy here. A slice of `lower` except for `-ies`
/// words (`batteries` -> `battery`), so stemming rarely allocates.
pub(crate) fn stem(lower: &str) -> Cow<'_, str> {
    let word = strip_possessive(lower);
    let long = word.len() > 4;
    let plural_s = word.len() > 3 && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is");
    let base = match (
        word.strip_suffix("ies"),
        word.strip_suffix("es"),
        word.strip_suffix('s'),
    ) {
        // Ends in `y`: none of the endings below applies.
        (Some(base), _, _) if long => return Cow::Owned(format!("{base}y")),
        (_, Some(base), _) if long && word.ends_with("sses") => base,
        (_, _, Some(base)) if plural_s => base,
        _ => word,
    };
    // `strip_suffix` keeps char boundaries; the suffixes are ASCII.
    let trimmed = if base.len() > 5 && base.ends_with("ing") {
        3
    } else if base.len() > 4 && base.ends_with("ed") {
        2
    } else if base.len() > 3 && base.ends_with('e') {
        // `charge` and `charg(ed)` meet.
        1
    } else {
        0
    };
    Cow::Borrowed(base.get(..base.len() - trimmed).unwrap_or(base))
}

/// [`stem`] of a normalised word, borrowing from the same text the word borrows from.
pub(crate) fn stem_of<'a>(word: &Cow<'a, str>) -> Cow<'a, str> {
    match word {
        Cow::Borrowed(w) => stem(w),
        Cow::Owned(w) => Cow::Owned(stem(w).into_owned()),
    }
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
    fn ascii_words_borrow_their_normalised_form() {
        let text = "Wi-Fi Straße router’s I'LL [CARD] naïve";
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text);
        let ascii: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.start..t.end], t.ascii)).collect();
        assert_eq!(
            ascii,
            vec![
                ("Wi-Fi", true),
                ("Straße", false),
                ("router’s", false),
                ("I'LL", true),
                ("[CARD]", false),
                ("naïve", false),
            ]
        );
        for t in tokens.iter().filter(|t| !t.marker) {
            let word = normalised_word(text, &lower, t.start, t.end, t.ascii).unwrap();
            assert_eq!(word, normalise_word(&text[t.start..t.end]));
            assert_eq!(matches!(word, Cow::Borrowed(_)), t.ascii);
            assert_eq!(stem_of(&word), stem(&word));
        }
        assert!(matches!(stem("charges"), Cow::Borrowed("charg")));
        assert!(matches!(stem("batteries"), Cow::Owned(_)));
    }

    #[test]
    fn character_helpers() {
        let text = "ab1 é";
        assert_eq!(char_at(text, 0), Some('a'));
        assert_eq!(char_at(text, 4), Some('é'));
        assert_eq!(char_at(text, 5), None);
        assert_eq!(char_at(text, 6), None);
        assert_eq!(ascii_alphanumeric_run(text, 0), 3);
        assert_eq!(ascii_alphanumeric_run(text, 4), 4);
        assert_eq!(ascii_alphanumeric_run(text, 99), 99);
        assert!(has_chars("éé", 2) && !has_chars("é", 2) && has_chars("", 0));
        assert_eq!(marker_end("[CARD] x", 0), Some(6));
        assert_eq!(marker_end("[] x", 0), None);
        assert_eq!(marker_end("[unclosed", 0), None);
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
