import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startApp } from './server';

/** `npm start`: read the environment, start the bot, stop cleanly on SIGTERM/SIGINT within 5 s. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, pretty: config.logPretty });
  const started = Date.now();
  // The signal handlers come first: /healthz answers as soon as the server listens, while the start goes on
  // (broadcasts, the local channel), and a SIGTERM in that window must still stop the bot cleanly, not kill it.
  let stopping = false;
  const starting = startApp(config, log);
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Whatever happens, the process is gone within 5 s.
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 4800).unref();
    starting.then((app) => app.close()).then(
      () => {
        log.info('stopped');
        log.flush?.();
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const app = await starting;
  log.info(
    { url: app.url, database: app.store.embedded ? `embedded, saved in ${config.store.dataDir}` : app.store.endpoint, localDevMode: config.localDevMode, ms: Date.now() - started },
    config.localDevMode ? `Pool Assistant ready: open http://localhost:${config.port} to chat` : 'Pool Assistant ready',
  );
}

main().catch((err: Error) => {
  process.stderr.write(`Pool Assistant could not start: ${err.message}\n`);
  process.exit(1);
});
