//! [`ConnectionSettings`]: where the graph is and who IdLens is there.

use std::time::Duration;

use idlens_secret::Secret;

use crate::GraphError;

/// How to reach Neo4j. `uri` is `scheme://host[:port]` with one of the schemes
/// below; the user name and password never go in it.
///
/// | scheme | TLS |
/// |---|---|
/// | `bolt://`, `neo4j://` | none |
/// | `bolt+s://`, `neo4j+s://` | verified against the system's roots |
/// | `bolt+ssc://`, `neo4j+ssc://` | accepted without verification (self-signed) |
///
/// `neo4j://` asks drivers for cluster routing, which neo4rs has only as an
/// experiment: IdLens connects directly to the given host instead (as
/// `bolt://` would), which is right for a single server and for a cluster
/// member that serves the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    pub uri: String,
    pub user: String,
    pub password: Secret,
    /// `None`: the server's default database.
    pub database: Option<String>,
}

/// How long IdLens waits for Neo4j.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To open the first connection and run a trivial query.
    pub connect: Duration,
    /// For one query's answer, or the next row of a stream.
    pub answer: Duration,
    /// For one write batch, from BEGIN to COMMIT.
    pub write: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(15),
            answer: Duration::from_secs(30),
            write: Duration::from_secs(300),
        }
    }
}

const SCHEMES: &[(&str, &str)] = &[
    ("bolt", "bolt"),
    ("bolt+s", "bolt+s"),
    ("bolt+ssc", "bolt+ssc"),
    ("neo4j", "bolt"),
    ("neo4j+s", "bolt+s"),
    ("neo4j+ssc", "bolt+ssc"),
];

impl ConnectionSettings {
    /// The URI neo4rs is given: `neo4j*` schemes become their `bolt*` twin
    /// (a direct connection), a missing port becomes 7687.
    pub(crate) fn driver_uri(&self) -> Result<String, GraphError> {
        let invalid = |problem: &str| GraphError::InvalidUri {
            uri: redacted(&self.uri),
            problem: problem.to_owned(),
        };
        let uri = self.uri.trim();
        let (scheme, rest) = uri
            .split_once("://")
            .ok_or_else(|| invalid("it has no scheme"))?;
        let scheme = scheme.to_ascii_lowercase();
        let direct = SCHEMES
            .iter()
            .find(|(given, _)| *given == scheme)
            .map(|(_, direct)| *direct)
            .ok_or_else(|| invalid("the scheme is not one Neo4j drivers use"))?;
        let authority = rest.trim_end_matches('/');
        if authority.is_empty() {
            return Err(invalid("it has no host"));
        }
        if authority.contains('@') {
            return Err(invalid(
                "it holds credentials; give the user and password in their own fields",
            ));
        }
        if authority.contains(['/', '?', '#']) {
            return Err(invalid(
                "it has a path or query; give only scheme://host:port",
            ));
        }
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| port.parse::<u16>().is_ok());
        let port = if has_port { "" } else { ":7687" };
        Ok(format!("{direct}://{authority}{port}"))
    }

    /// `host:port` for messages.
    pub(crate) fn address(&self) -> String {
        match self.driver_uri() {
            Ok(uri) => uri
                .split_once("://")
                .map_or(uri.clone(), |(_, a)| a.to_owned()),
            Err(_) => redacted(&self.uri),
        }
    }
}

/// The URI without anything between `://` and an `@` (user and password).
fn redacted(uri: &str) -> String {
    match (uri.find("://"), uri.rfind('@')) {
        (Some(start), Some(at)) if at > start => format!("{}://…{}", &uri[..start], &uri[at..]),
        _ => uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(uri: &str) -> ConnectionSettings {
        ConnectionSettings {
            uri: uri.into(),
            user: "neo4j".into(),
            password: Secret::new("pw"),
            database: None,
        }
    }

    #[test]
    fn every_driver_scheme_is_accepted_and_neo4j_connects_directly() {
        let cases = [
            ("bolt://db:7687", "bolt://db:7687"),
            ("bolt+s://db.example.com", "bolt+s://db.example.com:7687"),
            ("bolt+ssc://10.0.0.1:7688/", "bolt+ssc://10.0.0.1:7688"),
            ("neo4j://db", "bolt://db:7687"),
            ("NEO4J+S://db:1", "bolt+s://db:1"),
            ("neo4j+ssc://db", "bolt+ssc://db:7687"),
        ];
        for (given, expected) in cases {
            assert_eq!(settings(given).driver_uri().unwrap(), expected, "{given}");
        }
        assert_eq!(settings("neo4j://db").address(), "db:7687");
    }

    #[test]
    fn unusable_uris_say_why() {
        for (uri, problem) in [
            ("db:7687", "no scheme"),
            ("http://db:7474", "not one Neo4j drivers use"),
            ("bolt://", "no host"),
            ("bolt://neo4j:secret@db", "credentials"),
            ("bolt://db/x", "path"),
        ] {
            let err = settings(uri).driver_uri().unwrap_err().to_string();
            assert!(err.contains(problem), "{uri}: {err}");
            assert!(!err.contains("secret"), "{err}");
        }
    }
}
