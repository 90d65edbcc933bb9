import type { TurnContext } from 'botbuilder';
import type { NoticeReader } from '../services/notices/noticeReader';
import { pick as pickIn, type PartlyLocalized } from '../services/i18n';
import { localeOf, say } from './locale';

/** "最近有什么公示": the open publicity notices with their lists and how to object, or when the last one closed. */
export async function publicityText(context: TurnContext, notices: NoticeReader): Promise<string> {
  const t = say(context);
  const en = localeOf(context) === 'en-US';
  const pick = (x: PartlyLocalized) => pickIn(x, localeOf(context));
  const window = await notices.objectionWindow();
  if (!window.open.length) {
    const when = [
      window.lastClosed ? t('objectionLastClosed', { title: pick(window.lastClosed.title), date: window.lastClosed.period!.end.slice(0, 10) }) : '',
      window.nextOpens ? t('objectionNextOpens', { title: pick(window.nextOpens.title), date: window.nextOpens.period!.start.slice(0, 10) }) : '',
    ].join('');
    return t('publicityNone', { when });
  }
  return window.open
    .map((n) =>
      t('publicityOpen', {
        title: pick(n.title), start: n.period!.start.slice(0, 10), end: n.period!.end.slice(0, 10), text: pick(n.text),
        list: n.list?.length ? t('publicityList', { names: n.list.map((e) => e.name).join(en ? ', ' : '、') }) : '',
      }),
    )
    .join('\n\n');
}
