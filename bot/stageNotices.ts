import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { statusCard } from '../dialogs/cards/statusCard';
import type { BindingRepository } from '../services/applications/binding';
import type { StageChange } from '../services/applications/importApplications';
import { stageName } from '../services/applications/stages';
import { translator } from '../services/i18n';
import type { Logger } from './logger';

/**
 * Tells an enterprise's bound users that an import moved its application to a new stage: a proactive
 * message with the status card, sent directly one at a time (the broadcast engine will take this over).
 */
export async function sendStageNotices(
  changes: StageChange[],
  deps: { bindings: BindingRepository; adapter: CloudAdapter; botAppId: string; log: Logger },
): Promise<{ notified: number; failed: number }> {
  let notified = 0;
  let failed = 0;
  for (const { application } of changes) {
    for (const binding of await deps.bindings.listByEnterprise(application.creditCode)) {
      const locale = binding.locale ?? 'zh-CN';
      const t = translator(locale);
      const process = application.process === 'recognition' ? t('processRecognition') : t('processEvaluation');
      try {
        await deps.adapter.continueConversationAsync(deps.botAppId, binding.conversation as unknown as ConversationReference, async (context) => {
          await context.sendActivity(
            MessageFactory.attachment(
              statusCard(t, locale, application),
              t('stageChanged', { enterprise: application.enterpriseName, process, id: application.id, stage: stageName(application.process, application.stage, locale) }),
            ),
          );
        });
        notified++;
      } catch (err) {
        failed++;
        deps.log.warn({ err: (err as Error).message, application: application.id, userKey: binding.userKey }, 'stage notice not delivered');
      }
    }
  }
  return { notified, failed };
}
