use crate::redact::candidate::{Candidate, Strength};
use crate::redact::scan::Scan;
use crate::redact::{PiiKind, Redactor};
use crate::transcript::SpeakerRole;

/// The phones and addresses found in `text` said by `speaker`.
fn found(text: &str, speaker: SpeakerRole) -> Vec<&str> {
    let scan = Scan::new(text, Some(speaker), Vec::new(), None);
    let mut out: Vec<Candidate> = Vec::new();
    crate::redact::detect(&scan, &mut out);
    super::keep_out(&scan, &mut out);
    let mut spans: Vec<&str> = out
        .iter()
        .filter(|c| matches!(c.kind, PiiKind::Phone | PiiKind::Address) && c.strength != Strength::Strong)
        .map(|c| &text[c.start..c.end])
        .collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

#[test]
fn an_agents_signature_holds_the_companys_number_and_address() {
    let text = "Thanks for your patience. Kind regards, Tomasz Nowak Claims Team Kestrel Home Cover \
                Unit 4, 18 Harbour Road, Galway H91 X2Y3 Tel 091 555 0142";
    assert!(
        found(text, SpeakerRole::Agent).is_empty(),
        "{:?}",
        found(text, SpeakerRole::Agent)
    );
    // The customer's own signature is the customer's.
    assert!(!found(text, SpeakerRole::Customer).is_empty());
    // A number for the reader after the sign-off is not the company's; nor one in a quoted
    // message below the signature.
    let text = "Best regards, Tomasz. PS your new number 087 555 0199 is saved.";
    assert_eq!(found(text, SpeakerRole::Agent), ["087 555 0199"]);
    let text = "Cordialement, Luc Martin > De : Anne Roux > mon numéro 06 12 34 56 78";
    assert_eq!(found(text, SpeakerRole::Agent), ["06 12 34 56 78"]);
}

#[test]
fn numbers_the_company_gives_as_its_own() {
    for text in [
        "from abroad call us on 353 1 555 0123 any time",
        "Nous restons joignables au 01 84 88 12 34 (appel non surtaxé).",
        "or ring 604-555-0142 during office hours",
        "Linha de apoio: 21 555 0134",
        "Kundenservice 0800 555 1234",
        "call 1-888-555-0142 to activate",
    ] {
        assert!(
            found(text, SpeakerRole::Agent).is_empty(),
            "{text}: {:?}",
            found(text, SpeakerRole::Agent)
        );
    }
}

#[test]
fn the_customers_numbers_stay_personal() {
    for (text, number) in [
        ("you can call me on 087 555 0199 after five", "087 555 0199"),
        ("we'll call you on 07700 900 123", "07700 900 123"),
        ("our home number is 020 7946 0958", "020 7946 0958"),
    ] {
        assert_eq!(found(text, SpeakerRole::Customer), [number], "{text}");
    }
    // "your" between: the number is the listener's.
    let text = "we have us down to call your mobile 07700 900 123";
    assert_eq!(found(text, SpeakerRole::Agent), ["07700 900 123"]);
    for text in [
        "we have 07700 900 123 on file",
        "our records show 07700 900 123 as your number",
        "Kind regards, Tom PS new address on file: 12 Oak Road, Leeds LS6 2AB",
    ] {
        assert!(!found(text, SpeakerRole::Agent).is_empty(), "{text}");
    }
    assert!(!Redactor::default().find("my mobile is 087 555 0199").is_empty());
}

#[test]
fn a_number_with_a_free_call_note_is_no_id() {
    let text = "Nous restons à votre disposition au 09 70 12 34 56 (appel non surtaxé).";
    let scan = Scan::new(text, Some(SpeakerRole::Agent), Vec::new(), None);
    let start = text.find("09").unwrap_or_default();
    let mut out = vec![Candidate::new(
        PiiKind::NationalId,
        start,
        start + 14,
        Strength::Context,
    )];
    super::keep_out(&scan, &mut out);
    assert!(out.is_empty());
}

#[test]
fn contacts_right_after_an_organisation_or_a_site_word_are_its_own() {
    for text in [
        "the resort (Coral Bay Resort, +679 555 0123) said yes",
        "Highveld Bank | 011 555 0123",
        "la visita presso la vostra sede di Via Roma 12 a Milano",
        "your parcel is at the outlet on 14 Harbour Street, Fremantle",
    ] {
        assert!(
            found(text, SpeakerRole::Customer).is_empty(),
            "{text}: {:?}",
            found(text, SpeakerRole::Customer)
        );
    }
    // The customer's own address after a site word is still an address elsewhere.
    assert!(!found("I moved to 14 Harbour Street, Fremantle", SpeakerRole::Customer).is_empty());
}

#[test]
fn a_customers_own_numbers_keep_their_mask_near_company_words() {
    let r = Redactor::default();
    let kinds = |text: &str| r.find(text).into_iter().map(|m| m.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds("Mi DNI es 12345678Z, muchas gracias por la atención"),
        [PiiKind::NationalId]
    );
    assert_eq!(
        kinds("call me on 087 123 4567 during office hours"),
        [PiiKind::Phone]
    );
    assert_eq!(
        found(
            "Harbourline Insurance, 087 123 4567 is my mobile",
            SpeakerRole::Customer
        ),
        ["087 123 4567"]
    );
}

#[test]
fn freephone_prefixes_by_their_group_and_length() {
    use super::is_freephone;
    assert!(is_freephone("08001234567", "0800", false));
    assert!(
        is_freephone("08712345678", "0871", false),
        "a UK shared-cost line"
    );
    assert!(!is_freephone("0871234567", "087", false), "an Irish mobile");
    assert!(is_freephone("8005550199", "800", false));
    assert!(
        !is_freephone("8885512345", "8885512345", false),
        "an Indian mobile"
    );
    assert!(!is_freephone("9015550137", "901", false), "Memphis");
    assert!(
        is_freephone("902123456", "902", false),
        "a Spanish shared-cost line"
    );
}
