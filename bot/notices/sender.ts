import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { noticeActivity } from '../../dialogs/cards/noticeCard';
import { statusCard } from '../../dialogs/cards/statusCard';
import { asNewPost, rootConversationReference } from '../../dialogs/conversationKey';
import { translator } from '../../services/i18n';
import type { Notice, Round } from '../../services/model/notice';
import type { Delivery, DeliveryCounts } from '../../services/notices/deliveries';
import { SendError, type NoticeSender } from '../../services/notices/engine';
import type { ApplicationRepository } from '../../services/ports';

const SEND_TIMEOUT_MS = 15_000;

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
 * Sends notices through the Bot Framework adapter as proactive messages into the stored conversation
 * references (Teams, Web Chat): the card for the notice's kind, or, for a stage change, the application's
 * status card. A send that takes longer than 15 s counts as a timeout (and is retried).
 */
export class ChannelNoticeSender implements NoticeSender {
  constructor(private readonly deps: { adapter: CloudAdapter; botAppId: string; applications: ApplicationRepository }) {}

  async send(delivery: Delivery, notice: Notice): Promise<{ activityId?: string }> {
    const activity = await this.render(notice, delivery.round, delivery.locale);
    let activityId: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SendError(`no answer within ${SEND_TIMEOUT_MS} ms`)), SEND_TIMEOUT_MS)));
    try {
      const sending = this.deps.adapter.continueConversationAsync(this.deps.botAppId, rootConversationReference(delivery.reference) as unknown as ConversationReference, async (context) => {
        asNewPost(context);
        activityId = (await context.sendActivity(activity))?.id;
      });
      await Promise.race([sending, timeout]);
    } catch (err) {
      throw err instanceof SendError ? err : asSendError(err);
    } finally {
      clearTimeout(timer);
    }
    return { activityId };
  }

  async progress(notice: Notice, round: Round, counts: DeliveryCounts): Promise<void> {
    if (!notice.progressTo) return;
    const locale = (notice.progressTo.locale as 'zh-CN' | 'en-US' | undefined) === 'en-US' ? 'en-US' : 'zh-CN';
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
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, notice.progressTo as unknown as ConversationReference, async (context) => {
      await context.sendActivity(text);
    });
  }

  private async render(notice: Notice, round: Round, locale: 'zh-CN' | 'en-US') {
    if (notice.stageChange) {
      const application = (await this.deps.applications.listByCreditCode(notice.stageChange.creditCode)).find((a) => a.id === notice.stageChange!.applicationId);
      if (application) {
        const t = translator(locale);
        return MessageFactory.attachment(statusCard(t, locale, application), locale === 'en-US' && notice.title.en ? notice.title.en : notice.title.zh);
      }
    }
    return noticeActivity(notice, round, locale);
  }
}
