import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CollectionError } from '../errors.js';
import { hashIds } from '../jobs/job-identity.js';
import { journalTarget } from '../jobs/open-journal.js';
import type { JournalOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';
import type { SyncDiff } from './sync-diff.js';

/**
 * A sync with a journal. A batch journal records one job (its set of ids), but a sync's two
 * batches are decided from a listing that changes as the sync goes: resuming after a crash would
 * compute other sets. So the sync first records the difference it decided on in `path` (one
 * fsync'd JSON line, before any write), and its batches keep their journals beside it
 * (`path.add`, `path.remove`). Resuming reads the recorded difference instead of listing again,
 * and resumes both batch journals: settled chunks are not re-sent, unknown ids are read back.
 */

const FORMAT = 'unified-collections/sync-journal@1';

interface SyncRecord {
  type: 'sync';
  format: typeof FORMAT;
  provider: string;
  collectionId: string;
  /** The desired set, hashed as batch journals hash their ids. */
  desired: string;
  add: string[];
  remove: string[];
  unchanged: number;
  startedAt: string;
}

export interface JournaledSync {
  diff: SyncDiff;
  add: JournalOptions;
  remove: JournalOptions;
}

function refused(ctx: CoreContext, message: string): CollectionError {
  return new CollectionError({ code: 'INVALID_INPUT', provider: ctx.provider, retryable: false, message: `${message}; nothing was sent` });
}

const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

function parse(text: string): SyncRecord | undefined {
  try {
    const record = JSON.parse(text.split('\n')[0] ?? '') as Partial<SyncRecord> | null;
    if (record?.type !== 'sync' || record.format !== FORMAT || !isIdList(record.add) || !isIdList(record.remove)) return undefined;
    return typeof record.unchanged === 'number' ? record as SyncRecord : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The difference a journaled sync works on: the recorded one when resuming, else `decide()`'s,
 * recorded first. Refusals (an existing file without resume, a file recording another sync) are
 * INVALID_INPUT before any request.
 */
export async function journaledSync(
  ctx: CoreContext, collectionId: string, desired: readonly string[], option: string | JournalOptions, decide: () => Promise<SyncDiff>,
): Promise<JournaledSync> {
  const { path, resume } = journalTarget(option);
  const shown = JSON.stringify(path);
  const phases = (again: boolean) => ({ add: { path: `${path}.add`, resume: again }, remove: { path: `${path}.remove`, resume: again } });
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refused(ctx, `sync journal ${shown} cannot be read`);
  }
  if (text !== undefined) {
    if (!resume) throw refused(ctx, `sync journal ${shown} already exists; resume the sync it records with resume: true, or choose another path`);
    const record = parse(text);
    if (record === undefined) throw refused(ctx, `sync journal ${shown} is not a sync journal this version can resume`);
    if (record.provider !== ctx.provider || record.collectionId !== collectionId || record.desired !== hashIds(desired)) {
      throw refused(ctx, `sync journal ${shown} records another sync (another provider, collection or desired set)`);
    }
    return { diff: { add: record.add, remove: record.remove, unchanged: record.unchanged }, ...phases(true) };
  }
  const diff = await decide();
  const record: SyncRecord = {
    type: 'sync', format: FORMAT, provider: ctx.provider, collectionId, desired: hashIds(desired),
    add: diff.add, remove: diff.remove, unchanged: diff.unchanged, startedAt: new Date().toISOString(),
  };
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(record)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    const directory = await open(dirname(path), 'r');
    await directory.sync().finally(() => directory.close());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refused(ctx, code === 'EEXIST' ? `sync journal ${shown} already exists` : `sync journal ${shown} cannot be written (${code ?? 'error'})`);
  }
  return { diff, ...phases(false) };
}
