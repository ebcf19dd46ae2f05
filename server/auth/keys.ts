/**
 * The keys the publisher's site signs its readers' tokens with, as given by
 * `--sso-keys FILE`: a JSON object from key id (`kid`) to a key.
 *
 * - `{ "alg": "HS256", "secret": "…" }`: a shared secret, whose key is the
 *   UTF-8 bytes of `secret`, at least 32 of them (RFC 7518 §3.2 asks for
 *   a key at least as long as the hash).
 * - A public JWK (Ed25519 for EdDSA, P-256 for ES256, RSA of 2048 bits or
 *   more for RS256), so the comments server holds no signing secret. A JWK
 *   with private parts is refused: this server never needs them.
 *
 * Each key is pinned to one algorithm, so a token can never choose how it is
 * checked: an HS256 token is never checked against a public key's bytes.
 * Several keys may be active at once, for rotation.
 */
import { importJWK, type CryptoKey, type JWK } from 'jose';

/** The algorithms a key may be pinned to. */
export const ALGORITHMS = ['HS256', 'EdDSA', 'ES256', 'RS256'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** A key ready to verify with, and the one algorithm it verifies. */
export interface VerificationKey {
  readonly kid: string;
  readonly alg: Algorithm;
  readonly key: CryptoKey | Uint8Array;
}

/** Key ids to keys. */
export type KeySet = ReadonlyMap<string, VerificationKey>;

/** A key file that cannot be used, with a sentence that says what to fix. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

const MIN_SECRET_BYTES = 32;
const MIN_RSA_BITS = 2048;
const PRIVATE_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The algorithm a public JWK can only mean, or why it is no key of ours. */
function algorithmOf(jwk: Record<string, unknown>): { alg: Algorithm } | { problem: string } {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return { alg: 'EdDSA' };
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return { alg: 'ES256' };
  if (jwk.kty === 'RSA') {
    const bits = typeof jwk.n === 'string' ? Buffer.from(jwk.n, 'base64url').length * 8 : 0;
    if (bits >= MIN_RSA_BITS) return { alg: 'RS256' };
    return { problem: `is an RSA key of ${bits} bits; it needs at least ${MIN_RSA_BITS}` };
  }
  return { problem: 'is neither an HS256 secret nor a public Ed25519, P-256 or RSA JWK' };
}

async function readKey(kid: string, value: unknown): Promise<VerificationKey> {
  const bad = (why: string) => new KeyFileError(`Key "${kid}" ${why}.`);
  if (!isObject(value)) throw bad('must be an object');
  if ('secret' in value || value.alg === 'HS256') {
    if (value.alg !== 'HS256') throw bad('has a secret, so its alg must be "HS256"');
    if (typeof value.secret !== 'string') throw bad('needs its secret as a string');
    const bytes = new TextEncoder().encode(value.secret);
    if (bytes.length < MIN_SECRET_BYTES)
      throw bad(`has a secret of ${bytes.length} bytes; it needs at least ${MIN_SECRET_BYTES}`);
    return { kid, alg: 'HS256', key: bytes };
  }
  if (PRIVATE_PARTS.some((part) => part in value)) {
    throw bad('holds private or secret parts; give only the public key, this server only verifies');
  }
  const meant = algorithmOf(value);
  if ('problem' in meant) throw bad(meant.problem);
  const { alg } = meant;
  if (value.alg !== undefined && value.alg !== alg) {
    throw bad(`says alg ${JSON.stringify(value.alg)}, but such a key verifies ${alg}`);
  }
  try {
    const key = await importJWK({ ...(value as JWK), alg }, alg);
    return { kid, alg, key: key as CryptoKey };
  } catch (error) {
    throw bad(`is not a usable ${alg} key (${(error as Error).message})`);
  }
}

/**
 * Reads a key file's text into a key set.
 *
 * @throws {KeyFileError} for text that is not a JSON object of keys, an empty
 *   one, or any key that cannot be used safely; the message names the key.
 */
export async function readKeySet(text: string): Promise<KeySet> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError('The key file is not JSON.');
  }
  if (!isObject(value)) throw new KeyFileError('The key file must be a JSON object from key id to key.');
  const entries = Object.entries(value);
  if (entries.length === 0) throw new KeyFileError('The key file holds no key.');
  const keys = await Promise.all(entries.map(([kid, key]) => readKey(kid, key)));
  return new Map(keys.map((key) => [key.kid, key]));
}
