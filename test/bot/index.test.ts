import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTAINERS } from '../../data/containers';
import { createCosmosClient } from '../../data/cosmos';
import { startEmbeddedCosmos } from '../../data/embedded/embeddedCosmos';
import { DirectLineClient } from '../support/directLineClient';
import { freePort, run, waitForOutput, waitHealthy } from '../support/process';

// Each test starts node processes that compile TypeScript at start: seconds on a quiet machine, much longer on a
// loaded one. They wait for events (healthy, exited, printed), so a long bound costs nothing when all is well.
jest.setTimeout(240_000);

const LOCAL_DEV = { NODE_ENV: 'development', MicrosoftAppId: '', COSMOS_ENDPOINT: '', COSMOS_KEY: '' };
/** A cold start (tsx compiling the bot) beside a CPU hog (the browser tests in the other worker) takes well over 20 s. */
const START_MS = 90_000;

describe('the bot process (npm start)', () => {
  // A failed run must not leave its bot running (and loading the machine for the tests after it).
  const started: ReturnType<typeof run>[] = [];
  afterEach(() => {
    for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  });

  it('starts healthy, exits cleanly within 5 s of SIGTERM, and keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-start-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...LOCAL_DEV, PORT: String(port), DATA_DIR: dataDir };

    const first = run('bot/index.ts', env);
    started.push(first);
    await waitHealthy(url, START_MS);
    expect(first.output()).toContain('seeded demo data');
    const dl = new DirectLineClient(url, 'restart-user');
    await dl.start();
    await dl.say('Hello, what can you do?');

    first.child.kill('SIGTERM');
    const exit = await first.exited;
    // The 5 s bound is the process's own: its watchdog exits with code 1 and "shutdown took too long" at 4.8 s.
    // Code 0 is thus a clean exit within the bound, however loaded the machine (a wall-clock check here is not).
    expect({ code: exit.code, log: exit.code === 0 ? '' : first.output() }).toEqual({ code: 0, log: '' });
    expect(first.output()).not.toContain('shutdown took too long');

    const second = run('bot/index.ts', env);
    started.push(second);
    await waitHealthy(url, START_MS);
    expect(second.output()).not.toContain('seeded demo data'); // the seed marker survived
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    // What the first run wrote is on disk: the demo catalog and the conversation's saved state.
    const db = await startEmbeddedCosmos({ dataDir });
    const client = createCosmosClient({ endpoint: db.endpoint, key: db.key });
    const database = client.database('pool-assistant');
    const { resources: suppliers } = await database.container(CONTAINERS.suppliers.id).items.readAll().fetchAll();
    const { resources: state } = await database.container(CONTAINERS.botState.id).items.readAll().fetchAll();
    expect(suppliers).toHaveLength(8);
    expect(JSON.stringify(state)).toContain(dl.conversationId);
    expect(JSON.stringify(state)).toContain('en-US');
    client.dispose();
    await db.close();
  }, 4 * START_MS);

  it('refuses to start in production without credentials, with a clear message', async () => {
    const started = run('bot/index.ts', { NODE_ENV: 'production', MicrosoftAppId: '', PORT: String(await freePort()) });
    const exit = await started.exited;
    expect(exit.code).toBe(2);
    expect(started.output()).toContain('Refusing to start: NODE_ENV=production but MicrosoftAppId is not set');
  });
});

describe('npm run db', () => {
  it('serves the embedded database on DB_PORT for other processes and saves it on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const dbPort = await freePort();
    const db = run('data/embedded/standalone.ts', { DB_PORT: String(dbPort), DATA_DIR: dataDir });
    const endpoint = `https://127.0.0.1:${dbPort}`;
    await waitForOutput(db, 'listening');
    expect(db.output()).toContain(`COSMOS_ENDPOINT=${endpoint}`);

    const client = createCosmosClient({ endpoint, key: 'any' });
    const { database } = await client.databases.createIfNotExists({ id: 'shared' });
    const { container } = await database.containers.createIfNotExists({ id: 'c', partitionKey: { paths: ['/id'] } });
    await container.items.create({ id: 'kept' });
    client.dispose();
    db.child.kill('SIGTERM');
    expect((await db.exited).code).toBe(0);

    const reopened = await startEmbeddedCosmos({ dataDir });
    expect(reopened.restoredDocuments).toBe(1);
    await reopened.close();
  });
});
