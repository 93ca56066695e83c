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
  for (const path of scripts) {
    const script = await fetch(new URL(path, `${origin}/`), { headers: { cookie } });
    if (script.status !== 200) fail(`${path} answered ${script.status}`);
  }
  const overview = await fetch(`${origin}/api/overview`, { headers: { cookie } });
  const providers = (await overview.json()).providers?.map((provider) => provider.name) ?? [];
  if (providers.length < 2) fail(`the overview shows ${providers.join(', ') || 'no provider'}`);
  console.log(`  studio: page, ${scripts.length} script(s) and an overview of ${providers.join(', ')}`);
} catch (error) {
  fail(String(error));
}
child.kill('SIGINT');
await new Promise((resolve) => child.once('exit', resolve));
