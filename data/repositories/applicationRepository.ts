import type { Container } from '@azure/cosmos';
import type { Application } from '../../services/model/application';
import type { ApplicationFilter, ApplicationRepository } from '../../services/ports';
import { toDomain } from './documents';

/** Applications partitioned by the enterprise's credit code: "all of my applications" is one partition. */
export class CosmosApplicationRepository implements ApplicationRepository {
  constructor(private readonly container: Container) {}

  async upsert(application: Application): Promise<void> {
    await this.container.items.upsert({ ...application });
  }

  async listByContact(aadObjectId: string): Promise<Application[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE EXISTS(SELECT VALUE p FROM p IN c.contacts WHERE p.aadObjectId = @id)', parameters: [{ name: '@id', value: aadObjectId }] })
      .fetchAll();
    return resources.map((d) => toDomain<Application>(d));
  }

  async listByCreditCode(creditCode: string): Promise<Application[]> {
    // The partition key goes in WHERE as well as in the options: the local server ignores the option.
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.creditCode = @cc', parameters: [{ name: '@cc', value: creditCode }] }, { partitionKey: creditCode })
      .fetchAll();
    return resources.map((d) => toDomain<Application>(d));
  }

  /** Credit codes of the applications a notice's enterprise filter names (a cross-partition query, once per notice). */
  async listMatching(filter: ApplicationFilter): Promise<Pick<Application, 'creditCode'>[]> {
    const fields = (['city', 'process', 'stage', 'batch'] as const).filter((f) => filter[f] !== undefined);
    const { resources } = await this.container.items
      .query<Pick<Application, 'creditCode'>>({
        query: `SELECT c.creditCode FROM c${fields.length ? ` WHERE ${fields.map((f) => `c.${f} = @${f}`).join(' AND ')}` : ''}`,
        parameters: fields.map((f) => ({ name: `@${f}`, value: filter[f]! })),
      })
      .fetchAll();
    return resources;
  }
}
