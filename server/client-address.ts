/**
 * Who a request comes from, for the rate limits, the recommend count and
 * the flag threshold: its network address.
 */
import type { FastifyRequest } from 'fastify';

/**
 * The client of a request: the last `X-Forwarded-For` entry when a reverse
 * proxy that appends it is trusted, else the socket's peer.
 */
export function clientOf(request: FastifyRequest, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(request.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : '';
  return forwarded || request.socket.remoteAddress || 'unknown';
}
