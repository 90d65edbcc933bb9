import type { Container, SqlParameter } from '@azure/cosmos';
import type { AudienceQuery, Recipient, RecipientState } from '../../services/notices/recipients';
import { readDocument, toDomain } from './documents';
import type { RecipientRepository } from '../../services/ports';

/** Conversation references, one document per conversation (point reads by the hashed id). */
export class CosmosRecipientRepository implements RecipientRepository {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<Recipient | null> {
    const doc = await readDocument(this.container, id, id);
    return doc ? toDomain<Recipient>(doc) : null;
  }

  async put(recipient: Recipient): Promise<void> {
    await this.container.items.upsert({ ...recipient });
  }

  /**
   * One cross-partition query per audience (a broadcast resolves it once). Topic and enterprise conditions are
   * ARRAY_CONTAINS in SQL; long id lists are checked here, as an IN list that long would exceed query limits.
   */
  async listActive(query: AudienceQuery): Promise<Recipient[]> {
    const where = ['c.state = "active"'];
    const parameters: SqlParameter[] = [];
    if (query.topics?.length) {
      where.push(`(${query.topics.map((t, i) => (parameters.push({ name: `@t${i}`, value: t }), `ARRAY_CONTAINS(c.topics, @t${i})`)).join(' OR ')})`);
    }
    if (query.creditCodes?.length && query.creditCodes.length <= 50) {
      where.push(`(${query.creditCodes.map((cc, i) => (parameters.push({ name: `@c${i}`, value: cc }), `ARRAY_CONTAINS(c.creditCodes, @c${i})`)).join(' OR ')})`);
    }
    if (query.ids?.length && query.ids.length <= 50) {
      where.push(`c.id IN (${query.ids.map((id, i) => (parameters.push({ name: `@i${i}`, value: id }), `@i${i}`)).join(', ')})`);
    }
    const { resources } = await this.container.items.query({ query: `SELECT * FROM c WHERE ${where.join(' AND ')}`, parameters }).fetchAll();
    const codes = query.creditCodes ? new Set(query.creditCodes) : null;
    const ids = query.ids ? new Set(query.ids) : null;
    return resources
      .map((d) => toDomain<Recipient>(d))
      .filter((r) => (!codes || r.creditCodes.some((cc) => codes.has(cc))) && (!ids || ids.has(r.id)));
  }

  async setState(id: string, state: RecipientState, reason: string, at: string): Promise<void> {
    const current = await this.get(id);
    if (current) await this.put({ ...current, state, stateReason: reason, updatedAt: at });
  }
}
