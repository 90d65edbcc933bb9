import type { Container } from '@azure/cosmos';
import type { Submission, SubmissionType } from '../../services/applications/submissions';
import { readDocument, toDomain } from './documents';
import type { SubmissionRepository } from '../../services/ports';

/** Objections, recusal requests and change reports, partitioned by type: staff list one type at a time. */
export class CosmosSubmissionRepository implements SubmissionRepository {
  constructor(private readonly container: Container) {}

  async add(submission: Submission): Promise<void> {
    await this.container.items.create({ ...submission });
  }

  async get(type: SubmissionType, receiptNo: string): Promise<Submission | null> {
    const doc = await readDocument(this.container, receiptNo, type);
    return doc ? toDomain<Submission>(doc) : null;
  }

  async list(type?: SubmissionType): Promise<Submission[]> {
    const { resources } = await this.container.items
      .query(type ? { query: 'SELECT * FROM c WHERE c.type = @t ORDER BY c.createdAt', parameters: [{ name: '@t', value: type }] } : 'SELECT * FROM c ORDER BY c.createdAt', type ? { partitionKey: type } : {})
      .fetchAll();
    return resources.map((d) => toDomain<Submission>(d));
  }
}
