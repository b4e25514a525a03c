//! Phrase lexicons, compiled once. Every pattern runs on ASCII-lowercased text (same byte offsets
//! as the original), so matches can be mapped back to the transcript's own words.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// A compiled lexicon pattern. The patterns are constants checked by the unit tests; should one
/// ever fail to compile it matches nothing instead of panicking in production.
pub(crate) struct Pattern(Option<Regex>);

impl Pattern {
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.0.as_ref().is_some_and(|re| re.is_match(text))
    }

    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.0.as_ref().and_then(|re| re.find(text))
    }

    pub(crate) fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.0.as_ref().and_then(|re| re.captures(text))
    }

    #[cfg(test)]
    pub(crate) fn compiled(&self) -> bool {
        self.0.is_some()
    }

    fn as_str(&self) -> Option<&str> {
        self.0.as_ref().map(Regex::as_str)
    }
}

/// `patterns` as one set, to learn in one pass which of them match; `None` when one of them
/// failed to compile.
pub(crate) fn set_of(patterns: &[&Pattern]) -> Option<RegexSet> {
    let sources: Option<Vec<&str>> = patterns.iter().map(|p| p.as_str()).collect();
    RegexSet::new(sources?).ok()
}

pub(crate) fn compile(pattern: &str) -> Pattern {
    // ASCII word boundaries keep the fast DFA engines usable on any haystack (a Unicode `\b`
    // makes them give up on the first non-ASCII byte); our cue words are all ASCII.
    let compiled = Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).ok();
    debug_assert!(compiled.is_some(), "invalid lexicon pattern");
    Pattern(compiled)
}

/// The cues every sentence is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SentenceCues {
    /// [`PLEASANTRY`] matches.
    pub pleasantry: bool,
    /// [`FILLER`] matches.
    pub filler: bool,
    /// [`IDENTITY_ASK`] matches.
    pub identity_ask: bool,
    /// [`QUESTION_START`] matches.
    pub question_start: bool,
}

/// The sentence cue patterns as one set, in [`SentenceCues`] order: one pass over each sentence
/// instead of one per pattern (and one call's overhead instead of four), for every sentence of
/// a transcript. `None` when a pattern failed to compile.
static SENTENCE_CUE_SET: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| set_of(&[&PLEASANTRY, &FILLER, &IDENTITY_ASK, &QUESTION_START]));

/// Which cues `lower` (a lowercased sentence) carries.
pub(crate) fn sentence_cues(lower: &str) -> SentenceCues {
    let Some(set) = SENTENCE_CUE_SET.as_ref() else {
        // Never expected: a pattern that failed to compile matches nothing on its own.
        return SentenceCues {
            pleasantry: PLEASANTRY.is_match(lower),
            filler: FILLER.is_match(lower),
            identity_ask: IDENTITY_ASK.is_match(lower),
            question_start: QUESTION_START.is_match(lower),
        };
    };
    // Most sentences carry none of the cues: told by one search that stops at the first,
    // before every pattern is searched for.
    if !set.is_match(lower) {
        return SentenceCues::default();
    }
    let matched = set.matches(lower);
    SentenceCues {
        pleasantry: matched.matched(0),
        filler: matched.matched(1),
        identity_ask: matched.matched(2),
        question_start: matched.matched(3),
    }
}

/// A salutation that opens a message: "Hi Alex," "Hello Northwind support," "Good morning,".
pub(crate) static SALUTATION: LazyLock<Pattern> = LazyLock::new(|| {
    compile(r"^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening|day))\b[^,.!?:;]{0,40}[,:!]\s*")
});

/// Greetings, closings, courtesy and IVR prompts: never summary material.
pub(crate) static PLEASANTRY: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        thank(?:s|\s+you)(?:\s+(?:so|very)\s+much)?\s+for\s+(?:calling|contacting|reaching\s+out|holding
            |waiting|your\s+(?:patience|call|time|business|message|email|help)|choosing|being
            |getting\s+in\s+touch|chatting|your\s+understanding)
        | \bis\s+there\s+anything\s+else | \banything\s+else\s+(?:i|we)\s+can | \bwill\s+that\s+be\s+all
        | \bhave\s+a\s+(?:great|good|nice|lovely|wonderful|fantastic|pleasant)\s+(?:day|evening|afternoon
            |morning|weekend|night|one)
        | \btake\s+care\b | \bgood\s*-?\s*bye\b | ^bye\b | \bbye[.!]*$ | \bsee\s+you\b | \btalk\s+(?:to\s+you\s+)?soon\b
        | \bhow\s+(?:can|may|could)\s+(?:i|we)\s+(?:help|assist) | \bwhat\s+can\s+(?:i|we)\s+do\s+for\s+you
        | \bhow\s+are\s+you\b | \bmy\s+name\s+is\b | \bthis\s+is\s+\w+\s+(?:speaking|here|with|from|at)\b
        | ^\w+\s+here[.!]*$ | \byou['’]re\s+(?:through|chatting|speaking)\s+(?:to|with)
        | \bcalls?\s+(?:may|will|are|is)\s+(?:be\s+)?recorded | \brecorded\s+(?:for|to\s+help)
        | \bplease\s+(?:hold|stay\s+on\s+the\s+line|remain\s+on\s+the\s+line)
        | \bconnect\s+you\s+(?:to|with)\s+(?:the\s+next|an?\s) | \bnext\s+available\s+(?:agent|representative|advisor)
        | \byour\s+call\s+is\s+important | \bpress\s+(?:\d|one|two|three|the\s+pound|star|hash)
        | \bwhat\s+you['’]re\s+calling\s+about | ^welcome\s+to\b | \bpara\s+español
        | ^(?:best|kind|warm|warmest|many)\s+regards\b | ^regards\b | ^(?:yours\s+)?sincerely\b
        | ^(?:many\s+)?thanks(?:\s+again)?[,!.]?(?:\s+[\w.]+){0,2}[.!]*$
        | ^thank\s+you(?:\s+(?:so|very)\s+much)?(?:\s+again)?[,!.]?(?:\s+[\w.]+){0,2}[.!]*$
        | ^(?:okay|ok|great|alright|perfect|wonderful|awesome|oh|brilliant)[,!]?\s+thank(?:s|\s+you)\b
        | ^(?:no|nope)[,.]?\s+that['’]s\s+(?:all|everything|it) | ^that['’]s\s+(?:all|everything|it)\b
        | \bthanks\s+for\s+holding | \bbear\s+with\s+me
        | \b(?:place|put)\s+you\s+on\s+(?:a\s+)?(?:brief\s+|short\s+|quick\s+)?hold
        | \bglad\s+(?:i|we)\s+could\s+help | \bhappy\s+to\s+help\b | \byou['’]re\s+welcome\b",
    )
});

/// In-call process talk: allowed in a summary only when nothing better exists.
pub(crate) static FILLER: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        \blet\s+me\s+(?:check|see|look|ask|pull\s+up|take\s+a\s+look|verify|just)
        | \bone\s+(?:moment|second|sec)\b | \bsorry\s+(?:for|about)\s+the\s+(?:long\s+)?(?:wait|delay|hold)
        | \bstill\s+looking\s+into | \bi['’]ll\s+(?:wait|hold)\b | \bhold\s+on\b
        | \bgive\s+me\s+a\s+(?:second|moment|minute) | \bi['’]ve\s+read\s+your\s+message
        | \btake\s+your\s+time\b
        | \bi['’]m\s+(?:going\s+to\s+(?:try|check|run|transfer|look|place|put|ask|test)\b
            |(?:still\s+|now\s+|just\s+)?(?:checking|looking|running|sending|adding|trying|testing|pulling)\b)
        | \blet['’]s\s+(?:try|see|check)\b",
    )
});

/// The agent stating what was done: past or perfect actions, passive completions, schedules.
#[cfg(test)]
pub(crate) static RESOLUTION: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        \b(?:i|we)(?:['’]ve|\s+have|['’]d|\s+had)?\s+(?:just\s+|now\s+|already\s+|also\s+|successfully\s+)?
            (?:issued|processed|refunded|reversed|credited|applied|opened|booked|scheduled|arranged
            |switched|changed|updated|upgraded|downgraded|cancell?ed|reshipped|shipped|sent|emailed
            |e-mailed|placed|reserved|replaced|fixed|resolved|restored|waived|approved|added|removed
            |escalated|raised|logged|pushed|kept|submitted|ordered|activated|reactivated|unlocked
            |extended|corrected|adjusted|renewed|reinstated|set\s+up|created|filed|initiated
            |authori[sz]ed|completed|rebooked|refreshed)\b
        | \b(?:has|have)\s+(?:now\s+)?been\s+(?:successfully\s+)?(?:issued|processed|refunded|reversed
            |credited|applied|scheduled|booked|arranged|switched|changed|updated|upgraded|cancell?ed
            |shipped|sent|fixed|resolved|restored|waived|approved|added|removed|escalated|replaced
            |reactivated|unlocked|corrected|adjusted|completed|reshipped)\b
        | \b(?:is|are)\s+(?:now\s+)?(?:scheduled|booked|fixed|resolved|restored|working\s+again|confirmed
            |active|activated|cancell?ed|approved|on\s+(?:its|the)\s+way)\b
        | \bshould\s+be\s+(?:fixed|resolved|restored|back\s+(?:up|online)|working)\b
        | \bnow\s+(?:passes|works)\b",
    )
});

/// A question the agent asks before the customer answers with identity or contact details.
pub(crate) static IDENTITY_ASK: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        \b(?:full\s+)?name\s+on\s+the\s+account | \bconfirm\s+your\s+(?:name|identity|address|date)
        | \bdate\s+of\s+birth | \bverify\s+your | \bfor\s+security | \bpostcode | \bzip\s+code
        | \bemail\s+address | \bcallback\s+number | \bphone\s+number | \balternative\s+number
        | \bwhich\s+card | \bcard\s+number | \bof\s+your\s+social | \bsocial\s+security
        | \bsend\s+the\s+refund | \baccount\s+number | \biban\b",
    )
});

/// Where quoted history starts in a flattened email body.
pub(crate) static QUOTED_HISTORY: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"(?x)
        (?:^|\s)>
        | \bon\s[^.!?]{3,120}?\bwrote:
        | -{2,}\s*original\s+message\s*-{2,}
        | \bfrom:\s[^\n]{1,200}?\bsent:",
    )
});

/// Opens a question: "would you like", "can you", "what is".
pub(crate) static QUESTION_START: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"^(?:would|could|can|shall|should|do|does|did|is|are|will|may|what|when|where|which|who|how|why|have|has|was|were)\b",
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let all: [&LazyLock<Pattern>; 7] = [
            &SALUTATION,
            &PLEASANTRY,
            &FILLER,
            &RESOLUTION,
            &IDENTITY_ASK,
            &QUOTED_HISTORY,
            &QUESTION_START,
        ];
        for pattern in all {
            assert!(pattern.compiled());
        }
    }

    #[test]
    fn sentence_cues_agree_with_each_pattern() {
        assert!(SENTENCE_CUE_SET.is_some());
        for s in [
            "thank you for calling northwind connect, my name is maria.",
            "let me check that for you.",
            "can i have the name on the account?",
            "would you like a replacement",
            "bye",
            "what's your postcode? thanks for holding",
            "my router keeps dropping the connection.",
            "",
        ] {
            let cues = sentence_cues(s);
            assert_eq!(cues.pleasantry, PLEASANTRY.is_match(s), "{s}");
            assert_eq!(cues.filler, FILLER.is_match(s), "{s}");
            assert_eq!(cues.identity_ask, IDENTITY_ASK.is_match(s), "{s}");
            assert_eq!(cues.question_start, QUESTION_START.is_match(s), "{s}");
        }
        assert!(sentence_cues("can i have the name on the account?").identity_ask);
    }

    #[test]
    fn pleasantries_and_resolutions() {
        for s in [
            "thank you for calling northwind connect, my name is maria.",
            "is there anything else i can help you with today?",
            "thank you for contacting northwind connect. have a great day!",
            "no, that's everything. thanks!",
            "thanks alex, take care.",
            "best regards, maria northwind connect",
            "thanks, alex smith",
            "please hold while i connect you to the next available agent.",
            "in a few words, please tell me what you're calling about.",
            "great, thank you so much.",
        ] {
            assert!(PLEASANTRY.is_match(s), "{s}");
        }
        for s in [
            "my router keeps dropping the connection.",
            "i'll send a replacement by friday.",
            "thank you, i've explained it three times already and nothing changed at all.",
        ] {
            assert!(!PLEASANTRY.is_match(s), "{s}");
        }
        for s in [
            "i've issued a refund of $20.",
            "i applied a one-time credit to your account.",
            "your plan change is scheduled for monday.",
            "the refund has been processed.",
            "i pushed a firmware update and the line test now passes.",
        ] {
            assert!(RESOLUTION.is_match(s), "{s}");
        }
        assert!(!RESOLUTION.is_match("it looks like it was applied twice by mistake."));
        assert!(!RESOLUTION.is_match("i've read your message, let me take a look."));
    }
}
