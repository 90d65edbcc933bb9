import { createReadStream } from 'node:fs';
import { chmod, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SEGMENT, segmentName } from './journal';

/**
 * The embedded account rebuilt from its files: the base (`cosmos-base.ndjson`, everything up to segment
 * `through`, written by compaction) and the journal segments after it, applied line by line in order.
 * Documents are held as JSON text, not objects: at 100 000 suppliers that is a fraction of the memory.
 */
export const BASE = 'cosmos-base.ndjson';
const FORMAT = 'pool-assistant/cosmos-journal@1';
const SYSTEM = new Set(['_rid', '_self', '_etag', '_ts', '_attachments']);

export interface CollectionDefinition {
  id: string;
  partitionKey?: { paths: string[] };
  defaultTtl?: number;
  indexingPolicy?: unknown;
  uniqueKeyPolicy?: unknown;
}

interface Collection {
  def: CollectionDefinition;
  /** (partition key value, id) → the document's JSON, system properties left out. */
  docs: Map<string, string>;
}

export type JournalLine =
  | { op: 'header'; format: string; through: number }
  | { op: 'db' | 'dropDb'; id: string }
  | { op: 'coll'; db: string; def: CollectionDefinition }
  | { op: 'dropColl'; db: string; id: string }
  | { op: 'put'; db: string; coll: string; doc: Record<string, unknown> }
  | { op: 'del'; db: string; coll: string; id: string; pk: unknown }
  | { op: 'batch'; db: string; coll: string; res: { statusCode: number; resourceBody?: Record<string, unknown> }[]; req?: { operationType: string; id?: string; partitionKey?: unknown }[] };

/** The partition key value as the server sends it in a header (`["x"]`) or a batch operation (`'["x"]'`). */
function headerValue(pk: unknown): unknown {
  const parsed: unknown = typeof pk === 'string' ? JSON.parse(pk) : pk;
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

const keyOf = (pk: unknown, id: string) => JSON.stringify([pk === undefined || (typeof pk === 'object' && pk !== null && !Object.keys(pk).length) ? null : pk, id]);

export class AccountState {
  readonly databases = new Map<string, Map<string, Collection>>();
  /** The last segment folded into the base this state was read from. */
  through = 0;

  get documentCount(): number {
    let n = 0;
    for (const db of this.databases.values()) for (const c of db.values()) n += c.docs.size;
    return n;
  }

  apply(line: JournalLine): void {
    switch (line.op) {
      case 'header':
        if (line.format !== FORMAT) throw new Error(`not a journal this version can read (${line.format})`);
        this.through = line.through;
        return;
      case 'db':
        if (!this.databases.has(line.id)) this.databases.set(line.id, new Map());
        return;
      case 'dropDb':
        this.databases.delete(line.id);
        return;
      case 'coll': {
        const db = this.database(line.db);
        const def = cleanDefinition(line.def);
        const existing = db.get(def.id);
        if (existing) existing.def = def;
        else db.set(def.id, { def, docs: new Map() });
        return;
      }
      case 'dropColl':
        this.databases.get(line.db)?.delete(line.id);
        return;
      case 'put':
        this.put(line.db, line.coll, line.doc);
        return;
      case 'del':
        this.collection(line.db, line.coll)?.docs.delete(keyOf(headerValue(line.pk), line.id));
        return;
      case 'batch':
        line.res.forEach((result, i) => {
          if (result.statusCode >= 300) return;
          if (result.resourceBody) this.put(line.db, line.coll, result.resourceBody);
          else if (result.statusCode === 204 && line.req?.[i]?.id !== undefined) {
            const op = line.req[i]!;
            this.collection(line.db, line.coll)?.docs.delete(keyOf(headerValue(op.partitionKey ?? 'null'), op.id!));
          }
        });
        return;
    }
  }

  /** The lines of a base holding this state. */
  *lines(through: number): Generator<string> {
    yield JSON.stringify({ op: 'header', format: FORMAT, through });
    for (const [dbId, db] of this.databases) {
      yield JSON.stringify({ op: 'db', id: dbId });
      for (const c of db.values()) {
        yield JSON.stringify({ op: 'coll', db: dbId, def: c.def });
        const where = `"db":${JSON.stringify(dbId)},"coll":${JSON.stringify(c.def.id)}`;
        for (const doc of c.docs.values()) yield `{"op":"put",${where},"doc":${doc}}`;
      }
    }
  }

  private put(dbId: string, collId: string, doc: Record<string, unknown>): void {
    const c = this.collection(dbId, collId);
    if (!c) return;
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) if (!SYSTEM.has(k)) clean[k] = v;
    const path = (c.def.partitionKey?.paths[0] ?? '/id').slice(1).split('/');
    const pk = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), clean);
    c.docs.set(keyOf(pk, String(clean.id)), JSON.stringify(clean));
  }

  private database(id: string): Map<string, Collection> {
    let db = this.databases.get(id);
    if (!db) this.databases.set(id, (db = new Map()));
    return db;
  }

  private collection(dbId: string, collId: string): Collection | undefined {
    return this.databases.get(dbId)?.get(collId);
  }
}

/** What a container is created with again: its id, partition key and policies, not the server's bookkeeping. */
function cleanDefinition(def: CollectionDefinition): CollectionDefinition {
  const { id, partitionKey, defaultTtl, indexingPolicy, uniqueKeyPolicy } = def;
  return JSON.parse(JSON.stringify({ id, partitionKey: partitionKey ? { paths: partitionKey.paths } : undefined, defaultTtl, indexingPolicy, uniqueKeyPolicy })) as CollectionDefinition;
}

/**
 * Applies a file's lines. A last line cut short (the process died mid-write) is dropped; a bad line with
 * more after it means the file is damaged, which is not papered over.
 */
async function applyFile(state: AccountState, path: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let torn: string | null = null;
  for await (const text of lines) {
    if (!text) continue;
    if (torn !== null) throw new Error(`${path} is damaged: a line that is not JSON is followed by more`);
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch {
      torn = text;
      continue;
    }
    state.apply(line);
  }
}

export interface JournalFiles {
  /** Segment numbers after the base's, in order. */
  segments: number[];
  /** Bytes of those segments. */
  segmentBytes: number;
  baseBytes: number;
  through: number;
}

/** The base's `through` and the segments that follow it; segments the base already holds are removed. */
export async function listJournal(dir: string): Promise<JournalFiles> {
  const names: string[] = await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  const baseBytes = names.includes(BASE) ? (await stat(join(dir, BASE))).size : 0;
  const through = baseBytes ? await readThrough(join(dir, BASE)) : 0;
  const segments: number[] = [];
  let segmentBytes = 0;
  for (const name of names) {
    const match = SEGMENT.exec(name);
    if (!match) continue;
    const seq = Number(match[1]);
    // Folded by a compaction that was stopped before it could remove them.
    if (seq <= through) await unlink(join(dir, name));
    else {
      segments.push(seq);
      segmentBytes += (await stat(join(dir, name))).size;
    }
  }
  return { segments: segments.sort((a, b) => a - b), segmentBytes, baseBytes, through };
}

async function readThrough(path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', end: 4096 }), crlfDelay: Infinity });
  for await (const text of lines) {
    lines.close();
    const header = JSON.parse(text) as JournalLine;
    if (header.op !== 'header') throw new Error(`${path} has no header`);
    return header.through;
  }
  return 0;
}

/** The account as the base and the segments up to `upTo` (all of them by default) leave it. */
export async function readAccount(dir: string, upTo = Infinity): Promise<AccountState> {
  const files = await listJournal(dir);
  const state = new AccountState();
  if (files.baseBytes) await applyFile(state, join(dir, BASE));
  for (const seq of files.segments) if (seq <= upTo) await applyFile(state, join(dir, segmentName(seq)));
  return state;
}

/**
 * Folds segments up to `through` into a new base, then removes them. Returns the new base's size.
 */
export async function compact(dir: string, through: number): Promise<number> {
  const bytes = await writeBase(dir, await readAccount(dir, through), through);
  await listJournal(dir); // removes the folded segments
  return bytes;
}

/**
 * Writes a state as the base holding segments up to `through`: beside the old one, then renamed over it, so a
 * crash leaves the old base and every segment. Readable by this user only. Returns its size.
 */
export async function writeBase(dir: string, state: AccountState, through: number): Promise<number> {
  const path = join(dir, BASE);
  const tmp = `${path}.${process.pid}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    let chunk: string[] = [];
    const write = async () => {
      const text = `${chunk.join('\n')}\n`;
      chunk = [];
      bytes += Buffer.byteLength(text);
      await file.write(text);
    };
    for (const line of state.lines(through)) {
      chunk.push(line);
      if (chunk.length >= 500) await write();
    }
    if (chunk.length) await write();
    await file.sync();
  } finally {
    await file.close();
  }
  await chmod(tmp, 0o600); // a leftover temporary file keeps its own mode
  await rename(tmp, path);
  return bytes;
}

/** Removes temporary files a stopped compaction left behind. */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`${BASE}.`) && n.endsWith('.tmp')).map((n) => unlink(join(dir, n))));
}
