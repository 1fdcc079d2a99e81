// Refuses addresses a feed URL must never reach: loopback, private, link-local (which holds the
// cloud metadata endpoint 169.254.169.254), carrier-grade NAT, multicast and reserved ranges.
// Checked on the resolved address, not the name, so DNS tricks and redirects are caught too.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; also holds 100.100.100.200, a cloud metadata address
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. 169.254.169.254 metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  // IPv4-compatible (::a.b.c.d, deprecated) holds :: and ::1 too; its IPv4 would be reached directly.
  ['::', 96],
  // 6to4 and Teredo tunnel to an IPv4 address (a relay may hand it to a private one); feeds need neither.
  ['2002::', 16],
  ['2001::', 32],
  ['fc00::', 7], // unique local, incl. fd00:ec2::254 metadata
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(address);
  if (m === null) return null;
  const rest = m[1] as string;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (hex === null) return null;
  const hi = parseInt(hex[1] as string, 16);
  const lo = parseInt(hex[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when a feed fetch must not connect to this IP address. */
export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    return v4 !== null ? blocked.check(v4, 'ipv4') : blocked.check(ip, 'ipv6');
  }
  return true; // not an IP address at all: refuse rather than guess
}

export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'blocked_address';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} resolves to ${address}, a private or local address; feeds must be on the public internet (an operator can allow intranet feeds with TICKERBELL_ALLOW_PRIVATE_FEEDS=true)`,
    );
  }
}

/**
 * A dns.lookup for http.request that resolves every address of the name and fails when any is
 * blocked (a name with one public and one private address could be steered to the private one).
 */
export type AddressPolicy = (address: string, host: string) => boolean;

export function createGuardedLookup(
  resolve: typeof dnsLookup = dnsLookup,
  isBlocked: AddressPolicy = isBlockedAddress,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const bad = addresses.find((a) => isBlocked(a.address, hostname));
      if (bad !== undefined) {
        callback(Object.assign(new BlockedAddressError(hostname, bad.address), { code: 'blocked_address' }), '', 0);
        return;
      }
      if (options.all === true) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const first = addresses[0];
      if (first === undefined)
        callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}
