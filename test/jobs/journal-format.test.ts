import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashIds, identityMismatch, jobHeader } from '../../src/jobs/job-identity.js';
import { JournalFile, type JournalHandle } from '../../src/jobs/journal-file.js';
import { encodeRecords, type JobHeader, type JournalRecord } from '../../src/jobs/journal-records.js';
import { CorruptJournalError, parseJournal, readJournal } from '../../src/jobs/read-journal.js';

// The journal is the only thing that survives a crash, so its format must read back exactly
// what was written, ignore a last line cut short by the crash, and refuse anything else.

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'uc-journal-'));
  dirs.push(dir);
  return dir;
}

// Ids are validated before a job starts (no controls, no slashes), but reasons are vendor text:
// any string, newlines and U+2028 included.
const id = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((s) => !/[\p{Cc}/\\]/u.test(s) && s.trim() === s);
const ids = fc.array(id, { maxLength: 6 });
const count = fc.nat(10_000);
const record: fc.Arbitrary<JournalRecord> = fc.oneof(
  fc.record({ type: fc.constant('sent' as const), ids }),
  fc.record({
    type: fc.constant('settled' as const),
    succeeded: ids,
    failed: fc.array(fc.record({ id, reason: fc.string({ unit: 'binary' }), code: fc.constantFrom('NOT_FOUND', 'not_found', 'ABORTED') }), { maxLength: 3 }),
    unknown: ids,
    moved: count,
    alreadyInCollection: count,
    deletedVectors: fc.record({ hd: count, ld: count }),
    by: fc.constant('read' as const),
  }, { requiredKeys: ['type', 'succeeded', 'failed', 'unknown'] }),
  fc.record({ type: fc.constant('unsent' as const), ids, reason: fc.string({ unit: 'binary' }) }),
  fc.record({ type: fc.constant('resumed' as const), at: fc.constant('2025-03-09T12:00:00.000Z') }),
);
const header = fc.record({
  provider: fc.constantFrom('wickson', 'verifik', 'in-memory'),
  operation: fc.constantFrom('deleteItems' as const, 'addItems' as const, 'removeItems' as const),
  collectionId: fc.option(id, { nil: undefined }),
  ids,
}).map((identity) => jobHeader(identity, new Date('2025-03-09T12:00:00.000Z')));

describe('journal records', () => {
  it('read back exactly as written (property)', () => {
    fc.assert(fc.property(header, fc.array(record, { maxLength: 8 }), (head, records) => {
      const bytes = encodeRecords([head, ...records]);
      const parsed = parseJournal(bytes);
      expect(parsed.header).toEqual(head);
      expect(parsed.records).toEqual(records);
      expect(parsed.completeBytes).toBe(bytes.length);
      // One record per line: a reason's newline or U+2028 is escaped, never a line break.
      expect(bytes.toString('utf8').split('\n')).toHaveLength(records.length + 2);
    }), { numRuns: 500 });
  });

  it('a journal cut at any byte reads as its complete lines: a torn last line is ignored, never guessed at (property)', () => {
    fc.assert(fc.property(header, fc.array(record, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (head, records, at) => {
      const bytes = encodeRecords([head, ...records]);
      const cut = Math.floor(at * bytes.length);
      const parsed = parseJournal(bytes.subarray(0, cut));
      // The lines that were complete at the cut, and nothing of the torn one.
      const lineEnds: number[] = [];
      bytes.forEach((byte, index) => byte === 0x0a && lineEnds.push(index + 1));
      const complete = lineEnds.filter((end) => end <= cut);
      expect(parsed.completeBytes).toBe(complete.at(-1) ?? 0);
      expect(parsed.fileBytes).toBe(cut);
      expect(parsed.header).toEqual(complete.length > 0 ? head : undefined);
      expect(parsed.records).toEqual(records.slice(0, Math.max(0, complete.length - 1)));
    }), { numRuns: 500 });
  });

  it('refuses a complete line that is not a record, a journal that does not start with its job, and a second job', () => {
    const head = jobHeader({ provider: 'wickson', operation: 'deleteItems', ids: ['a'] }, new Date(0));
    const sent: JournalRecord = { type: 'sent', ids: ['a'] };
    const lines = (...parts: string[]) => Buffer.from(parts.map((p) => `${p}\n`).join(''));
    const cases: Array<[Buffer, RegExp]> = [
      [lines(JSON.stringify(head), '{"type":"sent","ids":"a"}', JSON.stringify(sent)), /line 2 is not a journal record/],
      [lines(JSON.stringify(head), 'not json', JSON.stringify(sent)), /line 2/],
      [lines(JSON.stringify(head), JSON.stringify({ ...sent, type: 'other' })), /line 2/],
      [lines(JSON.stringify(sent), JSON.stringify(head)), /does not start with a job record/],
      [lines(JSON.stringify(head), JSON.stringify(head)), /line 2 starts another job/],
      [lines(JSON.stringify({ ...head, format: 2 })), /line 1/],
      [Buffer.concat([lines(JSON.stringify(head)), Buffer.from([0xff, 0x0a])]), /line 2/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => parseJournal(bytes)).toThrow(CorruptJournalError);
      expect(() => parseJournal(bytes)).toThrow(message);
    }
    // Torn and invalid at the end is still just torn: the crash cut it.
    expect(parseJournal(Buffer.concat([lines(JSON.stringify(head)), Buffer.from('{"type":"se')])).records).toEqual([]);
  });
});

describe('job identity', () => {
  it('is the set of ids: order does not matter, membership does', () => {
    fc.assert(fc.property(fc.uniqueArray(id, { minLength: 2, maxLength: 20 }), (list) => {
      expect(hashIds([...list].reverse())).toBe(hashIds(list));
      expect(hashIds(list.slice(1))).not.toBe(hashIds(list));
    }));
    // JSON framing: no two lists of ids hash alike by concatenation.
    expect(hashIds(['ab', 'c'])).not.toBe(hashIds(['a', 'bc']));
  });

  it('names the first difference, and holds no id and no credential', () => {
    const base = { provider: 'wickson', operation: 'addItems' as const, collectionId: 'a', ids: ['x', 'y'] };
    const at = new Date(0);
    const recorded = jobHeader(base, at);
    expect(identityMismatch(recorded, jobHeader({ ...base, ids: ['y', 'x'] }, new Date(1)))).toBeUndefined();
    expect(identityMismatch(recorded, jobHeader({ ...base, provider: 'verifik' }, at))).toMatch(/provider is "wickson", this call's is "verifik"/);
    expect(identityMismatch(recorded, jobHeader({ ...base, operation: 'removeItems' }, at))).toMatch(/operation/);
    expect(identityMismatch(recorded, jobHeader({ ...base, collectionId: 'b' }, at))).toMatch(/collectionId is "a", this call's is "b"/);
    expect(identityMismatch(recorded, jobHeader({ ...base, ids: ['x'] }, at))).toMatch(/number of ids is 2, this call's is 1/);
    expect(identityMismatch(recorded, jobHeader({ ...base, ids: ['x', 'z'] }, at))).toMatch(/different set of ids/);
    expect(Object.keys(recorded).sort()).toEqual(['collectionId', 'count', 'format', 'ids', 'operation', 'provider', 'startedAt', 'type']);
  });
});

describe('JournalFile', () => {
  it('creates a new file only: an existing one is refused and left as it was', async () => {
    const path = join(await tempDir(), 'job.jsonl');
    const head: JobHeader = jobHeader({ provider: 'wickson', operation: 'deleteItems', ids: ['a'] }, new Date(0));
    const file = await JournalFile.create(path, head);
    await file.close();
    const before = await readFile(path);
    await expect(JournalFile.create(path, head)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path)).toEqual(before);
  });

  it('appends in call order, concurrent appends included, each resolved once on disk', async () => {
    const path = join(await tempDir(), 'job.jsonl');
    const head = jobHeader({ provider: 'wickson', operation: 'deleteItems', ids: ['a'] }, new Date(0));
    const file = await JournalFile.create(path, head);
    const records: JournalRecord[] = Array.from({ length: 50 }, (_, i) => ({ type: 'sent', ids: [`id-${i}`] }));
    const onDisk: number[] = [];
    await Promise.all(records.map(async (r, i) => {
      await file.append([r]);
      // Resolved means durable: the file already holds it.
      onDisk.push((await readJournal(path))!.records.length > i ? 1 : 0);
    }));
    await file.close();
    expect(onDisk.every((ok) => ok === 1)).toBe(true);
    expect((await readJournal(path))!.records).toEqual(records);
    expect(file.written).toBe(51);
  });

  it('continues after the last complete line, cutting a torn tail off first', async () => {
    const path = join(await tempDir(), 'job.jsonl');
    const head = jobHeader({ provider: 'wickson', operation: 'deleteItems', ids: ['a', 'b'] }, new Date(0));
    await writeFile(path, Buffer.concat([encodeRecords([head, { type: 'sent', ids: ['a'] }]), Buffer.from('{"type":"settled","succ')]));
    const contents = (await readJournal(path))!;
    const file = await JournalFile.reopen(path, contents.completeBytes, contents.fileBytes);
    await file.append([{ type: 'sent', ids: ['b'] }]);
    await file.close();
    expect((await readJournal(path))!.records).toEqual([{ type: 'sent', ids: ['a'] }, { type: 'sent', ids: ['b'] }]);
  });

  it('continues a short write where it stopped', async () => {
    const written: Buffer[] = [];
    const handle: JournalHandle = {
      write: (async (buffer: Buffer, offset = 0, length = buffer.length) => {
        const taken = Math.min(length, 7);
        written.push(Buffer.from(buffer.subarray(offset, offset + taken)));
        return { bytesWritten: taken, buffer };
      }) as unknown as JournalHandle['write'],
      datasync: async () => undefined,
      close: async () => undefined,
    };
    const records: JournalRecord[] = [{ type: 'sent', ids: ['a', 'b'] }, { type: 'unsent', ids: ['a'], reason: 'nope' }];
    await new JournalFile('/nowhere', handle).append(records);
    expect(Buffer.concat(written)).toEqual(encodeRecords(records));
  });

  it('after a failed write or sync, refuses every later append without writing (a journal with a gap would mislead a resume)', async () => {
    for (const failing of ['write', 'datasync'] as const) {
      let calls = 0;
      const handle: JournalHandle = {
        write: (async (buffer: Buffer, _offset = 0, length = buffer.length) => {
          calls += 1;
          if (failing === 'write') throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
          return { bytesWritten: length, buffer };
        }) as unknown as JournalHandle['write'],
        datasync: async () => {
          if (failing === 'datasync') throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        },
        close: async () => undefined,
      };
      const file = new JournalFile('/nowhere', handle);
      await expect(file.append([{ type: 'sent', ids: ['a'] }])).rejects.toThrow(/EIO/);
      const after = calls;
      await expect(file.append([{ type: 'sent', ids: ['b'] }])).rejects.toThrow(/EIO/);
      expect(calls).toBe(after);
      expect(file.written).toBe(0);
      await file.close();
      await file.close();
    }
  });
});
