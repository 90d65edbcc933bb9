import { ConversationState, UserState } from 'botbuilder';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import { seedDemoData } from '../data/demo/seed';
import { openStore, type Store } from '../data/store';
import { IntentRecognizer } from '../dialogs/intentRecognizer';
import { MainDialog } from '../dialogs/mainDialog';
import { loadUnderstandingData } from '../data/understanding/load';
import type { UnderstandingService } from '../services/understanding/intents';
import { LexiconRecognizer } from '../services/understanding/lexiconRecognizer';
import { UtteranceLog } from '../services/understanding/utteranceLog';
import { loadTaxonomy } from '../data/lexicon/load';
import { CatalogIndex } from '../services/catalog/catalogIndex';
import { CatalogChangeLog } from '../services/catalog/changeLog';
import { EntityExtractor } from '../services/understanding/entities';
import { adminGuard } from './admin/auth';
import { mountMatchRoutes } from './matchRoutes';
import { mountLeadRoutes } from './admin/leadRoutes';
import { mountApplicationRoutes } from './admin/applicationRoutes';
import { mountSubmissionRoutes } from './admin/submissionRoutes';
import { createBroadcasting } from './notices/broadcasting';
import { mountNoticeRoutes } from './admin/noticeRoutes';
import { scheduleFeedbackAsks } from './feedbackJob';
import { Connections } from '../services/matching/connections';
import { ConnectDialog } from '../dialogs/connectDialog';
import { FeedbackDialog } from '../dialogs/feedbackDialog';
import { FindSupplierDialog } from '../dialogs/findSupplierDialog';
import { BindDialog } from '../dialogs/bindDialog';
import { StatusDialog } from '../dialogs/statusDialog';
import { BindingService } from '../services/applications/binding';
import { Guidance } from '../services/applications/guidance';
import { Submissions } from '../services/applications/submissions';
import { loadGuidance, loadProvinceDocument } from '../data/knowledge/load';
import { ProvinceDocument } from '../services/knowledge/document';
import { KnowledgeDesk } from '../dialogs/knowledgeAnswer';
import { overrideMessage } from '../services/i18n';
import { LETTER_PATH, mountLetterRoutes } from './letterRoutes';
import { SubmissionDialog } from '../dialogs/submissionDialog';
import { SubscriptionDesk } from '../dialogs/subscriptions';
import { StaffNoticeDialog } from '../dialogs/staffNoticeDialog';
import { isStaffUser } from './notices/conversationCapture';
import { changeReportForm, objectionForm, recusalForm } from '../dialogs/enterpriseForms';
import { RateLimiter } from './rateLimit';
import { mountUnderstandingRoutes } from './admin/understandingRoutes';
import { activityFromBody } from './activity';
import { createAdapter } from './adapter';
import type { Config } from './config';
import { CONNECTOR_PREFIX, DirectLineChannel } from './directline/channel';
import { WorkerTermsExtractor } from './termsWorker';
import { errorAnswer, handler, jsonObjectBody, sendError, sendErrorAnswer } from './http';
import type { Logger } from './logger';
import { PoolBot } from './poolBot';
import { WEB_CHAT_PAGE_SCRIPT, webChatPage, webChatPageHeaders } from './webchat/page';
import { LocalChannelTrust } from './localChannelTrust';
import { bodyParsers } from './bodyLimits';
import { EvidenceKeeper } from '../services/evidence/evidence';
import { attachmentFetcher } from './evidenceFetch';
import { TeamsTurns } from './teams/teamsTurns';
import { DIRECT_LINE_TOKEN_ROUTE, mountDirectLineTokenRoute } from './webchat/tokenRoute';
import { StaffSignIn } from './staff/identity';
import { staffIdentityMiddleware } from './staff/guard';
import { mountStaffConsole } from './staff/console';

const WEBCHAT_BUNDLE = join(__dirname, '..', 'vendor', 'webchat', 'webchat.js');
const HEALTH_TIMEOUT_MS = 2000;
/** Direct Line tokens per minute per client: a page load takes one, a reload another. */
const WEBCHAT_TOKENS_PER_MINUTE = 20;

export interface App {
  url: string;
  store: Store;
  /** Runs the feedback asks now (what the cron job does at its time). */
  askForFeedback(): Promise<{ asked: number; failed: number }>;
  directLine: DirectLineChannel | null;
  /** Stops taking requests, lets in-flight turns finish (up to `graceMs`), saves and closes. */
  close(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  /** A recognizer to use instead of the default one (tests). */
  understanding?: UnderstandingService;
  /** Open this store instead of the configured one (tests share one embedded server). */
  store?: Store;
  /** Seed the demo data into an embedded store on first start (default true; benchmarks turn it off). */
  seedDemo?: boolean;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
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
  const recognizer = new IntentRecognizer(understanding);
  const extractor = new EntityExtractor(understandingData.domain);
  const connections = new Connections(store.leads, store.feedback, store.outbox, config.feedbackAfterDays);
  const guidance = new Guidance(loadGuidance(), new ProvinceDocument(loadProvinceDocument()));
  const knowledge = new KnowledgeDesk(guidance, { notices: store.notices, matchIndex: () => catalog.current() });
  overrideMessage('staffContact', config.secretariatContact);
  // Download links (objection letters) point where users reach the bot (PUBLIC_BASE_URL); known once it listens, unless configured.
  let publicUrl = config.publicBaseUrl ?? '';
  const letterUrl = (receiptNo: string, token: string) => `${publicUrl}${LETTER_PATH}/${receiptNo}/${token}`;
  const submissions = new Submissions(store.submissions, store.outbox);
  // The local channel exists only once the server listens; until then no file can have been uploaded to it.
  let directLine: DirectLineChannel | null = null;
  const evidence = new EvidenceKeeper(store.evidence, attachmentFetcher({ localFile: (url) => directLine?.fileAt(url) ?? null, log }));
  const binding = new BindingService(store.applications, store.bindings, store.bindingAttempts, undefined, store.outbox);
  const bind = new BindDialog(recognizer, binding);
  const connect = new ConnectDialog(recognizer, catalog, connections, config.feedbackAfterDays, binding);
  const dialog = new MainDialog(recognizer, {
    utteranceLog,
    flows: {
      find_supplier: new FindSupplierDialog(recognizer, catalog, extractor, taxonomy.english, connect),
      bind_enterprise: bind,
      application_status: new StatusDialog('applicationStatus', 'recognition', recognizer, binding, bind, (context, process) => knowledge.explainProcess(context, process)),
      evaluation_status: new StatusDialog('evaluationStatus', 'evaluation', recognizer, binding, bind, (context, process) => knowledge.explainProcess(context, process)),
      objection: new SubmissionDialog(objectionForm(store.notices, letterUrl), recognizer, submissions, evidence),
      recusal: new SubmissionDialog(recusalForm(), recognizer, submissions, evidence),
      change_report: new SubmissionDialog(changeReportForm(guidance), recognizer, submissions, evidence),
    },
    knowledge,
    notices: store.notices,
    subscriptions: new SubscriptionDesk({ recipients: broadcasting.recipients, notices: store.notices, submissions }),
    staffNotice: new StaffNoticeDialog(recognizer, broadcasting.notices, (context) => isStaffUser(config.staffUsers, context.activity)),
    feedback: new FeedbackDialog(recognizer, connections),
    matchIndex: () => catalog.current(),
  });
  const bot = new PoolBot(conversationState, userState, dialog);
  const feedbackAsks = scheduleFeedbackAsks({
    expression: config.feedbackCron,
    connections,
    // A proactive message like a notice's: through the notices' adapter (each attempt one request), not the bot's.
    adapter: broadcasting.adapter,
    botAppId: config.botAuth.MicrosoftAppId ?? '',
    afterDays: config.feedbackAfterDays,
    log,
  });

  const server: Server = restify.createServer({ name: 'pool-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Staff imports may be megabytes; every public route (activities, matching, Direct Line) is read only up to 64 KB.
  server.use(bodyParsers());
  // Every error that reaches restify — its own (bad JSON, unknown route, wrong method), and whatever an async
  // handler rejects with — answered in the contract's shape. Restify would otherwise answer a plain Error as
  // {"code":"Internal","message":"<the error's message>"}: it sends a new InternalError, not the error it was given.
  server.on('restifyError', (req: Request, res: Response, err: unknown, callback: () => void) => {
    const answer = errorAnswer(err);
    // A letter's path holds its download secret: never logged.
    if (answer.status >= 500) log.error({ err, method: req.method, path: req.path().replace(/^(\/letters\/[^/]+\/).+$/, '$1…') }, 'request failed');
    if (!res.headersSent) sendErrorAnswer(res, answer);
    return callback();
  });

  // Every request in flight is counted, not only turns: a Direct Line POST waits on the turn it started,
  // and closing must not cut it off between the turn's end and its own answer.
  let inFlight = 0;
  let closing = false;
  const drained: (() => void)[] = [];
  server.pre((_req: Request, res: Response, next: () => void) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
    });
    return next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (closing) return sendError(res, 503, 'ShuttingDown', 'The bot is restarting; retry shortly.');
    const body = jsonObjectBody(req);
    if (!body || typeof body.type !== 'string' || !body.type) {
      return sendError(res, 400, 'BadArgument', 'The body must be a Bot Framework activity: a JSON object with a "type".');
    }
    const refusal = localTrust?.refusal(req.header('authorization') ?? '', body.serviceUrl);
    if (refusal) {
      log.warn({ reason: refusal, channelId: body.channelId }, 'dev mode: rejected an activity from an unknown channel');
      return sendError(res, 401, 'Unauthorized', 'In local dev mode only the local channel (or DEV_SERVICE_URLS) may post activities.');
    }
    try {
      const invokeResponse = await adapter.handle(req.header('authorization') ?? '', activityFromBody(body), (context) => bot.run(context));
      if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body ?? {});
      else res.send(200, {});
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 401) {
        log.warn({ reason: (err as Error).message, channelId: body.channelId }, 'rejected an activity that failed Bot Framework authentication');
        return sendError(res, 401, 'Unauthorized', 'The request is not authorized by Bot Framework.');
      }
      log.error({ err }, 'activity processing failed');
      if (!res.headersSent) sendErrorAnswer(res, errorAnswer(err));
    }
  });

  // Staff sign-in (ADMIN_TOKEN, or Entra ID tokens) for the admin API and the staff console alike.
  const staffSignIn = new StaffSignIn(config.adminToken, config.staffOidc);
  server.use(staffIdentityMiddleware(staffSignIn));
  const guard = adminGuard(config.adminToken, staffSignIn.usesOidc);
  mountUnderstandingRoutes(server, { guard, understanding, utterances: store.utterances, topicOf: (text) => guidance.topicFor(text)?.topic ?? null });
  mountApplicationRoutes(server, {
    guard,
    applications: store.applications,
    announce: (changes) => broadcasting.announce(changes),
    binding,
  });
  mountSubmissionRoutes(server, { guard, submissions, evidence, publicBaseUrl: config.publicBaseUrl });
  mountLetterRoutes(server, { submissions });
  mountNoticeRoutes(server, { guard, notices: broadcasting.notices });
  mountStaffConsole(server, {
    config, store, signIn: staffSignIn, notices: broadcasting.notices, engine: broadcasting.engine, submissions, log,
    taxonomy: taxonomy.names, catalog: { changes: catalogChanges, catalog, onIndexError }, announce: (changes) => broadcasting.announce(changes),
  });
  mountLeadRoutes(server, { guard, leads: store.leads, feedback: store.feedback, outbox: store.outbox });
  mountMatchRoutes(server, {
    guard,
    catalog,
    changes: catalogChanges,
    onIndexError,
    suppliers: store.suppliers,
    taxonomy: taxonomy.names,
    extractor,
    limiter: new RateLimiter(config.matchRateLimitPerMinute),
    trustedProxyHops: config.trustedProxyHops,
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    if (closing) return sendError(res, 503, 'ShuttingDown', 'The bot is shutting down.');
    try {
      await withTimeout(store.ping(), HEALTH_TIMEOUT_MS);
      res.send(200, { status: 'ok', database: 'ok', bot: 'ok' });
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'health check: database did not answer');
      sendError(res, 503, 'DatabaseUnavailable', 'The database does not answer.');
    }
  });

  if (config.directLine) mountDirectLineTokenRoute(server, { ...config.directLine, limiter: new RateLimiter(WEBCHAT_TOKENS_PER_MINUTE), trustedProxyHops: config.trustedProxyHops, log });

  server.get('/', handler((_req: Request, res: Response) => {
    const html = webChatPage({ tokenUrl: config.directLine ? DIRECT_LINE_TOKEN_ROUTE : undefined });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-cache', ...webChatPageHeaders(config.directLine?.endpoint) });
    res.end(html);
  }));

  server.get('/webchat/page.js', handler((_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'content-length': Buffer.byteLength(WEB_CHAT_PAGE_SCRIPT), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(WEB_CHAT_PAGE_SCRIPT);
  }));

  server.get('/webchat/webchat.js', async (_req: Request, res: Response) => {
    let bundle: Buffer;
    try {
      bundle = await readFile(WEBCHAT_BUNDLE);
    } catch {
      return sendError(res, 503, 'WebChatMissing', 'The Web Chat bundle is missing; run `npm install` to fetch it.');
    }
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'content-length': bundle.length, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
    res.end(bundle);
  });

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
  const url = `http://127.0.0.1:${port}`;
  publicUrl ||= url;

  await broadcasting.start();

  if (config.localDevMode && localTrust) {
    localTrust.serviceUrl = `${url}${CONNECTOR_PREFIX}/`;
    directLine = new DirectLineChannel({
      botEndpoint: `${url}/api/messages`, serviceUrl: localTrust.serviceUrl, publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${port}`, trust: localTrust, log,
    });
    directLine.mount(server);
  }

  return {
    url,
    store,
    directLine,
    askForFeedback: feedbackAsks.run,
    async close(graceMs = 3500) {
      if (closing) return;
      // Refuse new turns (503) but keep listening while in-flight turns finish: their replies may come back
      // to this very server (the local channel's Connector API).
      closing = true;
      if (inFlight > 0) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>((resolve) => drained.push(resolve)), new Promise((r) => (grace = setTimeout(r, graceMs)))]);
        clearTimeout(grace);
      }
      // Sends in flight finish and unsent claims are handed back before the server (and the local channel's
      // Connector API on it) goes away.
      await broadcasting.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await stopped;
      directLine?.close();
      catalog.stop();
      await termsWorker.close();
      feedbackAsks.stop();
      if (!options.store) await store.close();
    },
  };
}
