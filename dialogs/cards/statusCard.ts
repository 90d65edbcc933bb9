import { CardFactory, type Attachment } from 'botbuilder';
import { EXPERT_SUBSTEPS, nextStep, stageName } from '../../services/applications/stages';
import type { Locale, Translate } from '../../services/i18n';
import type { Application } from '../../services/model/application';

const RESULT_EN: Record<string, string> = { 通过: 'Passed', 未通过: 'Not passed', 优秀: 'Excellent', 合格: 'Qualified', 不合格: 'Unqualified' };

/** The lines of a status, shared by the card and its text fallback. */
function statusLines(t: Translate, locale: Locale, app: Application) {
  const processName = app.process === 'recognition' ? t('processRecognition') : t('processEvaluation');
  const timeline = app.stageHistory.map((h) => `✔ ${stageName(app.process, h.stage, locale)} · ${h.at.slice(0, 10)}`);
  const expert =
    app.stage === 'expert_review' || app.expertReview
      ? EXPERT_SUBSTEPS.map((s) => {
          const step = app.expertReview?.[s.key];
          const state = !step || step.state === 'pending' ? t('subPending') : t(step.state === 'done' ? 'subDone' : 'subScheduled', { at: step.at?.slice(0, 10) ?? '' });
          return `${s[locale]}：${state}`;
        })
      : [];
  const next = app.stage === 'final' ? null : nextStep(app, locale);
  const result = app.result ? (locale === 'en-US' ? RESULT_EN[app.result] ?? app.result : app.result) : null;
  return { processName, timeline, expert, next, result, current: stageName(app.process, app.stage, locale) };
}

/**
 * An application's status: enterprise, number, batch and process; the current stage by its Chinese (or
 * English) name; the timeline of passed stages with dates; the three expert-review sub-steps; what comes next
 * and who acts; the result once final. `fallbackText` carries the same for channels without cards.
 */
export function statusCard(t: Translate, locale: Locale, app: Application): Attachment {
  const s = statusLines(t, locale, app);
  const facts = [
    { title: t('labelApplicationNo'), value: app.id },
    { title: t('labelBatch'), value: app.batch },
    { title: t('labelCurrent'), value: s.current },
    ...(s.result ? [{ title: t('labelResult'), value: s.result }] : []),
  ];
  const fallback = [
    `${app.enterpriseName} · ${t('statusTitle', { process: s.processName })}`,
    ...facts.map((f) => `${f.title}：${f.value}`),
    ...(s.timeline.length ? [`${t('labelTimeline')}：`, ...s.timeline] : []),
    ...(s.expert.length ? [`${t('labelExpert')}：`, ...s.expert] : []),
    ...(s.next ? [`${t('labelNext')}：${s.next.name} — ${s.next.who}`] : []),
  ].join('\n');
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    fallbackText: fallback,
    body: [
      { type: 'TextBlock', text: app.enterpriseName, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: `${t('statusTitle', { process: s.processName })} · ${app.year}`, isSubtle: true, spacing: 'None', wrap: true },
      { type: 'FactSet', facts },
      ...(s.timeline.length ? [{ type: 'TextBlock', text: t('labelTimeline'), weight: 'Bolder', spacing: 'Medium' }, { type: 'TextBlock', text: s.timeline.join('\n\n'), wrap: true, spacing: 'Small' }] : []),
      ...(s.expert.length ? [{ type: 'TextBlock', text: t('labelExpert'), weight: 'Bolder', spacing: 'Medium' }, { type: 'TextBlock', text: s.expert.join('\n\n'), wrap: true, spacing: 'Small' }] : []),
      ...(s.next ? [{ type: 'TextBlock', text: `${t('labelNext')}：${s.next.name}`, weight: 'Bolder', spacing: 'Medium', wrap: true }, { type: 'TextBlock', text: s.next.who, wrap: true, spacing: 'Small' }] : []),
    ],
  });
}
