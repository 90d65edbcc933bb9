import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { startEmbeddedCosmos } from '../../data/embedded/embeddedCosmos';
import { mulberry32 } from './teamsConnector';

/**
 * A database that misbehaves: an HTTPS proxy on loopback in front of a Cosmos endpoint (the embedded server,
 * `npm run db`) that answers some requests itself — 429 with `x-ms-retry-after-ms`, 503 — cuts some
 * connections in the middle of the response (after the database did the work: the nastiest case for a write),
 * and delays every request by a random latency. Faults come from a seeded generator, so a run repeats; they can be
 * changed or switched off while running. Counters tell how many of each were dealt.
 */
export interface Faults {
  /** Shares of requests answered 429 (with x-ms-retry-after-ms) / 503 without reaching the database. */
  throttle?: number;
  unavailable?: number;
  /** Share of requests forwarded, whose response is cut after its headers (the database did the work). */
  reset?: number;
  retryAfterMs?: number;
  /** Latency added to each request, uniformly in [min, max] ms. */
  latencyMs?: [number, number];
}

/** The embedded server behind a faulty proxy: what tests open a store on (COSMOS_ENDPOINT = endpoint). */
export async function startFaultyEmbedded(faults: Faults = {}, options: { seed?: number } = {}): Promise<FaultyCosmos & { key: string }> {
  const database = await startEmbeddedCosmos();
  const proxy = await startFaultyCosmos(database.endpoint, faults, options);
  return {
    ...proxy,
    key: database.key,
    async close() {
      await proxy.close();
      await database.close();
    },
  };
}

export interface FaultyCosmos {
  endpoint: string;
  port: number;
  stats: { requests: number; throttled: number; unavailable: number; reset: number; forwarded: number };
  set(faults: Faults): void;
  close(): Promise<void>;
}

// The embedded server's own self-signed certificate (loopback only; the client accepts it there).
const certDir = join(dirname(require.resolve('@vercel/cosmosdb-server/package.json')));
const tls = { cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) };

export async function startFaultyCosmos(target: string, faults: Faults = {}, options: { seed?: number; port?: number } = {}): Promise<FaultyCosmos> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, rejectUnauthorized: false });
  const random = mulberry32(options.seed ?? 1);
  let current = faults;
  const stats = { requests: 0, throttled: 0, unavailable: 0, reset: 0, forwarded: 0 };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const { throttle = 0, unavailable = 0, reset = 0, retryAfterMs = 100, latencyMs = [0, 0] } = current;
    const roll = random();
    const delay = latencyMs[0] + random() * (latencyMs[1] - latencyMs[0]);
    const answer = (status: number, headers: Record<string, string>, code: string) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json', 'x-ms-activity-id': 'fault', ...headers });
      res.end(JSON.stringify({ code, message: `injected ${status}` }));
    };
    setTimeout(() => {
      if (roll < throttle) {
        stats.throttled++;
        return answer(429, { 'x-ms-retry-after-ms': String(retryAfterMs), 'x-ms-substatus': '3200' }, 'TooManyRequests');
      }
      if (roll < throttle + unavailable) {
        stats.unavailable++;
        return answer(503, {}, 'ServiceUnavailable');
      }
      const cut = roll < throttle + unavailable + reset;
      stats.forwarded++;
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (up) => {
          if (cut) {
            stats.reset++;
            // Headers and part of the body, then the connection is gone.
            const headers = { ...up.headers };
            delete headers['content-length'];
            res.writeHead(up.statusCode ?? 502, headers);
            up.once('data', (chunk: Buffer) => {
              res.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
              res.socket?.destroy();
              up.destroy();
            });
            up.once('end', () => res.socket?.destroy());
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('error', () => res.socket?.destroy());
      req.pipe(forward);
    }, delay);
  };

  const server: Server = createServer({ ...tls, keepAlive: true }, handle);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    port,
    stats,
    set(faults) {
      current = faults;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
