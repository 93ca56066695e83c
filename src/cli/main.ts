#!/usr/bin/env node
import { EXIT } from './exit-codes.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

// The first Ctrl-C (or SIGTERM) cancels the running command, which still reports what it
// finished; a second one exits at once.
const interrupt = new AbortController();
let signalsSeen = 0;
function onSignal(signal: NodeJS.Signals): void {
  signalsSeen += 1;
  if (signalsSeen > 1) process.exit(EXIT.INTERRUPTED);
  interrupt.abort(new Error(`received ${signal}`));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// `unified-collections … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
  throw error;
});

process.exitCode = await runCli(process.argv, processIo(interrupt.signal));
