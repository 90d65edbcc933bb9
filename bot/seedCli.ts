/**
 * `npm run seed`: writes the demo data to the configured account on purpose (COSMOS_ENDPOINT + COSMOS_KEY),
 * or to the embedded store under DATA_DIR when none is configured. Seeds again even if seeded before.
 */
import { loadConfig } from './config';
import { openStore } from '../data/store';
import { seedDemoData } from '../data/demo/seed';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const store = await openStore(config.store);
  try {
    const result = await seedDemoData(store, { force: true });
    process.stdout.write(
      `Seeded ${store.endpoint} / ${config.store.databaseId}: ${result.suppliers?.imported} suppliers, ` +
        `${result.applications?.imported} applications, ${result.notices} notices\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Seeding failed: ${err.message}\n`);
  process.exit(1);
});
