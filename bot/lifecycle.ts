import type { Request, Response, Server } from 'restify';
import type { Store } from '../data/store';
import type { Config } from './config';
import { sendError } from './http';
import type { Logger } from './logger';

const HEALTH_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/**
 * Requests in flight and whether the bot is closing. Every request is counted, not only turns: a Direct Line
 * POST waits on the turn it started, and closing must not cut it off between the turn's end and its own answer.
 */
export class Draining {
  private inFlight = 0;
  private closingNow = false;
  private readonly drained: (() => void)[] = [];

  get closing(): boolean {
    return this.closingNow;
  }

  /** Counts every request the server takes, from its start to its socket's close. */
  track(server: Server): void {
    server.pre((_req: Request, res: Response, next: () => void) => {
      this.inFlight++;
      res.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) this.drained.splice(0).forEach((resolve) => resolve());
      });
      return next();
    });
  }

  /**
   * Refuses new turns (503) from now on, and waits up to `graceMs` for those in flight: the server keeps
   * listening meanwhile, since their replies may come back to it (the local channel's Connector API).
   * False when it was closing already.
   */
  async drain(graceMs: number): Promise<boolean> {
    if (this.closingNow) return false;
    this.closingNow = true;
    if (this.inFlight > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((resolve) => this.drained.push(resolve)), new Promise((r) => (grace = setTimeout(r, graceMs)))]);
      clearTimeout(grace);
    }
    return true;
  }
}

/** GET /healthz: the database answers in time, and the bot is not shutting down. */
export function mountHealth(server: Server, deps: { store: Store; draining: Draining; log: Logger }): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    if (deps.draining.closing) return sendError(res, 503, 'ShuttingDown', 'The bot is shutting down.');
    try {
      await withTimeout(deps.store.ping(), HEALTH_TIMEOUT_MS);
      res.send(200, { status: 'ok', database: 'ok', bot: 'ok' });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'health check: database did not answer');
      sendError(res, 503, 'DatabaseUnavailable', 'The database does not answer.');
    }
  });
}

/** Listens on the configured port (and host); the local URL. */
export async function listen(server: Server, config: Config): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Dev mode has no identity of its own: only this machine may reach it.
    if (config.host) server.listen(config.port, config.host, resolve);
    else server.listen(config.port, resolve);
  });
  // Keep idle connections longer than load balancers and clients do (Azure's front ends hold them for minutes),
  // so the server never closes a socket a client is about to reuse.
  server.server.keepAliveTimeout = 75_000;
  server.server.headersTimeout = 80_000;
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, port };
}

/** Stops listening and cuts the connections left (after draining). */
export async function closeServer(server: Server): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.server.closeAllConnections();
  await stopped;
}
