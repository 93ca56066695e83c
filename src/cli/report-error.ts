import { CommanderError } from 'commander';
import { isCollectionError } from '../errors.js';
import { CommandError, DeclinedError, EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { writeLine } from './format.js';
import type { CliIo } from './io.js';
import { escapeControls, jsonLine } from './quote.js';

interface Report {
  exitCode: ExitCode;
  /** Undefined when commander already printed what there was to say (help). */
  json?: Record<string, unknown>;
  text?: string;
}

function classify(error: unknown, io: CliIo): Report {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; so does help asked for with `help [command…]`
    // (program.ts answers that one before reporting). What is left is a bare command group's help,
    // an error (in text mode only: with --json, program.ts turns it into a usage error first).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { exitCode: EXIT.OK };
    if (error.code === 'commander.help') return { exitCode: EXIT.USAGE };
    // Commander echoes argv raw (`unknown option '…'`) and puts its suggestion on a line of its own.
    const text = error.message.replace(/^error: /, '').replace(/\n(?=\(Did you mean )/g, ' ').trim();
    const message = `${escapeControls(text)} (see --help)`;
    return { exitCode: EXIT.USAGE, json: { code: 'USAGE', message }, text: `error [USAGE]: ${message}` };
  }
  if (error instanceof UsageError) {
    const message = escapeControls(error.message);
    return { exitCode: EXIT.USAGE, json: { code: 'USAGE', message }, text: `error [USAGE]: ${message}` };
  }
  if (error instanceof CommandError) {
    const message = escapeControls(error.message);
    return { exitCode: EXIT.ERROR, json: { code: error.code, message }, text: `error [${error.code}]: ${message}` };
  }
  if (error instanceof DeclinedError) {
    return { exitCode: EXIT.ERROR, json: { code: 'DECLINED', message: error.message }, text: error.message };
  }
  if (isCollectionError(error)) {
    // The library's messages and fields never hold a credential; its stack trace is never shown.
    const beforeAnyRequest = error.status === undefined && (error.code === 'CONFIG' || error.code === 'INVALID_INPUT');
    const exitCode = error.code === 'ABORTED' && io.signal.aborted ? EXIT.INTERRUPTED
      : beforeAnyRequest ? EXIT.USAGE : EXIT.ERROR;
    const details = [
      error.status === undefined ? undefined : `HTTP ${error.status}`,
      error.vendorCode === undefined || error.message.includes(error.vendorCode) ? undefined : `vendor code ${error.vendorCode}`,
      error.requestId === undefined ? undefined : `request id ${error.requestId}`,
      error.retryAfterMs === undefined ? undefined : `retry after ${Math.ceil(error.retryAfterMs / 1000)} s`,
    ].filter((part) => part !== undefined);
    const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
    return { exitCode, json: error.toJSON(), text: `error [${error.code}]: ${escapeControls(error.message)}${escapeControls(suffix)}` };
  }
  const message = escapeControls(error instanceof Error ? error.message : String(error));
  const stack = io.env.UNIFIED_COLLECTIONS_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return { exitCode: EXIT.ERROR, json: { code: 'INTERNAL', message }, text: `error [INTERNAL]: ${message}${stack}` };
}

/**
 * Prints an error on stderr, as `error [CODE]: message` or, with --json, as `{"error": {…}}`
 * (stdout stays reserved for results), and returns the exit code.
 */
export function reportError(error: unknown, io: CliIo, json: boolean): ExitCode {
  const report = classify(error, io);
  if (json && report.json !== undefined) writeLine(io.stderr, jsonLine({ error: report.json }));
  else if (report.text !== undefined) writeLine(io.stderr, report.text);
  return report.exitCode;
}
