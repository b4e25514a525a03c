use crate::redact::{PiiKind, Redactor};
use crate::transcript::{Channel, SpeakerRole, Transcript};

fn found(text: &str) -> Vec<(PiiKind, &str)> {
    Redactor::default()
        .find(text)
        .into_iter()
        .map(|m| (m.kind, &text[m.start..m.end]))
        .collect()
}

pub(crate) fn call(turns: &[(SpeakerRole, &str)]) -> Transcript {
    Transcript::from_turns(
        "c0ffee00-0000-4000-8000-000000000001",
        Channel::Voice,
        Some("en-US"),
        turns.iter().copied(),
    )
}

/// Each turn's text after redacting the call, in the call's `language`.
pub(crate) fn redacted_turns(language: &str, turns: &[(SpeakerRole, &str)]) -> Vec<String> {
    let transcript = Transcript::from_turns(
        "c0ffee00-0000-4000-8000-000000000001",
        Channel::Voice,
        Some(language),
        turns.iter().copied(),
    );
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    redacted.utterances.into_iter().map(|u| u.text).collect()
}

/// The redacted answer to `question`.
pub(crate) fn answer(language: &str, question: &str, answer: &str) -> String {
    use SpeakerRole::*;
    redacted_turns(language, &[(Agent, question), (Customer, answer)])
        .pop()
        .unwrap_or_default()
}

#[test]
fn values_after_their_cue_in_the_same_utterance() {
    assert_eq!(
        found("the last four digits are 4417, thanks"),
        [(PiiKind::Card, "4417")]
    );
    assert_eq!(
        found("CVV 123 and expiry 08/27"),
        [(PiiKind::CardCvv, "123"), (PiiKind::CardExpiry, "08/27")]
    );
    assert_eq!(
        found("my passport number is X1234567"),
        [(PiiKind::Passport, "X1234567")]
    );
    assert_eq!(
        found("sort code 12-34-56, account number 31926819"),
        [
            (PiiKind::BankAccount, "12-34-56"),
            (PiiKind::BankAccount, "31926819")
        ]
    );
    assert_eq!(
        found("my password is Sunflower42"),
        [(PiiKind::Pin, "Sunflower42")]
    );
    assert_eq!(found("mi DNI es 12345678"), [(PiiKind::NationalId, "12345678")]);
}

#[test]
fn references_after_a_cue_are_not_taken() {
    assert!(
        found("my PIN? no, my order number is 4821").is_empty(),
        "{:?}",
        found("my PIN? no, my order number is 4821")
    );
}

#[test]
fn answers_to_the_agents_question_in_the_next_turn() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "Can I get your full name please?"),
        (Customer, "Sure, it's Denise Albright."),
        (Agent, "And what's your mother's maiden name?"),
        (Customer, "Kowalski."),
        (Agent, "Lastly the postcode on the account?"),
        (Customer, "It's BS6 7BR"),
        (Agent, "And the last four digits of the card?"),
        (Customer, "Uh, 4417."),
        (Agent, "Thanks Denise, your order 5567 is on its way."),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Can I get your full name please?",
            "Sure, it's [NAME_1].",
            "And what's your mother's maiden name?",
            "[SECURITY_ANSWER_1].",
            "Lastly the postcode on the account?",
            "It's [ADDRESS_1]",
            "And the last four digits of the card?",
            "Uh, [CARD_1].",
            "Thanks [NAME_1], your order 5567 is on its way.",
        ]
    );
}

#[test]
fn codes_spelled_with_letter_names_keep_their_letters() {
    assert_eq!(
        found("Sí, el NIE es equis, cuatro siete tres, uno nueve dos seis, ka."),
        [(
            PiiKind::NationalId,
            "equis, cuatro siete tres, uno nueve dos seis, ka"
        )]
    );
    assert_eq!(
        found("El DNI es cinco tres cuatro siete, uno nueve ocho dos, y la letra hache."),
        [(
            PiiKind::NationalId,
            "cinco tres cuatro siete, uno nueve ocho dos, y la letra hache"
        )]
    );
}

#[test]
fn an_agent_asking_without_a_question_mark_expects_the_answer() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "ok so I'll need your driver licence number as well please"),
        (Customer, "yeah it's W L, three nine one one eight four"),
        (Agent, "have you got your passport there"),
        (Customer, "one sec. C K two two five five one eight nine"),
        (Agent, "Your driving licence is on file, thanks."),
        (Customer, "great, my order is 55120983"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        texts[1..],
        [
            "yeah it's [DRIVERS_LICENCE_1]",
            "have you got your passport there",
            "one sec. [PASSPORT_1]",
            "Your driving licence is on file, thanks.",
            "great, my order is 55120983",
        ]
    );
}

#[test]
fn short_numbers_near_a_document_cue_are_not_its_number() {
    assert_eq!(
        found("I've updated your passport number. Your flight BA 117 leaves on the 14th at 9:40."),
        []
    );
    assert_eq!(found("paspoort verloren op 3 mei, nieuw paspoort op 12 juni"), []);
}

#[test]
fn passport_numbers_anywhere_in_a_text_about_passports() {
    assert_eq!(
        found("The old passport expired so I renewed it. The new one is RK7718204, thanks."),
        [(PiiKind::Passport, "RK7718204")]
    );
    assert_eq!(
        found("Pasaportes: Ana Ruiz – K12873645, Pablo Ruiz – K77100293, booking ABX123"),
        [
            (PiiKind::Name, "Ana Ruiz"),
            (PiiKind::Passport, "K12873645"),
            (PiiKind::Name, "Pablo Ruiz"),
            (PiiKind::Passport, "K77100293")
        ]
    );
    // Without a word about passports the same shape is someone's order number.
    assert_eq!(found("order RK7718204 shipped"), []);
}

#[test]
fn codes_spelled_with_letter_names_and_spelling_words() {
    assert_eq!(
        answer(
            "it-IT",
            "mi serve il codice fiscale, per cortesia",
            "effe erre erre, elle ci u, ottanta, di, undici, acca cinquecentouno, zeta"
        ),
        "[NATIONAL_ID_1]"
    );
    assert_eq!(
        answer(
            "es-MX",
            "¿me confirma su CURP?",
            "Sí, ge, a, ele, erre, noventa, cero dos, once, hache, de, efe, erre, ge, de, cero, tres."
        ),
        "Sí, [NATIONAL_ID_1]."
    );
    assert_eq!(
        answer(
            "pt-PT",
            "Claro, diga-me o NIF para a fatura.",
            "245 771 309, obrigada"
        ),
        "[NATIONAL_ID_1], obrigada"
    );
    assert_eq!(
        answer(
            "es-MX",
            "Con gusto.",
            "y necesito factura: RFC GOMR750312AB4, gracias"
        ),
        "y necesito factura: RFC [NATIONAL_ID_1], gracias"
    );
    assert_eq!(
        answer(
            "en-US",
            "the licence number please",
            "D as in delta, R as in romeo, four four nine one two seven"
        ),
        "[DRIVERS_LICENCE_1]"
    );
}

#[test]
fn dates_of_birth_said_as_numbers_alone_in_answer_to_the_question() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "and can you confirm your date of birth for me"),
        (Customer, "it's the fourth of the eleventh, nineteen sixty-one"),
        (Agent, "sorry, and your husband's date of birth?"),
        (Customer, "oh three, twenty two, fifty eight"),
        (Agent, "and your daughter's date of birth?"),
        (Customer, "the third of the fourth please"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts[1], "it's [DOB_1]");
    assert_eq!(texts[3], "[DOB_2]");
    assert_eq!(texts[5], "[DOB_3] please");
    // Without the question, numbers stay numbers.
    assert_eq!(found("we've had three, twenty two, fifty eight of them"), []);
}

#[test]
fn a_childs_date_of_birth_with_its_cue_after_it_and_read_back_in_another_form() {
    use SpeakerRole::*;
    assert_eq!(
        found("Meine Tochter ist am 14. März 2019 geboren."),
        [(PiiKind::DateOfBirth, "14. März 2019")]
    );
    let transcript = call(&[
        (Agent, "what's the patient's date of birth"),
        (Customer, "his birthday is March fourteenth twenty nineteen"),
        (Agent, "ok, 3/14/2019, and the appointment is on 3/20/2025"),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        redacted.utterances[2].text, "ok, [DOB_1], and the appointment is on 3/20/2025",
        "the same date keeps its marker in another form"
    );
}

#[test]
fn answers_to_a_request_ending_the_agents_turn_with_corrections_and_pin_digits() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "lovely, and the three digit code on the back"),
        (Customer, "five oh two"),
        (Agent, "for security can you give me the four digit account PIN"),
        (
            Customer,
            "is it... three eight one one? no wait, it's three eight one two",
        ),
        (Agent, "and digits two and five of your security number"),
        (Customer, "7 and 4"),
        (Agent, "is there a gate code the driver needs?"),
        (Customer, "yeah it's 5519 then the bell"),
        (Agent, "your social insurance number is missing from your profile"),
        (
            Customer,
            "I had a nine hundred number before, now it's 046 454 286",
        ),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts[1], "[CVV_1]");
    assert_eq!(texts[3], "is it... [PIN_1]? no wait, it's [PIN_2]");
    assert_eq!(texts[5], "[PIN_3]");
    assert_eq!(texts[7], "yeah it's [PIN_4] then the bell");
    assert_eq!(
        texts[9],
        "I had a nine hundred number before, now it's [NATIONAL_ID_1]"
    );
}

#[test]
fn an_answer_does_not_take_every_number_without_a_correction() {
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "Should I charge the card on file ending in 1881?"),
        (
            Customer,
            "no, that one expired, and the order was 2 items for 1500 points",
        ),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        redacted.utterances[1].text,
        "no, that one expired, and the order was 2 items for 1500 points"
    );
}

#[test]
fn postcodes_said_as_numbers_with_their_town_and_codes_with_a_dash_said() {
    assert_eq!(
        answer(
            "fr-FR",
            "et votre code postal ?",
            "six neuf zéro zéro trois, Lyon"
        ),
        "[ADDRESS_1]"
    );
    assert_eq!(
        answer(
            "pt-PT",
            "E o código postal?",
            "O código postal é três mil e vinte, duzentos e dez, Coimbra."
        ),
        "O código postal é [ADDRESS_1]."
    );
    assert_eq!(
        answer(
            "pt-PT",
            "Qual é a morada?",
            "Avenida da Liberdade cento e vinte, terceiro direito, mil e duzentos zero cinquenta, Lisboa"
        ),
        "[ADDRESS_1]"
    );
    assert_eq!(
        answer(
            "pt-BR",
            "Qual a conta?",
            "a conta é quatro três dois um nove, traço sete"
        ),
        "a conta é [BANK_ACCOUNT_1]"
    );
}

#[test]
fn house_numbers_after_their_cue_and_security_answers_said_again() {
    use SpeakerRole::*;
    assert_eq!(
        redacted_turns(
            "nl-NL",
            &[(
                Customer,
                "de postcode weet u, en het huisnummer is tweeëntachtig A."
            )]
        )[0],
        "de postcode weet u, en het huisnummer is [ADDRESS_1]."
    );
    assert_eq!(
        redacted_turns(
            "pt-PT",
            &[
                (Agent, "E o nome de solteira da sua mãe?"),
                (Customer, "Figueiredo. Só o apelido, não é? Figueiredo."),
            ]
        )[1],
        "[SECURITY_ANSWER_1]. Só o apelido, não é? [SECURITY_ANSWER_1]."
    );
}

#[test]
fn dates_and_years_are_not_document_numbers_or_expiry_dates() {
    assert_eq!(
        found("New Medicare card: 2123 45670 1, IRN 2, valid to 08/2029"),
        [(PiiKind::NationalId, "2123 45670 1")]
    );
    assert_eq!(
        found("Het paspoortnummer is NX7F2K9L4, geldig tot 2031."),
        [(PiiKind::Passport, "NX7F2K9L4")]
    );
    assert_eq!(
        found("Meine Tochter ist am 2. Mai 2016 geboren, und ich bin zum 1. April umgezogen."),
        [(PiiKind::DateOfBirth, "2. Mai 2016")]
    );
}

#[test]
fn an_account_number_after_the_account_is_and_a_price_per_month_stays() {
    assert_eq!(
        found("and the account is, um, seven three one, no sorry, six three four nine, two two zero eight"),
        [(PiiKind::BankAccount, "six three four nine, two two zero eight")]
    );
    use SpeakerRole::*;
    let transcript = call(&[
        (Agent, "which account is it on"),
        (
            Customer,
            "the current one, it should be thirty-four ninety-nine a month",
        ),
    ]);
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert_eq!(
        redacted.utterances[1].text,
        "the current one, it should be thirty-four ninety-nine a month"
    );
}

#[test]
fn dates_and_durations_near_a_cue_are_not_its_value() {
    for text in [
        "I lost my passport on 14 September in Antwerp",
        "paid every week until the week ending 6/22",
        "rimborso sulla carta che termina con 7731 entro 10 giorni",
        "Medicare number 2953 71684 1, valid to 11/2030 DOB: 15 Feb 1994",
        "paspoortnummer NX4K8P2L1, geldig tot 2031.",
    ] {
        let values: Vec<&str> = found(text).into_iter().map(|(_, v)| v).collect();
        assert!(
            !values
                .iter()
                .any(|v| ["14", "6/22", "22", "10", "11/2030", "11/2030 DOB", "2031"].contains(v)),
            "{text}: {values:?}"
        );
    }
    // The card's last digits and a passport number after the same cues are still found.
    assert!(found("la carta che termina con 7731 entro 10 giorni").contains(&(PiiKind::Card, "7731")));
    assert!(found("my passport number is 533380006").contains(&(PiiKind::Passport, "533380006")));
    assert!(
        found("expiry date 1229")
            .iter()
            .any(|(k, _)| *k == PiiKind::CardExpiry)
    );
}

#[test]
fn nothing_starts_inside_a_decimal_number() {
    assert!(
        Redactor::default()
            .find("pago 19,90 al mese per il servizio")
            .is_empty()
    );
}

#[test]
fn a_date_before_a_date_of_birth_label_is_not_the_date_of_birth() {
    assert_eq!(
        found("I moved on 1 March 2019. Date of birth 4 June 1980"),
        [(PiiKind::DateOfBirth, "4 June 1980")]
    );
}

#[test]
fn review_cases_a_spoken_email_named_as_one_a_phone_before_every_day_and_de_after_a_code() {
    let kinds = |text: &str| found(text).into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    assert_eq!(kinds("my email is orange at example.ie"), [PiiKind::Email]);
    assert_eq!(
        kinds("call me on oh eight seven, five five one, two three four five every day after six"),
        [PiiKind::Phone]
    );
    assert_eq!(
        found("mi número de cuenta es 12345678 de Banco Levante"),
        [(PiiKind::BankAccount, "12345678")]
    );
}

#[path = "context_answers_tests.rs"]
mod answers;

#[path = "voice_tests.rs"]
mod voice;

#[path = "voice_address_tests.rs"]
mod voice_address;

#[path = "voice_codes_tests.rs"]
mod voice_codes;
