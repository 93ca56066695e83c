import { CollectionError } from '../errors.js';
import type { JournalOptions } from '../spec/options.js';
import { identityMismatch, jobHeader, type JobIdentity } from './job-identity.js';
import { foldRecords, type JobState } from './job-state.js';
import { JournalFile } from './journal-file.js';
import { CorruptJournalError, readJournal } from './read-journal.js';

export interface OpenedJournal {
  file: JournalFile;
  /** What an earlier run recorded; undefined for a new job. */
  prior: JobState | undefined;
  /** The file was created by this call (so it may be removed if the job never gets going). */
  created: boolean;
}

/** The path and resume flag of the `journal` option (a string is a path without resume). */
export function journalTarget(option: string | JournalOptions): { path: string; resume: boolean } {
  return typeof option === 'string' ? { path: option, resume: false } : { path: option.path, resume: option.resume === true };
}

function refused(provider: string, message: string, cause?: unknown): CollectionError {
  const detail = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new CollectionError({
    code: 'INVALID_INPUT', provider, retryable: false,
    message: `${message}${detail === undefined ? '' : ` (${detail})`}; nothing was sent`,
  });
}

/**
 * Opens the journal of a job before any request. A new job creates its file (an existing one is
 * refused, never overwritten); a resume reads the file, checks it records this very job, cuts
 * off a torn last line and continues it. Every refusal is INVALID_INPUT with nothing sent.
 */
export async function openJournal(identity: JobIdentity, option: string | JournalOptions, now = new Date()): Promise<OpenedJournal> {
  const { path, resume } = journalTarget(option);
  const { provider } = identity;
  const shown = JSON.stringify(path);
  const header = jobHeader(identity, now);
  let contents;
  try {
    contents = await readJournal(path);
  } catch (error) {
    if (error instanceof CorruptJournalError) throw refused(provider, `journal ${shown} cannot be resumed: ${error.message}`);
    throw refused(provider, `journal ${shown} cannot be read`, error);
  }
  if (contents === undefined) {
    try {
      return { file: await JournalFile.create(path, header), prior: undefined, created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(provider, shown);
      throw refused(provider, `journal ${shown} cannot be created`, error);
    }
  }
  if (!resume) throw exists(provider, shown);
  const mismatch = contents.header === undefined ? undefined : identityMismatch(contents.header, header);
  if (mismatch !== undefined) throw refused(provider, `journal ${shown} records another job: ${mismatch}`);
  try {
    // Not even the header was complete: no chunk was ever sent, so the job starts afresh in it.
    const fresh = contents.header === undefined;
    const file = await JournalFile.reopen(path, fresh ? 0 : contents.completeBytes, contents.fileBytes);
    await file.append([fresh ? header : { type: 'resumed', at: now.toISOString() }]).catch(async (error: unknown) => {
      await file.close().catch(() => undefined);
      throw error;
    });
    return { file, prior: fresh ? undefined : foldRecords(contents.records, new Set(identity.ids)), created: false };
  } catch (error) {
    throw refused(provider, `journal ${shown} cannot be written`, error);
  }
}

function exists(provider: string, shown: string): CollectionError {
  return refused(provider, `journal ${shown} already exists; resume the job it records with resume: true, or choose another path (the file was left as it is)`);
}
