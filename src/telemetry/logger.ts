import type { LogLevel, Logger } from '../spec/telemetry.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The environment switch: `UNIFIED_COLLECTIONS_DEBUG=1` logs at debug level (to stderr when no logger is set). */
export const DEBUG_ENV_VAR = 'UNIFIED_COLLECTIONS_DEBUG';

/** What the debug switch logs to without a logger: stderr, so stdout stays clean for data (`--json`). */
const STDERR_LOGGER: Logger = Object.fromEntries((['debug', 'info', 'warn', 'error'] as const).map((level) => [
  level,
  (message: string, fields?: Record<string, unknown>) => {
    process.stderr.write(`${level} ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}\n`);
  },
]));

/** A logger that drops lines below its level; absent when nothing is to be logged at all. */
export interface LevelledLogger {
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

function debugSwitch(env: Record<string, string | undefined>): boolean {
  const value = env[DEBUG_ENV_VAR]?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Silent unless the app gives a logger (level `info` unless it says) or sets the debug switch.
 * A logger that throws never breaks a call.
 */
export function createLogger(
  logger: Logger | undefined, level: LogLevel | undefined, env: Record<string, string | undefined> = process.env,
): LevelledLogger | undefined {
  const debug = debugSwitch(env);
  const sink: Logger | undefined = logger ?? (debug ? STDERR_LOGGER : undefined);
  if (sink === undefined) return undefined;
  const threshold = RANK[debug ? 'debug' : level ?? 'info'];
  return {
    enabled: (at) => RANK[at] >= threshold && typeof sink[at] === 'function',
    log(at, message, fields) {
      if (RANK[at] < threshold) return;
      try {
        sink[at]?.call(sink, `unified-collections: ${message}`, fields);
      } catch {
        // Logging is best effort: a failing logger must not fail the request it describes.
      }
    },
  };
}
