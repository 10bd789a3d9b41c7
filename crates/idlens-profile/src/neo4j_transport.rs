//! Whether a Neo4j URI protects the password and the graph's data in
//! transit. IdLens warns and still connects: a graph on a private network
//! may be reached in clear on purpose. On this machine nothing travels over
//! a network, as with an `http://` issuer on loopback.

use std::fmt;

use crate::model::is_loopback_host;
use crate::Neo4jSettings;

/// Why a Neo4j connection does not protect what it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neo4jTransportWarning {
    /// `neo4j://` or `bolt://` to another machine: nothing is encrypted.
    Plaintext,
    /// `neo4j+ssc://` or `bolt+ssc://` to another machine: encrypted, but any
    /// certificate is accepted, so anyone on the way can pose as the server.
    CertificateNotVerified,
}

impl fmt::Display for Neo4jTransportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Plaintext => "neo4j:// and bolt:// are not encrypted: the Neo4j password and the graph's data travel in clear text to a host that is not this machine. Use neo4j+s:// or bolt+s://.",
            Self::CertificateNotVerified => "neo4j+ssc:// and bolt+ssc:// accept any certificate: anyone on the network path can pose as the server and read the Neo4j password and the graph's data. Use neo4j+s:// or bolt+s:// with a certificate this machine trusts.",
        })
    }
}

impl Neo4jSettings {
    /// What the URI leaves unprotected; `None` for TLS with a verified
    /// certificate (`+s`), or any scheme to this machine.
    pub fn transport_warning(&self) -> Option<Neo4jTransportWarning> {
        let (scheme, _) = self.uri.split_once("://")?;
        let warning = match scheme.to_ascii_lowercase().as_str() {
            "neo4j" | "bolt" => Neo4jTransportWarning::Plaintext,
            "neo4j+ssc" | "bolt+ssc" => Neo4jTransportWarning::CertificateNotVerified,
            _ => return None,
        };
        // A URI whose host cannot be read is not known to stay on this machine.
        let on_this_machine = url::Url::parse(&self.uri)
            .ok()
            .and_then(|u| u.host_str().map(is_loopback_host))
            .unwrap_or(false);
        (!on_this_machine).then_some(warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphMapping;

    fn warning_for(uri: &str) -> Option<Neo4jTransportWarning> {
        Neo4jSettings {
            uri: uri.into(),
            user: "neo4j".into(),
            database: None,
            mapping: GraphMapping::default(),
        }
        .transport_warning()
    }

    #[test]
    fn plaintext_to_another_machine_is_warned() {
        for uri in [
            "bolt://graph.example:7687",
            "neo4j://graph.example",
            "bolt://10.0.0.5:7687",
            "neo4j://neo4j:7687",
            "bolt://[2001:db8::1]:7687",
            "bolt://localhost.evil.example:7687",
            "bolt://127.0.0.1.evil.example",
        ] {
            assert_eq!(
                warning_for(uri),
                Some(Neo4jTransportWarning::Plaintext),
                "{uri}"
            );
        }
    }

    #[test]
    fn an_unverified_certificate_to_another_machine_is_warned() {
        for uri in ["bolt+ssc://graph.example:7687", "neo4j+ssc://10.0.0.5"] {
            assert_eq!(
                warning_for(uri),
                Some(Neo4jTransportWarning::CertificateNotVerified),
                "{uri}"
            );
        }
    }

    #[test]
    fn verified_tls_or_this_machine_is_fine() {
        for uri in [
            "bolt+s://graph.example:7687",
            "neo4j+s://abc.databases.neo4j.io",
            "bolt://127.0.0.1:7687",
            "neo4j://localhost",
            "bolt://LOCALHOST:7687",
            "bolt://[::1]:7687",
            "neo4j+ssc://127.0.0.9:7687",
            "bolt+s://localhost",
        ] {
            assert_eq!(warning_for(uri), None, "{uri}");
        }
    }

    #[test]
    fn the_warnings_say_what_travels_and_what_to_use_instead() {
        let plain = Neo4jTransportWarning::Plaintext.to_string();
        assert!(
            plain.contains("clear text") && plain.contains("neo4j+s://"),
            "{plain}"
        );
        let ssc = Neo4jTransportWarning::CertificateNotVerified.to_string();
        assert!(
            ssc.contains("any certificate") && ssc.contains("bolt+s://"),
            "{ssc}"
        );
    }
}
