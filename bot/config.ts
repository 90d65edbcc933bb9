import cron from 'node-cron';
import { resolve } from 'node:path';
import type { StoreSettings } from '../data/store';
import { isLoopbackEndpoint } from '../data/cosmos';
import { secretStrengthBits } from './secrets';

/** A setting is wrong or missing; the message says which and what to do, and the process stops. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  port: number;
  production: boolean;
  /**
   * Local dev mode (SECURITY.md): anonymous Bot Framework auth between the bot and its own local Direct Line
   * channel, demo seeding, listening on loopback only. On by default only with no app id, NODE_ENV unset or
   * development/test, and the embedded (or a loopback) database; DEV_MODE=1 asks for it, DEV_MODE=0 forbids it.
   */
  localDevMode: boolean;
  /** The interface to listen on: loopback in dev mode; otherwise HOST, else every interface (IPv4 and IPv6). */
  host?: string;
  /** PUBLIC_BASE_URL: the bot's address as its users reach it; links it hands out are built on it, never on Host. */
  publicBaseUrl?: string;
  /** TRUSTED_PROXY_HOPS: reverse proxies in front of the bot that append to X-Forwarded-For (App Service: 1). */
  trustedProxyHops: number;
  /** DEV_SERVICE_URLS: in dev mode, channels other than the local one (the Emulator) allowed to post activities. */
  devServiceUrls: string[];
  botAuth: { MicrosoftAppId?: string; MicrosoftAppPassword?: string; MicrosoftAppType?: AppType; MicrosoftAppTenantId?: string };
  store: StoreSettings;
  /** Bearer token of the staff routes (/api/admin/*); absent → those routes are off. */
  adminToken?: string;
  /** Keep unclear messages (redacted) for lexicon work. */
  keepUnclearUtterances: boolean;
  /** POST /api/match requests per minute per client. */
  matchRateLimitPerMinute: number;
  /** How often each instance checks whether the catalog changed. */
  catalogPollSeconds: number;
  /** Days after a connection when the manufacturer is asked for feedback. */
  feedbackAfterDays: number;
  /** node-cron expression (Asia/Shanghai) of the feedback asks. */
  feedbackCron: string;
  /** BROADCAST_MAX_RPS: notices sent per second at most, bot-wide (Teams allows about 30–50 per bot and tenant). */
  broadcastMaxRps: number;
  /** STAFF_USERS: AAD object ids or channel:user keys of staff, who may publish notices in chat. */
  staffUsers: Set<string>;
  /** SECRETARIAT_CONTACT: who users are sent to for a person; unset → the contact the province's notice names. */
  secretariatContact?: string;
  /** ALLOWED_TENANTS: Microsoft Entra tenant ids whose Teams users may use the bot; empty = any tenant. */
  allowedTenants: Set<string>;
  /** DIRECT_LINE_SECRET (+ DIRECT_LINE_ENDPOINT): Web Chat through Azure's Direct Line, tokens from POST /api/directline/token. */
  directLine?: { secret: string; endpoint: string };
  logLevel: string;
  logPretty: boolean;
  dbPort: number;
  /** Staff sign-in with Microsoft Entra ID (OpenID Connect bearer tokens); absent → only ADMIN_TOKEN. */
  staffOidc?: StaffOidcConfig;
}

export interface StaffOidcConfig {
  /** STAFF_OIDC_ISSUER, e.g. https://login.microsoftonline.com/<tenant>/v2.0 */
  issuer: string;
  /** STAFF_OIDC_AUDIENCE: the console's app registration (client id or api://… URI). */
  audience: string;
  /** STAFF_OIDC_JWKS_URL, e.g. https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys */
  jwksUrl: string;
  /** STAFF_OIDC_AUTHORIZE_URL (default: from the Entra v2 issuer) where the page sends people to sign in. */
  authorizeUrl?: string;
  /** STAFF_OIDC_CLIENT_ID: the SPA client id the page signs in with (default: the audience). */
  clientId: string;
  /** STAFF_ROLE_CLAIM (default `roles`): the claim carrying admin/editor/viewer. */
  roleClaim: string;
  /** STAFF_CITY_CLAIM (default `city`): a claim carrying a city department's city. */
  cityClaim: string;
  /** STAFF_CITIES: `oid=佛山,oid=东莞` — the city of a person when the token has no city claim. */
  cities: Map<string, string>;
  /**
   * Teams tab single sign-on: STAFF_TAB_CLIENT_ID, the Entra app registration the Teams manifest names in
   * webApplicationInfo, and STAFF_TAB_RESOURCE, its application ID URI (default api://{PUBLIC_BASE_URL host}/{client id}).
   * Teams hands the tab a token for this audience; the server validates it like any other (same issuer and keys).
   */
  tab?: { clientId: string; resource: string };
}

function staffOidc(env: NodeJS.ProcessEnv): StaffOidcConfig | undefined {
  const issuer = env.STAFF_OIDC_ISSUER?.trim();
  const audience = env.STAFF_OIDC_AUDIENCE?.trim();
  const jwksUrl = env.STAFF_OIDC_JWKS_URL?.trim();
  const tabClientId = env.STAFF_TAB_CLIENT_ID?.trim();
  if (!issuer && !audience && !jwksUrl) {
    if (tabClientId) throw new ConfigError('STAFF_TAB_CLIENT_ID (Teams tab sign-on) needs the staff sign-in: STAFF_OIDC_ISSUER, STAFF_OIDC_AUDIENCE and STAFF_OIDC_JWKS_URL.');
    return undefined;
  }
  if (!issuer || !audience || !jwksUrl) throw new ConfigError('Staff sign-in needs all of STAFF_OIDC_ISSUER, STAFF_OIDC_AUDIENCE and STAFF_OIDC_JWKS_URL.');
  if (!/^https?:\/\//.test(jwksUrl)) throw new ConfigError(`STAFF_OIDC_JWKS_URL must be an https URL, not "${jwksUrl}"`);
  const cities = new Map<string, string>();
  for (const pair of (env.STAFF_CITIES ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [who, city] = pair.split('=').map((s) => s.trim());
    if (!who || !city) throw new ConfigError(`STAFF_CITIES entries are oid=city, not "${pair}"`);
    cities.set(who, city);
  }
  return {
    issuer, audience, jwksUrl,
    clientId: env.STAFF_OIDC_CLIENT_ID?.trim() || audience,
    ...(env.STAFF_OIDC_AUTHORIZE_URL?.trim() ? { authorizeUrl: env.STAFF_OIDC_AUTHORIZE_URL.trim() } : {}),
    roleClaim: env.STAFF_ROLE_CLAIM?.trim() || 'roles',
    cityClaim: env.STAFF_CITY_CLAIM?.trim() || 'city',
    cities,
    ...(tabClientId ? { tab: { clientId: tabClientId, resource: tabResource(env, tabClientId) } } : {}),
  };
}

/** The tab's application ID URI: as configured, else api://{the host users reach}/{client id} (Teams' form). */
function tabResource(env: NodeJS.ProcessEnv, clientId: string): string {
  const configured = env.STAFF_TAB_RESOURCE?.trim();
  if (configured) return configured;
  const host = /^https?:\/\/([^/]+)/i.exec(env.PUBLIC_BASE_URL?.trim() ?? '')?.[1];
  if (!host) throw new ConfigError('STAFF_TAB_CLIENT_ID needs STAFF_TAB_RESOURCE (api://<host>/<client id>) or PUBLIC_BASE_URL to make it from.');
  return `api://${host}/${clientId}`;
}

const APP_TYPES: AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new ConfigError(`${name} must be a port number (0–65535), not "${raw}"`);
  return value;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, not "${raw}"`);
  return value;
}

function cronExpression(raw: string): string {
  if (!cron.validate(raw)) throw new ConfigError(`FEEDBACK_CRON must be a cron expression (e.g. "0 10 * * *"), not "${raw}"`);
  return raw;
}

/** Reads the environment once at start; every variable is listed in the README's configuration table. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const nodeEnv = env.NODE_ENV?.trim().toLowerCase() || undefined;
  // Any spelling of production is production: NODE_ENV=Production must never fall back to dev mode.
  const production = nodeEnv === 'production';
  if (nodeEnv && !['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be production, development or test (or unset), not "${env.NODE_ENV}"`);
  }
  const appId = env.MicrosoftAppId?.trim() || undefined;
  const appType = (env.MicrosoftAppType?.trim() || undefined) as AppType | undefined;
  if (appType && !APP_TYPES.includes(appType)) throw new ConfigError(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')}, not "${appType}"`);

  if (production && !appId) {
    throw new ConfigError(
      'Refusing to start: NODE_ENV=production but MicrosoftAppId is not set. Anonymous access is only for local development. ' +
        'Set MicrosoftAppId and MicrosoftAppPassword (or MicrosoftAppType=UserAssignedMSI) from your Azure Bot registration.',
    );
  }
  if (appId && appType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    throw new ConfigError('MicrosoftAppId is set but MicrosoftAppPassword is not (required unless MicrosoftAppType=UserAssignedMSI).');
  }
  if (appType === 'SingleTenant' || appType === 'UserAssignedMSI') {
    if (!env.MicrosoftAppTenantId) throw new ConfigError(`MicrosoftAppType=${appType} requires MicrosoftAppTenantId.`);
  }

  const endpoint = env.COSMOS_ENDPOINT?.trim() || undefined;
  const key = env.COSMOS_KEY?.trim() || undefined;
  if (endpoint && !key) throw new ConfigError('COSMOS_ENDPOINT is set but COSMOS_KEY is not.');
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new ConfigError(`COSMOS_ENDPOINT must be an https URL, not "${endpoint}"`);
  // The account key signs every request; over plain http anyone on the path reads the data. Only the embedded
  // server or the emulator on this machine may be reached over http.
  if (endpoint && /^http:\/\//i.test(endpoint) && !isLoopbackEndpoint(endpoint)) {
    throw new ConfigError(`COSMOS_ENDPOINT must be https off this machine (http only for a loopback emulator), not "${endpoint}"`);
  }
  if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.trim().length < 16) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters (use a long random value).');
  }
  if (env.ADMIN_TOKEN && secretStrengthBits(env.ADMIN_TOKEN.trim()) < 128) {
    throw new ConfigError('ADMIN_TOKEN is too guessable: it needs at least 128 bits of randomness (e.g. `openssl rand -base64 32`).');
  }
  const directLineSecret = env.DIRECT_LINE_SECRET?.trim() || undefined;
  const directLineEndpoint = env.DIRECT_LINE_ENDPOINT?.trim() || 'https://directline.botframework.com';
  if (!/^https:\/\/|^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(directLineEndpoint)) {
    throw new ConfigError(`DIRECT_LINE_ENDPOINT must be an https URL (e.g. https://directline.botframework.com), not "${directLineEndpoint}"`);
  }
  if (production && !endpoint) {
    throw new ConfigError('Refusing to start: NODE_ENV=production needs a real database. Set COSMOS_ENDPOINT and COSMOS_KEY.');
  }

  const devAsked = env.DEV_MODE?.trim();
  if (devAsked && !/^[01]$/.test(devAsked)) throw new ConfigError(`DEV_MODE must be 1 or 0, not "${devAsked}"`);
  const databaseIsLocal = !endpoint || isLoopbackEndpoint(endpoint);
  if (devAsked === '1' && (production || appId || !databaseIsLocal)) {
    throw new ConfigError(
      'Refusing to start: DEV_MODE=1 is for a developer machine only: it needs no MicrosoftAppId, NODE_ENV other than production, ' +
        'and the embedded database (or one on loopback), never a real Cosmos DB account.',
    );
  }
  const localDevMode = devAsked === '1' || (devAsked !== '0' && !appId && !production);
  if (localDevMode && !databaseIsLocal) {
    throw new ConfigError(
      'Refusing to start: without MicrosoftAppId the bot would run in local dev mode (anonymous, demo data), which never talks to a ' +
        'real database. Set MicrosoftAppId and MicrosoftAppPassword, or use the embedded database.',
    );
  }
  if (!localDevMode && !appId) {
    throw new ConfigError('Refusing to start: DEV_MODE=0 without MicrosoftAppId leaves the bot without Bot Framework authentication. Set MicrosoftAppId.');
  }
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicBaseUrl && !/^https?:\/\/[^/]+/i.test(publicBaseUrl)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, not "${publicBaseUrl}"`);
  if (publicBaseUrl && production && !/^https:/i.test(publicBaseUrl)) throw new ConfigError('PUBLIC_BASE_URL must be https in production.');
  // Without it the links the bot hands out (objection letters, uploaded files, evidence) would point at the
  // address the server listens on (127.0.0.1), which no user can reach.
  if (production && !publicBaseUrl) {
    throw new ConfigError('Refusing to start: NODE_ENV=production needs PUBLIC_BASE_URL, the https address users reach the bot at (e.g. https://<app>.azurewebsites.net); links in letters and uploads are built on it.');
  }
  const hops = env.TRUSTED_PROXY_HOPS?.trim();
  if (hops && !/^\d{1,2}$/.test(hops)) throw new ConfigError(`TRUSTED_PROXY_HOPS must be a small whole number (App Service: 1), not "${hops}"`);

  return {
    port: port('PORT', env.PORT, 3978),
    production,
    localDevMode,
    host: localDevMode ? '127.0.0.1' : env.HOST?.trim() || undefined,
    publicBaseUrl,
    trustedProxyHops: hops ? Number(hops) : 0,
    devServiceUrls: (env.DEV_SERVICE_URLS ?? '').split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean),
    botAuth: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: env.MicrosoftAppPassword || undefined,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId || undefined,
    },
    store: {
      endpoint,
      key,
      databaseId: env.COSMOS_DATABASE?.trim() || 'pool-assistant',
      dataDir: endpoint ? undefined : resolve(env.DATA_DIR?.trim() || '.data'),
    },
    adminToken: env.ADMIN_TOKEN?.trim() || undefined,
    keepUnclearUtterances: !/^(off|false|0|no)$/i.test(env.UTTERANCE_LOG?.trim() ?? ''),
    matchRateLimitPerMinute: positive('MATCH_RATE_LIMIT', env.MATCH_RATE_LIMIT, 60),
    catalogPollSeconds: positive('CATALOG_POLL_SECONDS', env.CATALOG_POLL_SECONDS, 10),
    feedbackAfterDays: positive('FEEDBACK_AFTER_DAYS', env.FEEDBACK_AFTER_DAYS, 7),
    feedbackCron: cronExpression(env.FEEDBACK_CRON?.trim() || '0 10 * * *'),
    broadcastMaxRps: positive('BROADCAST_MAX_RPS', env.BROADCAST_MAX_RPS, 30),
    staffUsers: new Set((env.STAFF_USERS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    secretariatContact: env.SECRETARIAT_CONTACT?.trim() || undefined,
    allowedTenants: new Set((env.ALLOWED_TENANTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)),
    ...(directLineSecret ? { directLine: { secret: directLineSecret, endpoint: directLineEndpoint } } : {}),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    logPretty: env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : !production && Boolean(process.stdout.isTTY),
    dbPort: port('DB_PORT', env.DB_PORT, 8081),
    staffOidc: staffOidc(env),
  };
}
