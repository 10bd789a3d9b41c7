//! Which addresses a request may reach.
//!
//! A URL IdLens did not choose (a users export's `location`, handed out by
//! the tenant, and where it redirects) must not make IdLens a blind client
//! of services that trust this machine or its network: a loopback admin
//! port, a router, a cloud metadata service. Such requests are made with
//! [`Reach::PublicOnly`], checked on the address actually connected to:
//!
//! - names are resolved by [`PublicResolver`], which refuses a name when
//!   any of its addresses is not public, so the connection can only go to
//!   addresses that were checked (no second lookup to rebind);
//! - IP literals, which the connector uses without resolving, are checked
//!   by [`crate::check_url_for`] before the request and in every redirect;
//! - such a client connects directly, never through `HTTP(S)_PROXY`: a
//!   proxy resolves and connects on its own, where no check can follow.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Which addresses a client's requests may go to (on top of [`crate::check_url`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Any address: the tenant's own endpoints, keys and sign-in, whose
    /// URLs the user configured (this machine included: the sandbox).
    Any,
    /// Only public addresses: never loopback, private, link-local, shared
    /// (CGNAT), multicast, broadcast, documentation or reserved ones, nor
    /// IPv6 forms that embed them.
    PublicOnly,
}

impl Reach {
    /// For URLs handed out by the server at `base`: anywhere when that
    /// server is itself on this machine (the sandbox), else public only.
    pub fn for_links_from(base: &url::Url) -> Reach {
        if crate::is_loopback_url(base) == Some(true) {
            Reach::Any
        } else {
            Reach::PublicOnly
        }
    }
}

/// What kind of address is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    Shared,
    Multicast,
    Broadcast,
    Documentation,
    Reserved,
}

impl fmt::Display for AddressKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddressKind::Unspecified => "the unspecified address",
            AddressKind::Loopback => "a loopback address (this machine)",
            AddressKind::Private => "a private network address",
            AddressKind::LinkLocal => "a link-local address",
            AddressKind::Shared => "a shared (carrier-grade NAT) address",
            AddressKind::Multicast => "a multicast address",
            AddressKind::Broadcast => "the broadcast address",
            AddressKind::Documentation => "a documentation address",
            AddressKind::Reserved => "a reserved address",
        })
    }
}

/// Why `ip` is not public, or `None` when it is.
pub fn non_public(ip: IpAddr) -> Option<AddressKind> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<AddressKind> {
    use AddressKind::*;
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        _ if ip.is_unspecified() => Unspecified,
        _ if ip.is_broadcast() => Broadcast,
        (0, _, _) => Reserved, // "this network"
        (127, _, _) => Loopback,
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => Private,
        (100, 64..=127, _) => Shared,
        (169, 254, _) => LinkLocal,
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Documentation,
        (192, 0, 0) | (198, 18..=19, _) | (240..=255, _, _) => Reserved,
        (224..=239, _, _) => Multicast,
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<AddressKind> {
    use AddressKind::*;
    if let Some(v4) = embedded_v4(ip) {
        return non_public_v4(v4);
    }
    let s = ip.segments();
    Some(match s[0] {
        _ if ip.is_unspecified() => Unspecified,
        _ if ip.is_loopback() => Loopback,
        0xfc00..=0xfdff | 0xfec0..=0xfeff => Private, // unique local, old site-local
        0xfe80..=0xfebf => LinkLocal,
        0xff00..=0xffff => Multicast,
        0x2001 if s[1] == 0x0db8 => Documentation,
        0x0064 if s[1] == 0xff9b && s[2] == 1 => Private, // local-use NAT64
        0x0100 if s[1..4] == [0, 0, 0] => Reserved,       // discard-only
        _ => return None,
    })
}

/// The IPv4 address an IPv6 one stands for: mapped (`::ffff:a.b.c.d`),
/// compatible (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4
/// (`2002:aabb:ccdd::`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low = Ipv4Addr::from(((s[6] as u32) << 16) | s[7] as u32);
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(low),
        [0, 0, 0, 0, 0, 0, _, _] if !ip.is_unspecified() && !ip.is_loopback() => Some(low),
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(low),
        [0x2002, hi, lo, ..] => Some(Ipv4Addr::from(((hi as u32) << 16) | lo as u32)),
        _ => None,
    }
}

/// A name refused because it resolves to an address that is not public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPublicName {
    pub host: String,
    pub addr: IpAddr,
    pub kind: AddressKind,
}

impl fmt::Display for NotPublicName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} resolves to {}, {}, and this request may go only to public addresses",
            self.host, self.addr, self.kind
        )
    }
}

impl std::error::Error for NotPublicName {}

/// Resolves names with the system resolver and refuses any name with an
/// address that is not public: the addresses it hands out are the only
/// ones the client connects to.
pub(crate) struct PublicResolver;

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some((addr, kind)) = addrs
                .iter()
                .find_map(|a| non_public(a.ip()).map(|kind| (a.ip(), kind)))
            {
                return Err(Box::new(NotPublicName { host, addr, kind }) as _);
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<AddressKind> {
        non_public(text.parse().unwrap())
    }

    #[test]
    fn public_addresses_pass() {
        for public in [
            "1.1.1.1",
            "52.94.236.248",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "192.0.3.1",
            "2606:4700:4700::1111",
            "2a05:d018::1",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert_eq!(kind(public), None, "{public}");
        }
    }

    #[test]
    fn every_local_kind_is_refused_in_both_families() {
        use AddressKind::*;
        for (text, expected) in [
            ("127.0.0.1", Loopback),
            ("127.255.0.9", Loopback),
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Reserved),
            ("10.1.2.3", Private),
            ("172.16.0.1", Private),
            ("172.31.255.255", Private),
            ("192.168.1.1", Private),
            ("100.64.0.1", Shared),
            ("100.127.255.255", Shared),
            ("169.254.169.254", LinkLocal),
            ("224.0.0.1", Multicast),
            ("255.255.255.255", Broadcast),
            ("192.0.2.1", Documentation),
            ("198.51.100.7", Documentation),
            ("203.0.113.9", Documentation),
            ("198.18.0.1", Reserved),
            ("240.0.0.1", Reserved),
            ("::", Unspecified),
            ("::1", Loopback),
            ("fc00::1", Private),
            ("fd12:3456::1", Private),
            ("fec0::1", Private),
            ("fe80::1", LinkLocal),
            ("ff02::1", Multicast),
            ("2001:db8::1", Documentation),
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:169.254.169.254", LinkLocal),
            ("::127.0.0.1", Loopback),
            ("::ffff:10.0.0.1", Private),
            ("64:ff9b::7f00:1", Loopback),
            ("64:ff9b:1::1", Private),
            ("2002:7f00:1::", Loopback),
            ("2002:c0a8:101::1", Private),
            ("100::1", Reserved),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn links_from_a_loopback_server_may_stay_on_this_machine() {
        let reach = |u: &str| Reach::for_links_from(&url::Url::parse(u).unwrap());
        assert_eq!(reach("http://127.0.0.1:4000/api/v2/"), Reach::Any);
        assert_eq!(reach("http://localhost:4000/"), Reach::Any);
        assert_eq!(
            reach("https://acme.eu.auth0.com/api/v2/"),
            Reach::PublicOnly
        );
        assert_eq!(reach("https://10.0.0.5/api/v2/"), Reach::PublicOnly);
    }
}
