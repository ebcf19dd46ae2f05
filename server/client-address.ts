/**
 * Who a request comes from, for the rate limits, the recommend count and
 * the flag threshold: its network address, with IPv6 grouped by /64.
 *
 * An IPv6 host is routinely given a whole /64 and picks addresses in it at
 * will (privacy addresses), so counting each address as a client would let
 * one machine act as billions. IPv4 addresses count one by one.
 */
import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The first four groups of an IPv6 address, as `2001:db8:1:2::/64`; other text unchanged. */
export function clientOfAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!; // an IPv4 client on a dual-stack socket
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}

/**
 * The client of a request: the last `X-Forwarded-For` entry when a reverse
 * proxy that appends it is trusted, else the socket's peer.
 */
export function clientOf(request: FastifyRequest, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(request.headers['x-forwarded-for'] ?? '')
        .split(',')
        .at(-1)
        ?.trim()
    : '';
  return clientOfAddress(forwarded || request.socket.remoteAddress || 'unknown');
}
