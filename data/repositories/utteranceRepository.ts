import type { Container } from '@azure/cosmos';
import type { UnclearUtterance, UtteranceRepository } from '../../services/understanding/utteranceLog';
import { toDomain } from './documents';

/** Unclear utterances partitioned by day: an export reads a few partitions, and old days expire (TTL). */
export class CosmosUtteranceRepository implements UtteranceRepository {
  constructor(private readonly container: Container) {}

  async add(utterance: UnclearUtterance): Promise<void> {
    await this.container.items.create({ ...utterance });
  }

  async listDays(from: string, to: string): Promise<UnclearUtterance[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.day >= @from AND c.day <= @to ORDER BY c.at', parameters: [{ name: '@from', value: from }, { name: '@to', value: to }] })
      .fetchAll();
    return resources.map((d) => toDomain<UnclearUtterance>(d));
  }
}
