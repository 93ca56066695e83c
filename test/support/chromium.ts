import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import { describeWithoutTool } from './missing-tool.js';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download is not
 * reachable from these machines). Missing: see describeWithoutTool.
 */
export const CHROMIUM_INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/** `UNIFIED_COLLECTIONS_CHROMIUM` points at another Chromium build. */
export function findChromium(): string | undefined {
  const candidates = [process.env.UNIFIED_COLLECTIONS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** `describe` with one headless Chromium launched before the block's tests and closed after them. */
export function describeWithChromium(name: string, body: (browser: () => Browser) => void): void {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    describeWithoutTool(name, 'chromium', CHROMIUM_INSTALL_COMMAND, () => body(() => {
      throw new Error('unreachable: skipped');
    }));
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
      browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    }, 60_000);
    body(() => {
      if (browser === undefined) throw new Error('chromium did not start (see beforeAll)');
      return browser;
    });
    afterAll(async () => {
      await browser?.close();
    }, 30_000);
  });
}
