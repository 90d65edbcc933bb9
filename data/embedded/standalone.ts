/**
 * `npm run db`: the embedded Cosmos-protocol server on its own, on DB_PORT (default 8081), journaling to
 * DATA_DIR, so several processes (bot instances, tools, tests) share one database through COSMOS_ENDPOINT.
 */
import { resolve } from 'node:path';
import { EMBEDDED_KEY, startEmbeddedCosmos } from './embeddedCosmos';

async function main(): Promise<void> {
  const port = Number(process.env.DB_PORT || 8081);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`DB_PORT must be a port number, not "${process.env.DB_PORT}"`);
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  const db = await startEmbeddedCosmos({ port, dataDir, onError: (err) => process.stderr.write(`saving failed: ${String(err)}\n`) });
  process.stdout.write(
    `Embedded Cosmos DB listening on ${db.endpoint} (data in ${dataDir}, ${db.restoredDocuments} documents restored)\n` +
      `Use it with:\n  COSMOS_ENDPOINT=${db.endpoint} COSMOS_KEY=${EMBEDDED_KEY} npm start\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    db.close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`could not save on shutdown: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`Embedded Cosmos DB could not start: ${err.message}\n`);
  process.exit(1);
});
