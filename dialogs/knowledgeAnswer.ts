import { ActionTypes, CardFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { Answer, Guidance, NextStep } from '../services/applications/guidance';
import type { MatchIndex } from '../services/matching/matchIndex';
import { pick } from '../services/i18n';
import type { Notice } from '../services/model/notice';
import type { NoticeReader } from '../services/notices/noticeReader';
import type { Entities } from '../services/understanding/intents';
import { directoryText } from './directory';
import { localeOf, say } from './locale';
import { publicityText } from './publicity';

/** What an answer's buttons send back: the clauses in full, or the next step's form with what is known. */
export type KnowledgeAction = { action: 'clause'; ids: string[] } | { action: 'startForm'; flow: NextStep; prefill?: Record<string, string> };

export function knowledgeAction(value: unknown): KnowledgeAction | null {
  const v = value as Partial<KnowledgeAction> | null | undefined;
  if (!v || typeof v !== 'object') return null;
  if (v.action === 'clause' && Array.isArray((v as { ids?: unknown }).ids)) return v as KnowledgeAction;
  if (v.action === 'startForm' && typeof (v as { flow?: unknown }).flow === 'string') return v as KnowledgeAction;
  return null;
}

const ANSWERED_THIS_TURN = Symbol('pool.knowledgeAnswered');

export interface KnowledgeDeskOptions {
  notices?: NoticeReader;
  matchIndex?: () => MatchIndex;
}

/**
 * Says an answer from the province's document: the curated text (or the clause itself), live data where the
 * answer points to it (the current publicity notice, events, calls, the directory), the citation
 * ("依据：粤经信办函〔2018〕348号 附件2 第二条"), and buttons: see the clause in full, and the next step.
 */
export class KnowledgeDesk {
  constructor(readonly guidance: Guidance, private readonly options: KnowledgeDeskOptions = {}) {}

  async send(context: TurnContext, answer: Answer, entities: Entities = {}, extraButtons: CardAction[] = []): Promise<void> {
    const t = say(context);
    const locale = localeOf(context);
    const document = this.guidance.document;
    const paragraphs: string[] = [];
    if (answer.topic.startsWith('clause:') || answer.topic.startsWith('nearest:')) {
      // One clause is quoted as it is; a clause and its other annex's counterpart, each under where it is.
      const [first, ...more] = answer.clauses.map((id) => document.clause(id)!);
      const quoted = more.length ? [first!, ...more].map((c) => t('clauseQuoted', { label: c.label[locale], text: document.textOf(c, locale) })).join('\n\n') : t('clauseQuotedAlone', { text: document.textOf(first!, locale) });
      const key = answer.topic.startsWith('nearest:') ? 'clauseNearest' : more.length ? 'clauseAnswerBoth' : 'clauseAnswer';
      paragraphs.push(t(key, { text: quoted }));
    } else paragraphs.push(answer.text);
    const live = await this.liveData(context, answer, entities);
    if (live) paragraphs.push(live);
    // Where the document is silent, the answer says where to find out: the current call, or the commission's contact.
    if (answer.silent) paragraphs.push(t('silencePointer'));
    paragraphs.push(t('citation', { number: document.number(locale), where: document.where(answer.clauses, locale) }));

    const buttons: CardAction[] = [
      { type: ActionTypes.MessageBack, title: t('seeClause'), text: t('seeClause'), displayText: t('seeClause'), value: { action: 'clause', ids: answer.clauses } },
    ];
    if (answer.next === 'find_supplier') buttons.push({ type: ActionTypes.ImBack, title: t('menuSupplier'), value: t('menuSupplier') });
    else if (answer.next) {
      const title = t(`next_${answer.next}`);
      buttons.push({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { action: 'startForm', flow: answer.next, prefill: answer.prefill } });
    }
    buttons.push(...extraButtons);
    context.turnState.set(ANSWERED_THIS_TURN, true);
    await context.sendActivity({
      type: 'message',
      text: paragraphs.join('\n\n'),
      attachments: [CardFactory.heroCard('', '', undefined, CardFactory.actions(buttons))],
    } satisfies Partial<Activity>);
  }

  /**
   * Before a status flow asks for binding: how the process runs, unless this turn already answered the
   * question from the document.
   */
  async explainProcess(context: TurnContext, process: 'recognition' | 'evaluation'): Promise<void> {
    if (context.turnState.get(ANSWERED_THIS_TURN)) return;
    await this.send(context, this.guidance.answer(`status_general_${process}`, localeOf(context)));
  }

  /** "查看原文": each clause with where it is in the document; in English our translation, then the Chinese. */
  async sendClauses(context: TurnContext, ids: string[]): Promise<void> {
    const t = say(context);
    const locale = localeOf(context);
    const document = this.guidance.document;
    const texts = ids.flatMap((id) => {
      const clause = document.clause(id);
      if (!clause) return [];
      return [t('clauseFull', { number: document.number(locale), label: clause.label[locale], text: document.textOf(clause, locale), zh: clause.text })];
    });
    await context.sendActivity(texts.join('\n\n———\n\n') || t('clarifyRephrase'));
  }

  private async liveData(context: TurnContext, answer: Answer, entities: Entities): Promise<string | null> {
    const t = say(context);
    const { notices, matchIndex } = this.options;
    if (answer.show === 'publicity' && notices) return publicityText(context, notices);
    if (answer.show === 'directory' && matchIndex) return directoryText(t, matchIndex(), entities);
    if ((answer.show === 'events' || answer.show === 'calls') && notices) {
      const kind = answer.show === 'events' ? 'event' : 'call';
      const upcoming = await notices.upcoming(kind);
      if (!upcoming.length) return t(kind === 'event' ? 'eventsNone' : 'callsNone');
      const list = upcoming.map((n) => `• ${pick(n.title, localeOf(context))}${describe(n)}`).join('\n\n');
      return t(kind === 'event' ? 'eventsList' : 'callsList', { list });
    }
    return null;
  }
}

function describe(notice: Notice): string {
  if (notice.event) return `（${notice.event.at.slice(0, 16).replace('T', ' ')}，${notice.event.place}）`;
  if (notice.deadline) return `（${notice.deadline.slice(0, 10)}）`;
  return '';
}
