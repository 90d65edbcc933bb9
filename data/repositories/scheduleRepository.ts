import type { Container } from '@azure/cosmos';
import type { Versioned, ScheduleRepository } from '../../services/ports';
import type { Schedule } from '../../services/notices/schedules';
import { replaceIfMatch, toDomain, readVersioned } from './documents';

export class CosmosScheduleRepository implements ScheduleRepository {
  constructor(private readonly container: Container) {}

  async put(schedule: Schedule): Promise<void> {
    await this.container.items.upsert({ ...schedule });
  }

  async get(id: string): Promise<Versioned<Schedule> | null> {
    return readVersioned<Schedule>(this.container, id, id);
  }

  async pendingBefore(until: string): Promise<Schedule[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.state = "pending" AND c.runAt <= @until', parameters: [{ name: '@until', value: until }] })
      .fetchAll();
    return resources.map((d) => toDomain<Schedule>(d));
  }

  replaceIfUnchanged(schedule: Schedule, etag: string): Promise<Versioned<Schedule> | null> {
    return replaceIfMatch(this.container, schedule.id, schedule.id, schedule, etag);
  }
}
