import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI tests run the real built binary, so `dist/` must match `src/`. CI builds before it
 * tests; locally this rebuilds when any source is newer than the build. Jest runs test files in
 * parallel workers, so a lock directory makes one worker build while the others wait.
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_ENTRY = join(ROOT, 'dist', 'cli', 'main.js');

const LOCK = join(tmpdir(), `unified-collections-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const STALE_LOCK_MS = 120_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(CLI_ENTRY)) return true;
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    statSync(join(ROOT, 'tsconfig.json')).mtimeMs,
    statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs,
  );
  return sources > statSync(CLI_ENTRY).mtimeMs;
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // Someone else holds it, unless they died holding it.
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function build(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

export async function ensureBuilt(): Promise<void> {
  while (isStale()) {
    if (tryLock()) {
      try {
        if (isStale()) build();
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Generous: a cold `tsc` of the whole library, possibly after another worker's. */
export const BUILD_TIMEOUT_MS = 120_000;

/** For tests that spawn the CLI a few times each. */
export const SPAWN_TEST_TIMEOUT_MS = 60_000;
