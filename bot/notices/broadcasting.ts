import { randomUUID } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Store } from '../../data/store';
import type { StageChange } from '../../services/applications/importApplications';
import { BroadcastEngine } from '../../services/notices/engine';
import { Notices } from '../../services/notices/notices';
import { Recipients } from '../../services/notices/recipients';
import { NoticeScheduler } from '../../services/notices/scheduler';
import { announceStageChanges } from '../../services/notices/stageNotices';
import type { Config } from '../config';
import type { LocalChannelTrust } from '../localChannelTrust';
import type { Logger } from '../logger';
import { createBroadcastAdapter } from './broadcastAdapter';
import { ConversationCapture } from './conversationCapture';
import { ChannelNoticeSender } from './sender';
import { cronTimer } from './timers';

export interface Broadcasting {
  /** The notices' own adapter (one HTTP request per call): every proactive message the bot starts goes through it. */
  adapter: CloudAdapter;
  recipients: Recipients;
  notices: Notices;
  engine: BroadcastEngine;
  scheduler: NoticeScheduler;
  capture: ConversationCapture;
  announce(changes: StageChange[]): Promise<{ notices: number; queued: number }>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Notices and broadcasts wired for this instance: references, engine, schedules, the staff facade. */
/** `localTrust`: in local dev mode, the secret the bot and its own Direct Line channel share (both adapters present it). */
export function createBroadcasting(config: Config, store: Store, log: Logger, localTrust?: LocalChannelTrust): Broadcasting {
  const instanceId = randomUUID();
  const botAppId = config.botAuth.MicrosoftAppId ?? '';
  const engineLog = log.child({ component: 'broadcast', instanceId });
  const recipients = new Recipients(store.recipients);
  const adapter = createBroadcastAdapter(config.botAuth, localTrust);
  const engine = new BroadcastEngine({
    instanceId,
    notices: store.notices,
    deliveries: store.deliveries,
    recipients: store.recipients,
    directory: { applicationsMatching: (filter) => store.applications.listMatching(filter), suppliersEverRated: (rating: string) => store.suppliers.everRated(rating) },
    meta: store.meta,
    // Its own adapter, not the bot's: see createBroadcastAdapter.
    sender: new ChannelNoticeSender({ adapter, botAppId, applications: store.applications }),
    log: { info: (d, m) => engineLog.info(d, m), warn: (d, m) => engineLog.warn(d, m) },
    maxRps: config.broadcastMaxRps,
  });
  const startRound = engine.startRound.bind(engine);
  const scheduler = new NoticeScheduler({ instanceId, schedules: store.schedules, startRound: (id, round) => startRound(id, round), arm: cronTimer, log: { info: (d, m) => engineLog.info(d, m), warn: (d, m) => engineLog.warn(d, m) } });
  const notices = new Notices({ notices: store.notices, deliveries: store.deliveries, plan: (n) => scheduler.planFor(n), startRound: (id, round) => startRound(id, round) });
  return {
    adapter,
    recipients,
    notices,
    engine,
    scheduler,
    capture: new ConversationCapture({ recipients, bindings: store.bindings, staffUsers: config.staffUsers, log }),
    announce: (changes) => announceStageChanges(changes, { recipients: store.recipients, notices: store.notices, startRound: (id, round) => startRound(id, round) }),
    async start() {
      await scheduler.start();
      engine.start();
    },
    async stop() {
      scheduler.stop();
      await engine.stop();
    },
  };
}
