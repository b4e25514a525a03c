//! German verb forms in `-t` read as their infinitive before stemming: the stemmer leaves
//! "angepasst", "zurückgeschickt", "verschickt", "bestätigt" and "erstattet" apart from
//! "anpassen", "zurückschicken", "verschicken", "bestätigen" and "erstatten", so a summary in the
//! perfect ("hat die Karte verschickt") never met the call's promise ("ich verschicke die Karte").

/// Separable prefixes, longest first: the participle's "ge" comes after them ("an-ge-passt").
#[rustfmt::skip]
const SEPARABLE: &[&str] = &[
    "zusammen", "zuruck", "weiter", "wieder", "vorbei", "durch", "fest", "frei", "nach", "auf",
    "aus", "bei", "ein", "her", "hin", "los", "mit", "vor", "weg", "ab", "an", "um", "zu",
];

/// Inseparable prefixes: their participle has no "ge" ("ver-schickt", "be-stätigt").
const INSEPARABLE: &[&str] = &["ver", "zer", "ent", "emp", "be", "er"];

/// The letters a root keeps after its prefix, at the least: "ge-rät" and "be-tt" are no verbs.
const MIN_ROOT: usize = 4;

/// The infinitive a German weak participle or third person in `-t` stands for, when the folded
/// word has the shape of one: a separable prefix and "ge" ("zuruckgeschickt"), "ge" alone
/// ("gebucht"), an inseparable prefix ("verschickt"), or "-iert" ("storniert"); else `None`.
pub(super) fn german_infinitive(folded: &str) -> Option<String> {
    // The past of verbs in -ieren: "funktionierte", "stornierten".
    if let Some(root) = ["ierte", "ierten", "iertest"]
        .iter()
        .find_map(|ending| folded.strip_suffix(ending))
        .filter(|root| root.len() >= MIN_ROOT - 1)
    {
        return Some(format!("{root}ieren"));
    }
    if !folded.ends_with('t') {
        return None;
    }
    let base = SEPARABLE
        .iter()
        .find_map(|p| {
            let rest = folded.strip_prefix(p)?.strip_prefix("ge")?;
            (rest.len() >= MIN_ROOT).then(|| format!("{p}{rest}"))
        })
        .or_else(|| {
            folded
                .strip_prefix("ge")
                .filter(|rest| rest.len() >= MIN_ROOT)
                .map(str::to_owned)
        })
        .or_else(|| {
            // "storniert", "funktioniert": verbs in -ieren take no "ge" either.
            let inseparable = INSEPARABLE
                .iter()
                .any(|p| folded.strip_prefix(p).is_some_and(|rest| rest.len() >= MIN_ROOT));
            (inseparable || (folded.ends_with("iert") && folded.len() > MIN_ROOT + 2))
                .then(|| folded.to_owned())
        })?;
    // "erstattet", "gemeldet", "geöffnet": the "e" before the "t" is the ending's.
    let root = match base.strip_suffix("et") {
        Some(root) if root.ends_with(|c: char| !"aeiou".contains(c)) && root.len() >= MIN_ROOT => root,
        _ => base.strip_suffix('t')?,
    };
    Some(format!("{root}en"))
}

#[cfg(test)]
mod tests {
    use super::super::Language;

    #[test]
    fn participles_and_third_persons_meet_their_infinitive() {
        let de = Language::De;
        for (form, infinitive) in [
            ("angepasst", "anpassen"),
            ("zuruckgeschickt", "zuruckschicken"),
            ("verschickt", "verschicken"),
            ("bestatigt", "bestatigen"),
            ("erstattet", "erstatten"),
            ("angemeldet", "anmelden"),
            ("gebucht", "buchen"),
            ("storniert", "stornieren"),
            ("bestellt", "bestellen"),
            ("funktionierte", "funktionieren"),
            ("stornierten", "stornieren"),
        ] {
            assert_eq!(de.stem(form), de.stem(infinitive), "{form}");
        }
    }

    #[test]
    fn words_of_another_shape_keep_their_stem() {
        let de = Language::De;
        // Nouns in -t keep meeting their plural; short "ge" words are no participles.
        for (a, b) in [
            ("frist", "fristen"),
            ("arzt", "arzte"),
            ("gerat", "gerate"),
            ("paket", "pakete"),
        ] {
            assert_eq!(de.stem(a), de.stem(b), "{a}");
        }
        assert_ne!(de.stem("gerat"), de.stem("raten"));
    }
}
