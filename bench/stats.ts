/** Medians, ranges and their formatting. Pure functions, no I/O. */

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * Per-round ratios `numerator[i] / denominator[i]`: the two runs of one round share the
 * machine's state at that moment, so pairing them cancels drift between rounds.
 */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): Summary {
  if (numerator.length !== denominator.length) throw new Error('pairedRatios: rounds differ');
  return summarize(numerator.map((n, i) => n / denominator[i]!));
}

/** Fixed decimals scaled to the magnitude, so small and large figures both stay readable. */
export function num(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

export function range(s: Summary, unit = '', scale = 1): string {
  return `${num(s.median * scale)}${unit} [${num(s.min * scale)}–${num(s.max * scale)}]`;
}

export function times(s: Summary): string {
  return `${s.median.toFixed(2)}× [${s.min.toFixed(2)}–${s.max.toFixed(2)}]`;
}

export function percent(s: Summary): string {
  return `${(s.median * 100).toFixed(0)} % [${(s.min * 100).toFixed(0)}–${(s.max * 100).toFixed(0)}]`;
}

/** Whole counts (requests, connections): one figure when every round agrees, else the range. */
export function counts(s: Summary): string {
  const whole = (v: number) => String(Math.round(v));
  return s.min === s.max ? whole(s.median) : `${whole(s.median)} [${whole(s.min)}–${whole(s.max)}]`;
}
