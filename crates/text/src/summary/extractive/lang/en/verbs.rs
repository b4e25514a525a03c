//! English verb forms: the base of a past form, the third person singular.

use super::lexicon::MODALS;

/// Irregular past forms (simple past and participles) that do not end in "-ed".
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("sent", "send"),
    ("paid", "pay"),
    ("held", "hold"),
    ("done", "do"),
    ("did", "do"),
    ("given", "give"),
    ("gave", "give"),
    ("taken", "take"),
    ("took", "take"),
    ("made", "make"),
    ("brought", "bring"),
    ("put", "put"),
    ("set", "set"),
    ("shown", "show"),
    ("written", "write"),
    ("wrote", "write"),
    ("told", "tell"),
    ("left", "leave"),
    ("kept", "keep"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("found", "find"),
    ("got", "get"),
    ("gotten", "get"),
    ("built", "build"),
    ("spent", "spend"),
    ("lent", "lend"),
    ("cut", "cut"),
    ("seen", "see"),
    ("saw", "see"),
    ("known", "know"),
    ("knew", "know"),
    ("chosen", "choose"),
    ("chose", "choose"),
    ("forgotten", "forget"),
    ("forgot", "forget"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("become", "become"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("broke", "break"),
    ("broken", "break"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("ate", "eat"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("felt", "feel"),
    ("fed", "feed"),
    ("heard", "hear"),
    ("hit", "hit"),
    ("hurt", "hurt"),
    ("lost", "lose"),
    ("meant", "mean"),
    ("met", "meet"),
    ("ran", "run"),
    ("rang", "ring"),
    ("rung", "ring"),
    ("said", "say"),
    ("shut", "shut"),
    ("sat", "sit"),
    ("slept", "sleep"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("swapped", "swap"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("understood", "understand"),
    ("woke", "wake"),
    ("won", "win"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("read", "read"),
    ("rebuilt", "rebuild"),
    ("resent", "resend"),
    ("rewritten", "rewrite"),
    ("upheld", "uphold"),
    ("overpaid", "overpay"),
    ("prepaid", "prepay"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("had", "have"),
];

/// Present participles of what the agent's side is doing for the customer as the call ends
/// ("I'm emailing you a label"), and their base forms. "Calling", "writing" and "checking" are
/// not here: "I'm calling about my bill" is a reason, "I'm checking" is done in the call.
const PROGRESSIVE: &[(&str, &str)] = &[
    ("sending", "send"),
    ("resending", "resend"),
    ("emailing", "email"),
    ("e-mailing", "email"),
    ("mailing", "mail"),
    ("posting", "post"),
    ("shipping", "ship"),
    ("couriering", "courier"),
    ("dispatching", "dispatch"),
    ("texting", "text"),
    ("forwarding", "forward"),
    ("refunding", "refund"),
    ("crediting", "credit"),
    ("issuing", "issue"),
    ("reissuing", "reissue"),
    ("replacing", "replace"),
    ("arranging", "arrange"),
    ("booking", "book"),
    ("scheduling", "schedule"),
    ("escalating", "escalate"),
    ("raising", "raise"),
    ("waiving", "waive"),
    ("cancelling", "cancel"),
    ("canceling", "cancel"),
];

/// The base form of a listed present participle: "emailing" -> "email".
pub(super) fn progressive_base(word: &str) -> Option<&'static str> {
    PROGRESSIVE
        .iter()
        .find(|(ing, _)| *ing == word)
        .map(|(_, base)| *base)
}

/// Base forms ending in "e" whose "-ed" form drops it: "issued" -> "issue".
const E_BASES: &[&str] = &[
    "issue",
    "reissue",
    "arrange",
    "charge",
    "update",
    "schedule",
    "close",
    "raise",
    "reduce",
    "waive",
    "remove",
    "replace",
    "place",
    "note",
    "complete",
    "activate",
    "approve",
    "receive",
    "change",
    "exchange",
    "move",
    "use",
    "resolve",
    "release",
    "increase",
    "decrease",
    "dispute",
    "review",
    "validate",
    "investigate",
    "create",
    "manage",
    "authorise",
    "authorize",
    "escalate",
    "restore",
    "reconcile",
    "calculate",
    "generate",
    "store",
    "price",
    "process",
    "refuse",
    "release",
    "invoice",
    "assure",
    "ensure",
    "share",
    "save",
    "serve",
    "cause",
    "purchase",
    "organise",
    "organize",
    "prepare",
    "provide",
    "locate",
    "relocate",
    "reverse",
    "rebate",
    "continue",
    "secure",
    "require",
    "reactivate",
    "deactivate",
    "produce",
    "enable",
    "disable",
    "determine",
    "estimate",
    "operate",
    "rate",
    "declare",
    "compare",
    "state",
    "notice",
    "prorate",
    "finalise",
    "finalize",
    "revoke",
    "welcome",
    "collate",
    "expire",
    "automate",
];

/// The base form of a past or participle form ("credited" -> "credit"), if it is one.
pub(super) fn past_base(word: &str) -> Option<String> {
    if let Some((_, base)) = IRREGULAR_PAST.iter().find(|(past, _)| *past == word) {
        return Some((*base).to_string());
    }
    let stem = word.strip_suffix("ed")?;
    if stem.len() < 2 {
        return None;
    }
    if let Some(y) = stem.strip_suffix('i') {
        return Some(format!("{y}y"));
    }
    let with_e = format!("{stem}e");
    if E_BASES.contains(&with_e.as_str()) {
        return Some(with_e);
    }
    if stem.len() > 5 && stem.ends_with("ell") {
        // "cancelled", "travelled"
        return stem.get(..stem.len() - 1).map(str::to_string);
    }
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 3
        && bytes.last() == bytes.get(bytes.len() - 2)
        && bytes.last().is_some_and(|b| !b"aeiouslz".contains(b));
    if doubled {
        return stem.get(..stem.len() - 1).map(str::to_string);
    }
    // "-ed" after a soft ending usually drops an "e": "waived", "closed", "issued".
    if stem.ends_with(['v', 'z', 'u', 'c'])
        || stem.ends_with("at")
        || stem.ends_with("iz")
        || stem.ends_with("is")
    {
        return Some(with_e);
    }
    Some(stem.to_string())
}

/// Whether `word` is a past tense or participle.
pub(crate) fn is_past(word: &str) -> bool {
    IRREGULAR_PAST
        .iter()
        .any(|(past, _)| crate::language::same_word(past, word))
        || (word.len() > 4 && word.ends_with("ed"))
}

/// The third person singular of a present-tense verb: "need" -> "needs", "do" -> "does".
pub(super) fn third_singular(word: &str) -> String {
    match word {
        "am" | "are" | "'re" => return "is".into(),
        "have" | "'ve" => return "has".into(),
        "do" => return "does".into(),
        "don't" | "dont" => return "doesn't".into(),
        "haven't" => return "hasn't".into(),
        "aren't" => return "isn't".into(),
        "were" => return "was".into(),
        "weren't" => return "wasn't".into(),
        "go" => return "goes".into(),
        _ => {}
    }
    if MODALS.contains(&word) || is_past(word) || word.ends_with("'s") || word == "is" || word == "was" {
        return word.to_string();
    }
    if word.ends_with(['s', 'x', 'z', 'o']) || word.ends_with("sh") || word.ends_with("ch") {
        return format!("{word}es");
    }
    if let Some(stem) = word.strip_suffix('y')
        && stem.ends_with(|c: char| !"aeiou".contains(c))
    {
        return format!("{stem}ies");
    }
    format!("{word}s")
}
