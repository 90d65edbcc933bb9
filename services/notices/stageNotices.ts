import { randomUUID } from 'node:crypto';
import { stageName } from '../applications/stages';
import type { StageChange } from '../applications/importApplications';
import { t } from '../i18n';
import type { Notice, Round, RoundState } from '../model/notice';
import type { NoticeRepository, RecipientRepository } from '../ports';

/**
 * An import that moves an application to a new stage tells the enterprise's bound conversations (those that
 * keep their own notices on, the default) through the delivery engine: one notice per change, showing the
 * application's status card. Returns how many conversations each notice was queued for.
 */
export async function announceStageChanges(
  changes: StageChange[],
  deps: { recipients: RecipientRepository; notices: NoticeRepository; startRound: (noticeId: string, round: Round) => Promise<RoundState | null>; now?: () => Date },
): Promise<{ notices: number; queued: number }> {
  let notices = 0;
  let queued = 0;
  for (const { application } of changes) {
    const recipients = await deps.recipients.listActive({ creditCodes: [application.creditCode], topics: ['own'] });
    if (!recipients.length) continue;
    const line = (locale: 'zh-CN' | 'en-US') =>
      t(locale, 'stageChanged', {
        enterprise: application.enterpriseName,
        process: t(locale, application.process === 'recognition' ? 'processRecognition' : 'processEvaluation'),
        id: application.id,
        stage: stageName(application.process, application.stage, locale),
      });
    const notice: Notice = {
      id: `S-${application.id}-${application.stage}-${randomUUID().slice(0, 8)}`,
      kind: 'announcement',
      title: { zh: line('zh-CN'), en: line('en-US') },
      text: { zh: line('zh-CN'), en: line('en-US') },
      audience: { type: 'conversations', ids: recipients.map((r) => r.id) },
      stageChange: { creditCode: application.creditCode, applicationId: application.id },
      createdBy: 'import',
      createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    };
    await deps.notices.upsert(notice);
    await deps.startRound(notice.id, 'main');
    notices++;
    queued += recipients.length;
  }
  return { notices, queued };
}
