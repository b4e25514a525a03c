//! The product catalog the simulator plants into seeded dialogue.
//!
//! Each product has a canonical `name` and `aliases` (short forms and common misspellings).
//! Planted mentions use the name or an alias, sometimes as a plural (`+ "s"`) or possessive
//! (`+ "'s"`). The planted counts are exposed at `GET /_sim/ground-truth`.

/// A product of the synthetic organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Stable id, e.g. `acme-router-pro`.
    pub id: &'static str,
    /// Canonical name, e.g. `Acme Router Pro`.
    pub name: &'static str,
    /// Other ways customers and agents write it (short forms, misspellings).
    pub aliases: &'static [&'static str],
    /// Rough category, used to pick products that fit a scenario.
    pub category: Category,
}

/// What kind of product it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Routers, modems, mesh systems.
    Network,
    /// Phones, tablets, wearables, TVs, accessories.
    Device,
    /// Subscription plans.
    Plan,
    /// Smart-home devices and services.
    Home,
}

const PRODUCTS: &[Product] = &[
    Product {
        id: "acme-router-pro",
        name: "Acme Router Pro",
        aliases: &["Acme Router", "Router Pro", "Acme Routr Pro"],
        category: Category::Network,
    },
    Product {
        id: "acme-mesh-wifi",
        name: "Acme Mesh WiFi",
        aliases: &["Acme Mesh", "Acme Mesh Wi-Fi", "Acme Mesh Wifi"],
        category: Category::Network,
    },
    Product {
        id: "acme-modem-x2",
        name: "Acme Modem X2",
        aliases: &["Modem X2", "Acme X2 modem", "Acme Modem X-2"],
        category: Category::Network,
    },
    Product {
        id: "nimbus-phone-x",
        name: "Nimbus Phone X",
        aliases: &["Nimbus X", "Nimbus Phone Ten", "Nimbus Fone X"],
        category: Category::Device,
    },
    Product {
        id: "nimbus-phone-mini",
        name: "Nimbus Phone Mini",
        aliases: &["Nimbus Mini", "Nimbus Phone mini", "Nimbus Minni"],
        category: Category::Device,
    },
    Product {
        id: "nimbus-tab-11",
        name: "Nimbus Tab 11",
        aliases: &["Nimbus Tablet", "Nimbus Tab", "Nimbus Tab eleven"],
        category: Category::Device,
    },
    Product {
        id: "nimbus-buds",
        name: "Nimbus Buds",
        aliases: &["Nimbus earbuds", "Nimbus Budz"],
        category: Category::Device,
    },
    Product {
        id: "orbit-watch-3",
        name: "Orbit Watch 3",
        aliases: &["Orbit Watch", "Orbit Watch Series 3", "Orbit Wach 3"],
        category: Category::Device,
    },
    Product {
        id: "orbit-fit-band",
        name: "Orbit Fit Band",
        aliases: &["Orbit Fit", "Orbit Fitband"],
        category: Category::Device,
    },
    Product {
        id: "zephyr-tv-55",
        name: "Zephyr TV 55",
        aliases: &["Zephyr 55", "Zephyr TV", "Zephir TV 55"],
        category: Category::Device,
    },
    Product {
        id: "zephyr-soundbar",
        name: "Zephyr Soundbar",
        aliases: &["Zephyr Sound Bar", "Zephyr soundbar"],
        category: Category::Device,
    },
    Product {
        id: "volt-charger-65",
        name: "Volt Charger 65W",
        aliases: &["Volt Charger", "Volt 65W charger", "Volt Charjer"],
        category: Category::Device,
    },
    Product {
        id: "stratus-fiber-500",
        name: "Stratus Fiber 500",
        aliases: &["Fiber 500", "Stratus 500 plan", "Stratus Fibre 500"],
        category: Category::Plan,
    },
    Product {
        id: "stratus-fiber-gig",
        name: "Stratus Fiber Gig",
        aliases: &["Fiber Gig", "Stratus Gigabit", "Stratus Fibre Gig"],
        category: Category::Plan,
    },
    Product {
        id: "stratus-unlimited",
        name: "Stratus Unlimited Plan",
        aliases: &["Stratus Unlimited", "Stratus Unlimted"],
        category: Category::Plan,
    },
    Product {
        id: "stratus-family",
        name: "Stratus Family Plan",
        aliases: &["Stratus Family", "Stratus Familly Plan"],
        category: Category::Plan,
    },
    Product {
        id: "helix-home-hub",
        name: "Helix Home Hub",
        aliases: &["Helix Hub", "Helix HomeHub"],
        category: Category::Home,
    },
    Product {
        id: "helix-doorbell-cam",
        name: "Helix Doorbell Cam",
        aliases: &["Helix Doorbell", "Helix Cam", "Helix Door Bell Cam"],
        category: Category::Home,
    },
    Product {
        id: "helix-thermostat",
        name: "Helix Thermostat",
        aliases: &["Helix Smart Thermostat", "Helix Thermostatt"],
        category: Category::Home,
    },
    Product {
        id: "cirrus-cloud-backup",
        name: "Cirrus Cloud Backup",
        aliases: &["Cirrus Backup", "Cirrus Cloud"],
        category: Category::Home,
    },
];

/// Every product, in a stable order.
/// The Speech & Text Analytics topic id of a product's topic: conversations mentioning the product
/// carry it in `POST /api/v2/analytics/transcripts/aggregates/query` (`nTopicCommunications`).
pub fn topic_id(product_id: &str) -> String {
    crate::ids::topic_id(&format!("product:{product_id}"))
}

pub fn products() -> &'static [Product] {
    PRODUCTS
}

/// The product with this id.
pub fn find(id: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.id == id)
}

/// Products of one category, in catalog order.
pub fn in_category(category: Category) -> impl Iterator<Item = &'static Product> {
    PRODUCTS.iter().filter(move |p| p.category == category)
}

impl Product {
    /// Every surface form the simulator may plant for this product: name and aliases, each also as
    /// plural (`s`) and possessive (`'s`).
    pub fn surface_forms(&self) -> Vec<String> {
        let mut out = Vec::new();
        for base in std::iter::once(self.name).chain(self.aliases.iter().copied()) {
            out.push(base.to_string());
            out.push(format!("{base}s"));
            out.push(format!("{base}'s"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_catalog_is_about_twenty() {
        let mut ids: Vec<_> = products().iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), products().len());
        assert!((18..=24).contains(&products().len()));
        assert_eq!(find("acme-router-pro").map(|p| p.name), Some("Acme Router Pro"));
    }
}
