/**
 * Reads contact files in a worker thread (node:worker_threads, which runs in Electron's main
 * process and in plain Node alike), so a big file costs the app no responsiveness: the hotkey,
 * sends and every other call go on while it is parsed. The worker has a memory cap of its own, so
 * a pathological file ends that worker with a plain message, never the app; it is kept for the
 * next file (the commit after a preview) and ended after a while of idleness.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorKind } from '../../../../shared/ipc';
import { AppError } from '../../ipc/dispatch';
import { decodeBase64, readContactFile } from './readFile';
import type { ReadFile } from './records';

export type WorkerRequest = { fileName: string; data: string };
export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; file: ReadFile }
  | { type: 'error'; kind: ErrorKind; message: string };

/** What the import handlers need: a contact file's bytes read into records. */
export type ContactFileReader = {
  read(request: WorkerRequest, onProgress?: (done: number, total: number) => void): Promise<ReadFile>;
};

/**
 * Reads on the calling thread: for a one-shot process with nothing else to keep responsive (the
 * command line), where starting a worker would only cost time.
 */
export const inProcessReader: ContactFileReader = {
  read: (request, onProgress) => Promise.resolve().then(() => readContactFile(request.fileName, decodeBase64(request.data), onProgress)),
};

/** Where the worker's code is; `typescript` when it is the source, to be loaded through tsx. */
export type ImportWorkerSpec = { file: string; typescript?: boolean };

/**
 * The worker as TypeScript source, loaded through tsx: for the browser preview and the tests,
 * which run the sources. The built app passes its own bundled worker file instead.
 */
export const sourceImportWorker = (): ImportWorkerSpec => ({ file: join(dirname(fileURLToPath(import.meta.url)), 'worker.ts'), typescript: true });

/** tsx's ESM loader API, found through tsx's own package exports so it works from any directory. */
function tsxLoaderApi(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const entry = manifest.exports['./esm/api']?.import?.default;
  if (entry === undefined) throw new Error('tsx does not export ./esm/api');
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

/** A worker running `spec`: the built file as it is, the source after registering tsx in the thread. */
function startWorker(spec: ImportWorkerSpec): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (spec.typescript !== true) return new Worker(spec.file, { resourceLimits });
  const bootstrap = `import(${JSON.stringify(tsxLoaderApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(spec.file).href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** Far above what the largest allowed file needs; a limit so a hostile one cannot take the machine. */
const WORKER_HEAP_MB = 1024;

/** A worker left idle this long is ended; the next file starts a new one. */
const IDLE_MS = 10_000;

type Job = { request: WorkerRequest; onProgress: (done: number, total: number) => void; resolve: (file: ReadFile) => void; reject: (error: AppError) => void };

export class ImportReader implements ContactFileReader {
  private worker: Worker | null = null;
  private current: Job | null = null;
  private readonly queue: Job[] = [];
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly spec: ImportWorkerSpec) {}

  /** Reads one file in the worker; files are read one at a time, in the order asked. */
  read(request: WorkerRequest, onProgress: (done: number, total: number) => void = () => undefined): Promise<ReadFile> {
    return new Promise<ReadFile>((resolve, reject) => {
      this.queue.push({ request, onProgress, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.current !== null) return;
    const job = this.queue.shift();
    if (job === undefined) {
      this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
      // An idle reader never keeps the process (a test, the preview) alive; a busy one does.
      this.idleTimer.unref();
      this.worker?.unref();
      return;
    }
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.current = job;
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage(job.request);
  }

  private finish(action: (job: Job) => void): void {
    const job = this.current;
    this.current = null;
    if (job !== null) action(job);
    this.next();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = startWorker(this.spec);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') this.current?.onProgress(reply.done, reply.total);
      else if (reply.type === 'done') this.finish((job) => job.resolve(reply.file));
      else this.finish((job) => job.reject(new AppError(reply.kind, reply.message)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.worker = null;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const message = outOfMemory
        ? 'This file needs more memory to read than any contact file should; is it the right file?'
        : `The contact file could not be read: ${error.message}`;
      this.finish((job) => job.reject(new AppError(outOfMemory ? 'invalid-input' : 'internal', message)));
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish((job) => job.reject(new AppError('internal', `The contact file reader stopped (exit code ${String(code)}).`)));
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the worker (when idle, or when the app quits). */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) void worker.terminate();
  }
}
