import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mintVerifikToken } from 'unified-collections/emulator';
import { EXPIRED_TOKEN, VERIFIK, VERIFIK_TOKEN, call, emulatorPool, manualClock } from './helpers.js';

// GET /v2/auth/session as vendor-apis.md §2.1 documents it: the current token (bare, as the
// renew page shows; Bearer or jwt too), optional `origin` and `expiresIn` (months), answered
// with `{accessToken, tokenType}` and no `data` wrapper; only a token that is still valid is
// renewed. The tokens the emulator mints carry `exp` and are accepted until then.

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const DAY = 86_400_000;
const SESSION = '/v2/auth/session';
const SESSION_ROUTE = `GET ${SESSION}`;
const exp = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number });

async function start(credentials: { token?: string; expiredToken?: string } = {}) {
  const clock = manualClock();
  const emu = await pool.start({ provider: 'verifik', seed: 'demo', credentials, now: clock.now });
  const renew = (authorization?: string, query = '?origin=refresh') =>
    call(emu.url, 'GET', `${SESSION}${query}`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
  const list = (token: string) => call(emu.url, 'GET', `${VERIFIK}/collections`, { headers: { Authorization: `Bearer ${token}` } });
  const person = (token: string) => call(emu.url, 'GET', `${VERIFIK}/persons?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
  return { emu, clock, renew, list, person };
}

describe('Verifik emulator: GET /v2/auth/session', () => {
  it('renews a valid token into a 30-day JWT, without a data wrapper, and counts the call', async () => {
    const { emu, clock, renew, list } = await start();
    const current = mintVerifikToken({ expiresAt: clock.now() + DAY });
    const res = await renew(current);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/), tokenType: 'bearer' });
    const fresh = res.body.accessToken as string;
    expect(exp(fresh)).toMatchObject({ iat: Math.floor(clock.now() / 1000), exp: Math.floor((clock.now() + 30 * DAY) / 1000) });
    expect((await list(fresh)).status).toBe(200);
    // The docs do not say renewing revokes the old token (only renew-and-revoke does): it still works.
    expect((await list(current)).status).toBe(200);
    expect(emu.stats.byRoute[SESSION_ROUTE]).toBe(1);
  });

  it('takes the token bare, or with a Bearer or jwt scheme', async () => {
    const { clock, renew } = await start();
    const current = mintVerifikToken({ expiresAt: clock.now() + DAY });
    for (const header of [current, `Bearer ${current}`, `jwt ${current}`, `bearer ${current}`]) expect((await renew(header)).status).toBe(200);
  });

  it('each renewal is a different token, and the same run mints the same tokens (deterministic)', async () => {
    const tokens: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const { clock, renew } = await start();
      const current = mintVerifikToken({ expiresAt: clock.now() + DAY });
      tokens.push([(await renew(current)).body.accessToken, (await renew(current)).body.accessToken]);
    }
    expect(new Set(tokens[0]).size).toBe(2);
    expect(tokens[1]).toEqual(tokens[0]);
  });

  it('expiresIn counts months of 30 days; anything but a whole number from 1 is a 409', async () => {
    const { clock, renew } = await start();
    const current = mintVerifikToken({ expiresAt: clock.now() + DAY });
    const twoMonths = await renew(current, '?origin=refresh&expiresIn=2');
    expect(exp(twoMonths.body.accessToken).exp).toBe(Math.floor((clock.now() + 60 * DAY) / 1000));
    for (const bad of ['0', '-1', '1.5', 'abc', '']) {
      const res = await renew(current, `?expiresIn=${bad}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'MissingParameter' });
    }
  });

  it('a missing Authorization header is 409 MissingParameter, as documented', async () => {
    const { renew } = await start();
    const res = await renew();
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'MissingParameter', message: 'missing Authorization header' });
  });

  it('an expired, unknown or tampered token is 401 "Invalid or expired token." and is not renewed', async () => {
    const { emu, clock, renew } = await start({ token: VERIFIK_TOKEN, expiredToken: EXPIRED_TOKEN });
    const valid = mintVerifikToken({ expiresAt: clock.now() + DAY });
    const [header, payload] = valid.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...exp(valid), exp: exp(valid).exp + 86_400 })).toString('base64url')}.${valid.split('.')[2]}`;
    for (const token of [mintVerifikToken({ expiresAt: clock.now() - 1_000 }), EXPIRED_TOKEN, 'someone-elses-token', tampered, `${header}.${payload}.`]) {
      const res = await renew(token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: 'Unauthorized', message: 'Invalid or expired token.',
        signature: { message: 'Certified by Verifik.co', dateTime: expect.any(String) },
      });
    }
    expect(emu.stats.byRoute[SESSION_ROUTE]).toBe(5);
    expect(emu.stats.byStatus[200]).toBeUndefined();
  });

  it('does not offer renew-and-revoke: a client must never call it', async () => {
    const { emu, clock } = await start();
    const res = await call(emu.url, 'POST', '/v2/auth/renew-and-revoke', { headers: { Authorization: mintVerifikToken({ expiresAt: clock.now() + DAY }) } });
    expect(res.status).toBe(404);
  });
});

describe('Verifik emulator: tokens with exp on every route', () => {
  it('a minted token works until its exp, then gets each family\'s expired answer', async () => {
    const { clock, list, person } = await start({ token: VERIFIK_TOKEN });
    const token = mintVerifikToken({ expiresAt: clock.now() + 60_000 });
    expect((await list(token)).status).toBe(200);
    expect((await person(token)).status).toBe(200);
    clock.advance(59_999);
    expect((await list(token)).status).toBe(200);
    clock.advance(1);
    expect(await list(token)).toMatchObject({ status: 403, body: { message: 'Access forbidden', code: 'Forbidden' } });
    expect(await person(token)).toMatchObject({ status: 403, body: { message: 'token_expired', code: 'FORBIDDEN' } });
  });

  it('with any credential accepted (none configured), a JWT past its exp is still expired', async () => {
    const { clock, list } = await start();
    expect((await list('any-token-at-all')).status).toBe(200);
    expect((await list(mintVerifikToken({ expiresAt: clock.now() - 1 }))).status).toBe(403);
  });

  it('the configured token and expiredToken keep working as before; a JWT it did not mint is refused', async () => {
    const { list } = await start({ token: VERIFIK_TOKEN, expiredToken: EXPIRED_TOKEN });
    expect((await list(VERIFIK_TOKEN)).status).toBe(200);
    expect((await list(EXPIRED_TOKEN)).status).toBe(403);
    expect((await list('someone-elses-token')).status).toBe(401);
    const foreign = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"exp":9999999999}').toString('base64url')}.`;
    expect((await list(foreign)).status).toBe(401);
  });

  it('any token renewed through the session is accepted, and keeps renewing while valid (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 29 * DAY }), { minLength: 1, maxLength: 5 }), async (waits) => {
      const { clock, renew, list } = await start({ token: VERIFIK_TOKEN });
      let token = (await renew(VERIFIK_TOKEN)).body.accessToken as string;
      for (const wait of waits) {
        clock.advance(wait);
        expect((await list(token)).status).toBe(200);
        const res = await renew(token);
        expect(res.status).toBe(200);
        token = res.body.accessToken;
      }
      clock.advance(30 * DAY);
      expect((await renew(token)).status).toBe(401);
      await pool.closeAll();
    }), { numRuns: 20 });
  });
});
