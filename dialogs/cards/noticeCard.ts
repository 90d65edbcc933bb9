import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { pick, translator, type Locale, type Translate } from '../../services/i18n';
import type { Notice, Round } from '../../services/model/notice';

const LIST_SHOWN = 30;

const day = (value: string) => value.slice(0, 10);
const when = (value: string) => (value.length > 10 ? new Date(value).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16) : value);

/** The facts of a notice by kind, shared by the card and its text fallback. */
function facts(t: Translate, notice: Notice): { title: string; value: string }[] {
  switch (notice.kind) {
    case 'publicity':
      return notice.period ? [{ title: t('noticePeriod'), value: `${day(notice.period.start)} — ${day(notice.period.end)}` }] : [];
    case 'call':
      return notice.deadline ? [{ title: t('noticeDeadline'), value: when(notice.deadline) }] : [];
    case 'event':
      return notice.event ? [{ title: t('noticeEventAt'), value: when(notice.event.at) }, { title: t('noticeEventPlace'), value: notice.event.place }] : [];
    default:
      return [];
  }
}

/**
 * A notice as one message in the recipient's language: an Adaptive Card per kind (publicity: the period, the
 * list and how to object, with an Object button; call: the deadline; event: time, place and a sign-up button)
 * and the same content as text for channels without cards. Reminders carry their own heading.
 */
export function noticeActivity(notice: Notice, round: Round, locale: Locale): Partial<Activity> {
  const t = translator(locale);
  const title = pick(notice.title, locale);
  const heading = round === 'main' ? t(`noticeKind_${notice.kind}`) : t(`round_${round}`);
  const list = notice.kind === 'publicity' ? notice.list ?? [] : [];
  const listed = list.slice(0, LIST_SHOWN).map((e) => `• ${e.name}`);
  if (list.length > LIST_SHOWN) listed.push(`… (${list.length})`);
  const shownFacts = facts(t, notice);

  const actions: Record<string, unknown>[] = [];
  if (notice.kind === 'publicity') actions.push({ type: 'Action.Submit', title: t('noticeObjectButton'), data: { intent: 'objection', msteams: { type: 'messageBack', text: t('noticeObjectButton'), displayText: t('noticeObjectButton') } } });
  if (notice.kind === 'event') {
    actions.push(
      notice.event?.signupUrl
        ? { type: 'Action.OpenUrl', title: t('noticeSignup'), url: notice.event.signupUrl }
        : { type: 'Action.Submit', title: t('noticeSignup'), data: { action: 'eventSignup', noticeId: notice.id, msteams: { type: 'messageBack', text: t('noticeSignup'), displayText: t('noticeSignup') } } },
    );
  }
  if (notice.link) actions.push({ type: 'Action.OpenUrl', title: t('noticeMore'), url: notice.link });
  if (notice.attachment) actions.push({ type: 'Action.OpenUrl', title: t('noticeAttachment', { name: notice.attachment.name }), url: notice.attachment.url });

  const fallback = [
    `【${heading}】${title}`,
    ...shownFacts.map((f) => `${f.title}：${f.value}`),
    pick(notice.text, locale),
    ...(listed.length ? [`${t('noticeList')}：`, ...listed] : []),
    ...(notice.kind === 'publicity' ? [t('noticeHowToObject')] : []),
    ...(notice.link ? [notice.link] : []),
    ...(notice.attachment ? [`${t('noticeAttachment', { name: notice.attachment.name })} ${notice.attachment.url}`] : []),
  ].join('\n');
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    fallbackText: fallback,
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    lang: locale,
    body: [
      { type: 'TextBlock', text: heading, size: 'Small', weight: 'Bolder', color: round === 'main' ? 'Accent' : 'Attention' },
      { type: 'TextBlock', text: title, size: 'Medium', weight: 'Bolder', wrap: true },
      ...(shownFacts.length ? [{ type: 'FactSet', facts: shownFacts }] : []),
      { type: 'TextBlock', text: pick(notice.text, locale), wrap: true },
      ...(listed.length ? [{ type: 'TextBlock', text: t('noticeList'), weight: 'Bolder' }, { type: 'TextBlock', text: listed.join('\n'), wrap: true }] : []),
      ...(notice.kind === 'publicity' ? [{ type: 'TextBlock', text: t('noticeHowToObject'), wrap: true, isSubtle: true }] : []),
      { type: 'TextBlock', text: t('noticeUnsubscribeHint'), wrap: true, isSubtle: true, size: 'Small' },
    ],
    actions,
  });
  const activity = MessageFactory.attachment(card);
  // The notification line in Teams and the activity feed; the card's fallbackText serves channels without cards.
  activity.summary = `【${heading}】${title}`;
  return activity;
}
