/**
 * Sign-in tokens, made and signed by jose as a publisher's backend would,
 * checked by the server: every forged, stale or malformed one is refused
 * with its own code, and the message never repeats the token.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { CommentsError } from '../errors.js';
import { KeyFileError, readKeySet, type KeySet } from './keys.js';
import { bearerToken, verifyToken } from './tokens.js';

const SITE = 'news.example';
const SECRET = 'a shared secret of at least 32 bytes, for HS256 tests';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const now = () => NOW;
const seconds = (ms: number) => Math.floor(ms / 1000);

const ed = await generateKeyPair('EdDSA', { extractable: true });
const ec = await generateKeyPair('ES256', { extractable: true });
const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
const publicJwk = async (key: CryptoKey) => exportJWK(key);

const keys: KeySet = await readKeySet(
  JSON.stringify({
    shared: { alg: 'HS256', secret: SECRET },
    ed: await publicJwk(ed.publicKey),
    ec: await publicJwk(ec.publicKey),
    rsa: await publicJwk(rsa.publicKey),
  }),
);

interface Make {
  kid?: string | null;
  alg?: string;
  key?: CryptoKey | Uint8Array;
  claims?: Record<string, unknown>;
  iat?: number;
  exp?: number;
}

/** A token as a publisher signs it; each test breaks one thing. */
async function token({
  kid = 'shared',
  alg = 'HS256',
  key,
  claims = {},
  iat = seconds(NOW),
  exp = iat + 600,
}: Make = {}) {
  const signer = new SignJWT({ sub: 'reader-1', name: 'Ana Lima', aud: SITE, ...claims })
    .setProtectedHeader({ alg, ...(kid !== null && { kid }) })
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  return signer.sign(key ?? new TextEncoder().encode(SECRET));
}

async function refusal(promise: Promise<unknown>): Promise<CommentsError> {
  const error = await promise.then(
    () => assert.fail('the token was accepted'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof CommentsError, `not a CommentsError: ${String(error)}`);
  assert.equal(error.status, 401);
  return error;
}

const verify = (text: string) => verifyToken(text, { keys, site: SITE, now });

describe('sign-in tokens', () => {
  it('accepts a token signed with each kind of key, and says who it vouches for', async () => {
    const made = [
      await token(),
      await token({ kid: 'ed', alg: 'EdDSA', key: ed.privateKey }),
      await token({ kid: 'ec', alg: 'ES256', key: ec.privateKey }),
      await token({ kid: 'rsa', alg: 'RS256', key: rsa.privateKey }),
    ];
    for (const text of made) {
      const identity = await verify(text);
      assert.deepEqual(
        { site: identity.site, sub: identity.sub, name: identity.name, role: identity.role },
        { site: SITE, sub: 'reader-1', name: 'Ana Lima', role: 'reader' },
      );
      assert.equal(identity.issuedAt, seconds(NOW));
    }
  });

  it('carries the optional role, avatar and jti', async () => {
    const identity = await verify(
      await token({ claims: { role: 'moderator', avatar: 'https://cdn.example/a.png', jti: 'once' } }),
    );
    assert.equal(identity.role, 'moderator');
    assert.equal(identity.avatar, 'https://cdn.example/a.png');
    assert.equal(identity.jti, 'once');
  });

  it('accepts tokens of two keys at once, for rotation', async () => {
    const rotated = await readKeySet(
      JSON.stringify({ old: { alg: 'HS256', secret: SECRET }, new: { alg: 'HS256', secret: `${SECRET}, rotated` } }),
    );
    const old = await token({ kid: 'old' });
    const fresh = await token({ kid: 'new', key: new TextEncoder().encode(`${SECRET}, rotated`) });
    for (const text of [old, fresh])
      assert.equal((await verifyToken(text, { keys: rotated, site: SITE, now })).sub, 'reader-1');
  });

  it('refuses alg none', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', kid: 'shared' })}.${encode({ sub: 'x', name: 'X', aud: SITE, iat: seconds(NOW), exp: seconds(NOW) + 60 })}.`;
    assert.equal((await refusal(verify(unsigned))).code, 'token_invalid');
  });

  it('refuses an HS256 token made with a public key as its secret', async () => {
    // The classic confusion: the public key is public, so anyone could sign with its bytes.
    const jwk = await publicJwk(ed.publicKey);
    for (const bytes of [JSON.stringify(jwk), jwk.x!]) {
      const forged = await token({ kid: 'ed', alg: 'HS256', key: new TextEncoder().encode(bytes.padEnd(32, '=')) });
      const error = await refusal(verify(forged));
      assert.equal(error.code, 'token_invalid');
      assert.match(error.message, /verifies EdDSA only/);
    }
  });

  it('refuses a token signed by the right kind of key but not ours', async () => {
    const other = await generateKeyPair('EdDSA');
    assert.equal(
      (await refusal(verify(await token({ kid: 'ed', alg: 'EdDSA', key: other.privateKey })))).code,
      'token_invalid',
    );
    assert.equal(
      (await refusal(verify(await token({ key: new TextEncoder().encode(`${SECRET}!`) })))).code,
      'token_invalid',
    );
  });

  it('refuses an unknown kid, and a token without one', async () => {
    assert.equal((await refusal(verify(await token({ kid: 'gone' })))).code, 'token_unknown_key');
    assert.equal((await refusal(verify(await token({ kid: null })))).code, 'token_invalid');
  });

  it('refuses another site, an expired token, and one issued in the future beyond a minute', async () => {
    assert.equal(
      (await refusal(verify(await token({ claims: { aud: 'other.example' } })))).code,
      'token_wrong_audience',
    );
    const expired = await token({ iat: seconds(NOW) - 3600, exp: seconds(NOW) - 1 });
    assert.equal((await refusal(verify(expired))).code, 'token_expired');
    assert.equal((await refusal(verify(await token({ iat: seconds(NOW) + 61 })))).code, 'token_not_yet_valid');
    // Within the skew, a site whose clock runs a little ahead is still believed.
    assert.equal((await verify(await token({ iat: seconds(NOW) + 59 }))).sub, 'reader-1');
  });

  it('refuses a lifetime over 24 hours', async () => {
    const error = await refusal(verify(await token({ exp: seconds(NOW) + 24 * 3600 + 1 })));
    assert.equal(error.code, 'token_claims_invalid');
    assert.match(error.message, /24 hours/);
  });

  it('refuses missing or malformed claims, naming the claim', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sub: undefined }, /sub/],
      [{ sub: '' }, /sub/],
      [{ name: undefined }, /name/],
      [{ name: '\u200B \u2060' }, /name/],
      [{ name: 'x'.repeat(81) }, /name/],
      [{ role: 'admin' }, /role/],
      [{ avatar: 'http://cdn.example/a.png' }, /avatar/],
      [{ avatar: 'javascript:alert(1)' }, /avatar/],
    ];
    for (const [claims, claim] of cases) {
      const error = await refusal(verify(await token({ claims })));
      assert.equal(error.code, 'token_claims_invalid', JSON.stringify(claims));
      assert.match(error.message, claim);
    }
  });

  it('refuses what is not a JWT, and never repeats the token in a message', async () => {
    const secretish = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';
    for (const text of ['', 'not a token', 'a.b', secretish, `${await token()}x`]) {
      const error = await refusal(verify(text));
      assert.ok(error.code === 'token_invalid' || error.code === 'token_unknown_key', error.code);
      assert.ok(!error.message.includes('c2VjcmV0'), error.message);
    }
  });
});

describe('the bearer header', () => {
  it('reads "Bearer <token>", and nothing for no header', () => {
    assert.equal(bearerToken('Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerToken('bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerToken(undefined), null);
  });

  it('refuses another scheme or a header with more in it', () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'abc.def.ghi']) {
      assert.throws(
        () => bearerToken(header),
        (error: CommentsError) => error.code === 'token_invalid',
      );
    }
  });
});

describe('the key file', () => {
  const refused = async (value: unknown, message: RegExp) =>
    assert.rejects(readKeySet(typeof value === 'string' ? value : JSON.stringify(value)), (error: Error) => {
      assert.ok(error instanceof KeyFileError);
      assert.match(error.message, message);
      return true;
    });

  it('refuses a short secret, a private key, a weak or unknown key, and a mismatched alg', async () => {
    await refused({ k: { alg: 'HS256', secret: 'short' } }, /"k" has a secret of 5 bytes; it needs at least 32/);
    await refused({ k: { secret: SECRET } }, /alg must be "HS256"/);
    await refused({ k: await exportJWK(ed.privateKey) }, /private/);
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    await refused({ k: weak }, /1024 bits/);
    await refused({ k: { kty: 'EC', crv: 'P-384', x: 'a', y: 'b' } }, /neither/);
    await refused({ k: { ...(await exportJWK(ed.publicKey)), alg: 'ES256' } as JWK }, /verifies EdDSA/);
    await refused('not json', /not JSON/);
    await refused({}, /no key/);
    await refused([], /object/);
  });
});
