import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { jwtExpiresAt } from '../../../src/providers/verifik/verifik-jwt.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
const jwt = (payload: unknown, header = HEADER) => `${header}.${b64(payload)}.${b64('signature')}`;

describe('reading exp from a token', () => {
  it('any JWT with a numeric exp gives exp in ms, whatever else it claims', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 8_640_000_000_000 }),
      fc.dictionary(fc.string().filter((key) => key !== 'exp' && key !== '__proto__'), fc.jsonValue()),
      (exp, claims) => {
        expect(jwtExpiresAt(jwt({ ...claims, exp }))).toBe(exp * 1000);
      },
    ), { numRuns: 1000 });
  });

  it('fractional seconds are kept to the millisecond', () => {
    expect(jwtExpiresAt(jwt({ exp: 1_772_366_520.5 }))).toBe(1_772_366_520_500);
  });

  it.each([
    ['no exp', jwt({ sub: 'x', iat: 1 })],
    ['exp as a string', jwt({ exp: '1772366520' })],
    ['exp zero', jwt({ exp: 0 })],
    ['exp negative', jwt({ exp: -5 })],
    ['exp beyond what a Date holds', jwt({ exp: 9e12 })],
    ['a payload that is an array', jwt([1, 2])],
    ['a payload that is a number', jwt(1_772_366_520)],
    ['a header that is not JSON', jwt({ exp: 1_772_366_520 }, 'vf')],
    ['two segments', `${HEADER}.${b64({ exp: 1_772_366_520 })}`],
    ['a JWE (five segments)', `${HEADER}.${b64('key')}.${b64('iv')}.${b64({ exp: 1_772_366_520 })}.${b64('tag')}`],
    ['characters outside base64url', `${HEADER}.${b64({ exp: 1_772_366_520 })}+.sig`],
    ['an opaque token', 'vf.test.token'],
  ])('%s: no expiry (used as it is, never renewed)', (_label, token) => {
    expect(jwtExpiresAt(token)).toBeUndefined();
  });

  it('never throws, whatever the string', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string(), fc.array(fc.base64String(), { maxLength: 4 }).map((parts) => parts.join('.'))),
      (token) => {
        const result = jwtExpiresAt(token);
        expect(result === undefined || Number.isFinite(result)).toBe(true);
      },
    ), { numRuns: 2000 });
  });
});
