import { inspect } from 'node:util';
import { expect } from '@jest/globals';
import { z } from 'zod';
import { CollectionError, type CollectionErrorCode, isCollectionError } from '../../src/errors.js';
import { HttpClient, type HttpClientSettings } from '../../src/http/http-client.js';
import { MemoryQuotaStore } from '../../src/quota/memory-quota-store.js';
import { Redactor } from '../../src/http/redact.js';
import type { VendorErrorInfo, VendorErrorMapping } from '../../src/http/request-spec.js';
import { FakeClock } from './fake-clock.js';

/** A credential that must never show up anywhere; '/', '+' and '=' make its encodings differ. */
export const CANARY = 'uc_canary_7Q9x/Z2k+Lm=S3cr3t';

/** Every form in which the canary could leak. */
export const CANARY_FORMS: readonly string[] = [
  CANARY,
  encodeURIComponent(CANARY),
  Buffer.from(CANARY).toString('base64'),
  Buffer.from(CANARY).toString('base64url'),
  `Bearer ${CANARY}`,
];

export const itemSchema = z.object({ id: z.string(), name: z.string().optional() });

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function codeForStatus(status: number): CollectionErrorCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409 || status === 412) return 'CONFLICT';
  if (status >= 400 && status < 500 && status !== 408) return 'INVALID_INPUT';
  return 'PROVIDER_ERROR';
}

/** A Wickson-like mapper: echoes the vendor message (so echoed secrets reach the redactor). */
export function testMapper(info: VendorErrorInfo, now: number): VendorErrorMapping {
  const body = record(info.body);
  const details = record(body?.details);
  const mapping: VendorErrorMapping = {
    code: codeForStatus(info.status),
    message: `test vendor: ${typeof body?.message === 'string' ? body.message : `HTTP ${info.status}`}`,
  };
  if (typeof body?.code === 'string') mapping.vendorCode = body.code;
  if (typeof body?.request_id === 'string') mapping.requestId = body.request_id;
  if (info.status === 429 && typeof details?.reset_time === 'number') {
    mapping.retryAfterMs = Math.max(0, details.reset_time * 1000 - now);
  }
  return mapping;
}

export interface TestClient {
  client: HttpClient;
  clock: FakeClock;
}

export function makeClient(baseUrl: string, overrides: Partial<HttpClientSettings> = {}): TestClient {
  const clock = overrides.clock instanceof FakeClock ? overrides.clock : new FakeClock();
  const redactor = new Redactor();
  redactor.add(CANARY);
  const client = new HttpClient({
    provider: 'test',
    baseUrl,
    authHeaders: async () => ({ 'x-api-key': CANARY, authorization: `Bearer ${CANARY}` }),
    redactor,
    mapError: testMapper,
    attemptTimeoutMs: 2_000,
    operationTimeoutMs: 90_000,
    maxRetries: 2,
    backoff: { baseDelayMs: 1, maxDelayMs: 8 },
    maxServerWaitMs: 30_000,
    maxResponseBytes: 1024 * 1024,
    clock,
    quota: { store: new MemoryQuotaStore(), key: 'uc:quota:test', defaults: {} },
    ...overrides,
  });
  return { client, clock };
}

/** The rejection of a promise that must reject with a CollectionError. */
export async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  let outcome: unknown;
  try {
    await promise;
    outcome = new Error('expected a rejection, but the call resolved');
  } catch (error) {
    outcome = error;
  }
  if (!isCollectionError(outcome)) {
    throw new Error(`expected a CollectionError, got ${inspect(outcome, { depth: 3 })}`);
  }
  return outcome;
}

/** Every rendering of an error a log could contain. */
export function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    inspect(error, { depth: 10, showHidden: true }),
    String(e.message),
    String(e.stack),
    JSON.stringify(error),
    String(e.cause),
    inspect(e.cause, { depth: 10, showHidden: true }),
  ];
}

export function expectNoCanary(error: unknown): void {
  for (const text of renderings(error)) {
    for (const form of CANARY_FORMS) expect(text.includes(form)).toBe(false);
  }
}

export function expectCode(error: CollectionError, code: CollectionErrorCode): void {
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
  expect(error).toBeInstanceOf(CollectionError);
}
