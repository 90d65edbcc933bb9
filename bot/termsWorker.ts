import { join } from 'node:path';
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import { startModuleWorker } from '../data/worker';
import type { TermsExtractor } from '../services/catalog/catalogIndex';
import { termsOf, type SupplierTerms } from '../services/matching/matchIndex';

type Request = { id: number; items: { creditCode: string; text: string }[] };
type Reply = { id: number; terms?: SupplierTerms[]; error?: string };

/**
 * Word breaking for the matching index in a worker thread: ICU's segmenter costs about 0.2–1 ms per supplier,
 * seconds per 2 000-supplier chunk, and the event loop answers requests meanwhile. One worker, started on first
 * use, unref'd (it never keeps the process alive), ended by close(). Only texts go in and word counts come
 * back, so the copies between threads stay small.
 */
export class WorkerTermsExtractor implements TermsExtractor {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (t: SupplierTerms[]) => void; reject: (e: Error) => void }>();

  async terms(items: { creditCode: string; text: string }[]): Promise<SupplierTerms[]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, items } satisfies Request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = startModuleWorker(join(__dirname, 'termsWorker'));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.terms) waiter?.resolve(reply.terms);
      else waiter?.reject(new Error(reply.error ?? 'terms worker failed'));
    });
    const fail = (err: Error) => {
      this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`terms worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', ({ id, items }: Request) => {
    try {
      port.postMessage({ id, terms: items.map((i) => termsOf(i.creditCode, i.text)) } satisfies Reply);
    } catch (err) {
      port.postMessage({ id, error: String(err) } satisfies Reply);
    }
  });
}
