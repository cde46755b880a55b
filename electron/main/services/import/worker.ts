/**
 * The import worker thread's entry: reads one contact file per message, off the main process's
 * event loop, and reports progress as it goes. Built as its own file (electron.vite.config.ts)
 * and started by ImportReader (reader.ts).
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../ipc/dispatch';
import { decodeBase64, readContactFile } from './readFile';
import type { WorkerReply, WorkerRequest } from './reader';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs only as a worker thread.');

port.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  try {
    const file = readContactFile(request.fileName, decodeBase64(request.data), (done, total) => reply({ type: 'progress', done, total }));
    reply({ type: 'done', file });
  } catch (error) {
    if (error instanceof AppError) reply({ type: 'error', kind: error.kind, message: error.message });
    else reply({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
});
