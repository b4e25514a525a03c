//! The kinds of personal data the redactor knows, their markers and their counts.

use serde::{Deserialize, Serialize};

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiiKind {
    Name,
    Address,
    DateOfBirth,
    Email,
    Phone,
    Card,
    CardExpiry,
    CardCvv,
    Ssn,
    NationalId,
    Iban,
    BankAccount,
    Passport,
    DriversLicence,
    Pin,
    SecurityAnswer,
}

impl PiiKind {
    pub const ALL: [PiiKind; 16] = [
        Self::Name,
        Self::Address,
        Self::DateOfBirth,
        Self::Email,
        Self::Phone,
        Self::Card,
        Self::CardExpiry,
        Self::CardCvv,
        Self::Ssn,
        Self::NationalId,
        Self::Iban,
        Self::BankAccount,
        Self::Passport,
        Self::DriversLicence,
        Self::Pin,
        Self::SecurityAnswer,
    ];

    /// The snake_case name used in configuration, JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Address => "address",
            Self::DateOfBirth => "date_of_birth",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Card => "card",
            Self::CardExpiry => "card_expiry",
            Self::CardCvv => "card_cvv",
            Self::Ssn => "ssn",
            Self::NationalId => "national_id",
            Self::Iban => "iban",
            Self::BankAccount => "bank_account",
            Self::Passport => "passport",
            Self::DriversLicence => "drivers_licence",
            Self::Pin => "pin",
            Self::SecurityAnswer => "security_answer",
        }
    }

    /// The word inside a marker: `[NAME_1]`, `[DOB_1]`.
    pub fn marker_label(self) -> &'static str {
        match self {
            Self::Name => "NAME",
            Self::Address => "ADDRESS",
            Self::DateOfBirth => "DOB",
            Self::Email => "EMAIL",
            Self::Phone => "PHONE",
            Self::Card => "CARD",
            Self::CardExpiry => "CARD_EXPIRY",
            Self::CardCvv => "CVV",
            Self::Ssn => "SSN",
            Self::NationalId => "NATIONAL_ID",
            Self::Iban => "IBAN",
            Self::BankAccount => "BANK_ACCOUNT",
            Self::Passport => "PASSPORT",
            Self::DriversLicence => "DRIVERS_LICENCE",
            Self::Pin => "PIN",
            Self::SecurityAnswer => "SECURITY_ANSWER",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name))
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How many matches of each kind were replaced. Serialised as an object with every kind
/// (`{"name": 2, "address": 1, ...}`), zeros included, so clients see a stable shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RedactionCounts([u32; PiiKind::ALL.len()]);

impl RedactionCounts {
    pub fn total(&self) -> u32 {
        self.0.iter().fold(0u32, |sum, n| sum.saturating_add(*n))
    }

    pub fn get(&self, kind: PiiKind) -> u32 {
        self.0.get(kind.index()).copied().unwrap_or_default()
    }

    pub(crate) fn add(&mut self, kind: PiiKind) {
        if let Some(slot) = self.0.get_mut(kind.index()) {
            *slot = slot.saturating_add(1);
        }
    }

    /// The kinds with a non-zero count.
    pub fn nonzero(&self) -> impl Iterator<Item = (PiiKind, u32)> + '_ {
        PiiKind::ALL
            .into_iter()
            .map(|kind| (kind, self.get(kind)))
            .filter(|(_, n)| *n > 0)
    }
}

impl std::ops::AddAssign for RedactionCounts {
    fn add_assign(&mut self, other: Self) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = mine.saturating_add(theirs);
        }
    }
}

impl Serialize for RedactionCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(PiiKind::ALL.len()))?;
        for kind in PiiKind::ALL {
            map.serialize_entry(kind.as_str(), &self.get(kind))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for RedactionCounts {
    /// Tolerates missing kinds (records written before a kind existed) and unknown ones.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = std::collections::BTreeMap::<String, u32>::deserialize(deserializer)?;
        let mut counts = Self::default();
        for (name, n) in raw {
            if let Some(slot) = PiiKind::parse(&name).and_then(|k| counts.0.get_mut(k.index())) {
                *slot = n;
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_round_trip_and_tolerate_old_records() {
        let mut counts = RedactionCounts::default();
        counts.add(PiiKind::Name);
        counts.add(PiiKind::Name);
        counts.add(PiiKind::Iban);
        let json = serde_json::to_value(counts).unwrap();
        assert_eq!(json["name"], 2);
        assert_eq!(json["date_of_birth"], 0);
        assert_eq!(json.as_object().unwrap().len(), PiiKind::ALL.len());
        assert_eq!(serde_json::from_value::<RedactionCounts>(json).unwrap(), counts);
        let old: RedactionCounts =
            serde_json::from_str(r#"{"email":1,"phone":2,"card":0,"ssn":0,"iban":0,"future":9}"#).unwrap();
        assert_eq!(
            (old.get(PiiKind::Email), old.get(PiiKind::Phone), old.total()),
            (1, 2, 3)
        );
    }

    #[test]
    fn every_kind_has_its_own_names_and_index() {
        for (i, kind) in PiiKind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(PiiKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(kind.as_str().into())
            );
        }
    }
}
