import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { STUDIO_UI_DIR } from '../../src/studio/studio-static.js';
import type { JobView } from '../../src/studio/studio-jobs.js';
import type { PlanView } from '../../src/studio/studio-plans.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';
import {
  bulkCollection, jobEvents, send, startStudioHarness, StudioSession, writesSeen, type StudioHarness, type StudioResponse,
} from './studio-harness.js';

// Who may use the studio, and what it lets out: the per-launch secret, Host and Origin checks,
// headers, and a canary credential that must never reach the browser.

const CANARY = 'CANARY-studio-9f3a1c7e5b2d4680';

let harness: StudioHarness;
let session: StudioSession;
const fixture = VENDOR_FIXTURES[0]!;

beforeAll(async () => {
  harness = await startStudioHarness({ credential: CANARY });
  session = new StudioSession(harness.studio);
  await session.login();
});

afterAll(async () => {
  await harness?.close();
  expect(harness.errors).toEqual([]);
});

const totalWrites = () => [...harness.emulators.values()].reduce((sum, emulator) => sum + writesSeen(emulator), 0);

/** Every kind of GET the page makes (static files, API routes, the event stream of a job). */
function getRoutes(jobId = 'no-such-job'): string[] {
  const bulk = bulkCollection(fixture);
  return [
    '/', '/index.html', '/app.js', '/style.css',
    '/api/overview',
    `/api/providers/${fixture.name}/collections/${bulk.id}`,
    `/api/providers/${fixture.name}/collections/${bulk.id}/items?offset=0&limit=50`,
    `/api/providers/${fixture.name}/items/${bulk.markupItemId}`,
    '/api/jobs', `/api/jobs/${jobId}`, `/api/jobs/${jobId}/events`,
  ];
}

const POST_ROUTES = ['/api/plans', '/api/jobs', '/api/jobs/x/cancel', '/api/jobs/x/resume', '/api/jobs/x/reconcile'];

describe('the launch secret', () => {
  it('is in the printed URL once; the studio moves it into an HttpOnly, SameSite=Strict cookie and a URL without it', async () => {
    const response = await send(harness.studio.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^uc_studio_\d+=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(new URL(harness.studio.url).searchParams.get('token')).toHaveLength(43);
  });

  it('is required by every route, and a wrong or partial one is refused the same way', async () => {
    const secret = new URL(harness.studio.url).searchParams.get('token')!;
    const name = session.cookie.split('=')[0]!;
    const wrongCookies = ['', `${name}=`, `${name}=${secret.slice(0, -1)}`, `${name}=${secret}x`, `other=${secret}`, `${name}=${secret.toUpperCase()}`];
    for (const route of getRoutes()) {
      for (const cookie of wrongCookies) {
        const response = await send(harness.studio.origin + route, { headers: cookie === '' ? {} : { cookie } });
        expect([route, cookie, response.status]).toEqual([route, cookie, 401]);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('STUDIO_UNAUTHORIZED');
        expect(response.text).not.toContain(bulkCollection(fixture).id);
      }
    }
    for (const route of POST_ROUTES) {
      const response = await send(harness.studio.origin + route, {
        method: 'POST', headers: { origin: harness.studio.origin, 'content-type': 'application/json' }, body: '{}',
      });
      expect(response.status).toBe(401);
    }
    const wrongToken = await send(`${harness.studio.origin}/?token=${secret.slice(0, -2)}AA`, { redirect: 'manual' });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.headers.get('set-cookie')).toBeNull();
  });

  it('is different at every launch', async () => {
    const other = await startStudioHarness();
    try {
      expect(new URL(other.studio.url).searchParams.get('token')).not.toBe(new URL(harness.studio.url).searchParams.get('token'));
      const stale = await send(`${other.studio.origin}/api/overview`, { headers: { cookie: session.cookie.replace(/^uc_studio_\d+/, `uc_studio_${other.studio.port}`) } });
      expect(stale.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('Host and Origin', () => {
  it('answers only to its own address (DNS rebinding): any other Host header is refused', async () => {
    const port = harness.studio.port;
    const refused = ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`, `localhost.:${port}`, '127.0.0.1', ''];
    for (const host of refused) {
      const response = await rawGet('/api/overview', { host, cookie: session.cookie });
      expect([host, response.status]).toEqual([host, 403]);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await rawGet('/api/overview', { host, cookie: session.cookie })).status).toBe(200);
    }
  });

  it('accepts changes only from its own page, as JSON: other origins, forms and cross-site fetches write nothing', async () => {
    const ids = [bulkCollection(fixture).markupItemId];
    const body = JSON.stringify({ provider: fixture.name, action: 'deleteItems', ids });
    const before = totalWrites();
    const variants: Array<Record<string, string>> = [
      { 'content-type': 'application/json' },
      { origin: 'http://evil.example', 'content-type': 'application/json' },
      { origin: 'null', 'content-type': 'application/json' },
      { origin: harness.studio.origin.replace('127.0.0.1', 'localhost.evil.example'), 'content-type': 'application/json' },
      { origin: harness.studio.origin, 'content-type': 'text/plain' },
      { origin: harness.studio.origin, 'content-type': 'application/x-www-form-urlencoded' },
      { origin: harness.studio.origin, 'content-type': 'multipart/form-data; boundary=x' },
      { origin: harness.studio.origin },
      { origin: harness.studio.origin, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of variants) {
      for (const route of POST_ROUTES) {
        const response = await send(harness.studio.origin + route, { method: 'POST', headers: { cookie: session.cookie, ...headers }, body });
        expect([route, headers, response.status]).toEqual([route, headers, 403]);
      }
    }
    expect(totalWrites()).toBe(before);
  });
});

describe('what reaches the browser', () => {
  it('carries the security headers on every answer, errors and redirects included', async () => {
    const answers: StudioResponse[] = [await send(harness.studio.url, { redirect: 'manual' })];
    for (const route of [...getRoutes(), '/nope.js', '/api/nope']) answers.push(await session.get(route));
    answers.push(await send(`${harness.studio.origin}/api/overview`));
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('never serves a file outside the UI folder', async () => {
    const attempts = ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/.hidden.js', '/studio-ui/../package.json'];
    for (const path of attempts) {
      const response = await rawGet(path, { host: new URL(harness.studio.origin).host, cookie: session.cookie });
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.text).not.toContain('"devDependencies"');
    }
  });

  it('never carries the credential, or a fragment of it, in any answer (pages, API, errors, event streams)', async () => {
    const answers: StudioResponse[] = [];
    const plan = await session.post('/api/plans', { provider: fixture.name, action: 'deleteItems', ids: [bulkCollection(fixture).markupItemId, 'doc_missing'] });
    answers.push(plan);
    const { job } = (await session.post('/api/jobs', { planId: plan.json<PlanView>().planId, confirm: true })).json<{ job: JobView }>();
    const events = await jobEvents(session, harness.studio.origin, job.id);
    answers.push({ status: 200, headers: new Headers(), text: JSON.stringify(events), json: () => events as never });
    for (const other of VENDOR_FIXTURES) {
      const bulk = bulkCollection(other);
      for (const route of [
        '/api/overview', `/api/providers/${other.name}/collections/${bulk.id}`,
        `/api/providers/${other.name}/collections/${bulk.id}/items?offset=0&limit=500`,
        `/api/providers/${other.name}/items/${bulk.markupItemId}`, `/api/providers/${other.name}/items/ffffffffffffffffffffffff`,
        `/api/providers/${other.name}/collections/ffffffffffffffffffffffff`,
      ]) answers.push(await session.get(route));
    }
    for (const route of getRoutes(job.id)) answers.push(await session.get(route));
    answers.push(await session.post('/api/plans', { provider: fixture.name, action: 'deleteCollection', collectionId: 'ffffffffffffffffffffffff' }));
    expect(answers.length).toBeGreaterThan(15);
    const fragments = new Set<string>();
    for (let start = 0; start + 8 <= CANARY.length; start += 1) fragments.add(CANARY.slice(start, start + 8));
    for (const answer of answers) {
      const everything = answer.text + JSON.stringify([...answer.headers.entries()]);
      for (const fragment of fragments) expect(everything).not.toContain(fragment);
    }
  });

  it('never quotes a request\'s own text back as markup: ids with markup come back as JSON strings only', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), async (text) => {
      const response = await session.get(`/api/providers/${fixture.name}/items/${encodeURIComponent(text)}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }), { numRuns: 40 });
  });
});

describe('the page\'s code', () => {
  it('never turns text into markup (no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval)', async () => {
    const files = await listFiles(STUDIO_UI_DIR);
    const scripts = files.filter((file) => file.endsWith('.js') || file.endsWith('.html'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) {
      const text = await readFile(file, 'utf8');
      expect([file, text.match(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/g)]).toEqual([file, null]);
    }
    const html = await readFile(join(STUDIO_UI_DIR, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

/** A GET with exactly these headers (fetch would set Host itself and normalize the path). */
function rawGet(path: string, headers: Record<string, string>): Promise<StudioResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: harness.studio.port, path, method: 'GET', headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        headers: new Headers(Object.entries(res.headers).map(([key, value]) => [key, String(value)])),
        text,
        json: <T>() => JSON.parse(text) as T,
      }));
    });
    req.on('error', reject);
    req.end();
  });
}
