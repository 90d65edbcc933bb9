import { ConversationState, UserState } from 'botbuilder';
import { seedDemoData } from '../data/demo/seed';
import { openStore, type Store } from '../data/store';
import { loadReadingTexts, loadUnderstandingData } from '../data/understanding/load';
import { loadReplies } from '../data/understanding/replies';
import { loadTaxonomy } from '../data/lexicon/load';
import { loadGuidance, loadProvinceDocument } from '../data/knowledge/load';
import type { UnderstandingService } from '../services/understanding/intents';
import { LexiconRecognizer } from '../services/understanding/lexiconRecognizer';
import { UtteranceLog } from '../services/understanding/utteranceLog';
import { EntityExtractor } from '../services/understanding/entities';
import { PinyinReader } from '../services/understanding/pinyin';
import { CatalogIndex } from '../services/catalog/catalogIndex';
import { CatalogChangeLog } from '../services/catalog/changeLog';
import { Connections } from '../services/matching/connections';
import { BindingService } from '../services/applications/binding';
import { Guidance } from '../services/applications/guidance';
import { Submissions } from '../services/applications/submissions';
import { ProvinceDocument } from '../services/knowledge/document';
import { NoticeReader } from '../services/notices/noticeReader';
import { EvidenceKeeper } from '../services/evidence/evidence';
import { overrideMessage } from '../services/i18n';
import { IntentRecognizer } from '../dialogs/intentRecognizer';
import { KnowledgeDesk } from '../dialogs/knowledgeAnswer';
import type { MainDialog } from '../dialogs/mainDialog';
import { createAdapter } from './adapter';
import type { Config } from './config';
import type { DirectLineChannel } from './directline/channel';
import { attachmentFetcher } from './evidenceFetch';
import { scheduleFeedbackAsks } from './feedbackJob';
import { LETTER_PATH } from './letterRoutes';
import { LocalChannelTrust } from './localChannelTrust';
import type { Logger } from './logger';
import { createBroadcasting, type Broadcasting } from './notices/broadcasting';
import { PoolBot } from './poolBot';
import { TeamsTurns } from './teams/teamsTurns';
import { WorkerTermsExtractor } from './termsWorker';
import { buildMainDialog } from './dialogWiring';
import { isStaffUser } from './notices/conversationCapture';

export interface AppOptions {
  /** A recognizer to use instead of the default one (tests). */
  understanding?: UnderstandingService;
  /** Open this store instead of the configured one (tests share one embedded server). */
  store?: Store;
  /** Seed the demo data into an embedded store on first start (default true; benchmarks turn it off). */
  seedDemo?: boolean;
}

/** Everything the bot is made of, built from the configuration and the store; no HTTP yet. */
export interface Wiring {
  /** A new message as the bot reads it (pinyin typed for Chinese, in characters). */
  read(text: string): string;
  store: Store;
  localTrust?: LocalChannelTrust;
  adapter: ReturnType<typeof createAdapter>;
  broadcasting: Broadcasting;
  understanding: UnderstandingService;
  taxonomy: ReturnType<typeof loadTaxonomy>;
  catalog: CatalogIndex;
  catalogChanges: CatalogChangeLog;
  onIndexError: (err: unknown) => void;
  extractor: EntityExtractor;
  guidance: Guidance;
  submissions: Submissions;
  evidence: EvidenceKeeper;
  binding: BindingService;
  dialog: MainDialog;
  bot: PoolBot;
  askForFeedback(): Promise<{ asked: number; failed: number }>;
  /** Where users reach the bot, for download links; known once it listens unless configured. */
  setPublicUrl(url: string): void;
  /** The local channel, once the server listens (files uploaded to it are kept as evidence). */
  setDirectLine(channel: DirectLineChannel | null): void;
  /** Stops the timers, the worker and the watchers the wiring started (the HTTP server is not its own). */
  stop(): Promise<void>;
}

export async function wire(config: Config, log: Logger, options: AppOptions = {}): Promise<Wiring> {
  const store = options.store ?? (await openStore(config.store));
  if (store.embedded && config.localDevMode && options.seedDemo !== false) {
    const seeded = await seedDemoData(store);
    if (seeded.seeded) log.info({ suppliers: seeded.suppliers?.imported, applications: seeded.applications?.imported }, 'seeded demo data');
  }

  const conversationState = new ConversationState(store.botStorage);
  const userState = new UserState(store.botStorage);
  const localTrust = config.localDevMode ? new LocalChannelTrust(config.devServiceUrls) : undefined;
  const adapter = createAdapter(config, log, conversationState, localTrust);
  const broadcasting = createBroadcasting(config, store, log, localTrust);
  // First the tenant allow-list and the @mention, so nothing downstream records or reads a turn not for us.
  adapter.use(new TeamsTurns({ allowedTenants: config.allowedTenants, log }));
  adapter.use(broadcasting.capture);
  const understandingData = loadUnderstandingData();
  // The recognizer reads needs with the classifier of the current matching index (declared just below).
  const understanding = options.understanding ?? new LexiconRecognizer(understandingData, undefined, () => catalog.current().classifier);
  const taxonomy = loadTaxonomy();
  const catalogChanges = new CatalogChangeLog(store.meta);
  const termsWorker = new WorkerTermsExtractor();
  const onIndexError = (err: unknown) => log.warn({ err }, 'could not bring the matching index up to date');
  const catalog = new CatalogIndex(store.suppliers, catalogChanges, taxonomy.english, termsWorker, onIndexError);
  await catalog.refresh();
  catalog.watch(config.catalogPollSeconds * 1000);
  const utteranceLog = new UtteranceLog(store.utterances, config.keepUnclearUtterances, (err) => log.warn({ err }, 'could not keep an unclear utterance'));
  const recognizer = new IntentRecognizer(understanding, loadReplies());
  const extractor = new EntityExtractor(understandingData.domain);
  const connections = new Connections(store.leads, store.feedback, store.outbox, config.feedbackAfterDays);
  const guidance = new Guidance(loadGuidance(), new ProvinceDocument(loadProvinceDocument()));
  const noticeReader = new NoticeReader(store.notices);
  const knowledge = new KnowledgeDesk(guidance, { notices: noticeReader, matchIndex: () => catalog.current() });
  overrideMessage('staffContact', config.secretariatContact);
  // Download links (objection letters) point where users reach the bot (PUBLIC_BASE_URL); known once it listens, unless configured.
  let publicUrl = config.publicBaseUrl ?? '';
  const letterUrl = (receiptNo: string, token: string) => `${publicUrl}${LETTER_PATH}/${receiptNo}/${token}`;
  const submissions = new Submissions(store.submissions, store.outbox);
  // The local channel exists only once the server listens; until then no file can have been uploaded to it.
  let directLine: DirectLineChannel | null = null;
  const evidence = new EvidenceKeeper(store.evidence, attachmentFetcher({ localFile: (url) => directLine?.fileAt(url) ?? null, log }));
  const binding = new BindingService(store.applications, store.bindings, store.bindingAttempts, undefined, store.outbox);
  const dialog = buildMainDialog({
    recognizer, catalog, extractor, english: taxonomy.english, connections, feedbackAfterDays: config.feedbackAfterDays, binding, knowledge, guidance, noticeReader, letterUrl, submissions, evidence,
    recipients: broadcasting.recipients, notices: broadcasting.notices, isStaff: (context) => isStaffUser(config.staffUsers, context.activity), utteranceLog,
  });
  const pinyin = new PinyinReader(loadReadingTexts());
  const read = (text: string) => pinyin.read(text);
  const bot = new PoolBot(conversationState, userState, dialog, read);
  const feedbackAsks = scheduleFeedbackAsks({
    expression: config.feedbackCron,
    connections,
    // A proactive message like a notice's: through the notices' adapter (each attempt one request), not the bot's.
    adapter: broadcasting.adapter,
    sendSlot: (reference) => broadcasting.engine.sendSlot(reference),
    botAppId: config.botAuth.MicrosoftAppId ?? '',
    afterDays: config.feedbackAfterDays,
    log,
  });

  return {
    store, localTrust, adapter, broadcasting, understanding, taxonomy, catalog, catalogChanges, onIndexError, extractor, guidance, submissions, evidence, binding, dialog, bot, read,
    askForFeedback: feedbackAsks.run,
    setPublicUrl: (url) => {
      publicUrl ||= url;
    },
    setDirectLine: (channel) => {
      directLine = channel;
    },
    async stop() {
      catalog.stop();
      await termsWorker.close();
      feedbackAsks.stop();
    },
  };
}
