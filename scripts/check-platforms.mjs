/**
 * `npm run check:platforms` (CI runs it): proves that `npm ci` works on machines other than this
 * one and that no Node binary comes in through the library's manifest.
 *
 * 1. package.json and package-lock.json name no Node binary package (`node`, `node-<os>-<arch>`):
 *    neither a clone's `npm ci` nor an app that installs the library downloads one.
 * 2. `npm ci --dry-run` of package-lock.json with npm believing it runs on each PLATFORMS entry
 *    (scripts/fake-platform.cjs; npm's --os/--cpu flags alone only steer optional packages, so
 *    they would not catch a non-optional package built for another platform).
 * 3. A real `npm ci` of a copy of package.json + package-lock.json as darwin/arm64, so the
 *    platform's optional packages (native bindings of the test tools) are fetched too.
 *    `--quick` skips it.
 * 4. scripts/node-runtime (the Node 22 that scripts/node.mjs installs on demand): on each
 *    platform the dry run adds exactly the package scripts/node.mjs looks for, or nothing where
 *    the registry has none for that platform.
 *
 * Runs on any Node from 18 on. Exit 1 with the reasons when a check fails.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNTIME_DIR = join(ROOT, 'scripts', 'node-runtime');
const FAKE = join(ROOT, 'scripts', 'fake-platform.cjs');
const PLATFORMS = ['darwin/arm64', 'darwin/x64', 'win32/x64', 'win32/arm64', 'linux/arm64', 'linux/x64'];
const REAL_INSTALL = 'darwin/arm64';
const NODE_BINARY = /^node(-(linux|darwin|win|sunos|aix|freebsd|openbsd)-[a-z0-9]+)?$/;
const quick = process.argv.includes('--quick');

const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

function npmCli() {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /\.[cm]?js$/.test(fromNpm)) return fromNpm;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm');
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (/\.[cm]?js$/.test(real)) return real;
  }
  throw new Error('cannot find npm-cli.js: run this through `npm run check:platforms`');
}
const NPM = npmCli();

/** Runs npm as if on platform ("os/cpu") in dir. */
function npmAs(platform, dir, args) {
  const [os, cpu] = platform.split('/');
  return spawnSync(
    process.execPath,
    ['--require', FAKE, NPM, ...args, `--os=${os}`, `--cpu=${cpu}`, '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=notice'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, FAKE_PLATFORM: os, FAKE_ARCH: cpu } },
  );
}

function copyManifest(from) {
  const dir = mkdtempSync(join(tmpdir(), 'uc-platforms-'));
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    if (existsSync(join(from, file))) copyFileSync(join(from, file), join(dir, file));
  }
  return dir;
}

const added = (output) => [...output.matchAll(/^add (\S+) (\S+)$/gm)].map((m) => `${m[1]}@${m[2]}`);
const lastLines = (run) => `${run.stdout}${run.stderr}`.trim().split('\n').slice(-8).join('\n');

// 1. No Node binary in the manifest or the lock.
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const declared = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']
  .flatMap((field) => Object.keys(manifest[field] ?? {}));
const locked = Object.entries(lock.packages ?? {})
  .filter(([path]) => path !== '')
  .map(([path, entry]) => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
check(!declared.some((name) => NODE_BINARY.test(name)), 'package.json declares no Node binary package');
const lockedBinaries = locked.filter((name) => NODE_BINARY.test(name));
check(lockedBinaries.length === 0, `package-lock.json holds no Node binary package${lockedBinaries.length ? `: ${lockedBinaries.join(', ')}` : ''}`);

// 2. Dry runs of the repository's lock on every platform.
const project = copyManifest(ROOT);
try {
  for (const platform of PLATFORMS) {
    const run = npmAs(platform, project, ['ci', '--dry-run']);
    check(run.status === 0, `npm ci --dry-run as ${platform}${run.status === 0 ? '' : `:\n${lastLines(run)}`}`);
  }

  // 3. One real install on another platform.
  if (!quick) {
    const started = Date.now();
    const run = npmAs(REAL_INSTALL, project, ['ci']);
    const top = existsSync(join(project, 'node_modules')) ? readdirSync(join(project, 'node_modules')) : [];
    check(
      run.status === 0,
      `npm ci as ${REAL_INSTALL} (${Math.round((Date.now() - started) / 1000)} s)${run.status === 0 ? '' : `:\n${lastLines(run)}`}`,
    );
    check(!top.some((name) => NODE_BINARY.test(name)), `no Node binary in node_modules after npm ci as ${REAL_INSTALL}`);
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}

// 4. The on-demand Node runtime picks the right package per platform.
const runtimeLock = JSON.parse(readFileSync(join(RUNTIME_DIR, 'package-lock.json'), 'utf8'));
const runtime = copyManifest(RUNTIME_DIR);
try {
  for (const platform of PLATFORMS) {
    const [os, cpu] = platform.split('/');
    const name = `node-${os === 'win32' ? 'win' : os}-${cpu}`;
    const entry = runtimeLock.packages?.[`node_modules/${name}`];
    const expected = entry ? [`${name}@${entry.version}`] : [];
    const run = npmAs(platform, runtime, ['ci', '--dry-run']);
    const got = added(run.stdout);
    check(
      run.status === 0 && got.join() === expected.join(),
      `node runtime as ${platform}: ${got.length ? got.join(', ') : 'none (a system Node >= 22.18 is needed there)'}${run.status === 0 ? '' : `\n${lastLines(run)}`}${got.join() === expected.join() ? '' : ` (expected ${expected.join() || 'none'})`}`,
    );
  }
} finally {
  rmSync(runtime, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`${failures.length} platform check(s) failed`);
  process.exit(1);
}
console.log('all platform checks passed');
