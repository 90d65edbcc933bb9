import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { enUS } from '../../services/i18n/en-US';
import { zhCN } from '../../services/i18n/zh-CN';
import { handler, sendError } from '../http';

// From the repo in development; a build (dist/bot/staff) reads them from the source tree beside it.
const ASSETS = existsSync(join(__dirname, 'assets')) ? join(__dirname, 'assets') : join(__dirname, '..', '..', '..', 'bot', 'staff', 'assets');
const FILES: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};
/** Microsoft's TeamsJS, from npm at install like Web Chat's bundle (the tab's single sign-on); no CDN. */
const TEAMS_JS = join(dirname(require.resolve('@microsoft/teams-js/package.json')), 'dist', 'umd', 'MicrosoftTeams.min.js');

/**
 * The console may run inside Teams (a static tab is an iframe on these origins) and nowhere else; it loads
 * nothing but this server's own files.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.cloud.microsoft https://*.office.com",
].join('; ');

function sendStatic(res: Response, body: Buffer | string, contentType: string): void {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(body);
}

/** The console's sentences in one language: the `console_*` keys of the i18n catalogs. */
export function consoleStrings(locale: string): Record<string, string> {
  const catalog: Record<string, string> = locale === 'en-US' ? enUS : zhCN;
  return Object.fromEntries(Object.entries(catalog).filter(([key]) => key.startsWith('console_') || key.startsWith('field_')));
}

/** GET /staff (the page), its script and style, and its sentences. */
export function mountConsolePage(server: Server, settings: () => { token: boolean; oidc?: { clientId: string; authorizeUrl: string }; teams?: { clientId: string } }): void {
  server.get('/staff', handler(async (_req: Request, res: Response) => {
    sendStatic(res, await readFile(join(ASSETS, 'console.html')), 'text/html; charset=utf-8');
  }));
  server.get('/staff/assets/:file', handler(async (req: Request, res: Response) => {
    const name = String(req.params.file);
    if (name === 'teams.js') return sendStatic(res, await readFile(TEAMS_JS), 'application/javascript; charset=utf-8');
    const type = FILES[name];
    if (!type) return sendError(res, 404, 'NotFound', 'No such file.');
    sendStatic(res, await readFile(join(ASSETS, name)), type);
  }));
  server.get('/staff/strings.json', handler((req: Request, res: Response) => {
    const lang = String((req.query as Record<string, unknown>)?.lang ?? 'zh-CN');
    res.send(200, consoleStrings(lang));
  }));
  // How to sign in (public: it names no secret).
  server.get('/staff/api/config', handler((_req: Request, res: Response) => {
    res.send(200, settings());
  }));
}
