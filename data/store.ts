import type { CosmosClient } from '@azure/cosmos';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { CosmosDeliveryRepository } from './repositories/deliveryRepository';
import { CosmosRecipientRepository } from './repositories/recipientRepository';
import { CosmosScheduleRepository } from './repositories/scheduleRepository';
import type { Storage } from 'botbuilder';
import type { ApplicationRepository, MetaRepository, NoticeRepository, SupplierRepository, AttemptRepository, AuditRepository, BindingRepository, CaseRepository, DeliveryRepository, EvidenceRepository, FeedbackRepository, LeadRepository, Outbox, RecipientRepository, ScheduleRepository, SubmissionRepository, UtteranceRepository } from '../services/ports';
import { CosmosCaseRepository } from './repositories/staffRepositories';
import { CosmosAuditRepository } from './repositories/auditRepository';
import { DeliveryPages } from './repositories/deliveryPages';
import { CosmosSubmissionRepository } from './repositories/submissionRepository';
import { CosmosAttemptRepository, CosmosBindingRepository } from './repositories/bindingRepository';
import { CosmosFeedbackRepository, CosmosLeadRepository, CosmosOutbox } from './repositories/leadRepository';
import { CONTAINERS, ensureSchema } from './containers';
import { cosmosClientOptions, createCosmosClient } from './cosmos';
import { isTransientDatabaseError } from './transient';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded/embeddedCosmos';
import { startEmbeddedCosmosThread } from './embedded/embeddedThread';
import { CosmosApplicationRepository } from './repositories/applicationRepository';
import { CosmosMetaRepository } from './repositories/metaRepository';
import { CosmosNoticeRepository } from './repositories/noticeRepository';
import { CosmosSupplierRepository } from './repositories/supplierRepository';
import { CachedApplicationRepository, CachedBindingRepository } from './repositories/cached';
import { CosmosUtteranceRepository } from './repositories/utteranceRepository';
import { CosmosEvidenceRepository } from './repositories/evidenceRepository';

/** How long an instance may answer hot reads (bindings, applications) from memory. */
const HOT_READ_TTL_MS = 5000;

export interface StoreSettings {
  /** A configured account (Azure Cosmos DB, the emulator, or `npm run db`); absent → embedded server. */
  endpoint?: string;
  key?: string;
  databaseId: string;
  /** Where the embedded server keeps its snapshot; absent → in memory only. */
  dataDir?: string;
  /** How long start-up keeps trying a database that fails transiently (default 60 s). */
  startupMs?: number;
}

/**
 * Start-up against a database that is throttling, restarting or not up yet: retried with backoff (1 s, 2 s, …
 * 8 s) for a bounded time, then a message that says what failed. Anything not transient (a wrong key) fails at once.
 */
async function withStartupRetries<T>(step: () => Promise<T>, endpoint: string, budgetMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const waitMs = Math.min(8_000, 1_000 * 2 ** attempt);
      if (!isTransientDatabaseError(err) || Date.now() - started + waitMs > budgetMs) {
        const reason = (err as { code?: unknown; message?: string }).message ?? String(err);
        throw new Error(`the database at ${endpoint} could not be set up within ${Math.round((Date.now() - started) / 1000)} s (${attempt + 1} attempts): ${reason.split('\n')[0]}`);
      }
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

/** Everything the product keeps in Cosmos DB, opened once at start. */
export interface Store {
  endpoint: string;
  /** True when this process runs the embedded server itself. */
  embedded: boolean;
  suppliers: SupplierRepository;
  applications: ApplicationRepository;
  notices: NoticeRepository;
  meta: MetaRepository;
  utterances: UtteranceRepository;
  bindings: BindingRepository;
  submissions: SubmissionRepository;
  bindingAttempts: AttemptRepository;
  /** Evidence files (bytes), kept as long as the submissions that cite them. */
  evidence: EvidenceRepository;
  leads: LeadRepository;
  feedback: FeedbackRepository;
  outbox: Outbox;
  recipients: RecipientRepository;
  deliveries: DeliveryRepository;
  schedules: ScheduleRepository;
  submissionCases: CaseRepository;
  audit: AuditRepository;
  /** The staff console's per-recipient table, a page at a time. */
  deliveryPages: DeliveryPages;
  /** botbuilder conversation/user state. */
  botStorage: Storage;
  /** Resolves when the database answers a read; rejects otherwise. */
  ping(): Promise<void>;
  /** Writes the embedded snapshot now (no-op for a configured account). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(settings: StoreSettings): Promise<Store> {
  let embeddedServer: EmbeddedCosmos | null = null;
  let endpoint = settings.endpoint;
  let key = settings.key;
  if (!endpoint) {
    // Persisting (npm start), the server runs in a thread of its own, off the bot's event loop; in memory
    // only (tests, benches that measure the bot itself) it stays in process, quick to start.
    embeddedServer = settings.dataDir ? await startEmbeddedCosmosThread({ dataDir: settings.dataDir }) : await startEmbeddedCosmos();
    endpoint = embeddedServer.endpoint;
    key = embeddedServer.key;
  }
  if (!key) throw new Error('COSMOS_KEY is required with COSMOS_ENDPOINT');

  const client: CosmosClient = createCosmosClient({ endpoint, key });
  const database = await withStartupRetries(() => ensureSchema(client, settings.databaseId), endpoint, settings.startupMs ?? 60_000);
  const container = (name: keyof typeof CONTAINERS) => database.container(CONTAINERS[name].id);

  const botStorage = new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: endpoint,
    authKey: key,
    databaseId: settings.databaseId,
    containerId: CONTAINERS.botState.id,
    cosmosClientOptions: cosmosClientOptions({ endpoint, key }),
    compatibilityMode: false,
  });

  return {
    endpoint,
    embedded: embeddedServer !== null,
    suppliers: new CosmosSupplierRepository(container('suppliers')),
    applications: new CachedApplicationRepository(new CosmosApplicationRepository(container('applications')), HOT_READ_TTL_MS),
    notices: new CosmosNoticeRepository(container('notices')),
    meta: new CosmosMetaRepository(container('meta')),
    utterances: new CosmosUtteranceRepository(container('utterances')),
    bindings: new CachedBindingRepository(new CosmosBindingRepository(container('bindings')), HOT_READ_TTL_MS),
    submissions: new CosmosSubmissionRepository(container('submissions')),
    bindingAttempts: new CosmosAttemptRepository(container('bindingAttempts')),
    evidence: new CosmosEvidenceRepository(container('evidence')),
    leads: new CosmosLeadRepository(container('leads')),
    feedback: new CosmosFeedbackRepository(container('feedback')),
    outbox: new CosmosOutbox(container('outbox')),
    recipients: new CosmosRecipientRepository(container('conversations')),
    deliveries: new CosmosDeliveryRepository(container('deliveries')),
    schedules: new CosmosScheduleRepository(container('schedules')),
    submissionCases: new CosmosCaseRepository(container('submissionCases')),
    audit: new CosmosAuditRepository(container('audit')),
    deliveryPages: new DeliveryPages(container('deliveries')),
    botStorage,
    async ping() {
      await database.read();
    },
    async flush() {
      await embeddedServer?.flush();
    },
    async close() {
      client.dispose();
      await embeddedServer?.close();
    },
  };
}
