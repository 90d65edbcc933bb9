import type { IncomingMessage, ServerResponse } from 'node:http';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The embedded server's write-ahead journal: one line of JSON per change the server made, in the order it made
 * them, appended to `cosmos-journal-<n>.ndjson`. Persistence costs what changed, not what is stored (a full
 * snapshot of 100 000 suppliers, ~70 MB, stalled imports). Lines are taken from the protocol — the request's
 * path and the server's answer, which holds the document as written — not from the package's internals.
 * `fold.ts` reads them back; compaction folds old segments into the base file off the hot path.
 *
 * Line shapes (`op`):
 *   db {id} · dropDb {id} · coll {db, def} · dropColl {db, id}
 *   put {db, coll, doc} · del {db, coll, id, pk} · batch {db, coll, res, req?}
 */
export const segmentName = (seq: number) => `cosmos-journal-${String(seq).padStart(6, '0')}.ndjson`;
export const SEGMENT = /^cosmos-journal-(\d{6,})\.ndjson$/;

const isTrue = (header: string | string[] | undefined) => String(header ?? '').toLowerCase() === 'true';
const q = (s: string) => JSON.stringify(s);

/**
 * What to journal for a request, as a function of the server's answer; null for a request that changes
 * nothing (reads, queries, query plans: the SDK POSTs those too). Only a success is journaled.
 */
export function journalLineFor(req: IncomingMessage): ((answer: string) => string) | null {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return null;
  if (isTrue(req.headers['x-ms-documentdb-isquery']) || isTrue(req.headers['x-ms-cosmos-is-query-plan-request']) || req.headers['content-type'] === 'application/query+json') return null;
  const path = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  if (path[0] !== 'dbs') return null;
  const [, db, colls, coll, docs, id] = path;
  if (path.length === 1 && method === 'POST') return (answer) => `{"op":"db","id":${q((JSON.parse(answer) as { id: string }).id)}}`;
  if (path.length === 2 && method === 'DELETE') return () => `{"op":"dropDb","id":${q(db!)}}`;
  if (colls !== 'colls') return null;
  if (path.length === 3 && method === 'POST') return (answer) => `{"op":"coll","db":${q(db!)},"def":${answer}}`;
  if (path.length === 4 && method === 'PUT') return (answer) => `{"op":"coll","db":${q(db!)},"def":${answer}}`;
  if (path.length === 4 && method === 'DELETE') return () => `{"op":"dropColl","db":${q(db!)},"id":${q(coll!)}}`;
  if (docs !== 'docs') return null;
  const where = `"db":${q(db!)},"coll":${q(coll!)}`;
  if (path.length === 5 && method === 'POST') {
    if (!isTrue(req.headers['x-ms-cosmos-is-batch-request'])) return (answer) => `{"op":"put",${where},"doc":${answer}}`;
    // A batch answer holds what its creates, upserts and replaces wrote; a delete's id and partition key
    // are only in the request, kept for the (rare) batch with a delete in it.
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    return (answer) => `{"op":"batch",${where},"res":${answer}${answer.includes('"statusCode":204') ? `,"req":${Buffer.concat(body).toString('utf8')}` : ''}}`;
  }
  if (path.length === 6 && (method === 'PUT' || method === 'PATCH')) return (answer) => `{"op":"put",${where},"doc":${answer}}`;
  if (path.length === 6 && method === 'DELETE') {
    const header = req.headers['x-ms-documentdb-partitionkey'];
    const pk = (Array.isArray(header) ? header[0] : header) ?? 'null';
    return () => `{"op":"del",${where},"id":${q(id!)},"pk":${pk}}`;
  }
  return null;
}

/**
 * Records a write request's line when the server answers it with success. The package answers with one
 * `res.end(json)` right after applying the change, so lines are taken in the order changes were applied.
 */
export function observeWrite(req: IncomingMessage, res: ServerResponse, append: (line: string) => void): void {
  const line = journalLineFor(req);
  if (!line) return;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const answer = args[0];
    // A delete answers with no body at all.
    if (res.statusCode < 300) append(line(typeof answer === 'string' || Buffer.isBuffer(answer) ? answer.toString() : ''));
    return end(...args);
  }) as ServerResponse['end'];
}

/**
 * Appends lines to the current segment. Lines wait in memory only while the previous write is on its way
 * (group commit: a burst of writes is one write call), so the journal trails the server by milliseconds.
 * `rotate()` starts the next segment, so compaction can fold the finished ones while writes go on.
 */
export class JournalWriter {
  private pending: string[] = [];
  private draining = false;
  /** The write call on its way (each waits for the one before), to know when a segment is no longer written. */
  private inflight: Promise<unknown> = Promise.resolve();
  private appended = 0;
  private written = 0;
  private readonly waiters: { upTo: number; resolve: () => void }[] = [];
  private file: Promise<FileHandle>;
  /** Bytes in segments not yet folded into the base, this one included. */
  unfoldedBytes: number;

  constructor(
    private readonly dir: string,
    private seq: number,
    unfoldedBytes: number,
    private readonly onError: (err: unknown) => void,
    private readonly afterWrite: () => void = () => undefined,
  ) {
    this.unfoldedBytes = unfoldedBytes;
    this.file = this.openSegment();
  }

  get segment(): number {
    return this.seq;
  }

  append(line: string): void {
    this.pending.push(line);
    this.appended++;
    if (!this.draining) void this.drain();
  }

  /** Everything appended before the call is written and synced to disk when this resolves (later lines need not be). */
  async flush(): Promise<void> {
    const upTo = this.appended;
    if (this.written < upTo) await new Promise<void>((resolve) => this.waiters.push({ upTo, resolve }));
    await (await this.file).sync();
  }

  /** Ends the current segment and starts the next; returns the number of the one ended. */
  async rotate(): Promise<number> {
    // Every line from now on goes to the next segment; the ended one is closed once the write on it is done.
    const ended = this.seq;
    const previous = this.file;
    this.seq++;
    this.file = this.openSegment();
    await this.inflight.catch(() => undefined);
    const handle = await previous;
    await handle.sync();
    await handle.close();
    await this.file;
    return ended;
  }

  async close(): Promise<void> {
    await this.flush();
    await (await this.file).close();
  }

  private openSegment(): Promise<FileHandle> {
    // 0600: the journal holds bindings, submissions, phone numbers (the folder is 0700 when we create it).
    const opening = open(join(this.dir, segmentName(this.seq)), 'a', 0o600);
    opening.catch(this.onError);
    return opening;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const lines = this.pending;
        this.pending = [];
        const text = `${lines.join('\n')}\n`;
        const file = this.file; // taken now: a rotation from here on sends the next lines to the next segment
        this.inflight = file.then((h) => h.write(text));
        await this.inflight;
        this.written += lines.length;
        this.unfoldedBytes += Buffer.byteLength(text);
        for (let i = this.waiters.length - 1; i >= 0; i--) if (this.waiters[i]!.upTo <= this.written) this.waiters.splice(i, 1)[0]!.resolve();
        this.afterWrite();
      }
    } catch (err) {
      this.onError(err);
      // What could not be written is lost to the journal (reported); nobody waits for it forever.
      this.written = this.appended;
      this.waiters.splice(0).forEach((w) => w.resolve());
    } finally {
      this.draining = false;
    }
  }
}
