import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mintVerifikToken } from 'unified-collections/emulator';
import { describeWithChromium } from '../support/chromium.js';
import { VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import { BULK_SIZE, bulkCollection, MARKUP_NAME, startStudioHarness, writesSeen, type StudioHarness } from './studio-harness.js';

// The studio in a real browser (Debian's Chromium through playwright-core): what a person sees
// and does. The screenshots in the README are taken here, into docs/studio/.

const SCREENSHOTS = fileURLToPath(new URL('../../docs/studio/', import.meta.url));
// A JWT, so a client that reads a token's expiry shows it (every vendor accepts it as its credential).
const CANARY = mintVerifikToken({ expiresAt: Date.now() + 30 * 86_400_000, id: 'canary-browser-7d41b0a9e2c6' });
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors (a CSP violation is one). */
  problems: string[];
  /** Every answer the browser received: URL, headers and body. */
  answers: string[];
}

async function openStudio(browser: Browser, harness: StudioHarness, viewport = WIDE): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const answers: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('response', (response) => {
    answers.push(`${response.url()} ${JSON.stringify(response.headers())}`);
    // Event streams never end while open: their bodies are checked through the API tests.
    if (!(response.headers()['content-type'] ?? '').startsWith('text/event-stream')) {
      void response.text().then((text) => answers.push(text), () => undefined);
    }
  });
  await page.goto(harness.studio.url);
  await page.getByRole('heading', { level: 1, name: 'Collections studio' }).waitFor();
  return { page, context, problems, answers };
}

function collectionUrl(harness: StudioHarness, fixture: VendorFixture, id: string): string {
  return `${harness.studio.origin}/#/p/${encodeURIComponent(fixture.name)}/c/${encodeURIComponent(id)}`;
}

async function idsIn(harness: StudioHarness, fixture: VendorFixture, collectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of harness.clients.get(fixture.name)!.listItems(collectionId)) ids.push(item.id);
  return ids;
}

// A page round trip is fast, but 2 shared cores running Chromium beside the suite are not.
jest.setTimeout(60_000);

describeWithChromium('studio in Chromium', (browser) => {
  let harness: StudioHarness;

  beforeAll(async () => {
    harness = await startStudioHarness({ credential: CANARY, latencyMs: 5, rateLimit: 'documented' });
  });

  afterAll(async () => {
    await harness?.close();
    expect(harness.errors).toEqual([]);
  });

  it('the overview shows both vendors side by side, with counts and flags', async () => {
    const { page, context, problems } = await openStudio(browser(), harness);
    try {
      // The secret left the address bar.
      expect(page.url()).not.toContain('token=');
      for (const fixture of VENDOR_FIXTURES) {
        const section = page.getByRole('region', { name: fixture.descriptor.displayName });
        await section.getByRole('heading', { level: 2 }).waitFor();
        const bulk = bulkCollection(fixture);
        const row = section.getByRole('row').filter({ has: page.getByRole('link', { name: bulk.name, exact: true }) });
        await expect(row.textContent()).resolves.toContain(String(BULK_SIZE));
        // A vendor that documents a rate limit reports its quota, which the card shows.
        const documented = fixture.emulator.documentedRateLimit;
        if (documented !== undefined) await section.locator('.quota').filter({ hasText: `of ${documented.limit}` }).waitFor();
        const expiry = (await harness.clients.get(fixture.name)!.credentialStatus())?.expiresAt;
        if (expiry !== undefined) await section.locator('.credential').filter({ hasText: /expires/ }).waitFor();
        const protectedId = fixture.capabilities.protectedCollectionId;
        if (protectedId !== undefined) {
          const protectedRow = section.getByRole('row').filter({ has: page.getByRole('link', { name: protectedId, exact: true }) });
          await expect(protectedRow.textContent()).resolves.toContain('protected');
        }
      }
      // Side by side at 1280 px: the sections share a row.
      const boxes = await Promise.all(VENDOR_FIXTURES.map((fixture) => page.getByRole('region', { name: fixture.descriptor.displayName }).boundingBox()));
      expect(new Set(boxes.map((box) => Math.round(box!.y))).size).toBe(1);
      await screenshot(page, 'overview');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('browses a collection: pages, page size, item detail with the vendor JSON, lookup by id', async () => {
    const fixture = VENDOR_FIXTURES[0]!;
    const bulk = bulkCollection(fixture);
    const { page, context, problems } = await openStudio(browser(), harness);
    try {
      await page.getByRole('region', { name: fixture.descriptor.displayName }).getByRole('link', { name: bulk.name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: bulk.name }).waitFor();
      const items = page.getByRole('table', { name: 'Items' });
      await expect(items.getByRole('checkbox', { name: /^Select (?!all)/ }).count()).resolves.toBe(50);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.locator('.range').filter({ hasText: /^Items 51.100$/ }).waitFor();
      await page.getByLabel('Items per page').selectOption('100');
      await page.locator('.range').filter({ hasText: /^Items 1.100$/ }).waitFor();
      await expect(items.getByRole('checkbox', { name: /^Select (?!all)/ }).count()).resolves.toBe(100);
      await screenshot(page, 'collection');

      await items.getByRole('link', { name: bulk.markupItemId, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: bulk.markupItemId }).waitFor();
      await page.getByRole('heading', { name: 'Vendor JSON' }).waitFor();
      const raw = await page.locator('pre').first().textContent();
      expect(JSON.parse(raw!)).toEqual(JSON.parse(JSON.stringify((await harness.clients.get(fixture.name)!.getItem(bulk.markupItemId)).raw)));
      await screenshot(page, 'item');

      // Lookup by id from the collection view.
      await page.goto(collectionUrl(harness, fixture, bulk.id));
      const ids = await idsIn(harness, fixture, bulk.id);
      await page.getByLabel('Item id').fill(ids[7]!);
      await page.getByRole('button', { name: 'Look up' }).click();
      await page.getByRole('heading', { level: 1, name: ids[7]! }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('item names holding markup are shown as text, never run or rendered', async () => {
    for (const fixture of VENDOR_FIXTURES) {
      const bulk = bulkCollection(fixture);
      const { page, context, problems } = await openStudio(browser(), harness);
      try {
        await page.goto(collectionUrl(harness, fixture, bulk.id));
        const items = page.getByRole('table', { name: 'Items' });
        await items.getByRole('cell', { name: MARKUP_NAME, exact: true }).waitFor();
        await page.goto(`${harness.studio.origin}/#/p/${fixture.name}/i/${encodeURIComponent(bulk.markupItemId)}`);
        await page.getByText(MARKUP_NAME, { exact: true }).first().waitFor();
        const injected = await page.evaluate(() => ({
          ran: (window as unknown as { __studioXss?: number }).__studioXss,
          images: document.querySelectorAll('img[src="x"]').length,
          bold: [...document.querySelectorAll('b')].filter((element) => element.textContent === 'bold').length,
        }));
        expect(injected).toEqual({ ran: undefined, images: 0, bold: 0 });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it.each(VENDOR_FIXTURES.map((fixture, index) => [fixture.name, fixture, index] as const))(
    '%s: dry run, then delete 250 items with live progress; the result shown is the vendor state',
    async (_name, fixture, index) => {
      const bulk = bulkCollection(fixture);
      const emulator = harness.emulators.get(fixture.name)!;
      const before = await idsIn(harness, fixture, bulk.id);
      const { page, context, problems } = await openStudio(browser(), harness);
      try {
        await page.goto(collectionUrl(harness, fixture, bulk.id));
        await page.getByLabel('Items per page').selectOption('250');
        await page.locator('.range').filter({ hasText: /^Items 1.250$/ }).waitFor();
        await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
        await page.locator('.selection').filter({ hasText: '250 selected' }).waitFor();
        const selected = before.slice(0, 250);

        const writesBefore = writesSeen(emulator);
        await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Delete items' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('heading', { name: 'Plan: delete 250 items' }).waitFor();
        await dialog.getByText(/\d+ write requests?, \d+ read requests?/).waitFor();
        if (index === 0) await screenshot(page, 'plan');
        // The plan wrote nothing; nothing is written until the confirmation.
        expect(writesSeen(emulator)).toBe(writesBefore);

        const seenProgress: string[] = [];
        await dialog.getByRole('button', { name: 'Confirm and run' }).click();
        const progress = dialog.getByRole('progressbar', { name: 'Progress' });
        await progress.waitFor();
        seenProgress.push(await progress.getAttribute('value') ?? '');
        await dialog.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 30_000 });
        await expect(dialog.locator('.counts').last().textContent()).resolves.toContain('Succeeded 250 · Failed 0 · Unknown 0');
        if (index === 0) await screenshot(page, 'result');
        expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));

        const after = await idsIn(harness, fixture, bulk.id);
        expect(after).toEqual(before.filter((id) => !selected.includes(id)));
        expect(after).toHaveLength(before.length - 250);
        expect(problems).toEqual([]);

        await page.goto(`${harness.studio.origin}/#/jobs`);
        const jobs = page.getByRole('table', { name: 'Jobs' });
        await jobs.getByRole('row').filter({ hasText: 'succeeded' }).first().waitFor();
        if (index === 0) await screenshot(page, 'jobs');
      } finally {
        await context.close();
      }
    },
  );

  it('deletes a collection only after its id is typed', async () => {
    const fixture = VENDOR_FIXTURES[0]!;
    const target = (await harness.clients.get(fixture.name)!.listCollections())
      .find((c) => !c.isDefault && c.id !== bulkCollection(fixture).id && c.id !== fixture.capabilities.protectedCollectionId)!;
    const emulator = harness.emulators.get(fixture.name)!;
    const { page, context, problems } = await openStudio(browser(), harness);
    try {
      await page.goto(collectionUrl(harness, fixture, target.id));
      await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
      await page.getByRole('button', { name: 'Delete collection' }).click();
      const dialog = page.getByRole('dialog');
      const run = dialog.getByRole('button', { name: 'Confirm and run' });
      const typed = dialog.getByLabel('Type the collection id to confirm');
      await typed.waitFor();
      const writesBefore = writesSeen(emulator);
      await typed.fill(target.id.slice(0, -1));
      expect(await run.isDisabled()).toBe(true);
      await typed.fill(target.id);
      expect(await run.isEnabled()).toBe(true);
      expect(writesSeen(emulator)).toBe(writesBefore);
      await run.click();
      await dialog.getByRole('heading', { name: 'Result' }).waitFor();
      await expect(dialog.locator('.counts').last().textContent()).resolves.toContain('Succeeded 1 · Failed 0 · Unknown 0');
      await expect(harness.clients.get(fixture.name)!.getCollection(target.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is usable from the keyboard and in a narrow window', async () => {
    const { page, context, problems } = await openStudio(browser(), harness, NARROW);
    try {
      const fixture = VENDOR_FIXTURES[1] ?? VENDOR_FIXTURES[0]!;
      await page.getByRole('region', { name: fixture.descriptor.displayName }).getByRole('heading', { level: 2 }).waitFor();
      // No page-wide horizontal scrolling; the sections stack.
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
      const boxes = await Promise.all(VENDOR_FIXTURES.map((f) => page.getByRole('region', { name: f.descriptor.displayName }).boundingBox()));
      if (boxes.length > 1) expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1);
      await screenshot(page, 'overview-narrow');

      // Tab to the bulk collection's link and open it with Enter.
      const bulk = bulkCollection(fixture);
      const link = page.getByRole('region', { name: fixture.descriptor.displayName }).getByRole('link', { name: bulk.name, exact: true });
      let focused = false;
      for (let presses = 0; presses < 200 && !focused; presses += 1) {
        await page.keyboard.press('Tab');
        focused = await link.evaluate((element) => element === document.activeElement);
      }
      expect(focused).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: bulk.name }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a browser without the launch secret gets nothing', async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(`${harness.studio.origin}/`);
      expect(response?.status()).toBe(401);
      const api = await page.request.get(`${harness.studio.origin}/api/overview`);
      expect(api.status()).toBe(401);
      expect(await page.content()).not.toContain(bulkCollection(VENDOR_FIXTURES[0]!).name);
      const wrong = await page.goto(`${harness.studio.origin}/?token=not-the-secret`);
      expect(wrong?.status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('no answer to the browser carries the credential or a fragment of it', async () => {
    const { page, context, answers } = await openStudio(browser(), harness);
    try {
      for (const fixture of VENDOR_FIXTURES) {
        const bulk = bulkCollection(fixture);
        await page.goto(collectionUrl(harness, fixture, bulk.id));
        await page.getByRole('table', { name: 'Items' }).waitFor();
        // An item still there (earlier tests delete some).
        const [itemId] = await idsIn(harness, fixture, bulk.id);
        await page.goto(`${harness.studio.origin}/#/p/${fixture.name}/i/${encodeURIComponent(itemId!)}`);
        await page.getByRole('heading', { name: 'Vendor JSON' }).waitFor();
        await page.goto(`${harness.studio.origin}/#/p/${fixture.name}/i/does-not-exist`);
        await page.getByRole('alert').first().waitFor();
      }
      await page.goto(`${harness.studio.origin}/#/jobs`);
      await page.getByRole('table', { name: 'Jobs' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(answers.length).toBeGreaterThan(10);
      const everything = answers.join('\n');
      for (let start = 0; start + 8 <= CANARY.length; start += 1) expect(everything).not.toContain(CANARY.slice(start, start + 8));
    } finally {
      await context.close();
    }
  });
});
