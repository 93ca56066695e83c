/**
 * 5. Cold start: wall time of a child process that imports the main entry, and of the CLI's
 * `--help`, against `node -e 0` measured in the same rounds.
 */
import { fileURLToPath } from 'node:url';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { runNode } from '../children.ts';
// @ts-ignore TS5097 (see above)
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import { line, row, section, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { pairedRatios, range, summarize, times } from '../stats.ts';

// The package resolves itself by name from its own directory (package.json `exports` → dist).
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT_MS = 30_000;
const NODE = 'node -e 0 (baseline)';
const IMPORT = "import('unified-collections')";
const HELP = 'node dist/cli/main.js --help';

const COMMANDS: Record<string, string[]> = {
  [NODE]: ['-e', '0'],
  [IMPORT]: ['--input-type=module', '-e', "await import('unified-collections')"],
  [HELP]: ['dist/cli/main.js', '--help'],
};

export async function startup(): Promise<void> {
  section(`5. Cold start: child process wall time, ${config.startupRounds} rounds`);
  const variants: Variant[] = Object.entries(COMMANDS).map(([label, args]) => ({
    label,
    run: async () => ({ ms: (await runNode(args, REPO, TIMEOUT_MS, label)).ms }),
  }));
  const samples = await interleave('startup', config.startupRounds, variants);
  for (const label of Object.keys(COMMANDS)) row(label, range(summarize(field(samples, label, 'ms')), ' ms'));

  const node = field(samples, NODE, 'ms');
  const imported = field(samples, IMPORT, 'ms');
  const importWall = summarize(imported);
  line(`import adds ${range(summarize(imported.map((ms, i) => ms - node[i]!)), ' ms')} over node -e 0`);
  target('cold import ≤ 70 ms (process wall time)', range(importWall, ' ms'), importWall.median <= 70);
  const help = pairedRatios(field(samples, HELP, 'ms'), node);
  target('--help ≤ 4× node -e 0', times(help), help.median <= 4);
}
