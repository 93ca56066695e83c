#!/usr/bin/env node
/**
 * `node scripts/node.mjs <node arguments…>` runs Node >= 22.18 with those arguments: the npm
 * scripts that need it (test, demo, bench) start through this file, whatever `node` npm found.
 *
 * - The Node running this file, when it is recent enough (22.18 strips TypeScript types and
 *   loads jest.config.ts by itself).
 * - Else the `node-<os>-<arch>` package pinned in scripts/node-runtime/package-lock.json,
 *   installed on first use with `npm ci` into scripts/node-runtime/node_modules (gitignored).
 *   npm installs only the package whose os/cpu match this machine, and the library's own
 *   package.json names no Node binary, so neither the repository's `npm ci` nor an app that
 *   installs the library ever downloads one.
 * - UNIFIED_COLLECTIONS_NODE=/path/to/node forces a binary (to try another Node version).
 *
 * The chosen Node's directory goes first on PATH for the child. Exit code and signals pass
 * through. This file itself runs on any Node from 18 on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINIMUM = [22, 18, 0];
const RUNTIME_DIR = fileURLToPath(new URL('./node-runtime/', import.meta.url));
const LOCK = join(tmpdir(), `unified-collections-node-${createHash('sha1').update(RUNTIME_DIR).digest('hex').slice(0, 12)}.lock`);
const STALE_LOCK_MS = 10 * 60_000;

function fail(message) {
  process.stderr.write(`scripts/node.mjs: ${message}\n`);
  process.exit(1);
}

function recentEnough(version) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < MINIMUM.length; i++) {
    if ((parts[i] ?? 0) !== MINIMUM[i]) return (parts[i] ?? 0) > MINIMUM[i];
  }
  return true;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The pinned package for this machine, or undefined when the registry has none for it. */
function pinnedPackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  const name = `node-${os}-${process.arch}`;
  const lock = readJson(join(RUNTIME_DIR, 'package-lock.json'));
  if (lock === undefined) fail(`cannot read ${join(RUNTIME_DIR, 'package-lock.json')}`);
  const entry = lock.packages?.[`node_modules/${name}`];
  if (entry === undefined) return undefined;
  const dir = join(RUNTIME_DIR, 'node_modules', name);
  return { name, version: entry.version, dir, bin: join(dir, entry.bin?.node ?? 'bin/node') };
}

function installed(pkg) {
  return readJson(join(pkg.dir, 'package.json'))?.version === pkg.version && existsSync(pkg.bin);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tryLock() {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function npmCi() {
  const args = ['ci', '--prefix', RUNTIME_DIR, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  // Inside an npm script npm_execpath is npm's own CLI; run it with the Node that runs npm.
  const npmCli = process.env.npm_execpath;
  const run = npmCli && /\.[cm]?js$/.test(npmCli)
    ? spawnSync(process.env.npm_node_execpath || process.execPath, [npmCli, ...args], { cwd: RUNTIME_DIR, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: RUNTIME_DIR, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.error) fail(`could not run npm: ${run.error.message}`);
  if (run.status !== 0) fail(`npm ci in ${RUNTIME_DIR} failed (exit ${run.status})`);
}

async function bundledNode(pkg) {
  while (!installed(pkg)) {
    if (!tryLock()) {
      await sleep(250);
      continue;
    }
    try {
      if (installed(pkg)) break;
      process.stderr.write(
        `scripts/node.mjs: Node ${process.version} is older than ${MINIMUM.join('.')}; installing ${pkg.name}@${pkg.version} into scripts/node-runtime (once)\n`,
      );
      npmCi();
      if (!installed(pkg)) fail(`npm ci did not install ${pkg.name}@${pkg.version}`);
      const check = spawnSync(pkg.bin, ['--version'], { encoding: 'utf8' });
      if (check.status !== 0) {
        fail(`${pkg.bin} does not run on this machine (${check.error?.message ?? check.stderr.trim()}); install Node >= ${MINIMUM.join('.')} instead`);
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return pkg.bin;
}

async function chooseNode() {
  const forced = process.env.UNIFIED_COLLECTIONS_NODE;
  if (forced) return forced;
  if (recentEnough(process.versions.node)) return process.execPath;
  const pkg = pinnedPackage();
  if (pkg === undefined) {
    fail(
      `Node ${process.version} is older than ${MINIMUM.join('.')} and the registry has no Node 22 package for ${process.platform}-${process.arch}; install Node >= ${MINIMUM.join('.')} and run again`,
    );
  }
  return bundledNode(pkg);
}

const node = await chooseNode();
const env = { ...process.env };
if (node !== process.execPath) {
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = env[pathKey] ? `${dirname(node)}${delimiter}${env[pathKey]}` : dirname(node);
}

const child = spawn(node, process.argv.slice(2), { stdio: 'inherit', env });
// A terminal's Ctrl-C reaches the child too: wait for it to finish. Others are passed on.
const forward = (signal) => () => {
  if (signal !== 'SIGINT') child.kill(signal);
};
const signals = process.platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
const handlers = signals.map((signal) => [signal, forward(signal)]);
for (const [signal, handler] of handlers) process.on(signal, handler);
child.on('error', (error) => fail(`could not start ${node}: ${error.message}`));
child.on('exit', (code, signal) => {
  for (const [name, handler] of handlers) process.off(name, handler);
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
