/**
 * Checks the token with which the publisher's site vouches for a reader who
 * is signed in there: a JWT it signs in its backend with one of the keys of
 * `keys.ts`, which the browser only carries (`Authorization: Bearer …`).
 *
 * Header: `alg` and `kid`, both required; `alg` must be the one its key is
 * pinned to. Claims: `sub` (the reader's stable, opaque id on that site),
 * `name` (the display name, under the rules of a comment's author), `aud`
 * (this site's id), `iat` and `exp` (at most 24 hours apart), and optionally
 * `jti`, `role` (`"moderator"`) and `avatar` (an https URL).
 *
 * Every refusal is a 401 with a code of its own, so the element (and the
 * publisher's developers) can tell an expired token, which a fresh one
 * mends, from a forged one. No message ever repeats the token.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ErrorCode } from '../../src/model/comments/contract.js';
import { validateName } from '../../src/model/comments/validate.js';
import { CommentsError } from '../errors.js';
import type { KeySet } from './keys.js';

/** A reader the site vouched for. */
export interface Identity {
  /** The site's id, the token's `aud`. */
  readonly site: string;
  /** The reader's stable, opaque id on that site. */
  readonly sub: string;
  readonly name: string;
  readonly avatar?: string;
  readonly role: 'reader' | 'moderator';
  /** When the site signed the token, in seconds since the epoch: the newest token's name wins. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly jti?: string;
}

export interface VerifyOptions {
  readonly keys: KeySet;
  /** This site's id: a token for any other audience is refused. */
  readonly site: string;
  /** The clock, in ms since the epoch; tests move it. */
  readonly now?: () => number;
}

/** How far in the future a token's `iat` may be: the site's clock may run a little ahead of ours. */
export const CLOCK_SKEW_SECONDS = 60;
/** The longest a token may live, from `iat` to `exp`. */
export const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const MAX_SUB_LENGTH = 256;
const MAX_JTI_LENGTH = 256;
const MAX_AVATAR_LENGTH = 2048;

const refuse = (code: ErrorCode, message: string) => new CommentsError(401, code, message);
const malformed = (why: string) => refuse('token_invalid', `The sign-in token ${why}.`);
const badClaim = (claim: string, why: string) => refuse('token_claims_invalid', `The sign-in token's ${claim} ${why}.`);

/** The token of an `Authorization: Bearer …` header, or null when the header says nothing of one. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  const match = /^Bearer +([A-Za-z0-9_.~+/=-]+)$/i.exec(header.trim());
  if (!match) throw malformed('must come as "Authorization: Bearer <token>"');
  return match[1]!;
}

/** The protected header's `kid` and `alg`, or a refusal of a token that is no JWS of ours. */
function headerOf(token: string): { kid: string; alg: string } {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw malformed('is not a signed JWT');
  }
  if (token.split('.').length !== 3) throw malformed('is not a signed JWT');
  if (typeof header.alg !== 'string' || header.alg === '' || header.alg.toLowerCase() === 'none') {
    throw malformed('is not signed');
  }
  if (typeof header.kid !== 'string' || header.kid === '') throw malformed('names no key (kid)');
  return { kid: header.kid, alg: header.alg };
}

/** Turns jose's refusals into ours; anything else is not a verdict on the token, and is thrown on. */
function translate(error: unknown, site: string): never {
  if (error instanceof errors.JWTExpired) throw refuse('token_expired', 'The sign-in token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      throw refuse('token_wrong_audience', `The sign-in token is not for this site (${site}).`);
    throw badClaim(error.claim, error.reason === 'missing' ? 'is missing' : 'is not valid');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) throw malformed('has a signature that does not verify');
  if (error instanceof errors.JOSEError) throw malformed('could not be read as a signed JWT');
  throw error;
}

const isOptionalString = (value: unknown, max: number) =>
  value === undefined || (typeof value === 'string' && value !== '' && value.length <= max);

function identityOf(payload: JWTPayload, site: string, nowSeconds: number): Identity {
  const { sub, iat, exp, jti } = payload;
  const { name, role, avatar } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_LENGTH) {
    throw badClaim('sub', `must be the reader's id, 1 to ${MAX_SUB_LENGTH} characters`);
  }
  const nameProblem = validateName(name, 'name');
  if (nameProblem) throw badClaim('name', `is not a name a comment can carry: ${nameProblem.message}`);
  if (!Number.isFinite(iat) || !Number.isFinite(exp)) throw badClaim('iat and exp', 'must both be times in seconds');
  if (iat! > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw refuse('token_not_yet_valid', 'The sign-in token was issued in the future; check the signing clock.');
  }
  if (exp! - iat! > MAX_LIFETIME_SECONDS) throw badClaim('exp', 'is more than 24 hours after its iat');
  if (role !== undefined && role !== 'moderator') throw badClaim('role', 'must be "moderator" or absent');
  if (!isOptionalString(jti, MAX_JTI_LENGTH))
    throw badClaim('jti', `must be a string of at most ${MAX_JTI_LENGTH} characters`);
  if (avatar !== undefined && !isHttpsUrl(avatar)) throw badClaim('avatar', 'must be an https URL');
  return {
    site,
    sub,
    name: name as string,
    ...(avatar !== undefined && { avatar: avatar as string }),
    role: role === 'moderator' ? 'moderator' : 'reader',
    issuedAt: iat!,
    expiresAt: exp!,
    ...(jti !== undefined && { jti }),
  };
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_AVATAR_LENGTH) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Verifies a token and returns who it vouches for.
 *
 * @throws {CommentsError} 401 with `token_invalid` (not a JWT, unsigned or
 *   `alg: none`, no `kid`, an `alg` its key is not pinned to, a bad
 *   signature), `token_unknown_key`, `token_expired`, `token_not_yet_valid`
 *   (`iat` more than a minute ahead), `token_wrong_audience`, or
 *   `token_claims_invalid` (a required claim missing or malformed, a lifetime over 24 h).
 */
export async function verifyToken(token: string, { keys, site, now = Date.now }: VerifyOptions): Promise<Identity> {
  const { kid, alg } = headerOf(token);
  const key = keys.get(kid);
  if (!key)
    throw refuse(
      'token_unknown_key',
      `The sign-in token is signed with a key this server does not know (${kid.slice(0, 64)}).`,
    );
  if (alg !== key.alg)
    throw malformed(`is signed with ${alg.slice(0, 16)}, but key ${kid.slice(0, 64)} verifies ${key.alg} only`);
  const nowSeconds = Math.floor(now() / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key.key, {
      algorithms: [key.alg],
      audience: site,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: new Date(nowSeconds * 1000),
    }));
  } catch (error) {
    translate(error, site);
  }
  return identityOf(payload, site, nowSeconds);
}
