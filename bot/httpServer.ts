import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import { adminGuard } from './admin/auth';
import { mountApplicationRoutes } from './admin/applicationRoutes';
import { mountLeadRoutes } from './admin/leadRoutes';
import { mountNoticeRoutes } from './admin/noticeRoutes';
import { mountSubmissionRoutes } from './admin/submissionRoutes';
import { mountUnderstandingRoutes } from './admin/understandingRoutes';
import { activityFromBody } from './activity';
import { bodyParsers } from './bodyLimits';
import type { Config } from './config';
import { errorAnswer, handler, jsonObjectBody, sendError, sendErrorAnswer } from './http';
import { mountLetterRoutes } from './letterRoutes';
import { mountHealth, type Draining } from './lifecycle';
import type { Logger } from './logger';
import { mountMatchRoutes } from './matchRoutes';
import { RateLimiter } from './rateLimit';
import { mountStaffConsole } from './staff/console';
import { staffIdentityMiddleware } from './staff/guard';
import { StaffSignIn, staffIdentityOf } from './staff/identity';
import { WEB_CHAT_PAGE_SCRIPT, webChatPage, webChatPageHeaders } from './webchat/page';
import { DIRECT_LINE_TOKEN_ROUTE, mountDirectLineTokenRoute } from './webchat/tokenRoute';
import type { Wiring } from './wiring';

const WEBCHAT_BUNDLE = join(__dirname, '..', 'vendor', 'webchat', 'webchat.js');
/** Direct Line tokens per minute per client: a page load takes one, a reload another. */
const WEBCHAT_TOKENS_PER_MINUTE = 20;

/** The restify server with every route: activities, the admin API and staff console, matching, health, Web Chat's assets. */
export function createHttpServer(config: Config, log: Logger, wiring: Wiring, draining: Draining): Server {
  const { store, adapter, bot, localTrust, broadcasting, submissions, evidence, guidance, taxonomy, catalog, catalogChanges, onIndexError } = wiring;
  const server: Server = restify.createServer({ name: 'pool-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Staff sign-in (ADMIN_TOKEN, or Entra ID tokens) for the admin API and the staff console alike, before any
  // body is read: staff imports may be megabytes, read only for someone signed in; every public route
  // (activities, matching, Direct Line) is read only up to 64 KB.
  const staffSignIn = new StaffSignIn(config.adminToken, config.staffOidc);
  server.use(staffIdentityMiddleware(staffSignIn));
  server.use(bodyParsers((req) => staffIdentityOf(req) !== undefined));
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

  draining.track(server);

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining.closing) return sendError(res, 503, 'ShuttingDown', 'The bot is restarting; retry shortly.');
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

  const guard = adminGuard(config.adminToken, staffSignIn.usesOidc);
  mountUnderstandingRoutes(server, { guard, understanding: wiring.understanding, utterances: store.utterances, topicOf: (text) => guidance.topicFor(text)?.topic ?? null, read: wiring.read });
  mountApplicationRoutes(server, {
    guard,
    applications: store.applications,
    announce: (changes) => broadcasting.announce(changes),
    binding: wiring.binding,
  });
  mountSubmissionRoutes(server, { guard, submissions, evidence, publicBaseUrl: config.publicBaseUrl });
  mountLetterRoutes(server, { submissions });
  mountNoticeRoutes(server, { guard, notices: broadcasting.notices });
  mountStaffConsole(server, {
    config, store, signIn: staffSignIn, notices: broadcasting.notices, engine: broadcasting.engine, submissions, log, evidence,
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
    extractor: wiring.extractor,
    limiter: new RateLimiter(config.matchRateLimitPerMinute),
    trustedProxyHops: config.trustedProxyHops,
  });

  mountHealth(server, { store, draining, log });

  if (config.directLine) mountDirectLineTokenRoute(server, { ...config.directLine, limiter: new RateLimiter(WEBCHAT_TOKENS_PER_MINUTE), trustedProxyHops: config.trustedProxyHops, log });
  mountWebChatAssets(server, config);
  return server;
}

/** The Web Chat page, its script and the Web Chat bundle (fetched by `npm install`). */
function mountWebChatAssets(server: Server, config: Config): void {
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
}
