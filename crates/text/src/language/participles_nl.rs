//! Dutch verb forms in `-t` and `-d` read as their infinitive before stemming: the Snowball
//! stemmer leaves "overgemaakt", "gestort", "verstuurd" and "stuurt" apart from "overmaken",
//! "storten", "versturen" and "sturen", so a summary in the perfect ("wordt overgemaakt") never
//! met the call's promise ("ik maak het bedrag over"), and a promise in the perfect never met
//! the summary's infinitive.
//!
//! Unlike German, Dutch spelling changes with the ending ("maakt"/"maken", "stopt"/"stoppen",
//! "verhuisd"/"verhuizen"), and a final `t` or `d` may be the root's ("gestort" is "storten",
//! "gemeld" is "melden"). The candidates the spelling rules allow are tried in order and the
//! first one that is a word of the language's common-word list is taken; a form none of whose
//! candidates is a known word keeps its own stem.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::fold;

/// Separable prefixes, longest first: the participle's "ge" comes after them ("over-ge-maakt").
#[rustfmt::skip]
const SEPARABLE: &[&str] = &[
    "terug", "samen", "langs", "door", "over", "voor", "vast", "weg", "toe", "mee", "uit", "aan",
    "bij", "los", "op", "af", "in", "na", "om",
];

/// Inseparable prefixes: their participle has no "ge" ("ver-stuurd", "be-taald",
/// "onder-steund"; "over" and "door" are either: "overgemaakt" is read above).
#[rustfmt::skip]
const INSEPARABLE: &[&str] = &[
    "achter", "onder", "over", "door", "voor", "ont", "ver", "her", "mis", "be", "er",
];

/// Words of a participle's shape that are nouns or adjectives ("in uw gebied", "gezond").
#[rustfmt::skip]
const NOT_PARTICIPLES: &[&str] = &[
    "gebied", "gezond", "gezicht", "gewicht", "gedicht", "gericht", "gebit", "gebouw", "geduld",
];

/// Letters after which the weak participle ends in `t` ('t kofschip); after the others, `d`.
const VOICELESS: &[char] = &['t', 'k', 'f', 's', 'p', 'x'];

/// The letters a root keeps after its prefixes, at the least: "ge-ld" is no verb.
const MIN_ROOT: usize = 3;

/// The words of the Dutch common-word list that end in "-en": infinitives, and plurals that
/// cost nothing to keep.
static INFINITIVES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-words/nl.txt")
        .split('\n')
        .map(str::trim)
        .filter(|w| w.ends_with("en"))
        .map(|w| match fold(w) {
            Cow::Borrowed(w) => w,
            // "beïnvloeden": the stemmer reads folded words.
            Cow::Owned(w) => &*Box::leak(w.into_boxed_str()),
        })
        .collect()
});

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Vowel groups in `root`: "stel" has one, "wijzig" and "regel" two.
fn syllables(root: &str) -> usize {
    let mut count = 0;
    let mut in_vowels = false;
    for c in root.chars() {
        let vowel = is_vowel(c);
        if vowel && !in_vowels {
            count += 1;
        }
        in_vowels = vowel;
    }
    count
}

/// The infinitives a root's spelling allows, most likely first: a long vowel written double in
/// the closed syllable is single in the open one ("maak" -> "maken", "leef" -> "leven"), a short
/// one doubles the consonant ("stop" -> "stoppen"), unless the syllable is unstressed ("wijzig"
/// -> "wijzigen", "regel" -> "regelen"); a final `f` or `s` may be voiced ("verhuis" ->
/// "verhuizen").
fn infinitives(root: &str) -> Vec<String> {
    let chars: Vec<char> = root.chars().collect();
    let n = chars.len();
    let Some(&last) = chars.last() else {
        return Vec::new();
    };
    if is_vowel(last) || n < 2 {
        return Vec::new();
    }
    let voiced = match last {
        'f' => Some('v'),
        's' => Some('z'),
        _ => None,
    };
    let head: String = chars.get(..n - 1).unwrap_or_default().iter().collect();
    let v1 = chars.get(n.wrapping_sub(2)).copied();
    let v2 = chars.get(n.wrapping_sub(3)).copied();
    let mut out = Vec::new();
    match (v2, v1) {
        // A long vowel written double: "maak", "stuur", "betaal", "controleer", "geloof".
        (Some(a), Some(b)) if a == b && matches!(a, 'a' | 'e' | 'o' | 'u') => {
            let single: String = chars.get(..n - 2).unwrap_or_default().iter().collect();
            if let Some(v) = voiced {
                out.push(format!("{single}{v}en"));
            }
            out.push(format!("{single}{last}en"));
        }
        // A short vowel alone before the consonant: "stop", "bel", "pas", "stel".
        (Some(c), Some(v)) if is_vowel(v) && !is_vowel(c) => {
            let unstressed = syllables(root) >= 2 && matches!(v, 'e' | 'i');
            // "star" + "en" would be "staren", whose root is "staar".
            if unstressed {
                out.push(format!("{root}en"));
            } else {
                out.push(format!("{head}{last}{last}en"));
            }
        }
        (None, Some(v)) if is_vowel(v) => out.push(format!("{head}{last}{last}en")),
        // A diphthong ("verhuis", "reis", "kies") or a cluster ("stort", "meld", "werk").
        _ => {
            if let Some(v) = voiced.filter(|_| v1.is_some_and(is_vowel)) {
                out.push(format!("{head}{v}en"));
            }
            out.push(format!("{root}en"));
        }
    }
    out
}

/// The first of `candidates` that is a word of the list, with `prefix` before it.
fn known(prefix: &str, candidates: &[String]) -> Option<String> {
    candidates.iter().find_map(|c| {
        let whole = format!("{prefix}{c}");
        (INFINITIVES.contains(whole.as_str()) || INFINITIVES.contains(c.as_str())).then_some(whole)
    })
}

/// The infinitive a Dutch weak participle ("overgemaakt", "verstuurd", "gestort") or present
/// form in `-t` ("stuurt", "meldt") stands for, when its spelling allows one that the common
/// words hold; else `None`.
pub(super) fn dutch_infinitive(folded: &str) -> Option<String> {
    let last = folded.chars().last()?;
    if !matches!(last, 't' | 'd') || NOT_PARTICIPLES.contains(&folded) {
        return None;
    }
    // The prefix kept in the infinitive and the body after any "ge".
    let participle = SEPARABLE
        .iter()
        .find_map(|p| Some((*p, folded.strip_prefix(p)?.strip_prefix("ge")?)))
        .or_else(|| folded.strip_prefix("ge").map(|rest| ("", rest)))
        .or_else(|| {
            // No "ge": a participle ("verstuurd", "terugbetaald") or a present form
            // ("betaalt"); the prefixes kept whole in the infinitive.
            let separable = SEPARABLE
                .iter()
                .find(|p| {
                    folded
                        .strip_prefix(*p)
                        .is_some_and(|r| INSEPARABLE.iter().any(|i| r.starts_with(i)))
                })
                .map_or(0, |p| p.len());
            let rest = folded.get(separable..)?;
            INSEPARABLE.iter().find_map(|p| {
                let body = rest.strip_prefix(p)?;
                Some((folded.get(..folded.len() - body.len())?, body))
            })
        })
        .filter(|(_, body)| body.len() >= MIN_ROOT);
    let (prefix, body, has_ge) = match participle {
        Some((prefix, body)) => (prefix, body, folded.len() > prefix.len() + body.len()),
        // A present form: "stuurt", "meldt", never "-d".
        None if last == 't' => ("", folded, false),
        None => return None,
    };
    // "gecontroleerd", "geannuleerd": verbs in -eren, whatever the list holds.
    if let Some(root) = body.strip_suffix("eerd").or_else(|| body.strip_suffix("eert"))
        && root.len() >= MIN_ROOT
    {
        return Some(format!("{prefix}{root}eren"));
    }
    let shorter = body.get(..body.len() - 1).filter(|r| {
        let before = r.chars().last();
        // A weak participle's ending follows the root's last letter: "gemaakt", "gestuurd";
        // "gestort" cannot be "stor" + "t".
        let fits = !has_ge
            || match last {
                't' => before.is_some_and(|c| VOICELESS.contains(&c) || r.ends_with("ch")),
                _ => before.is_some_and(|c| !VOICELESS.contains(&c)),
            };
        // Without "ge", "kaart" is a noun where "kaarten" is a word: after a voiced letter
        // "-ten" is no verb form, so the plural ("Karen" is in the list too). After a
        // voiceless one it is the past ("maakten").
        let plural = !has_ge
            && before.is_some_and(|c| !VOICELESS.contains(&c) && !r.ends_with("ch"))
            && INFINITIVES.contains(format!("{folded}en").as_str());
        fits && !plural && r.len() >= MIN_ROOT - 1
    });
    for root in shorter.into_iter().chain(std::iter::once(body)) {
        if let Some(found) = known(prefix, &infinitives(root)) {
            return Some(found);
        }
    }
    None
}

/// A Dutch stem without the doubled consonant the stemmer leaves at its end: Snowball
/// undoubles only "kk", "dd" and "tt", so "bellen" was "bell" and the call's "ik bel u" was
/// "bel", "stoppen" "stopp" and "stop".
pub(super) fn undouble(stem: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = stem.as_bytes();
    match bytes {
        [.., a, b, c] if b == c && b.is_ascii_alphabetic() && !is_vowel(char::from(*b)) && *a != *b => {
            let end = stem.len() - 1;
            match stem {
                Cow::Borrowed(s) => Cow::Borrowed(s.get(..end).unwrap_or(s)),
                Cow::Owned(mut s) => {
                    s.truncate(end);
                    Cow::Owned(s)
                }
            }
        }
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Language;
    use super::dutch_infinitive;

    #[test]
    fn participles_and_present_forms_meet_their_infinitive() {
        let nl = Language::Nl;
        for (form, infinitive) in [
            ("overgemaakt", "overmaken"),
            ("gemaakt", "maken"),
            ("maakt", "maken"),
            ("gestort", "storten"),
            ("teruggestort", "terugstorten"),
            ("stort", "storten"),
            ("verstuurd", "versturen"),
            ("gestuurd", "sturen"),
            ("stuurt", "sturen"),
            ("betaald", "betalen"),
            ("terugbetaald", "terugbetalen"),
            ("betaalt", "betalen"),
            ("gebeld", "bellen"),
            ("belt", "bellen"),
            ("gestopt", "stoppen"),
            ("aangepast", "aanpassen"),
            ("gewijzigd", "wijzigen"),
            ("gecontroleerd", "controleren"),
            ("geannuleerd", "annuleren"),
            ("meldt", "melden"),
            ("besteld", "bestellen"),
            ("gewerkt", "werken"),
            ("geregeld", "regelen"),
            ("verhuisd", "verhuizen"),
            ("gezet", "zetten"),
        ] {
            assert_eq!(nl.stem(form), nl.stem(infinitive), "{form}");
        }
    }

    #[test]
    fn words_of_another_shape_keep_their_stem() {
        let nl = Language::Nl;
        // Nouns in -t meet their plural; the short vowel's rule keeps "start" off "staren".
        for (a, b) in [
            ("bericht", "berichten"),
            ("start", "starten"),
            ("kaart", "kaarten"),
        ] {
            assert_eq!(nl.stem(a), nl.stem(b), "{a}");
        }
        assert_ne!(nl.stem("start"), nl.stem("staren"));
        // The first person meets the infinitive.
        for (a, b) in [
            ("bel", "bellen"),
            ("stop", "stoppen"),
            ("pas", "passen"),
            ("stel", "stellen"),
        ] {
            assert_eq!(nl.stem(a), nl.stem(b), "{a}");
        }
        for word in ["niet", "wat", "het", "met", "gebied", "gezond", "heeft"] {
            assert_eq!(dutch_infinitive(word), None, "{word}");
        }
    }
}
