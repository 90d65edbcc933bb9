/**
 * `npm run import -- <file.xlsx|file.csv> [--kind catalog|applications] [--check] [--partial]`: the console's
 * import from a shell, on the configured account (COSMOS_ENDPOINT) or the embedded store under DATA_DIR.
 * The same check first (rows refused, with row numbers and reasons); all or nothing unless --partial;
 * --check writes nothing. Stage changes are not announced from the shell (the bot's engine does that):
 * import applications through the console or PUT /api/admin/applications to tell bound users.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadTaxonomy } from '../../data/lexicon/load';
import { openStore } from '../../data/store';
import { CatalogChangeLog } from '../../services/catalog/changeLog';
import { checkSheet, importChecked } from '../../services/staff/sheetImport';
import { missingHeaders, type SheetKind } from '../../services/staff/sheetRows';
import { loadConfig } from '../config';
import { readSheets } from './sheets';
import { sheetWriter } from './sheetWriters';

const print = (line: string) => void process.stdout.write(`${line}\n`);

export async function runImportCli(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = print): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--kind');
  if (!file) {
    out('usage: npm run import -- <file.xlsx|file.csv> [--kind catalog|applications] [--check] [--partial]');
    return 2;
  }
  const named = argv.includes('--kind') ? (argv[argv.indexOf('--kind') + 1] as SheetKind) : undefined;
  if (named && named !== 'catalog' && named !== 'applications') {
    out('--kind is catalog or applications');
    return 2;
  }
  const bytes = await readFile(file);
  const taxonomy = loadTaxonomy();
  // Which kind: as named, else the one whose required columns the file has.
  let kind: SheetKind | undefined = named;
  let read = await readSheets(named ?? 'catalog', bytes, file);
  if (!kind) {
    kind = missingHeaders('catalog', read.headers).length === 0 ? 'catalog' : missingHeaders('applications', read.headers).length === 0 ? 'applications' : undefined;
    if (kind === 'applications') read = await readSheets(kind, bytes, file);
  }
  if (!kind || missingHeaders(kind, read.headers).length) {
    out(`${basename(file)}: the first sheet lacks the template's columns (${missingHeaders(kind ?? 'catalog', read.headers).join('、')}). Start from GET /staff/templates/catalog.xlsx or applications.xlsx.`);
    return 1;
  }
  const check = await checkSheet(kind, read.sheets, kind === 'catalog' ? taxonomy.names : undefined);
  out(`${basename(file)} (${kind}): ${check.total} rows, ${check.valid} valid, ${check.rejected.length} refused`);
  for (const r of check.rejected) out(`  ${r.sheet} row ${r.row}: ${r.errors.join('; ')}`);
  if (argv.includes('--check')) return check.rejected.length ? 1 : 0;

  const config = loadConfig(env);
  const store = await openStore(config.store);
  try {
    // No index here: the running bot's instances follow the change log the import appends to.
    const write = sheetWriter(kind, { store, taxonomy: taxonomy.names, catalog: { changes: new CatalogChangeLog(store.meta) } });
    const result = await importChecked(check, { allOrNothing: !argv.includes('--partial') }, write, (p) => out(`  written ${p.written}/${p.total}`));
    if (!result.written && check.rejected.length) {
      out('Nothing imported: some rows are refused (all or nothing). Fix them, or pass --partial to import the valid rows.');
      return 1;
    }
    out(`Imported ${result.imported} into ${store.endpoint} / ${config.store.databaseId}.${kind === 'applications' ? ' Stage changes were not announced (see --help).' : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runImportCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`Import failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
