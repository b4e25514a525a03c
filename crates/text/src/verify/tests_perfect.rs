//! A German summary in the perfect ("hat ... nicht erstattet", "wurde nicht verschickt") read
//! against the call's present and infinitive ("erstatte ich Ihnen", "verschicke"): the verbs
//! meet ([`crate::language::Language::stem`]), so a flip of them is caught and a faithful
//! sentence passes.

use super::test_calls::{call, check, negation};
use crate::transcript::SpeakerRole::{Agent, Customer};

fn card_and_fee() -> crate::transcript::Transcript {
    call(
        "de-DE",
        &[
            (
                Customer,
                "Meine Karte ist kaputt, der Chip funktioniert nicht mehr.",
            ),
            (
                Agent,
                "Das tut mir leid. Ich sperre die alte Karte und verschicke Ihnen heute noch eine neue Karte per Post.",
            ),
            (Customer, "Danke, und die Gebühr für das Konto im März?"),
            (
                Agent,
                "Die Kontogebühr von 4,90 Euro erstatte ich Ihnen, das sehen Sie auf dem nächsten Auszug.",
            ),
        ],
    )
}

#[test]
fn a_flipped_perfect_is_caught_against_the_calls_present() {
    let c = card_and_fee();
    for flipped in [
        "Die Mitarbeiterin hat die Kontogebühr von 4,90 Euro nicht erstattet.",
        "Die neue Karte wurde nicht verschickt.",
        "Die Mitarbeiterin hat die alte Karte nicht gesperrt.",
    ] {
        let v = check(&c, flipped, vec![]);
        assert!(negation(&v), "{flipped}: {:?}", v.findings);
    }
}

#[test]
fn a_faithful_perfect_passes() {
    let c = card_and_fee();
    for said in [
        "Die Mitarbeiterin hat die alte Karte gesperrt und eine neue Karte per Post verschickt.",
        "Die Kontogebühr von 4,90 Euro wurde erstattet.",
    ] {
        let v = check(&c, said, vec![]);
        assert!(v.findings.is_empty(), "{said}: {:?}", v.findings);
    }
}
