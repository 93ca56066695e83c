import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './studio-http.js';
import type { JobView, StudioJobs } from './studio-jobs.js';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream (a long quota wait). */
const KEEP_ALIVE_MS = 15_000;

/**
 * Streams a job to the page as server-sent events (`event: job`, data: the job), on connect and
 * on every change, and ends the stream once the job has stopped running.
 */
export function streamJob(request: IncomingMessage, response: ServerResponse, jobs: StudioJobs, id: string): void {
  // Throws the 404 before any header is sent when the job does not exist.
  jobs.view(id);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  let closed = false;
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    unsubscribe();
    response.end();
  };
  const send = (job: JobView) => {
    if (closed) return;
    response.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
    // Ended on the next turn: `subscribe` calls back before it has returned the unsubscribe.
    if (job.status !== 'running') setImmediate(close);
  };
  const unsubscribe = jobs.subscribe(id, send);
  request.on('close', close);
}
