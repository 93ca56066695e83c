import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { STUDIO_ACTIONS } from './studio-actions.js';

// Where the studio keeps its jobs: one JSON file per job (what was asked, with its ids, and how
// it ended) beside the library's journals of its steps. The library's journal records only a
// hash of the ids, so the job file is what lets a restarted studio resume the job.

const failure = z.object({ id: z.string(), reason: z.string(), code: z.string().optional() });

/** A step's BatchResult as stored (no `raw`: vendor answers can be large and are not needed to reconcile). */
const stepResultSchema = z.object({
  provider: z.string(),
  operation: z.enum(['deleteItems', 'addItems', 'removeItems']).optional(),
  collectionId: z.string().optional(),
  requested: z.number(),
  ok: z.boolean(),
  succeeded: z.array(z.string()),
  failed: z.array(failure),
  unknown: z.array(z.string()),
});

export const JOB_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = typeof JOB_STATUSES[number];

const jobFileSchema = z.object({
  id: z.string(),
  provider: z.string(),
  action: z.enum(STUDIO_ACTIONS),
  collectionId: z.string().optional(),
  targetCollectionId: z.string().optional(),
  ids: z.array(z.string()),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  status: z.enum(JOB_STATUSES),
  steps: z.array(stepResultSchema).optional(),
  result: z.object({ ok: z.boolean(), succeeded: z.array(z.string()), failed: z.array(failure), unknown: z.array(z.string()) }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export type JobFile = z.infer<typeof jobFileSchema>;
export type StoredStepResult = z.infer<typeof stepResultSchema>;

const SUFFIX = '.job.json';
/** The ids the studio makes (time and random hex): safe as file names. */
const JOB_ID = /^[a-z0-9-]{1,64}$/;

export function jobFilePath(dir: string, id: string): string {
  return join(dir, `${id}${SUFFIX}`);
}

/** The journal of step `index` of job `id`. */
export function journalPath(dir: string, id: string, index: number): string {
  return join(dir, `${id}.step${index + 1}.journal`);
}

/** Written to a temporary file and renamed, so a crash never leaves half a job file. */
export async function saveJobFile(dir: string, job: JobFile): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = jobFilePath(dir, job.id);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(job)}\n`, { mode: 0o600 });
  await rename(temporary, target);
}

/** Every readable job file in `dir` (a missing folder is no jobs; an unreadable file is skipped). */
export async function loadJobFiles(dir: string): Promise<JobFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const jobs: JobFile[] = [];
  for (const name of names.filter((entry) => entry.endsWith(SUFFIX))) {
    try {
      const parsed = jobFileSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
      // The id names the job's files: one that is not its file's name (an edited file) could point elsewhere.
      if (parsed.success && JOB_ID.test(parsed.data.id) && name === `${parsed.data.id}${SUFFIX}`) jobs.push(parsed.data);
    } catch {
      // A file another program left, or one cut short: not a job this studio can show.
    }
  }
  return jobs;
}
