import { startEmulator, type EmulatorOptions, type RunningEmulator } from 'unified-collections/emulator';

/** A parsed reply; `body` is `undefined` when the payload is not JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Tests assert on vendor JSON of many shapes; `any` keeps those assertions readable.
  body: any;
}

export interface CallInit {
  /** JSON-encoded unless `raw` is given. */
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function call(base: string, method: string, path: string, init: CallInit = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.raw;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, body, signal: init.signal ?? AbortSignal.timeout(5000) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export const WICKSON_KEY = 'wk_test_key';
export const VERIFIK_TOKEN = 'vf.test.token';
export const EXPIRED_TOKEN = 'vf.expired.token';
export const wicksonAuth = { 'X-Api-Key': WICKSON_KEY };
export const verifikAuth = { Authorization: `Bearer ${VERIFIK_TOKEN}` };
export const VERIFIK = '/v2/face-recognition';

/** Starts emulators and closes every one of them after each test. */
export function emulatorPool(): { start(options: EmulatorOptions): Promise<RunningEmulator>; closeAll(): Promise<void> } {
  const running: RunningEmulator[] = [];
  return {
    async start(options) {
      const emulator = await startEmulator(options);
      running.push(emulator);
      return emulator;
    },
    async closeAll() {
      await Promise.all(running.splice(0).map((e) => e.close()));
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2025-03-09T12:00:00.000Z')): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
