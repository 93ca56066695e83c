import cliProgress from 'cli-progress';
import type { BatchProgress } from '../index.js';
import type { CliIo } from './io.js';

export interface ProgressReporter {
  /** Undefined when no bar is shown, so the library is not asked to report at all. */
  onProgress?: (progress: BatchProgress) => void;
  stop(): void;
}

/**
 * A progress bar with counts on stderr, only when stderr is a terminal (never in logs or pipes,
 * and stdout stays clean for --json). It starts on the first report, so a call that fails before
 * any request leaves no empty bar behind.
 */
export function createProgress(io: CliIo, label: string, enabled: boolean): ProgressReporter {
  if (!enabled || io.stderr.isTTY !== true) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    stream: io.stderr,
    format: `${label} [{bar}] {value}/{total} | ok {succeeded} | failed {failed} | unknown {unknown}`,
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress: (progress) => {
      const counts = { succeeded: progress.succeeded, failed: progress.failed, unknown: progress.unknown };
      if (!started) {
        bar.start(progress.total, progress.done, counts);
        started = true;
      } else {
        bar.update(progress.done, counts);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
