import { MessageFactory, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { noticeActivity } from '../../dialogs/cards/noticeCard';
import { statusCard } from '../../dialogs/cards/statusCard';
import { asNewPost, rootConversationReference } from '../../dialogs/conversationKey';
import { DEFAULT_LOCALE, localeFromTag, pick, translator } from '../../services/i18n';
import type { Notice, Round } from '../../services/model/notice';
import type { Delivery, DeliveryCounts } from '../../services/notices/deliveries';
import { SendError } from '../../services/notices/engine';
import type { ApplicationRepository, NoticeSender } from '../../services/ports';
import { SEND_TIMEOUT_MS } from './broadcastAdapter';

/** A backstop over the request's own timeout: a token that never comes, a stalled render. */
const SEND_DEADLINE_MS = SEND_TIMEOUT_MS + 5_000;

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The channel's answer as the engine reads it: status, Retry-After, message. */
function asSendError(err: unknown): SendError {
  const e = err as { statusCode?: number; message?: string; response?: { headers?: { get?: (name: string) => string | undefined | null } } };
  return new SendError(e.message ?? String(err), typeof e.statusCode === 'number' ? e.statusCode : undefined, retryAfterMs(e.response?.headers?.get?.('retry-after')));
}

/**
 * Sends notices as proactive messages into the stored conversation references (Teams, Web Chat), through the
 * broadcast adapter (one HTTP request per call, see broadcastAdapter.ts): the card for the notice's kind, or,
 * for a stage change, the application's status card. Whatever goes wrong inside the proactive turn is caught
 * there and rethrown once the turn is over, so it reaches the engine with the channel's status and Retry-After
 * and never an adapter's onTurnError. Resolves only on the channel's 2xx, with the activity id it returned.
 */
export class ChannelNoticeSender implements NoticeSender {
  constructor(private readonly deps: { adapter: CloudAdapter; botAppId: string; applications: ApplicationRepository }) {}

  async send(delivery: Delivery, notice: Notice): Promise<{ activityId?: string }> {
    const activity = await this.render(notice, delivery.round, delivery.locale);
    return this.proactively(rootConversationReference(delivery.reference), activity);
  }

  /** One activity into one conversation; rejects with a SendError on anything but the channel's acknowledgement. */
  private async proactively(reference: Record<string, unknown>, activity: Partial<Activity> | string): Promise<{ activityId?: string }> {
    let outcome: { activityId?: string } | { failure: unknown } = { failure: new SendError('the proactive turn never ran') };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SendError(`no answer within ${SEND_DEADLINE_MS} ms`)), SEND_DEADLINE_MS)));
    try {
      const turn = this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference as unknown as ConversationReference, async (context) => {
        // A Teams channel gets a new post, not a reply in the thread the conversation was recorded from.
        asNewPost(context);
        try {
          const response = await context.sendActivity(activity);
          outcome = { activityId: response?.id };
        } catch (err) {
          outcome = { failure: err };
        }
      });
      await Promise.race([turn, deadline]);
    } catch (err) {
      outcome = { failure: err };
    } finally {
      clearTimeout(timer);
    }
    if ('failure' in outcome) throw outcome.failure instanceof SendError ? outcome.failure : asSendError(outcome.failure);
    return outcome;
  }

  async progress(notice: Notice, round: Round, counts: DeliveryCounts): Promise<void> {
    if (!notice.progressTo) return;
    // Staff read their progress in the language they published in (the reference keeps it).
    const locale = localeFromTag(notice.progressTo.locale as string | undefined) ?? DEFAULT_LOCALE;
    const t = translator(locale);
    const settled = counts.total - counts.pending;
    const text = t('staffProgress', {
      title: `${notice.title.zh}${round === 'main' ? '' : ` · ${t(`round_${round}`)}`}`,
      percent: counts.total ? Math.floor((settled * 100) / counts.total) : 100,
      sent: counts.sent,
      failed: counts.failed,
      undeliverable: counts.undeliverable,
      total: counts.total,
    });
    await this.proactively(notice.progressTo, text);
  }

  private async render(notice: Notice, round: Round, locale: 'zh-CN' | 'en-US') {
    if (notice.stageChange) {
      const application = (await this.deps.applications.listByCreditCode(notice.stageChange.creditCode)).find((a) => a.id === notice.stageChange!.applicationId);
      if (application) {
        const t = translator(locale);
        return MessageFactory.attachment(statusCard(t, locale, application), pick(notice.title, locale));
      }
    }
    return noticeActivity(notice, round, locale);
  }
}
