import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * A stand-in of the Teams host — NOT Teams: a page that embeds the staff tab in an iframe as Teams does for a
 * static tab and answers the host side of TeamsJS's postMessage protocol (read from @microsoft/teams-js 2.58:
 * a request is `{ id, uuidAsString, func, args }`, the answer `{ id, uuidAsString, args }`), for the calls
 * the tab makes: `initialize` (frame context, client type, runtime config), `getContext` (the legacy
 * context: locale, ids) and `authentication.getAuthToken` (`[true, token]`). Every other call is recorded and
 * left unanswered, as a host that does not support it would.
 *
 * TeamsJS accepts messages only from https origins on its list of Microsoft hosts, so the page is served over
 * https at teams.microsoft.com, which the test's Chromium resolves to this server (`chromiumArgs`); the
 * certificate is the embedded Cosmos server's self-signed one (the browser context ignores certificate errors).
 */
export interface TeamsHostStandIn {
  /** The host page, embedding `tabUrl`: open it with a context that has ignoreHTTPSErrors. */
  url: string;
  /** Chromium flags that send teams.microsoft.com to this server. */
  chromiumArgs: string[];
  /** Every call the tab made, in order (func names). */
  calls: string[];
  /** Answers the host side of TeamsJS in `page` (call before opening `url`). */
  serve(page: Page): Promise<void>;
  close(): Promise<void>;
}

const HOST = 'teams.microsoft.com';
/** What a current Teams web client tells TeamsJS it supports (runtime API version 4), limited to what the tab uses. */
const RUNTIME = { apiVersion: 4, isLegacyTeams: false, supports: { appInitialization: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} } };

export async function startTeamsHostStandIn(options: { tabUrl: string; locale: string; token: (call: number) => Promise<string> }): Promise<TeamsHostStandIn> {
  const certs = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Teams host stand-in</title></head><body>
<iframe id="tab" title="Staff console tab" src="${options.tabUrl}" style="width:1200px;height:860px;border:0"></iframe>
<script>
window.addEventListener('message', function (e) {
  var tab = document.getElementById('tab').contentWindow;
  if (e.source !== tab || !e.data || typeof e.data.func !== 'string') return;
  var request = e.data;
  window.teamsHostAnswer(request.func, request.args || []).then(function (args) {
    if (args) tab.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args: args }, e.origin);
  });
});
</script></body></html>`;
  const server: Server = createServer({ key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const calls: string[] = [];
  let tokens = 0;
  return {
    url: `https://${HOST}/_stand-in/apps/staff-console`,
    chromiumArgs: [`--host-resolver-rules=MAP ${HOST}:443 127.0.0.1:${port}`],
    calls,
    async serve(browserPage) {
      await browserPage.exposeFunction('teamsHostAnswer', async (func: string): Promise<unknown[] | null> => {
        calls.push(func);
        if (func === 'initialize') return ['content', 'web', JSON.stringify(RUNTIME), '2.58.0'];
        if (func === 'getContext') {
          return [{ locale: options.locale, entityId: 'staff-console', frameContext: 'content', hostClientType: 'web', hostName: 'Teams', appSessionId: 'stand-in-session', userObjectId: 'oid-teams-user', tid: 'tenant-standin' }];
        }
        if (func === 'authentication.getAuthToken') return [true, await options.token(tokens++)];
        return null;
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
