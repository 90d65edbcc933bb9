import type { Middleware, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { buildMainDialog, mainDialogOptions, type DialogParts } from '../../bot/dialogWiring';
import { attachmentFetcher } from '../../bot/evidenceFetch';
import { createBroadcasting } from '../../bot/notices/broadcasting';
import { loadGuidance, loadProvinceDocument } from '../../data/knowledge/load';
import { loadTaxonomy } from '../../data/lexicon/load';
import type { Store } from '../../data/store';
import { loadUnderstandingData } from '../../data/understanding/load';
import { KnowledgeDesk } from '../../dialogs/knowledgeAnswer';
import type { MainDialog, MainDialogOptions } from '../../dialogs/mainDialog';
import { BindingService } from '../../services/applications/binding';
import { Guidance } from '../../services/applications/guidance';
import { Submissions } from '../../services/applications/submissions';
import { CatalogIndex } from '../../services/catalog/catalogIndex';
import { CatalogChangeLog } from '../../services/catalog/changeLog';
import { EvidenceKeeper } from '../../services/evidence/evidence';
import { ProvinceDocument } from '../../services/knowledge/document';
import { Connections } from '../../services/matching/connections';
import { NoticeReader } from '../../services/notices/noticeReader';
import { EntityExtractor } from '../../services/understanding/entities';
import { UtteranceLog } from '../../services/understanding/utteranceLog';
import { silentLog, testConfig } from './app';
import { intentRecognizer } from './recognizer';
import { openTestStore } from './store';

/** What a dialog test decides itself: the clock, who is staff, where letters are downloaded. */
export interface DialogSetup {
  now?: () => Date;
  isStaff?: (context: TurnContext) => boolean;
}

/**
 * The product's own flows over a test store, wired as bot/dialogWiring.ts wires them for the running bot (the
 * real services, the real recognizer), for DialogTestClient: no HTTP, no channel.
 */
export async function dialogParts(store: Store, setup: DialogSetup = {}): Promise<DialogParts & { capture: Middleware }> {
  const config = testConfig();
  const taxonomy = loadTaxonomy();
  const catalog = new CatalogIndex(store.suppliers, new CatalogChangeLog(store.meta), taxonomy.english);
  await catalog.refresh();
  const guidance = new Guidance(loadGuidance(), new ProvinceDocument(loadProvinceDocument()));
  const noticeReader = new NoticeReader(store.notices, setup.now);
  // Never started: the dialogs only create notices and read recipients; no round is sent.
  const broadcasting = createBroadcasting(config, store, silentLog);
  return {
    // What the bot's adapter runs before a turn: the conversation is remembered (so it can be subscribed).
    capture: broadcasting.capture,
    recognizer: intentRecognizer,
    catalog,
    extractor: new EntityExtractor(loadUnderstandingData().domain),
    english: taxonomy.english,
    connections: new Connections(store.leads, store.feedback, store.outbox, config.feedbackAfterDays),
    feedbackAfterDays: config.feedbackAfterDays,
    binding: new BindingService(store.applications, store.bindings, store.bindingAttempts, undefined, store.outbox),
    knowledge: new KnowledgeDesk(guidance, { notices: noticeReader, matchIndex: () => catalog.current() }),
    guidance,
    noticeReader,
    letterUrl: (no, token) => `http://bot.test/letters/${no}/${token}`,
    submissions: new Submissions(store.submissions, store.outbox),
    evidence: new EvidenceKeeper(store.evidence, attachmentFetcher({ localFile: () => null, log: silentLog })),
    recipients: broadcasting.recipients,
    notices: broadcasting.notices,
    isStaff: setup.isStaff ?? (() => false),
    utteranceLog: new UtteranceLog(store.utterances, false),
  };
}

/** The main dialog with every flow, as the bot has it. */
export async function testMainDialog(store: Store, setup: DialogSetup = {}): Promise<MainDialog> {
  return buildMainDialog(await dialogParts(store, setup));
}

/** Everything the main dialog routes to, for a test that replaces one part (a stand-in flow, its own log). */
export async function testMainDialogOptions(store: Store, setup: DialogSetup = {}): Promise<MainDialogOptions> {
  return mainDialogOptions(await dialogParts(store, setup));
}

/** A new chat with the whole main dialog each time it is called, the conversation capture running first. */
export async function testChats(store: Store, setup: DialogSetup = {}): Promise<() => DialogTestClient> {
  const parts = await dialogParts(store, setup);
  const dialog = buildMainDialog(parts);
  return () => new DialogTestClient('test', dialog, undefined, [parts.capture]);
}

/** For a test file: a fresh store, and everything the main dialog routes to over it (for a test to replace one part). */
export function everythingForFile(): () => MainDialogOptions {
  let store: Store;
  let options: MainDialogOptions;
  beforeAll(async () => {
    store = await openTestStore();
    options = await testMainDialogOptions(store);
  });
  afterAll(() => store.close());
  return () => options;
}
