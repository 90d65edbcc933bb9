import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Teams Connector service, on loopback: it takes the bot's proactive sends
 * (POST /v3/conversations/{id}/activities[/{replyTo}]), enforces Teams' throttling — per conversation 7 a
 * second, 8 in 2 s, 60 in 30 s; per bot `perBotPerSecond` — answering 429 with Retry-After, and injects
 * faults: 429s with Retry-After and 503s, at given rates, from a seeded generator so runs repeat. Removed
 * conversations answer 403; a broken one answers 500 every time. Everything it accepted is kept, and every
 * HTTP request it got is counted (per conversation too), so tests and the bench count lost, duplicates,
 * attempts and requests over the limits.
 */
export interface StandInOptions {
  perBotPerSecond?: number;
  /** Share of requests answered 429 (with Retry-After) / 503 before any other check. */
  inject429?: number;
  inject503?: number;
  retryAfterSeconds?: number;
  seed?: number;
}

export interface Received {
  conversationId: string;
  activity: Record<string, unknown>;
  at: number;
  /** The activity id answered. */
  id: string;
}

export interface StandInConnector {
  url: string;
  received: Received[];
  stats: { requests: number; accepted: number; overLimit: number; injected429: number; injected503: number; forbidden: number; broken: number; maxPerSecond: number; maxRequestsPerSecond: number };
  /** Every HTTP request per conversation, whatever the answer. */
  requestsTo: Map<string, number>;
  /** The bot was removed from these conversations: sends answer 403. */
  remove(conversationId: string): void;
  /** This conversation's sends answer 500 every time. */
  breakConversation(conversationId: string): void;
  /** A broken conversation works again. */
  repair(conversationId: string): void;
  close(): Promise<void>;
}

const CONVERSATION_LIMITS = [
  { max: 7, ms: 1_000 },
  { max: 8, ms: 2_000 },
  { max: 60, ms: 30_000 },
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of `times` (ascending) fall within the last `ms` before `now`. */
function within(times: number[], now: number, ms: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > now - ms; i--) n++;
  return n;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStandInConnector(options: StandInOptions = {}): Promise<StandInConnector> {
  const random = mulberry32(options.seed ?? 42);
  const perBot = options.perBotPerSecond ?? 50;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const byConversation = new Map<string, number[]>();
  const allAccepted: number[] = [];
  const removed = new Set<string>();
  const broken = new Set<string>();
  const requestsTo = new Map<string, number>();
  const allRequests: number[] = [];
  const received: Received[] = [];
  const stats = { requests: 0, accepted: 0, overLimit: 0, injected429: 0, injected503: 0, forbidden: 0, broken: 0, maxPerSecond: 0, maxRequestsPerSecond: 0 };
  let nextId = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await body(req);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec((req.url ?? '').split('?')[0]!);
      if (req.method !== 'POST' || !match) return reply(404, { error: { code: 'NotFound', message: 'no such route' } });
      stats.requests++;
      const conversationId = decodeURIComponent(match[1]!);
      requestsTo.set(conversationId, (requestsTo.get(conversationId) ?? 0) + 1);
      const arrived = Date.now();
      allRequests.push(arrived);
      if (allRequests.length > 20 * perBot) allRequests.splice(0, allRequests.length - 10 * perBot);
      stats.maxRequestsPerSecond = Math.max(stats.maxRequestsPerSecond, within(allRequests, arrived, 1_000));
      if (broken.has(conversationId)) {
        stats.broken++;
        return reply(500, { error: { code: 'InternalServerError', message: 'this conversation is broken' } });
      }
      const roll = random();
      if (roll < (options.inject429 ?? 0)) {
        stats.injected429++;
        return reply(429, { error: { code: 'Throttled', message: 'injected' } }, { 'retry-after': retryAfter });
      }
      if (roll < (options.inject429 ?? 0) + (options.inject503 ?? 0)) {
        stats.injected503++;
        return reply(503, { error: { code: 'ServiceUnavailable', message: 'injected' } });
      }
      if (removed.has(conversationId)) {
        stats.forbidden++;
        return reply(403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
      }
      const now = Date.now();
      const times = byConversation.get(conversationId) ?? [];
      const overConversation = CONVERSATION_LIMITS.some(({ max, ms }) => within(times, now, ms) >= max);
      if (overConversation || within(allAccepted, now, 1_000) >= perBot) {
        stats.overLimit++;
        return reply(429, { error: { code: 'Throttled', message: 'over the limit' } }, { 'retry-after': retryAfter });
      }
      times.push(now);
      byConversation.set(conversationId, times.length > 60 ? times.slice(-60) : times);
      allAccepted.push(now);
      if (allAccepted.length > 10 * perBot) allAccepted.splice(0, allAccepted.length - perBot);
      stats.maxPerSecond = Math.max(stats.maxPerSecond, within(allAccepted, now, 1_000));
      stats.accepted++;
      let activity: Record<string, unknown> = {};
      try {
        activity = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // kept as empty: the test will see it
      }
      const id = `act-${++nextId}`;
      received.push({ conversationId, activity, at: now, id });
      reply(200, { id });
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    stats,
    requestsTo,
    remove: (id) => void removed.add(id),
    breakConversation: (id) => void broken.add(id),
    repair: (id) => void broken.delete(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
