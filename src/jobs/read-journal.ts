import { readFile } from 'node:fs/promises';
import { parseRecord, type JobHeader, type JournalRecord } from './journal-records.js';

/** What a journal file holds, up to its last complete line. */
export interface JournalContents {
  /** Undefined when not even the header was completely written (the job never sent anything). */
  header: JobHeader | undefined;
  /** The records after the header, in the order they were written. */
  records: JournalRecord[];
  /** Where the last complete line ends; bytes after it are a torn write, to be cut off. */
  completeBytes: number;
  fileBytes: number;
}

/** A journal that is not one this library wrote, or was changed since: resuming from it would guess. */
export class CorruptJournalError extends Error {
  override readonly name = 'CorruptJournalError';
}

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a journal. Every line ends in a newline when its write completed, so only text after
 * the last newline can be a torn write (the process died mid-append): it is ignored, never
 * guessed at. Any complete line that is not a valid record makes the whole journal corrupt.
 */
export function parseJournal(bytes: Uint8Array): JournalContents {
  const completeBytes = bytes.lastIndexOf(NEWLINE) + 1;
  const records: JournalRecord[] = [];
  let header: JobHeader | undefined;
  let start = 0;
  for (let line = 1; start < completeBytes; line += 1) {
    const end = bytes.indexOf(NEWLINE, start);
    const record = decode(bytes.subarray(start, end));
    if (record === undefined) throw new CorruptJournalError(`line ${line} is not a journal record`);
    if ((record.type === 'job') !== (line === 1)) {
      throw new CorruptJournalError(line === 1 ? 'it does not start with a job record' : `line ${line} starts another job`);
    }
    if (record.type === 'job') header = record;
    else records.push(record);
    start = end + 1;
  }
  return { header, records, completeBytes, fileBytes: bytes.length };
}

function decode(line: Uint8Array): JournalRecord | undefined {
  try {
    return parseRecord(utf8.decode(line));
  } catch {
    return undefined;
  }
}

/** The journal at `path`, or undefined when there is no such file. */
export async function readJournal(path: string): Promise<JournalContents | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseJournal(bytes);
}
