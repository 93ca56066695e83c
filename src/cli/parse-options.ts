import { InvalidArgumentError } from 'commander';

/** A commander argument parser; its error becomes a usage error (exit code 2). */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('must be a positive integer');
  }
  return parsed;
}

/** Like positiveInteger, but 0 is allowed (a port chosen by the system, no latency). */
export function nonNegativeInteger(value: string): number {
  return value.trim() === '0' ? 0 : positiveInteger(value);
}
