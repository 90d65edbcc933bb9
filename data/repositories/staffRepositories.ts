import type { Container } from '@azure/cosmos';
import type { SubmissionCase } from '../../services/staff/submissionDesk';
import { createIfAbsent, readVersioned, replaceIfMatch, toDomain } from './documents';
import type { Versioned, CaseRepository } from '../../services/ports';

/** Staff's handling of submissions, one document per receipt number (few: read whole for the queue). */
export class CosmosCaseRepository implements CaseRepository {
  constructor(private readonly container: Container) {}

  get(id: string): Promise<Versioned<SubmissionCase> | null> {
    return readVersioned<SubmissionCase>(this.container, id, id);
  }

  async listAll(): Promise<SubmissionCase[]> {
    const { resources } = await this.container.items.query('SELECT * FROM c').fetchAll();
    return resources.map((d) => toDomain<SubmissionCase>(d));
  }

  create(value: SubmissionCase): Promise<Versioned<SubmissionCase> | null> {
    return createIfAbsent(this.container, value);
  }

  replaceIfUnchanged(value: SubmissionCase, etag: string): Promise<Versioned<SubmissionCase> | null> {
    return replaceIfMatch(this.container, value.id, value.id, value, etag);
  }
}
