import type { RunningEmulator } from '../../src/emulator/index.js';

/** Requests the emulator answered on routes that change state. */
export function writesSeen(emulator: RunningEmulator): number {
  return Object.entries(emulator.stats.byRoute)
    .filter(([route]) => !route.startsWith('GET '))
    .reduce((sum, [, count]) => sum + count, 0);
}
