/** Runs variants interleaved over rounds and collects one sample per variant per round. */
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { killAllChildren, withTimeout } from './children.ts';
// @ts-ignore TS5097 (see above)
import { config } from './config.ts';

/** `ms` is the timed core; other fields are counts the run observed (requests, connections, …). */
export type Sample = { ms: number } & Record<string, number>;

export interface Variant {
  label: string;
  run: () => Promise<Sample>;
}

export type Samples = Map<string, Sample[]>;

/**
 * Round-robin: every round runs each variant once, so slow drift (thermal, other load) hits all
 * variants alike. The starting variant rotates each round, so none always runs first (cold) or
 * right after a particular other one.
 */
export async function interleave(name: string, rounds: number, variants: readonly Variant[]): Promise<Samples> {
  const samples: Samples = new Map(variants.map((v) => [v.label, []]));
  for (let round = 0; round < rounds; round += 1) {
    progress(`${name}: round ${round + 1}/${rounds}`);
    for (let k = 0; k < variants.length; k += 1) {
      const variant = variants[(round + k) % variants.length]!;
      try {
        samples.get(variant.label)!.push(await withTimeout(variant.run(), config.runTimeoutMs, `${name} / ${variant.label}`));
      } catch (error) {
        // A run that failed or timed out may still be sending; killing its server (and any
        // worker) ends it, so it cannot load the machine while later sections measure.
        killAllChildren();
        progress('');
        throw error;
      }
    }
  }
  progress('');
  return samples;
}

/** One field of every sample of a variant, in round order. */
export function field(samples: Samples, label: string, key: string): number[] {
  return (samples.get(label) ?? []).map((s) => {
    const value = s[key];
    if (value === undefined) throw new Error(`sample of ${label} has no ${key}`);
    return value;
  });
}

/** Progress goes to stderr and only on a terminal, so the report on stdout stays clean. */
function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}
