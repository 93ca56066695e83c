import { randomBytes } from 'node:crypto';
import { isCollectionError, type BatchFailure, type BatchProgress, type BatchResult } from '../index.js';
import { actionSteps, runStep, type ActionRequest } from './studio-actions.js';
import { StudioHttpError } from './studio-http.js';
import {
  journalPath, loadJobFiles, saveJobFile, type JobFile, type JobStatus, type StoredStepResult,
} from './studio-job-files.js';
import type { StudioProvider } from './studio-provider.js';
import { failureViews, quotaView, type QuotaView } from './studio-views.js';
import { combineResults, type JobResult } from './job-result.js';

export interface JobProgressView {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  unknown: number;
  waitingUntil?: string;
  etaMs?: number;
  quota?: QuotaView;
}

export interface JobView {
  id: string;
  provider: string;
  /** The provider's display name; the provider's name when it is not configured in this studio. */
  providerDisplayName: string;
  action: ActionRequest['action'];
  collectionId?: string;
  targetCollectionId?: string;
  requested: number;
  createdAt: string;
  finishedAt?: string;
  status: JobStatus;
  progress: JobProgressView;
  result?: JobResult;
  error?: { code: string; message: string };
  resumable: boolean;
  reconcilable: boolean;
}

type Listener = (job: JobView) => void;

export interface StudioJobsOptions {
  now?: () => Date;
  onError?: (error: unknown) => void;
}

interface Job {
  file: JobFile;
  progress: JobProgressView;
  controller?: AbortController;
  running?: Promise<void>;
  /** Set by Stop: the abort that follows is the user's, not a failure. */
  cancelled: boolean;
  listeners: Set<Listener>;
  /** Pending throttled notification. */
  timer?: NodeJS.Timeout;
  /** The last save of its file: saves of one job run one after the other. */
  saving?: Promise<void>;
  /** A reconcile is reading back: a second one waits for its result instead of racing it. */
  reconciling?: boolean;
}

/** Progress events arrive per chunk; the page needs no more than this many a second. */
const NOTIFY_INTERVAL_MS = 100;

/**
 * The studio's jobs: each runs an action's steps through the library (journaled, waiting out
 * quota windows), reports progress to the page's event streams, and is kept on disk, so a job
 * cut short (Stop, a crash, a restart) can be resumed without re-sending what already settled.
 */
export class StudioJobs {
  readonly #dir: string;
  readonly #providers: ReadonlyMap<string, StudioProvider>;
  readonly #jobs = new Map<string, Job>();
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  /** Set by `close`: no job starts or resumes any more. */
  #closing = false;

  /** `onError`: told of an error that is not the library's (a bug); the page gets only a generic message. */
  constructor(dir: string, providers: ReadonlyMap<string, StudioProvider>, options: StudioJobsOptions = {}) {
    this.#dir = dir;
    this.#providers = providers;
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Reads the jobs of earlier launches; one that was running then was cut short. */
  async load(): Promise<void> {
    for (const file of await loadJobFiles(this.#dir)) {
      if (this.#jobs.has(file.id)) continue;
      const loaded = file.status === 'running' ? interruptedJob(file, this.#now()) : file;
      this.#jobs.set(file.id, { file: loaded, progress: progressOf(loaded), cancelled: false, listeners: new Set() });
    }
  }

  list(): JobView[] {
    return [...this.#jobs.values()].map((job) => this.#view(job)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  view(id: string): JobView {
    return this.#view(this.#job(id));
  }

  /** Starts a job for a confirmed plan; it runs in the background. */
  async start(request: ActionRequest): Promise<JobView> {
    this.#refuseWhenClosing();
    const id = `${this.#now().getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
    const file: JobFile = {
      id,
      provider: request.provider,
      action: request.action,
      ...(request.collectionId === undefined ? {} : { collectionId: request.collectionId }),
      ...(request.targetCollectionId === undefined ? {} : { targetCollectionId: request.targetCollectionId }),
      ids: request.ids,
      createdAt: this.#now().toISOString(),
      status: 'running',
    };
    const job: Job = { file, progress: progressOf(file), cancelled: false, listeners: new Set() };
    // Written before any request: a crash from here on leaves a job the next studio can resume.
    await saveJobFile(this.#dir, file);
    this.#jobs.set(id, job);
    this.#run(job);
    return this.#view(job);
  }

  cancel(id: string): JobView {
    const job = this.#job(id);
    if (job.file.status !== 'running') throw new StudioHttpError(409, 'STUDIO_BAD_REQUEST', `job ${id} is not running`);
    job.cancelled = true;
    job.controller?.abort();
    return this.#view(job);
  }

  async resume(id: string): Promise<JobView> {
    this.#refuseWhenClosing();
    const job = this.#job(id);
    // The run that was stopped may still be winding down; resuming waits until it has.
    if (!this.#resumable(job) || job.running !== undefined) {
      throw new StudioHttpError(409, 'STUDIO_BAD_REQUEST', `job ${id} cannot be resumed (${job.file.status})`);
    }
    const { finishedAt: _finished, error: _error, result: _result, ...rest } = job.file;
    job.file = { ...rest, status: 'running' };
    job.cancelled = false;
    await this.#save(job);
    this.#run(job);
    return this.#view(job);
  }

  /** Reads back the unknown ids of a finished job and settles them (the library's reconcile). */
  async reconcile(id: string): Promise<JobView> {
    const job = this.#job(id);
    if (!this.#reconcilable(job) || job.running !== undefined || job.reconciling === true) {
      throw new StudioHttpError(409, 'STUDIO_BAD_REQUEST', `job ${id} has no unknown ids to reconcile (or is being reconciled)`);
    }
    job.reconciling = true;
    try {
      await this.#reconcile(job);
    } finally {
      job.reconciling = false;
    }
    return this.#view(job);
  }

  async #reconcile(job: Job): Promise<void> {
    const { client } = this.#provider(job.file.provider);
    if (job.file.action === 'deleteCollection') {
      const collectionId = job.file.collectionId!;
      const gone = await client.getCollection(collectionId).then(() => false, (error: unknown) => {
        if (isCollectionError(error) && error.code === 'NOT_FOUND') return true;
        throw error;
      });
      const result: JobResult = gone
        ? { ok: true, succeeded: [collectionId], failed: [], unknown: [] }
        : { ok: false, succeeded: [], failed: [{ id: collectionId, reason: 'the collection still exists (read back)' }], unknown: [] };
      await this.#finish(job, result);
      return;
    }
    const steps: StoredStepResult[] = [];
    for (const step of job.file.steps ?? []) {
      steps.push(step.unknown.length === 0 ? step : storedStep(await client.reconcile({ ...step, raw: [] })));
    }
    // Combined first: the job changes only once the whole result is known.
    const result = combineResults(job.file.ids, steps);
    job.file = { ...job.file, steps };
    await this.#finish(job, result);
  }

  /** Calls `listener` with the job now and on every change; returns the unsubscribe. */
  subscribe(id: string, listener: Listener): () => void {
    const job = this.#job(id);
    job.listeners.add(listener);
    listener(this.#view(job));
    return () => job.listeners.delete(listener);
  }

  /** Stops every running job (each stays resumable: its journal is on disk) and waits for them. */
  async close(): Promise<void> {
    this.#closing = true;
    const running = [...this.#jobs.values()].filter((job) => job.running !== undefined);
    for (const job of running) job.controller?.abort();
    await Promise.all(running.map((job) => job.running));
    await Promise.all([...this.#jobs.values()].map((job) => job.saving));
  }

  #refuseWhenClosing(): void {
    if (this.#closing) throw new StudioHttpError(503, 'STUDIO_CLOSING', 'the studio is stopping: no job starts now');
  }

  #job(id: string): Job {
    const job = this.#jobs.get(id);
    if (job === undefined) throw new StudioHttpError(404, 'STUDIO_NOT_FOUND', `no job ${JSON.stringify(id)}`);
    return job;
  }

  #provider(name: string): StudioProvider {
    const provider = this.#providers.get(name);
    if (provider === undefined) throw new StudioHttpError(409, 'STUDIO_BAD_REQUEST', `provider ${JSON.stringify(name)} is not configured in this studio`);
    return provider;
  }

  #resumable(job: Job): boolean {
    const { status, action, provider } = job.file;
    return (status === 'cancelled' || status === 'interrupted') && action !== 'deleteCollection' && this.#providers.has(provider);
  }

  #reconcilable(job: Job): boolean {
    const { status, result, provider } = job.file;
    return status !== 'running' && (result?.unknown.length ?? 0) > 0 && this.#providers.has(provider);
  }

  #view(job: Job): JobView {
    const { file } = job;
    return {
      id: file.id,
      provider: file.provider,
      providerDisplayName: this.#providers.get(file.provider)?.displayName ?? file.provider,
      action: file.action,
      ...(file.collectionId === undefined ? {} : { collectionId: file.collectionId }),
      ...(file.targetCollectionId === undefined ? {} : { targetCollectionId: file.targetCollectionId }),
      requested: file.ids.length,
      createdAt: file.createdAt,
      ...(file.finishedAt === undefined ? {} : { finishedAt: file.finishedAt }),
      status: file.status,
      progress: job.progress,
      ...(file.result === undefined ? {} : { result: file.result }),
      ...(file.error === undefined ? {} : { error: file.error }),
      resumable: this.#resumable(job),
      reconcilable: this.#reconcilable(job),
    };
  }

  #run(job: Job): void {
    const controller = new AbortController();
    job.controller = controller;
    job.running = this.#execute(job, controller.signal)
      .catch((error: unknown) => this.#fail(job, error))
      .finally(() => {
        // Only this run's own fields: a resume may already have started the next run.
        if (job.controller === controller) {
          delete job.controller;
          delete job.running;
        }
        this.#notify(job, true);
      });
    this.#notify(job, true);
  }

  async #execute(job: Job, signal: AbortSignal): Promise<void> {
    const { client } = this.#provider(job.file.provider);
    const request = job.file;
    if (request.action === 'deleteCollection') {
      await this.#finish(job, await deleteCollectionResult(client, request.collectionId!, signal));
      return;
    }
    const steps = actionSteps({ ...request });
    // Steps an earlier run finished are not run again: a later step's ids are what they settled.
    const results: StoredStepResult[] = [...(request.steps ?? [])];
    let ids = results.at(-1)?.succeeded ?? request.ids;
    for (let index = results.length; index < steps.length; index += 1) {
      const step = steps[index]!;
      const earlier = results.slice();
      const result = await runStep(client, step, ids, {
        signal,
        journalPath: journalPath(this.#dir, request.id, index),
        onProgress: (progress) => this.#progress(job, steps.length, index, earlier, progress),
      }).catch((error: unknown) => {
        if (signal.aborted || index === 0 || !isCollectionError(error)) throw error;
        // A later step refused whole: the earlier step's ids still each get an outcome.
        return refusedStep(job.file.provider, step.operation, step.collectionId, ids, error);
      });
      if (signal.aborted) {
        // Stopped: the ids never sent are not failures but what a resume will send.
        const sent = result.failed.filter((failure) => failure.code !== 'ABORTED');
        const earlierDone = job.file.ids.length * index;
        job.progress = {
          total: job.file.ids.length * steps.length,
          done: earlierDone + result.succeeded.length + sent.length + result.unknown.length,
          succeeded: result.succeeded.length,
          failed: sent.length,
          unknown: result.unknown.length,
        };
        throw signal.reason;
      }
      results.push(storedStep(result));
      job.file = { ...job.file, steps: results.slice() };
      await this.#save(job);
      // A move removes from the source only what reached the target.
      ids = result.succeeded;
    }
    await this.#finish(job, combineResults(request.ids, results));
  }

  #progress(job: Job, stepCount: number, index: number, earlier: StoredStepResult[], progress: BatchProgress): void {
    const perStep = job.file.ids.length;
    const failedBefore = earlier.reduce((sum, step) => sum + step.failed.length, 0);
    const unknownBefore = earlier.reduce((sum, step) => sum + step.unknown.length, 0);
    const quota = quotaView(progress.quota);
    job.progress = {
      total: perStep * stepCount,
      done: perStep * index + progress.done + failedBefore + unknownBefore,
      succeeded: progress.succeeded,
      failed: failedBefore + progress.failed,
      unknown: unknownBefore + progress.unknown,
      ...(progress.waitingUntil === undefined ? {} : { waitingUntil: new Date(progress.waitingUntil).toISOString() }),
      ...(progress.etaMs === undefined ? {} : { etaMs: progress.etaMs }),
      ...(quota === undefined ? {} : { quota }),
    };
    this.#notify(job, false);
  }

  #finish(job: Job, result: JobResult): Promise<void> {
    // `failed` only when every id failed: an unknown one may have been applied.
    const status: JobStatus = result.ok ? 'succeeded' : result.failed.length === job.file.ids.length ? 'failed' : 'partial';
    const { error: _error, ...rest } = job.file;
    job.file = { ...rest, status, result, finishedAt: this.#now().toISOString() };
    job.progress = {
      total: job.file.ids.length || result.succeeded.length + result.failed.length + result.unknown.length,
      done: result.succeeded.length + result.failed.length + result.unknown.length,
      succeeded: result.succeeded.length,
      failed: result.failed.length,
      unknown: result.unknown.length,
    };
    return this.#save(job);
  }

  #fail(job: Job, error: unknown): Promise<void> {
    const aborted = job.controller?.signal.aborted === true;
    const status: JobStatus = aborted ? (job.cancelled ? 'cancelled' : 'interrupted') : 'failed';
    const { waitingUntil: _waiting, ...progress } = job.progress;
    job.progress = progress;
    job.file = {
      ...job.file,
      status,
      finishedAt: this.#now().toISOString(),
      error: aborted
        ? { code: 'ABORTED', message: job.cancelled ? 'stopped; resume sends only what has not settled' : 'the studio stopped while the job ran' }
        : errorView(error),
    };
    if (!aborted && !isCollectionError(error) && !(error instanceof StudioHttpError)) this.#onError(error);
    return this.#save(job);
  }

  /** A job file that cannot be written costs only the resume after a restart: the job itself goes on. */
  #save(job: Job): Promise<void> {
    const file = job.file;
    job.saving = (job.saving ?? Promise.resolve()).then(() => saveJobFile(this.#dir, file)).catch((error: unknown) => this.#onError(error));
    return job.saving;
  }

  #notify(job: Job, now: boolean): void {
    const emit = () => {
      job.timer = undefined;
      const view = this.#view(job);
      for (const listener of job.listeners) listener(view);
    };
    if (now) {
      if (job.timer !== undefined) clearTimeout(job.timer);
      emit();
    } else if (job.timer === undefined) {
      job.timer = setTimeout(emit, NOTIFY_INTERVAL_MS);
    }
  }
}

function progressOf(file: JobFile): JobProgressView {
  const result = file.result;
  return {
    total: file.ids.length,
    done: result === undefined ? 0 : result.succeeded.length + result.failed.length + result.unknown.length,
    succeeded: result?.succeeded.length ?? 0,
    failed: result?.failed.length ?? 0,
    unknown: result?.unknown.length ?? 0,
  };
}

/** A job the studio was running when it stopped: resumable, or, for a collection delete (one request), unknown. */
function interruptedJob(file: JobFile, now: Date): JobFile {
  if (file.action !== 'deleteCollection') return { ...file, status: 'interrupted' };
  const id = file.collectionId!;
  return { ...file, status: 'partial', finishedAt: now.toISOString(), result: { ok: false, succeeded: [], failed: [], unknown: [id] } };
}

/**
 * A step the library refused as a whole: each of its ids failed, saying why, when the refusal
 * proves nothing was sent; otherwise each is unknown (reconcile reads them back).
 */
function refusedStep(
  provider: string, operation: StoredStepResult['operation'], collectionId: string | undefined, ids: readonly string[],
  error: { code: string; message: string },
): BatchResult {
  const notSent = NOT_APPLIED.has(error.code);
  return {
    provider,
    ...(operation === undefined ? {} : { operation }),
    ...(collectionId === undefined ? {} : { collectionId }),
    requested: ids.length, ok: false, succeeded: [], raw: [],
    failed: notSent ? ids.map((id) => ({ id, reason: error.message, code: error.code })) : [],
    unknown: notSent ? [] : [...ids],
  };
}

function storedStep(result: BatchResult): StoredStepResult {
  return {
    provider: result.provider,
    ...(result.operation === undefined ? {} : { operation: result.operation }),
    ...(result.collectionId === undefined ? {} : { collectionId: result.collectionId }),
    requested: result.requested,
    ok: result.ok,
    succeeded: [...result.succeeded],
    failed: failureViews(result.failed),
    unknown: [...result.unknown],
  };
}

/**
 * Codes that prove a delete did not happen, when it was the only attempt (a later attempt's
 * refusal may follow an earlier one that applied). Anything else leaves it unknown until read back.
 */
const NOT_APPLIED = new Set(['INVALID_INPUT', 'UNSUPPORTED', 'PROTECTED_COLLECTION', 'CONFIG', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED']);

async function deleteCollectionResult(client: StudioProvider['client'], collectionId: string, signal: AbortSignal): Promise<JobResult> {
  try {
    await client.deleteCollection(collectionId, { signal });
    return { ok: true, succeeded: [collectionId], failed: [], unknown: [] };
  } catch (error) {
    if (!isCollectionError(error)) throw error;
    if (!NOT_APPLIED.has(error.code) || (error.attempts ?? 1) > 1) {
      return { ok: false, succeeded: [], failed: [], unknown: [collectionId] };
    }
    const failure: BatchFailure = { id: collectionId, reason: error.message, code: error.code };
    return { ok: false, succeeded: [], failed: [failure], unknown: [] };
  }
}

function errorView(error: unknown): { code: string; message: string } {
  if (isCollectionError(error)) return { code: error.code, message: error.message };
  if (error instanceof StudioHttpError) return { code: error.code, message: error.message };
  return { code: 'STUDIO_INTERNAL', message: 'the job stopped on an unexpected error (see the studio\'s terminal)' };
}
