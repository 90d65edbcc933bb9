import type { Clock } from '../../clock';
import type { Notice } from '../../model/notice';
import type { DeliveryRepository, NoticeSender, RecipientRepository, Versioned } from '../../ports';
import type { Delivery } from '../deliveries';
import { nextStep, type RetryPolicy, type SendFailure } from '../retry';
import type { EngineLog } from './work';

export class SendError extends Error implements SendFailure {
  constructor(message: string, readonly status?: number, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'SendError';
  }
}

export function toFailure(err: unknown): SendFailure {
  const e = err as Partial<SendFailure> & { message?: string };
  return { status: typeof e.status === 'number' ? e.status : undefined, retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined, message: e.message ?? String(err) };
}

export interface OutcomeDeps {
  sender: NoticeSender;
  recipients: RecipientRepository;
  deliveries: DeliveryRepository;
  retry: RetryPolicy;
  log: EngineLog;
  clock: Clock;
}

/** One HTTP attempt, and what it makes of the record: sent, retried later (notBefore), failed or undeliverable. */
export async function attemptSend(deps: OutcomeDeps, delivery: Delivery, notice: Notice | null, onThrottled: () => void = () => undefined): Promise<Delivery> {
  const attempts = delivery.attempts + 1;
  const at = () => new Date(deps.clock.now());
  try {
    if (!notice) throw new SendError('the notice no longer exists', 410);
    const { activityId } = await deps.sender.send(delivery, notice);
    return { ...delivery, status: 'sent', attempts, activityId, sentAt: at().toISOString() };
  } catch (err) {
    const failure = toFailure(err);
    if (failure.status === 429) onThrottled();
    const step = nextStep(failure, attempts, deps.retry);
    if (step.action === 'retry') {
      return { ...delivery, attempts, notBefore: new Date(deps.clock.now() + step.delayMs).toISOString(), reason: `${failure.status ?? 'no answer'}: ${failure.message}`.slice(0, 300) };
    }
    if (step.action === 'undeliverable') {
      await deps.recipients.setState(delivery.recipientId, 'undeliverable', step.reason, at().toISOString()).catch(() => undefined);
    }
    return { ...delivery, status: step.action, attempts, reason: step.reason };
  }
}

/**
 * Writes an outcome by compare-and-swap. A conflict may be our own write: the SDK retries a write whose
 * answer was lost (a timeout under load), and the retry finds the etag already changed — so read it back.
 * Null: the record was taken over (our lease had expired).
 */
export async function recordOutcome(deps: OutcomeDeps, next: Delivery, etag: string): Promise<Versioned<Delivery> | null> {
  // A dropped connection is tried again: if the first write did land, the retry's conflict is read back below.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const saved = await deps.deliveries.replaceIfUnchanged(next, etag);
      if (saved) return saved;
      break;
    } catch (err) {
      deps.log.warn({ err: String(err), delivery: next.id, attempt }, 'could not record a delivery outcome; trying again');
      await deps.clock.sleep(200 * 2 ** attempt);
    }
  }
  const current = await deps.deliveries.get(next.noticeId, next.id).catch(() => null);
  const same = current && current.value.status === next.status && current.value.attempts === next.attempts && current.value.notBefore === next.notBefore;
  return same ? current : null;
}
