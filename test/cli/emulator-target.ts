import { vendorFixture } from '../support/vendors.js';
import type { CollectionItem } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { runInProcess } from './memory-io.js';
import { parseJson, runCli } from './run-cli.js';

/**
 * A demo-seeded emulator started by the test, so state survives from one CLI run to the next
 * (`--emulator` discards every change when the command exits), with the flags and environment
 * that point the CLI at it.
 */
export interface Target {
  provider: 'wickson' | 'verifik';
  emulator: RunningEmulator;
  args: string[];
  env: Record<string, string>;
}

export type Runner = (args: readonly string[], env: Record<string, string>) => Promise<{ code: number | null; stdout: string; stderr: string }>;

export const spawned: Runner = (args, env) => runCli(args, { env });
export const inProcess: Runner = (args, env) => runInProcess(args, { env });

export async function startTarget(provider: Target['provider'], running: RunningEmulator[]): Promise<Target> {
  const emulator = await startEmulator({ provider, seed: 'demo' });
  running.push(emulator);
  const env = vendorFixture(provider).env('any-credential');
  return { provider, emulator, args: ['-p', provider, '--base-url', emulator.url], env };
}

/** The id of the collection named `name` (Wickson: the name itself), looked up through the CLI. */
/** A demo-seed collection per vendor, for tests that need one with members. */
export const DEMO_COLLECTIONS: Record<Target['provider'], { members: string; small: string; other: string; missingItem: string }> = {
  wickson: { members: 'research_papers', small: 'research_papers', other: 'default', missingItem: 'doc_missing' },
  verifik: { members: 'Staff', small: 'VIP', other: 'Staff', missingItem: 'ffffffffffffffffffffffff' },
};

export async function collectionId(target: Target, name: string, run: Runner = spawned): Promise<string> {
  const listed = await run(['collections', 'list', '--json', ...target.args], target.env);
  const found = parseJson<Array<{ id: string; name: string }>>(listed.stdout).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no collection named ${name} on ${target.provider}`);
  return found.id;
}

export async function itemsIn(target: Target, collection: string, run: Runner = spawned): Promise<CollectionItem[]> {
  const listed = await run(['items', 'list', collection, '--json', ...target.args], target.env);
  if (listed.code !== 0) throw new Error(`items list ${collection} exited ${listed.code}: ${listed.stderr}`);
  return parseJson<CollectionItem[]>(listed.stdout);
}

export async function idsIn(target: Target, collection: string, run: Runner = spawned): Promise<string[]> {
  return (await itemsIn(target, collection, run)).map((item) => item.id);
}

export { writesSeen } from '../support/emulator-writes.js';
