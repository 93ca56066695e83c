/**
 * The CLI's exit codes. Scripts branch on these, so they are part of the public surface and
 * documented in the README: never renumber one.
 */
export const EXIT = {
  /** The command did what was asked. */
  OK: 0,
  /** The command ran and failed: the vendor refused, the network failed, the user declined. */
  ERROR: 1,
  /** Nothing was attempted: bad flags or arguments, unknown provider, missing credential, or a
   * destructive command without --yes and without a terminal to ask on. */
  USAGE: 2,
  /** A batch ran, but not every id succeeded (BatchResult.ok is false). */
  PARTIAL: 3,
  /** Interrupted by Ctrl-C (128 + SIGINT), as shells report it. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the CLI was invoked; reported as `error [USAGE]: …` with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command that ran and failed for a reason of the CLI's own, not the library's (the emulator's
 * port is taken): reported as `error [CODE]: …` (or `{"error": {code, message}}`), exit code 1.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';

  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The user answered "no" at a confirmation prompt: nothing happened, exit code 1. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}
