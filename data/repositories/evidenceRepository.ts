import type { Container } from '@azure/cosmos';
import type { KeptEvidence } from '../../services/evidence/evidence';
import { forEachConcurrently } from '../concurrency';
import { readDocument, toDomain } from './documents';
import type { EvidenceRepository } from '../../services/ports';

/** Cosmos items are at most 2 MB; 512 KB of bytes is about 700 KB of base64, well inside it. */
const CHUNK_BYTES = 512 * 1024;

/**
 * Evidence files in Cosmos DB, one partition per file: a head document with the file's description and
 * the number of chunks, and the bytes in base64 chunks beside it. The head is written last, so a file is
 * readable only once all of it is stored.
 */
export class CosmosEvidenceRepository implements EvidenceRepository {
  constructor(private readonly container: Container) {}

  async save(meta: KeptEvidence, data: Buffer): Promise<void> {
    const chunks = Math.max(1, Math.ceil(data.length / CHUNK_BYTES));
    await forEachConcurrently([...Array(chunks).keys()], 4, async (index) => {
      const bytes = data.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
      await this.container.items.upsert({ id: `${meta.fileId}:${index}`, fileId: meta.fileId, index, data: bytes.toString('base64') });
    });
    await this.container.items.upsert({ id: meta.fileId, ...meta, chunks });
  }

  async read(fileId: string): Promise<{ meta: KeptEvidence; data: Buffer } | null> {
    const head = await readDocument(this.container, fileId, fileId);
    if (!head) return null;
    const { chunks, ...meta } = toDomain<KeptEvidence & { chunks: number; id: string }>(head);
    const parts: Buffer[] = [];
    for (let index = 0; index < chunks; index++) {
      const chunk = await readDocument(this.container, `${fileId}:${index}`, fileId);
      if (!chunk) return null;
      parts.push(Buffer.from(String(chunk.data), 'base64'));
    }
    delete (meta as { id?: string }).id;
    return { meta, data: Buffer.concat(parts) };
  }
}
