import pino from 'pino';
import { loadConfig, type Config } from '../../bot/config';
import { startApp, type App } from '../../bot/server';
import type { Store } from '../../data/store';
import { openTestStore } from './store';

/** Silent, unless TEST_LOG names a level (to see why a test's bot failed). */
export const silentLog = pino({ level: process.env.TEST_LOG ?? 'silent' });

/** The bot's log lines kept in memory (the latest `keep`), for a test to show when it fails. */
export function keptLog(keep = 300): { log: pino.Logger; lines: () => string[] } {
  const kept: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void (kept.push(line.trimEnd()), kept.length > keep && kept.shift()) });
  return { log, lines: () => [...kept] };
}

/** Local dev mode config on a free port. */
export function testConfig(env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ PORT: '0', ...env });
}

/** The whole bot, in process, on a free port, over its own in-memory database. */
/** Random enough for the entropy check (finding 10), fixed so tests can share it. */
export const ADMIN_TOKEN = 'Xk3v9Qm2Rt7Lp4Zw8Ns1Yb6Hd5Fj0Gc-test';

export async function startTestApp(store?: Store, env: NodeJS.ProcessEnv = { ADMIN_TOKEN }, log: pino.Logger = silentLog): Promise<App & { ownStore: Store }> {
  const ownStore = store ?? (await openTestStore());
  const app = await startApp(testConfig(env), log, { store: ownStore });
  return {
    ...app,
    ownStore,
    async close() {
      await app.close();
      await ownStore.close();
    },
  };
}
