import { inspect } from 'node:util';
import { expect } from '@jest/globals';

/**
 * The credential every fault-matrix client sends and every emulator demands: '/', '+' and '='
 * make its URL-encoded and base64 forms differ from the raw one, so each form is a real check.
 */
export const CANARY = 'fm_canary_7Q9x/Z2k+Lm=S3cr3t';

const ENCODED = encodeURIComponent(CANARY);
const BASE64 = Buffer.from(CANARY).toString('base64');

/** Every form in which the canary could leak. */
export const CANARY_FORMS: readonly string[] = [
  CANARY,
  ENCODED,
  BASE64,
  Buffer.from(CANARY).toString('base64url'),
  `Bearer ${CANARY}`,
];

/**
 * A server quoting the credential back in every form. Kept short (< 200 characters) so no vendor
 * mapper's length cap cuts it, which would hide an unredacted prefix from the exact-form check.
 */
export const ECHO = `key=${CANARY} enc=${ENCODED} b64=${BASE64} auth="Bearer ${CANARY}"`;

/** Every rendering of an error or result that a log line could contain. */
export function renderings(value: unknown): Array<[where: string, text: string]> {
  const out: Array<[string, string]> = [
    ['util.inspect', inspect(value, { depth: 10 })],
    ['util.inspect showHidden', inspect(value, { depth: 10, showHidden: true })],
    ['JSON.stringify', JSON.stringify(value) ?? ''],
  ];
  if (value instanceof Error) {
    out.push(['message', value.message], ['stack', String(value.stack)], ['String(cause)', String(value.cause)]);
  }
  return out;
}

/** Fails naming the rendering and the form that leaked (the canary is a test value, safe to print). */
export function expectNoCanary(value: unknown): void {
  const leaks = renderings(value).flatMap(([where, text]) =>
    CANARY_FORMS.filter((form) => text.includes(form)).map((form) => `${where} contains ${JSON.stringify(form)}`));
  expect(leaks).toEqual([]);
}
