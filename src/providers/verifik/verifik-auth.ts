import { resolveCredential } from '../../config/parse-config.js';
import { CollectionError, markNotSent } from '../../errors.js';
import { acceptCredential } from '../../http/credential.js';
import { systemClock } from '../../http/clock.js';
import type { Redactor } from '../../http/redact.js';
import type { CredentialStatus } from '../../spec/credential.js';
import { createLogger } from '../../telemetry/logger.js';
import type { VerifikConfig, VerifikTokenSource } from './verifik-config.js';
import { createVerifikRenewal } from './verifik-session.js';
import { DEFAULT_RENEW_BEFORE_EXPIRY_MS, VerifikTokenLifecycle } from './verifik-token-lifecycle.js';

const PROVIDER = 'verifik';

/** Called by the http client before every attempt, so a rotated token is used on retries too. */
export type VerifikAuthHeaders = () => Promise<Record<string, string>>;

/** A client's Verifik credential: the headers of each attempt, and what is known of its life. */
export interface VerifikAuth {
  headers: VerifikAuthHeaders;
  /** The adapter's `credentialStatus()`: an expiry and a flag, never the token. */
  status(): CredentialStatus;
}

/** A function token is the app's to manage: its expiry is not known here, and it is never renewed. */
const FUNCTION_TOKEN_STATUS = (): CredentialStatus => ({ renews: false });

/** Accepts the token with or without a `Bearer ` prefix (the docs show both styles), bare. */
function acceptToken(value: string, redactor: Redactor, origin: string): string {
  const token = acceptCredential(PROVIDER, value, origin, redactor, { stripBearer: true });
  redactor.add(`Bearer ${token}`);
  return token;
}

async function callTokenFunction(source: () => string | Promise<string>, redactor: Redactor): Promise<string> {
  let value: unknown;
  try {
    value = await source();
  } catch {
    // The function's own error is dropped on purpose: it may quote the token it failed to refresh.
    throw markNotSent(new CollectionError({
      code: 'UNAUTHORIZED',
      provider: PROVIDER,
      message: 'the Verifik token function threw, so no token was available and this attempt was not sent',
      retryable: false,
    }));
  }
  if (typeof value !== 'string') {
    throw markNotSent(new CollectionError({
      code: 'CONFIG',
      provider: PROVIDER,
      message: `the Verifik token function returned ${value === null ? 'null' : typeof value} instead of a string; this attempt was not sent`,
      retryable: false,
    }));
  }
  // Every token is registered and kept: a replaced token stays valid for weeks, and a server
  // may still echo it after many rotations.
  return acceptToken(value, redactor, 'the token returned by the Verifik token function');
}

/**
 * The renewal option set where renewal never happens (a function token, `renewToken: false`):
 * an option that cannot take effect is a mistake worth hearing about at creation.
 */
function renewalOptionsSet(config: VerifikConfig, includingRenewToken: boolean): string | undefined {
  if (includingRenewToken && config.renewToken === true) return 'renewToken: true';
  if (config.renewBeforeExpiryMs !== undefined) return 'renewBeforeExpiryMs';
  if (config.onTokenRenewed !== undefined) return 'onTokenRenewed';
  return undefined;
}

function refuse(message: string): CollectionError {
  return new CollectionError({ code: 'CONFIG', provider: PROVIDER, message, retryable: false });
}

/**
 * Token resolution. A string (or VERIFIK_TOKEN when `token` is absent) is checked once, now, so
 * a missing token fails at client creation; its life (renewal, expiry) is the token lifecycle's
 * (verifik-token-lifecycle.ts). A function is called before every attempt and never renewed:
 * the app manages that token. The token lives only in closures and private fields, never on an
 * object that util.inspect could show.
 */
export function createVerifikAuth(config: VerifikConfig, redactor: Redactor): VerifikAuth {
  const source = config.token;
  if (typeof source === 'function') {
    const unused = renewalOptionsSet(config, true);
    if (unused !== undefined) {
      throw refuse(`${unused} has no effect with a function \`token\`: the app manages (and renews) those tokens; pass a string token to have it renewed`);
    }
    return {
      headers: async () => ({ authorization: `Bearer ${await callTokenFunction(source, redactor)}` }),
      status: FUNCTION_TOKEN_STATUS,
    };
  }
  const origin = source === undefined ? 'the VERIFIK_TOKEN environment variable' : 'config.token';
  const token = acceptToken(resolveCredential(PROVIDER, source, 'token', 'VERIFIK_TOKEN'), redactor, origin);
  const renewing = config.renewToken !== false;
  const unused = renewing ? undefined : renewalOptionsSet(config, false);
  if (unused !== undefined) throw refuse(`${unused} has no effect with renewToken: false`);
  const clock = config.clock ?? systemClock;
  const lifecycle = new VerifikTokenLifecycle(token, {
    clock,
    renew: renewing ? createVerifikRenewal(config, redactor, clock) : undefined,
    renewBeforeExpiryMs: config.renewBeforeExpiryMs ?? DEFAULT_RENEW_BEFORE_EXPIRY_MS,
    onTokenRenewed: config.onTokenRenewed,
    logger: createLogger(config.logger, config.logLevel),
  });
  return {
    headers: async () => ({ authorization: `Bearer ${await lifecycle.token()}` }),
    status: () => lifecycle.status(),
  };
}
