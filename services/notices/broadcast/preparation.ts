import type { Clock } from '../../clock';
import type { Round } from '../../model/notice';
import type { DeliveryRepository, RecipientRepository } from '../../ports';
import { resolveAudience, type EnterpriseDirectory } from '../audience';
import { BATCH_SIZE, batchId, countsOf, deliveryId, tallyId, type Delivery, type DeliveryBatch } from '../deliveries';
import type { NoticeRounds } from './rounds';
import type { EngineLog } from './work';

const CHUNK = 500;

export interface PreparationDeps {
  instanceId: string;
  rounds: NoticeRounds;
  deliveries: DeliveryRepository;
  recipients: RecipientRepository;
  directory: EnterpriseDirectory;
  log: EngineLog;
  clock: Clock;
}

/**
 * Materialises a round's delivery records under a lease: one record per recipient (created idempotently, in
 * chunks, the lease renewed after each), grouped in numbered batches, then the round's tally. Safe to repeat
 * after a crash midway. False when another instance holds the lease.
 */
export async function prepareRound(deps: PreparationDeps, noticeId: string, round: Round): Promise<boolean> {
  const taken = await deps.rounds.lease(noticeId, round, (state) => state.status === 'preparing', deps.clock.now());
  if (!taken) return false;
  // A stable order, so a preparation repeated after a crash writes the same batches.
  const recipients = (await resolveAudience(taken, deps.recipients, deps.directory)).sort((a, b) => a.id.localeCompare(b.id));
  const createdAt = new Date(deps.clock.now()).toISOString();
  let created = 0;
  for (let i = 0; i < recipients.length; i += CHUNK) {
    const chunk = recipients.slice(i, i + CHUNK).map(
      (r): Delivery => ({
        id: deliveryId(noticeId, round, r.id),
        noticeId,
        round,
        recipientId: r.id,
        reference: r.reference,
        locale: r.locale,
        status: 'pending',
        attempts: 0,
        notBefore: createdAt,
        createdAt,
      }),
    );
    created += await deps.deliveries.createMissing(chunk);
    deps.log.info({ noticeId, round, prepared: Math.min(i + CHUNK, recipients.length), total: recipients.length }, 'preparing broadcast');
    await deps.rounds.lease(noticeId, round, (state) => state.owner === deps.instanceId, deps.clock.now());
  }
  const ids = recipients.map((r) => deliveryId(noticeId, round, r.id));
  const batches: DeliveryBatch[] = [];
  for (let i = 0; i * BATCH_SIZE < ids.length; i++) batches.push({ id: batchId(noticeId, round, i), noticeId, round, index: i, deliveryIds: ids.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE), done: false });
  // Batches are rewritten until the tally exists; once it does, the round's batches are final.
  if (!(await deps.deliveries.getTally(noticeId, round))) {
    await deps.deliveries.putBatches(batches);
    await deps.deliveries.createTally({ id: tallyId(noticeId, round), noticeId, round, batches: batches.length, total: ids.length, done: {} });
  }
  const total = countsOf((await deps.deliveries.getTally(noticeId, round))?.value ?? null).total;
  await deps.rounds.markSending(noticeId, round, total);
  deps.log.info({ noticeId, round, recipients: total, created }, 'broadcast prepared');
  return true;
}
