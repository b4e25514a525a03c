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

/// One row of the catalog.
const fn product(
    id: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    category: Category,
) -> Product {
    Product {
        id,
        name,
        aliases,
        category,
    }
}

use Category::{Device, Home, Network, Plan};

#[rustfmt::skip]
const PRODUCTS: &[Product] = &[
    product("acme-router-pro", "Acme Router Pro", &["Acme Router", "Router Pro", "Acme Routr Pro"], Network),
    product("acme-mesh-wifi", "Acme Mesh WiFi", &["Acme Mesh", "Acme Mesh Wi-Fi", "Acme Mesh Wifi"], Network),
    product("acme-modem-x2", "Acme Modem X2", &["Modem X2", "Acme X2 modem", "Acme Modem X-2"], Network),
    product("nimbus-phone-x", "Nimbus Phone X", &["Nimbus X", "Nimbus Phone Ten", "Nimbus Fone X"], Device),
    product("nimbus-phone-mini", "Nimbus Phone Mini", &["Nimbus Mini", "Nimbus Phone mini", "Nimbus Minni"], Device),
    product("nimbus-tab-11", "Nimbus Tab 11", &["Nimbus Tablet", "Nimbus Tab", "Nimbus Tab eleven"], Device),
    product("nimbus-buds", "Nimbus Buds", &["Nimbus earbuds", "Nimbus Budz"], Device),
    product("orbit-watch-3", "Orbit Watch 3", &["Orbit Watch", "Orbit Watch Series 3", "Orbit Wach 3"], Device),
    product("orbit-fit-band", "Orbit Fit Band", &["Orbit Fit", "Orbit Fitband"], Device),
    product("zephyr-tv-55", "Zephyr TV 55", &["Zephyr 55", "Zephyr TV", "Zephir TV 55"], Device),
    product("zephyr-soundbar", "Zephyr Soundbar", &["Zephyr Sound Bar", "Zephyr soundbar"], Device),
    product("volt-charger-65", "Volt Charger 65W", &["Volt Charger", "Volt 65W charger", "Volt Charjer"], Device),
    product("stratus-fiber-500", "Stratus Fiber 500", &["Fiber 500", "Stratus 500 plan", "Stratus Fibre 500"], Plan),
    product("stratus-fiber-gig", "Stratus Fiber Gig", &["Fiber Gig", "Stratus Gigabit", "Stratus Fibre Gig"], Plan),
    product("stratus-unlimited", "Stratus Unlimited Plan", &["Stratus Unlimited", "Stratus Unlimted"], Plan),
    product("stratus-family", "Stratus Family Plan", &["Stratus Family", "Stratus Familly Plan"], Plan),
    product("helix-home-hub", "Helix Home Hub", &["Helix Hub", "Helix HomeHub"], Home),
    product("helix-doorbell-cam", "Helix Doorbell Cam", &["Helix Doorbell", "Helix Cam", "Helix Door Bell Cam"], Home),
    product("helix-thermostat", "Helix Thermostat", &["Helix Smart Thermostat", "Helix Thermostatt"], Home),
    product("cirrus-cloud-backup", "Cirrus Cloud Backup", &["Cirrus Backup", "Cirrus Cloud"], Home),
];

/// The Speech & Text Analytics topic id of a product's topic: conversations mentioning the product
/// carry it in `POST /api/v2/analytics/transcripts/aggregates/query` (`nTopicCommunications`).
pub fn topic_id(product_id: &str) -> String {
    crate::ids::topic_id(&format!("product:{product_id}"))
}

/// Every product, in a stable order.
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
