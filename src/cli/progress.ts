import cliProgress from 'cli-progress';
import type { BatchProgress } from '../index.js';
import { isDumbTerminal, type CliIo } from './io.js';

export interface ProgressReporter {
  /** Undefined when no bar is shown, so the library is not asked to report at all. */
  onProgress?: (progress: BatchProgress) => void;
  stop(): void;
}

/** "waiting for the rate-limit window: 42 s", then the ETA, when the library reports them. */
export function progressNote(progress: BatchProgress, now: number): string {
  const parts: string[] = [];
  if (progress.waitingUntil !== undefined && progress.waitingUntil > now) {
    parts.push(`waiting for the rate-limit window: ${duration(progress.waitingUntil - now)}`);
  }
  if (progress.etaMs !== undefined && progress.done < progress.total) parts.push(`ETA ${duration(progress.etaMs)}`);
  return parts.length === 0 ? '' : ` | ${parts.join(' | ')}`;
}

/** 42 s, 3 min 5 s, 1 h 2 min: coarse enough to read at a glance. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How often a dumb terminal gets a new progress line. */
export const DUMB_TERMINAL_PROGRESS_MS = 2000;

/**
 * stderr as cli-progress sees it on a dumb terminal: not a TTY, so it neither hides the cursor
 * nor moves it, and writes each state as a line of its own. A line equal to the one before
 * (nothing moved since, or the final state drawn again on stop) is left out.
 */
function plainLines(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  let pending = '';
  let last: string | undefined;
  const write = (text: string): boolean => {
    pending += text;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (line !== last) stream.write(`${line}\n`);
      last = line;
    }
    return true;
  };
  const notATerminal = { write, isTTY: false };
  return notATerminal as unknown as NodeJS.WritableStream;
}

/**
 * A progress bar with counts on stderr, only when stderr is a terminal (never in logs or pipes,
 * and stdout stays clean for --json). On a dumb terminal (TERM=dumb) it is a plain ASCII line
 * every DUMB_TERMINAL_PROGRESS_MS instead, with no escape sequence. It starts on the first report,
 * so a call that fails before any request leaves no empty bar behind.
 */
export function createProgress(io: CliIo, label: string, enabled: boolean): ProgressReporter {
  if (!enabled || io.stderr.isTTY !== true) return { stop: () => undefined };
  const format = `${label} [{bar}] {value}/{total} | ok {succeeded} | failed {failed} | unknown {unknown}{note}`;
  const bar = isDumbTerminal(io)
    ? new cliProgress.SingleBar({
      stream: plainLines(io.stderr),
      format,
      noTTYOutput: true,
      notTTYSchedule: DUMB_TERMINAL_PROGRESS_MS,
      // Its final line is already written; completing only adds a blank one.
      clearOnComplete: true,
    }, cliProgress.Presets.legacy)
    : new cliProgress.SingleBar({ stream: io.stderr, format, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress: (progress) => {
      const counts = {
        succeeded: progress.succeeded, failed: progress.failed, unknown: progress.unknown, note: progressNote(progress, Date.now()),
      };
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
