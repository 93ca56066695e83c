import { open, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encodeRecords, type JournalRecord } from './journal-records.js';

/** What the batch runner needs of a journal: records made durable, in order. */
export interface JournalAppender {
  /**
   * Resolves once the records are written and fsync'd; rejects when they could not be, after
   * which every later append rejects too (a journal with a gap would mislead a resume).
   */
  append(records: readonly JournalRecord[]): Promise<void>;
}

interface Pending {
  bytes: Buffer;
  count: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The part of a FileHandle the journal uses (tests substitute a failing one). */
export type JournalHandle = Pick<FileHandle, 'write' | 'datasync' | 'close'>;

/**
 * An append-only journal file. Appends are written in the order they were made, each resolved
 * only after `datasync`: a record a caller has seen resolve survives a crash of the process and
 * of the machine. Appends made while a write is under way are written together with one sync
 * (group commit), so concurrent chunks do not queue behind one fsync each.
 */
export class JournalFile implements JournalAppender {
  readonly path: string;
  readonly #handle: JournalHandle;
  readonly #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #failure: Error | undefined;
  #written = 0;
  #closing: Promise<void> | undefined;

  constructor(path: string, handle: JournalHandle) {
    this.path = path;
    this.#handle = handle;
  }

  /**
   * A new journal with its header. `ax` refuses an existing file atomically, so two jobs never
   * share one; the directory is synced too, so the file itself survives a machine crash.
   */
  static async create(path: string, header: JournalRecord): Promise<JournalFile> {
    const journal = new JournalFile(path, await open(path, 'ax', 0o600));
    try {
      await journal.append([header]);
      await syncDirectory(path);
    } catch (error) {
      await journal.close().catch(() => undefined);
      throw error;
    }
    return journal;
  }

  /** An existing journal, continued after its last complete line (a torn tail is cut off first). */
  static async reopen(path: string, completeBytes: number, fileBytes: number): Promise<JournalFile> {
    if (completeBytes < fileBytes) await truncate(path, completeBytes);
    const handle = await open(path, 'a');
    if (completeBytes < fileBytes) await handle.datasync();
    return new JournalFile(path, handle);
  }

  /** Records made durable through this object so far. */
  get written(): number {
    return this.#written;
  }

  append(records: readonly JournalRecord[]): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#closing !== undefined) return Promise.reject(new Error('the journal is closed'));
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ bytes: encodeRecords(records), count: records.length, resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#flushing !== undefined) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined;
      // An append made after the loop found the queue empty, but before this ran.
      if (this.#queue.length > 0) this.#kick();
    });
  }

  /** Waits for appends under way, then closes the file (once, however often it is called). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#flushing !== undefined) await this.#flushing;
      await this.#handle.close();
    })();
    return this.#closing;
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      try {
        if (this.#failure !== undefined) throw this.#failure;
        await writeAll(this.#handle, Buffer.concat(batch.map((pending) => pending.bytes)));
        await this.#handle.datasync();
        batch.forEach((pending) => {
          this.#written += pending.count;
          pending.resolve();
        });
      } catch (error) {
        this.#failure ??= error instanceof Error ? error : new Error(String(error));
        batch.forEach((pending) => pending.reject(this.#failure!));
      }
    }
  }
}

/** A write may take fewer bytes than given; the rest follows (the file is in append mode). */
async function writeAll(handle: JournalHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw new Error('the journal write made no progress');
    offset += bytesWritten;
  }
}

/** Where the platform allows it (not on Windows), the new directory entry is made durable too. */
async function syncDirectory(path: string): Promise<void> {
  let directory: FileHandle | undefined;
  try {
    directory = await open(dirname(path), 'r');
    await directory.sync();
  } catch {
    // Best effort: the file's own data is synced either way.
  } finally {
    await directory?.close().catch(() => undefined);
  }
}
