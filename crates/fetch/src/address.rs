//! Which IP addresses truce may connect to, and the name resolver that enforces it on every connection.
//!
//! A fetch of a URL a feed or a user names must not reach into the machine's own network
//! (a router's admin page, a cloud metadata service, a database on localhost) unless the user
//! allows it. Checking the host name is not enough: a public name can resolve to a private
//! address, and a name can resolve differently a second later. The check therefore runs inside
//! the resolver the HTTP client uses, on the very addresses it will connect to, for the first
//! request and every redirect alike.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// Whether `address` is a public unicast address, the only kind fetched by default.
///
/// Refused: loopback, private (RFC 1918, IPv6 unique local), link-local, unspecified, the
/// "this network" block, shared address space (carrier-grade NAT), benchmarking, documentation,
/// reserved and broadcast ranges, multicast, and IPv6 forms that embed such an IPv4 address
/// (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
pub fn is_public_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_ipv4(v4),
        IpAddr::V6(v6) => is_public_ipv6(v6),
    }
}

fn is_public_ipv4(address: Ipv4Addr) -> bool {
    let [first, second, third, _] = address.octets();
    let refused = address.is_loopback()
        || address.is_private()
        || address.is_link_local()
        || address.is_unspecified()
        || address.is_broadcast()
        || address.is_multicast()
        || address.is_documentation()
        // 0.0.0.0/8: "this network"; some systems connect it to the local host.
        || first == 0
        // 100.64.0.0/10: shared address space behind carrier-grade NAT.
        || (first == 100 && (64..128).contains(&second))
        // 192.0.0.0/24: IETF protocol assignments.
        || (first == 192 && second == 0 && third == 0)
        // 198.18.0.0/15: benchmarking.
        || (first == 198 && (second == 18 || second == 19))
        // 240.0.0.0/4: reserved.
        || first >= 240;
    !refused
}

fn is_public_ipv6(address: Ipv6Addr) -> bool {
    if let Some(embedded) = embedded_ipv4(address) {
        return is_public_ipv4(embedded);
    }
    let segments = address.segments();
    let refused = address.is_loopback()
        || address.is_unspecified()
        || address.is_multicast()
        // fc00::/7: unique local addresses.
        || (segments[0] & 0xfe00) == 0xfc00
        // fe80::/10: link-local; fec0::/10: the deprecated site-local range.
        || (segments[0] & 0xffc0) == 0xfe80
        || (segments[0] & 0xffc0) == 0xfec0
        // 2001:db8::/32: documentation.
        || (segments[0] == 0x2001 && segments[1] == 0x0db8)
        // 100::/64: discard-only.
        || (segments[0] == 0x0100 && segments[1] == 0 && segments[2] == 0 && segments[3] == 0);
    !refused
}

/// The IPv4 address an IPv6 address stands for, when it is one of the forms that route to an
/// IPv4 host: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64
/// (`64:ff9b::a.b.c.d`) and 6to4 (`2002:aabb:ccdd::`).
fn embedded_ipv4(address: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(mapped) = address.to_ipv4_mapped() {
        return Some(mapped);
    }
    let segments = address.segments();
    let low_32_bits = || {
        Ipv4Addr::new(
            (segments[6] >> 8) as u8,
            segments[6] as u8,
            (segments[7] >> 8) as u8,
            segments[7] as u8,
        )
    };
    if segments[..6] == [0, 0, 0, 0, 0, 0] && !address.is_loopback() && !address.is_unspecified() {
        return Some(low_32_bits());
    }
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(low_32_bits());
    }
    if segments[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (segments[1] >> 8) as u8,
            segments[1] as u8,
            (segments[2] >> 8) as u8,
            segments[2] as u8,
        ));
    }
    None
}

/// The error the resolver raises when every address of a host is refused. It travels inside the
/// client's I/O error, and [`crate::Fetcher`] turns it into [`crate::FetchError::PrivateAddress`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RefusedAddress {
    pub(crate) host: String,
    pub(crate) address: IpAddr,
}

impl fmt::Display for RefusedAddress {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} resolves to {}, which is not a public address",
            self.host, self.address
        )
    }
}

impl std::error::Error for RefusedAddress {}

/// The client's resolver: the system's lookup, keeping only public addresses unless private ones
/// are allowed. A host whose addresses are all refused fails with [`RefusedAddress`].
#[derive(Debug, Default)]
pub(crate) struct PublicOnlyResolver {
    pub(crate) allow_private: bool,
    system: DefaultResolver,
}

impl PublicOnlyResolver {
    pub(crate) fn new(allow_private: bool) -> PublicOnlyResolver {
        PublicOnlyResolver {
            allow_private,
            system: DefaultResolver::default(),
        }
    }
}

impl Resolver for PublicOnlyResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let resolved = self.system.resolve(uri, config, timeout)?;
        if self.allow_private {
            return Ok(resolved);
        }
        let mut kept = self.empty();
        let mut first_refused: Option<SocketAddr> = None;
        for address in resolved.iter() {
            if is_public_address(address.ip()) {
                kept.push(*address);
            } else if first_refused.is_none() {
                first_refused = Some(*address);
            }
        }
        match first_refused {
            // A host with one public and one private address is refused as a whole: which one
            // the connection uses is not ours to choose, and a name pointing into a private
            // network is suspect anyway.
            Some(refused) => Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                RefusedAddress {
                    host: uri.host().unwrap_or_default().to_string(),
                    address: refused.ip(),
                },
            ))),
            None => Ok(kept),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public_address(text.parse().unwrap())
    }

    #[test]
    fn private_loopback_link_local_and_unspecified_addresses_are_refused() {
        for refused in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "192.0.0.8",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "fc12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:c0a8:0101::1",
        ] {
            assert!(!public(refused), "{refused} should be refused");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for allowed in [
            "93.184.216.34",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700:4700::1111",
            "::ffff:93.184.216.34",
            "2002:5db8:d822::1",
        ] {
            assert!(public(allowed), "{allowed} should be allowed");
        }
    }
}
