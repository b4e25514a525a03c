//! The part of a message that is its author's own words: quoted history, an email's subject line
//! and its signature are left out of what the summary reads.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{Pattern, compile};
use crate::transcript::Channel;

/// Where quoted history starts in a flattened email body, in the served languages.
static QUOTED_HISTORY: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?xi)
        (?:^|\s)>\s
        | -{2,}\s*(?:original\s+message|message\s+d'origine|mensaje\s+original|ursprüngliche\s+nachricht
            |messaggio\s+originale|mensagem\s+original|oorspronkelijk\s+bericht)
        | \b(?:on|le|el|am|il|em|op)\s[^.!?]{3,120}?\b(?:wrote|a\s+écrit|escribió|schrieb|ha\s+scritto|escreveu|schreef)\b[^:]{0,60}:
        | \b(?:from|de|von|da|van)\s?:\s[^\n]{1,200}?\b(?:sent|envoyé|enviado|gesendet|inviato|verzonden|date|datum)\s?:",
    )
});

/// An email's sign-off: what follows is the signature.
static CLOSING: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        \b(?i:kind\s+regards|best\s+regards|warm\s+regards|regards|many\s+thanks|cheers|yours\s+sincerely|sincerely
            |thanks\s+&\s+regards|atentamente|un\s+saludo|un\s+cordial\s+saludo|saludos|cordialement
            |bien\s+cordialement|bien\s+à\s+vous|mit\s+freundlichen\s+grüßen|freundliche\s+grüße|viele\s+grüße
            |beste\s+grüße|liebe\s+grüße|gruß|cordiali\s+saluti|distinti\s+saluti|saluti|un\s+caro\s+saluto
            |atenciosamente|cumprimentos|com\s+os\s+melhores\s+cumprimentos|met\s+vriendelijke\s+groet
            |vriendelijke\s+groeten|hartelijke\s+groet|groeten|groet)
        [,.!]?\s*(?:$|\[|\p{Lu})",
    )
});

/// The subject line of an email, up to its salutation (line breaks are gone in transcripts).
static SUBJECT_LINE: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?xi)
        ^\s*(?:subject|asunto|objet|betreff|oggetto|assunto|onderwerp)\s?:.*?
        (?:\b(?:hi|hello|dear|good\s+(?:morning|afternoon|day)|hola|estimad[oa]s?|buen(?:os|as)\s+\w+|bonjour|madame|monsieur
            |sehr\s+geehrte[rs]?|hallo|guten\s+tag|liebe[rs]?|gentile|buongiorno|salve|car[oa]|ol[áa]|oi|bom\s+dia|boa\s+tarde
            |prezad[oa]|beste|geachte|hoi|goedemiddag|goedemorgen)\b)",
    )
});

/// The part of a message that is its author's: quoted history, a subject line and a signature
/// are left out.
pub(super) fn own_words(text: &str, channel: Channel) -> Range<usize> {
    // Every quoted history holds a '>', a ':' or a "--": most utterances none of them, and are
    // not searched.
    let may_quote = text.bytes().any(|b| matches!(b, b'>' | b':' | b'-'));
    let mut end = if may_quote {
        QUOTED_HISTORY.find(text).map_or(text.len(), |m| m.start())
    } else {
        text.len()
    };
    if channel != Channel::Email {
        return 0..end;
    }
    let head = text.get(..end).unwrap_or_default();
    // The salutation itself stays: it is skipped as an opener.
    let start = SUBJECT_LINE.find(head).map_or(0, |m| {
        let salutation_len = head
            .get(..m.end())
            .and_then(|s| s.rfind(char::is_whitespace))
            .map_or(0, |space| m.end() - space - 1);
        m.end() - salutation_len
    });
    if let Some(closing) = CLOSING.find(head.get(start..).unwrap_or_default()) {
        end = start + closing.start();
    }
    start.min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The gate on '>', ':' and '-' passes over no quoted history: texts of the words and
        /// marks histories are made of.
        #[test]
        fn utterances_passed_over_hold_no_quoted_history(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "On", "Monday", "Anna", "wrote", "wrote:", "From:", "Sent:", ">", "--", "-",
                    "Original", "Message", "thanks", ":", "a", "\n",
                ]),
                0..12,
            ),
        ) {
            let text = parts.join(" ");
            let end = QUOTED_HISTORY.find(&text).map_or(text.len(), |m| m.start());
            proptest::prop_assert_eq!(own_words(&text, Channel::Voice), 0..end, "{:?}", text);
        }
    }

    #[test]
    fn a_quoted_history_ends_the_own_words() {
        let text = "Thanks, that works. On Monday Anna Lee wrote: see below";
        assert_eq!(
            own_words(text, Channel::Chat).end,
            text.find("On Monday").unwrap_or(0)
        );
    }
}
