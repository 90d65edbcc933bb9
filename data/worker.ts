import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread on a module of this project. Under tsx or Jest the module is TypeScript, which a worker
 * cannot load by itself: it goes through tsx's CommonJS hook. Built (dist/), it is plain JavaScript.
 */
export function startModuleWorker(fileWithoutExtension: string, workerData?: unknown): Worker {
  const file = `${fileWithoutExtension}${extname(__filename)}`;
  return file.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData }) : new Worker(file, { workerData });
}
