//! Codes, numbers and names as new calls gave them: letters spelled with a word ("R wie
//! Richard"), an id said as one number in the millions, surnames after a capitalised particle,
//! emails, IBANs and phone numbers in their local forms.

use super::{answer, redacted_turns};
use crate::transcript::SpeakerRole;

use SpeakerRole::{Agent, Customer};

#[test]
fn letters_spelled_with_a_word_are_a_code_not_names() {
    assert_eq!(
        answer(
            "it-IT",
            "mi serve il codice fiscale",
            "allora D come Domodossola C come Como N come Napoli M come Milano R come Roma C come Como sette cinque D come Domodossola uno due G come Genova quattro otto due K"
        ),
        "allora [NATIONAL_ID_1]"
    );
    assert_eq!(
        answer(
            "de-DE",
            "und die Führerscheinnummer",
            "B wie Berta null sieben zwei R wie Richard R wie Richard E wie Emil zwei I wie Ida fünf fünf"
        ),
        "[DRIVERS_LICENCE_1]"
    );
}

#[test]
fn an_id_said_as_one_number_in_the_millions() {
    assert_eq!(
        answer(
            "es-CL",
            "me puede indicar su rut por favor",
            "sí es el quince millones ochocientos cuarenta y dos mil trescientos cuarenta y tres guión k"
        ),
        "sí es el [NATIONAL_ID_1]"
    );
}

#[test]
fn a_check_key_said_after_the_number() {
    assert_eq!(
        answer(
            "fr-FR",
            "votre numéro de sécurité sociale s'il vous plaît",
            "alors un quatre-vingt-cinq zéro trois soixante-neuf cent vingt-trois zéro quarante-cinq clé dix-sept"
        ),
        "alors [NATIONAL_ID_1]"
    );
}

#[test]
fn surnames_after_a_capitalised_particle() {
    assert_eq!(
        answer("it-IT", "mi dice nome e cognome", "Marco Di Censo"),
        "[NAME_1]"
    );
    assert_eq!(
        answer("it-IT", "ok", "grazie signor Di Censo per l'identificazione"),
        "grazie signor [NAME_1] per l'identificazione"
    );
    assert_eq!(
        answer("fr-FR", "votre nom", "c'est Claire Le Goff"),
        "c'est [NAME_1]"
    );
    // After a lowercase "van" only a known surname: Sanne works for Polderzorg.
    let greeting = redacted_turns(
        "nl-NL",
        &[(
            Agent,
            "goedemiddag, u spreekt met Sanne van Polderzorg, waarmee kan ik u helpen?",
        )],
    );
    assert_eq!(
        greeting[0],
        "goedemiddag, u spreekt met [NAME_1] van Polderzorg, waarmee kan ik u helpen?"
    );
}

#[test]
fn a_name_between_an_article_and_a_noun_names_a_place() {
    let place = redacted_turns(
        "en-ZA",
        &[(
            Customer,
            "my phone got stolen on saturday at the Kendra taxi rank",
        )],
    );
    assert_eq!(
        place[0],
        "my phone got stolen on saturday at the Kendra taxi rank"
    );
    let person = redacted_turns("en-ZA", &[(Customer, "I spoke to Kendra on saturday about it")]);
    assert_eq!(person[0], "I spoke to [NAME_1] on saturday about it");
}

#[test]
fn number_words_are_no_names() {
    assert_eq!(
        answer(
            "it-IT",
            "buongiorno come posso aiutarla",
            "la proprietaria dice che non le è arrivato niente sono già quattro giorni che mi chiama"
        ),
        "la proprietaria dice che non le è arrivato niente sono già quattro giorni che mi chiama"
    );
}

#[test]
fn member_numbers_and_last_digits_after_their_cues() {
    assert_eq!(
        answer(
            "fr-CH",
            "pouvez-vous m'indiquer votre nom et prénom ?",
            "Rochat Mélanie, membre n° 400-18327"
        ),
        "[NAME_1], membre n° [BANK_ACCOUNT_1]"
    );
    let turns = redacted_turns(
        "de-DE",
        &[(
            Agent,
            "ist das noch die Karte mit den Endziffern vier vier null neun",
        )],
    );
    assert_eq!(turns[0], "ist das noch die Karte mit den Endziffern [CARD_1]");
}

#[test]
fn member_numbers_in_every_language() {
    for (language, said) in [
        ("en-GB", "my member number is 88120453"),
        ("de-DE", "meine Mitgliedsnummer ist 88120453"),
        ("es-ES", "mi número de socio es 88120453"),
        ("pt-BR", "o número da carteirinha é 88120453"),
        ("it-IT", "il numero di tessera è 88120453"),
        ("nl-NL", "mijn lidnummer is 88120453"),
        ("fr-FR", "mon numéro de membre est le 88120453"),
    ] {
        let turns = redacted_turns(language, &[(Customer, said)]);
        assert!(turns[0].ends_with("[BANK_ACCOUNT_1]"), "{said}: {}", turns[0]);
    }
}

#[test]
fn a_surname_particle_inside_a_spoken_email() {
    assert_eq!(
        answer(
            "nl-NL",
            "wat is uw e-mailadres",
            "dat is sanne punt de vries negenentachtig apenstaartje ziggo punt nl"
        ),
        "dat is [EMAIL_1]"
    );
}

#[test]
fn a_team_mailbox_said_aloud_is_no_one_s_email() {
    let turns = redacted_turns(
        "nl-NL",
        &[(
            Agent,
            "mail de foto naar service at voorbeeldlease punt nl, en uw adres is nog e punt kuijpers at hotmail punt com?",
        )],
    );
    assert_eq!(
        turns[0],
        "mail de foto naar service at voorbeeldlease punt nl, en uw adres is nog [EMAIL_1]?"
    );
}

#[test]
fn local_forms_of_ibans_and_phone_numbers() {
    // Mistyped (its check fails) but in the registry's groups of four: an IBAN, not a card.
    let iban = redacted_turns(
        "en-IE",
        &[(
            Customer,
            "please take the direct debit from IE64 BOFI 9000 1723 4587 16 (Bank of Ireland).",
        )],
    );
    assert_eq!(
        iban[0],
        "please take the direct debit from [IBAN_1] (Bank of Ireland)."
    );
    let phones = redacted_turns(
        "de-AT",
        &[(
            Customer,
            "Ihre Nummer ist 0676 / 945 12 08. Und meine 612 48 93 07.",
        )],
    );
    assert_eq!(phones[0], "Ihre Nummer ist [PHONE_1]. Und meine [PHONE_2].");
    // A date is no phone number for its slashes.
    let date = redacted_turns("en-GB", &[(Customer, "it was delivered on 03/11/2025 at noon")]);
    assert_eq!(date[0], "it was delivered on 03/11/2025 at noon");
}
