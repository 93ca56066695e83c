import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { decodedReadings, findFragment, prose } from '../support/leaks.js';
import { type LoopbackServer, startLoopback } from '../support/loopback-server.js';
import { runCli } from './run-cli.js';

// Figure 10 at the CLI: what a terminal or a --json consumer sees holds no piece of a key the
// server echoed, neither escaped in a successful body (class 5) nor cut in an error (class 1).

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS * 2);

const KEY = 'Ck&<>+/=Wq7Zx5Rv3Pl1Mn9Bh';
const TOKEN = 'Ct&<>+/=Yh2Gf4Ds6Az8Lk0Jq';
const goJson = (value: unknown) => JSON.stringify(value).replaceAll('&', '\\u0026').replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(status: number, body: string): Promise<string> {
  server = await startLoopback((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  return server.url;
}

describe('CLI output never shows an echoed credential', () => {
  it('collections get --json: a Go-escaped echo in a successful body is redacted in raw', async () => {
    const url = await serve(200, goJson({
      success: true, message: `details for ${KEY}`,
      data: { collection_id: 'research_papers', stats: { item_count: 2, note: KEY } },
    }));
    const run = await runCli(['collections', 'get', 'research_papers', '--json', '--provider', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: KEY } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[REDACTED]');
    expect(findFragment([run.stdout, run.stderr].flatMap(decodedReadings), KEY)).toBeUndefined();
  });

  it.each([0, 280, 285, 290, 294, 320])('an error quoting the key after %i characters of prose, in --json and in text', async (offset) => {
    const quoted = `${prose(offset)}${KEY} retry later`;
    const url = await serve(400, JSON.stringify({ success: false, message: quoted, error: { code: quoted, details: { specific: quoted, request_id: quoted } } }));
    for (const json of [true, false]) {
      const run = await runCli(['collections', 'get', 'papers', ...(json ? ['--json'] : []), '--provider', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: KEY } });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('INVALID_INPUT');
      expect(findFragment([run.stdout, run.stderr], KEY)).toBeUndefined();
    }
  });

  it.each([0, 180, 185, 190, 194])('a Verifik error quoting the token after %i characters of prose', async (offset) => {
    const quoted = `${prose(offset)}${TOKEN} retry later`;
    const url = await serve(409, JSON.stringify({ message: quoted, code: quoted, id: quoted }));
    const run = await runCli(['collections', 'list', '--json', '--provider', 'verifik', '--base-url', url], { env: { VERIFIK_TOKEN: TOKEN } });
    expect(run.code).not.toBe(0);
    expect(findFragment([run.stdout, run.stderr], TOKEN)).toBeUndefined();
  });
});
