/**
 * `npm run check:pack` (CI runs it): packs the library the way `npm publish` would and checks
 * what an app gets.
 *
 * 1. `npm pack` (its prepack cleans dist/ and builds) into a temporary folder.
 * 2. The tarball holds dist/, studio-ui/ (the studio's page, served as it is), LICENSE, README.md
 *    and package.json and nothing else (no src/,
 *    test, bench, examples or scripts); every export, `main`, `types` and `bin` target is in it;
 *    every source map carries the sources it maps (src/ is not shipped); no declaration maps.
 * 3. The packed package.json names no Node binary package and has no install scripts.
 * 4. publint (--strict) and `attw --profile esm-only` on that tarball.
 * 5. An app installs the tarball with plain `npm install`: no Node binary appears anywhere in
 *    its node_modules, `.`, `./emulator` and `./testing` import without the optional peers,
 *    `./opentelemetry` imports once `@opentelemetry/api` is installed, the bin prints the
 *    version, and its `studio --emulator` serves the page (scripts/check-studio-served.mjs).
 *
 * Run it on Node >= 22 (`node scripts/node.mjs scripts/check-pack.mjs`). Exit 1 when a check
 * fails. `--keep` leaves the temporary folder for a look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE_BINARY = /^node(-(linux|darwin|win|sunos|aix|freebsd|openbsd)-[a-z0-9]+)?$/;
const ALLOWED_OUTSIDE_DIST = new Set(['LICENSE', 'README.md', 'package.json']);
const FORBIDDEN = /(^|\/)(src|test|tests|__tests__|bench|examples|scripts|coverage|docs)\/|\.(test|spec)\.[cm]?[jt]s$|\.tsbuildinfo$/;
const keep = process.argv.includes('--keep');

const failures = [];
const check = (ok, message, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}${ok || !detail ? '' : `: ${detail}`}`);
  if (!ok) failures.push(message);
};

function npmCli() {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /\.[cm]?js$/.test(fromNpm)) return [process.env.npm_node_execpath || process.execPath, fromNpm];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
}

function run(command, args, options = {}) {
  const [file, ...pre] = command;
  const result = spawnSync(file, [...pre, ...args], { encoding: 'utf8', shell: file.endsWith('.cmd'), ...options });
  if (result.error) throw result.error;
  return result;
}

const npm = (args, options) => run(npmCli(), [...args, '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'], options);

/** A dev tool's bin, run with this Node (portable: no shebang or .cmd shim involved). */
function tool(pkg, bin) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  const path = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  return [process.execPath, join(ROOT, 'node_modules', pkg, path)];
}

function findNodeBinaries(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    if (entry.name.startsWith('@')) {
      findNodeBinaries(join(dir, entry.name), found);
      continue;
    }
    const pkgDir = join(dir, entry.name);
    if (NODE_BINARY.test(entry.name)) found.push(pkgDir);
    findNodeBinaries(join(pkgDir, 'node_modules'), found);
  }
  return found;
}

function exportTargets(manifest) {
  const targets = new Set([manifest.main, manifest.types].filter(Boolean));
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(typeof manifest.bin === 'string' ? manifest.bin : manifest.bin ?? {});
  return [...targets].map((target) => target.replace(/^\.\//, ''));
}

const work = mkdtempSync(join(tmpdir(), 'uc-pack-'));
try {
  // 1. Pack.
  const packed = npm(['pack', '--json', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  if (packed.status !== 0) throw new Error(`npm pack failed (exit ${packed.status})`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const tarball = join(work, info.filename);
  const files = info.files.map((file) => file.path);
  console.log(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} kB (${(info.unpackedSize / 1024).toFixed(0)} kB unpacked)`);

  // 2. Contents.
  const outside = files.filter((path) => !path.startsWith('dist/') && !path.startsWith('studio-ui/') && !ALLOWED_OUTSIDE_DIST.has(path));
  check(outside.length === 0, 'only dist/, studio-ui/, LICENSE, README.md and package.json are packed', outside.join(', '));
  check(files.includes('studio-ui/index.html'), 'the studio\'s page is packed');
  const forbidden = files.filter((path) => FORBIDDEN.test(path));
  check(forbidden.length === 0, 'no sources, tests, bench, examples or scripts are packed', forbidden.join(', '));
  for (const required of ['LICENSE', 'README.md', 'package.json']) check(files.includes(required), `${required} is packed`);
  check(files.some((path) => path.startsWith('dist/')), 'dist/ is packed');

  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  const untar = run(['tar'], ['-xzf', tarball, '-C', unpacked]);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  const pkgDir = join(unpacked, 'package');
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

  const missing = exportTargets(manifest).filter((target) => !files.includes(target));
  check(missing.length === 0, 'every export, main, types and bin target is packed', missing.join(', '));

  const maps = files.filter((path) => path.endsWith('.map'));
  const declarationMaps = maps.filter((path) => path.endsWith('.d.ts.map'));
  check(declarationMaps.length === 0, 'no declaration maps (they would point at unshipped .ts files)', declarationMaps.slice(0, 3).join(', '));
  const sourceless = maps.filter((path) => {
    const map = JSON.parse(readFileSync(join(pkgDir, path), 'utf8'));
    return !Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length || map.sourcesContent.some((text) => typeof text !== 'string');
  });
  check(sourceless.length === 0, `all ${maps.length} source maps carry their sources`, sourceless.slice(0, 3).join(', '));

  const license = readFileSync(join(pkgDir, 'LICENSE'), 'utf8');
  check(manifest.license === 'MIT' && /^MIT License/.test(license) && /the unified-collections authors/.test(license), 'LICENSE is the MIT text of package.json "license"');

  // 3. Nothing that downloads a Node binary or runs at install time.
  const depNames = ['dependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {}));
  check(!depNames.some((name) => NODE_BINARY.test(name)), 'the packed package.json names no Node binary package');
  const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => manifest.scripts?.[name]);
  check(installScripts.length === 0, 'the packed package.json has no install scripts', installScripts.join(', '));

  // 4. publint and attw on the same tarball.
  const publint = run(tool('publint', 'publint'), ['run', tarball, '--strict'], { cwd: work, stdio: 'inherit' });
  check(publint.status === 0, 'publint --strict');
  const attw = run(tool('@arethetypeswrong/cli', 'attw'), [tarball, '--profile', 'esm-only'], { cwd: work, stdio: 'inherit' });
  check(attw.status === 0, 'attw --profile esm-only');

  // 5. An app installs it.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'uc-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const install = npm(['install', tarball], { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
  check(install.status === 0, 'an app installs the tarball with npm install');
  const binaries = findNodeBinaries(join(app, 'node_modules'));
  check(binaries.length === 0, "no Node binary in the app's node_modules", binaries.join(', '));

  const importAll = (specifiers) => run([process.execPath], ['--input-type=module', '-e', `
    for (const specifier of ${JSON.stringify(specifiers)}) {
      const module = await import(specifier);
      console.log(\`  \${specifier}: \${Object.keys(module).length} exports\`);
    }`], { cwd: app, encoding: 'utf8' });
  const base = importAll(['unified-collections', 'unified-collections/emulator', 'unified-collections/testing']);
  process.stdout.write(base.stdout);
  check(base.status === 0, '".", "./emulator" and "./testing" import without the optional peers', base.stderr.trim().split('\n').slice(0, 4).join('\n'));

  const version = run([process.execPath], [join(app, 'node_modules', 'unified-collections', manifest.bin['unified-collections']), '--version'], { cwd: app });
  check(version.status === 0 && version.stdout.trim() === manifest.version, `the bin prints the version (${version.stdout.trim() || version.stderr.trim()})`);

  const studio = run([process.execPath], [join(ROOT, 'scripts', 'check-studio-served.mjs'), join(app, 'node_modules', 'unified-collections', manifest.bin['unified-collections'])], { cwd: app, encoding: 'utf8' });
  process.stdout.write(studio.stdout);
  check(studio.status === 0, 'the installed bin serves the studio (page, scripts, overview)', studio.stderr.trim().split('\n').slice(0, 4).join('\n'));

  const peer = npm(['install', '@opentelemetry/api'], { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
  const otel = importAll(['unified-collections/opentelemetry']);
  process.stdout.write(otel.stdout);
  check(peer.status === 0 && otel.status === 0, '"./opentelemetry" imports with @opentelemetry/api installed', otel.stderr.trim().split('\n').slice(0, 4).join('\n'));
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`${failures.length} pack check(s) failed`);
  process.exit(1);
}
console.log('all pack checks passed');
