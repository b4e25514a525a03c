//! Genesys Cloud regions: API at `https://api.<domain>`, login at `https://login.<domain>`.

use url::Url;

/// One Genesys Cloud region. The list mirrors `spec/regions.json` (a test keeps them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub aws_region: &'static str,
    pub domain: &'static str,
}

pub const REGIONS: [Region; 18] = [
    Region {
        aws_region: "us-east-1",
        domain: "mypurecloud.com",
    },
    Region {
        aws_region: "eu-west-1",
        domain: "mypurecloud.ie",
    },
    Region {
        aws_region: "ap-southeast-2",
        domain: "mypurecloud.com.au",
    },
    Region {
        aws_region: "ap-northeast-1",
        domain: "mypurecloud.jp",
    },
    Region {
        aws_region: "eu-central-1",
        domain: "mypurecloud.de",
    },
    Region {
        aws_region: "us-west-2",
        domain: "usw2.pure.cloud",
    },
    Region {
        aws_region: "ca-central-1",
        domain: "cac1.pure.cloud",
    },
    Region {
        aws_region: "ap-northeast-2",
        domain: "apne2.pure.cloud",
    },
    Region {
        aws_region: "eu-west-2",
        domain: "euw2.pure.cloud",
    },
    Region {
        aws_region: "ap-south-1",
        domain: "aps1.pure.cloud",
    },
    Region {
        aws_region: "us-east-2",
        domain: "use2.us-gov-pure.cloud",
    },
    Region {
        aws_region: "sa-east-1",
        domain: "sae1.pure.cloud",
    },
    Region {
        aws_region: "me-central-1",
        domain: "mec1.pure.cloud",
    },
    Region {
        aws_region: "ap-northeast-3",
        domain: "apne3.pure.cloud",
    },
    Region {
        aws_region: "eu-central-2",
        domain: "euc2.pure.cloud",
    },
    Region {
        aws_region: "mx-central-1",
        domain: "mxc1.pure.cloud",
    },
    Region {
        aws_region: "ap-southeast-1",
        domain: "apse1.pure.cloud",
    },
    Region {
        aws_region: "eusc-de-east-1",
        domain: "edee1.eusc-pure.cloud",
    },
];

impl Region {
    /// Finds a region by its domain (`mypurecloud.ie`, also `api.mypurecloud.ie` or a URL) or by
    /// the AWS region it runs in (`eu-west-1`).
    pub fn find(name: &str) -> Option<Region> {
        let name = name.trim().trim_end_matches('/').to_ascii_lowercase();
        let host = name
            .strip_prefix("https://")
            .unwrap_or(&name)
            .trim_start_matches("api.")
            .trim_start_matches("login.");
        REGIONS
            .iter()
            .copied()
            .find(|r| r.domain == host || r.aws_region == host)
    }

    pub fn api_base(&self) -> Url {
        Self::url(&format!("https://api.{}", self.domain))
    }

    pub fn login_base(&self) -> Url {
        Self::url(&format!("https://login.{}", self.domain))
    }

    fn url(s: &str) -> Url {
        // The domains are constants above, so this cannot fail; fall back rather than panic.
        Url::parse(s).unwrap_or_else(|_| Url::parse("https://api.mypurecloud.com").expect("constant URL"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_vendored_regions_file() {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../../spec/regions.json")).unwrap();
        let regions = doc["regions"].as_array().unwrap();
        assert_eq!(regions.len(), REGIONS.len());
        for r in regions {
            let domain = r["domain"].as_str().unwrap();
            let found = Region::find(domain).unwrap_or_else(|| panic!("{domain} missing"));
            assert_eq!(found.aws_region, r["awsRegion"].as_str().unwrap());
            assert_eq!(
                found.api_base().as_str().trim_end_matches('/'),
                r["apiBase"].as_str().unwrap()
            );
            let token_url = found.login_base().join("oauth/token").unwrap();
            assert_eq!(token_url.as_str(), r["tokenUrl"].as_str().unwrap());
            assert_eq!(Region::find(r["awsRegion"].as_str().unwrap()), Some(found));
        }
    }

    #[test]
    fn accepts_hosts_and_urls() {
        assert_eq!(
            Region::find("https://api.mypurecloud.ie/").unwrap().aws_region,
            "eu-west-1"
        );
        assert_eq!(
            Region::find("login.usw2.pure.cloud").unwrap().aws_region,
            "us-west-2"
        );
        assert_eq!(Region::find("MYPURECLOUD.DE").unwrap().aws_region, "eu-central-1");
        assert!(Region::find("example.com").is_none());
        assert!(Region::find("").is_none());
    }
}
