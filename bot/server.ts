import type { Store } from '../data/store';
import type { Config } from './config';
import { CONNECTOR_PREFIX, DirectLineChannel } from './directline/channel';
import { createHttpServer } from './httpServer';
import { closeServer, Draining, listen } from './lifecycle';
import type { Logger } from './logger';
import { wire, type AppOptions } from './wiring';

export type { AppOptions } from './wiring';

export interface App {
  url: string;
  store: Store;
  /** Runs the feedback asks now (what the cron job does at its time). */
  askForFeedback(): Promise<{ asked: number; failed: number }>;
  directLine: DirectLineChannel | null;
  /** Stops taking requests, lets in-flight turns finish (up to `graceMs`), saves and closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The bot, started: its parts wired from the configuration and the store (wiring.ts), the HTTP server with
 * its routes (httpServer.ts), listening, then the broadcasts and the local channel; closing drains first
 * (lifecycle.ts).
 */
export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  const wiring = await wire(config, log, options);
  const { store, broadcasting, localTrust } = wiring;
  const draining = new Draining();
  const server = createHttpServer(config, log, wiring, draining);
  const { url, port } = await listen(server, config);
  wiring.setPublicUrl(url);

  await broadcasting.start();

  let directLine: DirectLineChannel | null = null;
  if (config.localDevMode && localTrust) {
    localTrust.serviceUrl = `${url}${CONNECTOR_PREFIX}/`;
    directLine = new DirectLineChannel({
      botEndpoint: `${url}/api/messages`, serviceUrl: localTrust.serviceUrl, publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${port}`, trust: localTrust, log,
      trustedProxyHops: config.trustedProxyHops,
    });
    directLine.mount(server);
    wiring.setDirectLine(directLine);
  }

  return {
    url,
    store,
    directLine,
    askForFeedback: wiring.askForFeedback,
    async close(graceMs = 3500) {
      if (!(await draining.drain(graceMs))) return;
      // Sends in flight finish and unsent claims are handed back before the server (and the local channel's
      // Connector API on it) goes away.
      await broadcasting.stop();
      await closeServer(server);
      directLine?.close();
      await wiring.stop();
      if (!options.store) await store.close();
    },
  };
}
