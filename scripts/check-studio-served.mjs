/**
 * Used by check-pack.mjs: starts an installed package's `unified-collections studio --emulator`,
 * logs in with the printed URL and fetches the page and its scripts, so the packed tarball is
 * known to ship the studio's UI files where the server looks for them. Exit 0 when it works.
 *
 *   node scripts/check-studio-served.mjs <path to the installed bin>
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const bin = process.argv[2];
const child = spawn(process.execPath, [bin, 'studio', '--emulator', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const fail = (message) => {
  console.error(`studio check: ${message}`);
  child.kill('SIGKILL');
  process.exit(1);
};
const timer = setTimeout(() => fail('no URL printed within 30 s'), 30_000);

let fetched = new Set();
const [line] = await new Promise((resolve) => {
  const lines = createInterface({ input: child.stdout });
  lines.once('line', (first) => resolve([first]));
});
clearTimeout(timer);
try {
  const { url } = JSON.parse(line);
  const login = await fetch(url, { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  if (login.status !== 303 || cookie === '') fail(`login answered ${login.status}`);
  const origin = new URL(url).origin;
  const page = await fetch(`${origin}/`, { headers: { cookie } });
  const html = await page.text();
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
  if (page.status !== 200 || scripts.length === 0) fail(`the page answered ${page.status} with ${scripts.length} scripts`);
  // Every module the page loads, following its static imports, must be in the package.
  const queue = scripts.map((path) => new URL(path, `${origin}/`).href);
  fetched = new Set();
  while (queue.length > 0) {
    const href = queue.shift();
    if (fetched.has(href)) continue;
    fetched.add(href);
    const script = await fetch(href, { headers: { cookie } });
    if (script.status !== 200) fail(`${href} answered ${script.status}`);
    const text = await script.text();
    for (const match of text.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) queue.push(new URL(match[1], href).href);
  }
  const overview = await fetch(`${origin}/api/overview`, { headers: { cookie } });
  const providers = (await overview.json()).providers?.map((provider) => provider.name) ?? [];
  if (providers.length < 2) fail(`the overview shows ${providers.join(', ') || 'no provider'}`);
  console.log(`  studio: page, ${fetched.size} module(s) and an overview of ${providers.join(', ')}`);
} catch (error) {
  fail(String(error));
}
child.kill('SIGINT');
await new Promise((resolve) => child.once('exit', resolve));
