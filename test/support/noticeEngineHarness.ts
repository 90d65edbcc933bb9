import { randomUUID } from 'node:crypto';
import type { Store } from '../../data/store';
import { createBroadcastAdapter } from '../../bot/notices/broadcastAdapter';
import { ChannelNoticeSender } from '../../bot/notices/sender';
import { BroadcastEngine } from '../../services/notices/engine';
import type { Window } from '../../services/notices/limits';
import type { NoticeSender } from '../../services/ports';
import { withTimeout } from './waitFor';

export { waitFor } from './waitFor';

export const quietLog = { info: () => undefined, warn: () => undefined };

/** The sender as the bot wires it: the broadcast adapter, the real Connector client over HTTP. */
export function channelSender(store: Store): ChannelNoticeSender {
  return new ChannelNoticeSender({ adapter: createBroadcastAdapter({}), botAppId: '', applications: store.applications });
}

/** An engine as the bot wires it (the broadcast adapter and sender over HTTP), with short leases and retries for tests. */
export function testEngine(store: Store, options: { maxRps: number; leaseMs?: number; sender?: NoticeSender; instanceId?: string; sees?: (noticeId: string) => boolean; conversationWindows?: Window[] }): BroadcastEngine {
  const { sees } = options;
  return new BroadcastEngine({
    instanceId: options.instanceId ?? randomUUID(),
    // `sees`: the active notices this instance finds (a test gives two instances their own, so both send).
    notices: sees ? Object.assign(Object.create(store.notices) as typeof store.notices, { listActive: async () => (await store.notices.listActive()).filter((n) => sees(n.id)) }) : store.notices,
    deliveries: store.deliveries,
    recipients: store.recipients,
    directory: { applicationsMatching: (f) => store.applications.listMatching(f), suppliersEverRated: (rating: string) => store.suppliers.everRated(rating) },
    meta: store.meta,
    sender: options.sender ?? channelSender(store),
    log: quietLog,
    maxRps: options.maxRps,
    leaseMs: options.leaseMs,
    retry: { maxAttempts: 6, maxThrottled: 12, baseDelayMs: 200, maxDelayMs: 2_000 },
    pollMs: 200,
    progressMs: 1_000,
    conversationWindows: options.conversationWindows,
  });
}

/** Runs one round of a stored notice on an engine to its end (status `done`), then stops the engine. */
export async function sendRound(_store: Store, engine: BroadcastEngine, noticeId: string, timeoutMs = 60_000): Promise<void> {
  engine.start();
  try {
    const finished = engine.roundFinished(noticeId, 'main');
    await engine.startRound(noticeId, 'main');
    await withTimeout(finished, timeoutMs);
  } finally {
    await engine.stop();
  }
}
