import { MessageFactory, type Activity } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CatalogIndex } from '../services/catalog/catalogIndex';
import type { Translate } from '../services/i18n';
import { parseNeed, type Need } from '../services/matching/need';
import type { EnglishNames } from '../services/matching/matchIndex';
import type { EntityExtractor } from '../services/understanding/entities';
import { normalize } from '../services/understanding/normalize';
import { categoryChoiceCard, supplierAction, supplierActionsCard, supplierCard } from './cards/supplierCards';
import { CONNECT_DIALOG, type ConnectDialog, type ConnectOptions } from './connectDialog';
import { topIntent, type DialogRecognizer } from './intentRecognizer';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { REPLY_PROMPT, TEXT_PROMPT, replyPrompt, textPrompt } from './prompts';

export const FIND_SUPPLIER_DIALOG = 'findSupplier';
const ASK = 'findSupplierAsk';
const RESULTS = 'findSupplierResults';
const PAGE = 5;

interface ResultsOptions {
  need: Need;
  offset: number;
}

/** What a flow returns when the user turned to something else: the main dialog routes that message. */
export interface Reroute {
  reroute: true;
}

/**
 * Finding excellent suppliers: understands the need from the user's own words, asks only for what is missing
 * and matters (the service, then the industry, once each), shows the best five as cards with reasons, and
 * offers more, refine and connect.
 */
export class FindSupplierDialog extends InterruptibleDialog {
  constructor(
    recognizer: DialogRecognizer,
    private readonly catalog: CatalogIndex,
    private readonly extractor: EntityExtractor,
    private readonly names: EnglishNames,
    connect: ConnectDialog,
  ) {
    super(FIND_SUPPLIER_DIALOG, recognizer, 'topic_find_supplier');
    this.addDialog(textPrompt()).addDialog(replyPrompt()).addDialog(connect);
    this.addDialog(new WaterfallDialog(ASK, [this.describeStep.bind(this), this.categoryStep.bind(this), this.industryStep.bind(this), this.startResultsStep.bind(this), this.doneStep.bind(this)]));
    this.addDialog(new WaterfallDialog(RESULTS, [this.showStep.bind(this), this.actStep.bind(this), this.refineStep.bind(this)]));
    this.initialDialogId = ASK;
  }

  private need(step: WaterfallStepContext): Need {
    return (step.values as { need: Need }).need;
  }

  /** Reads a need with the lexicon and the classifier trained on the current catalog. */
  private parse(text: string, city?: string | null): Need {
    return parseNeed(this.extractor, text, city, this.catalog.current().classifier);
  }

  private async describeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const need = this.parse(step.context.activity.text ?? '');
    (step.values as { need: Need }).need = need;
    if (need.serviceCategories.length || need.candidateCategories?.length) return step.next();
    return step.prompt(TEXT_PROMPT, say(step.context)('supplierDescribe'));
  }

  /**
   * Too vague to search on, but the pain points somewhere (said at first, or in answer to "describe it"):
   * one question, with the likeliest categories as buttons, instead of a guess.
   */
  private async categoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    let need = this.need(step);
    if (typeof step.result === 'string') need = this.merge(need, step.result);
    (step.values as { need: Need }).need = need;
    if (need.serviceCategories.length || !need.candidateCategories?.length) return step.next();
    const names = localeOf(step.context) === 'en-US' ? this.names : {};
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(categoryChoiceCard(say(step.context), need.candidateCategories, names)) });
  }

  private async industryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    let need = this.need(step);
    const reply = step.result as Activity | undefined;
    const chosen = reply ? supplierAction(reply.value) : null;
    // A category button: that category, as the user's own choice (not inferred); typed words: more of the need.
    if (chosen?.action === 'category') need = { ...need, serviceCategories: [chosen.name], inferredCategories: undefined, candidateCategories: undefined };
    else if (reply?.text) need = this.merge(need, reply.text);
    (step.values as { need: Need }).need = need;
    if (need.industry || !need.serviceCategories.length) return step.next();
    return step.prompt(TEXT_PROMPT, say(step.context)('supplierIndustry'));
  }

  private async startResultsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    let need = this.need(step);
    if (typeof step.result === 'string' && !this.recognizer.replies.isSkip(step.result)) {
      const industry = this.extractor.extract(step.result, normalize(step.result), this.catalog.current().classifier).industry;
      if (industry) need = { ...need, industry };
    }
    return step.beginDialog(RESULTS, { need, offset: 0 } satisfies ResultsOptions);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { need, offset } = step.options as ResultsOptions;
    const t = say(step.context);
    const page = this.catalog.current().match(need, { limit: PAGE + 1, offset });
    if (!page.length) {
      await step.context.sendActivity(offset ? t('supplierNoMore') : t('supplierNoneFound'));
      if (!offset) return step.endDialog();
    } else {
      const english = localeOf(step.context) === 'en-US';
      const lead = offset ? t('supplierResultsMore', { from: offset + 1, to: offset + Math.min(PAGE, page.length) }) : t('supplierResults', { need: describe(t, need, english ? this.names : {}) });
      const cards = page.slice(0, PAGE).map((r) => supplierCard(t, english, r));
      await step.context.sendActivity(MessageFactory.carousel(cards, lead));
    }
    (step.values as { options: ResultsOptions }).options = { need, offset };
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(supplierActionsCard(t, page.length > PAGE)) });
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = step.result as Activity;
    const { need, offset } = (step.values as { options: ResultsOptions }).options;
    const action = supplierAction(reply.value);
    if (action?.action === 'connect') return step.replaceDialog(CONNECT_DIALOG, { creditCode: action.creditCode, need } satisfies ConnectOptions);
    if (action?.action === 'more' || this.recognizer.replies.is('more', reply.text)) return step.replaceDialog(RESULTS, { need, offset: offset + PAGE });
    if (action?.action === 'refine' || this.recognizer.replies.is('refine', reply.text)) return step.prompt(TEXT_PROMPT, say(step.context)('supplierRefinePrompt'));
    // Typed text: a refinement of the need, unless it clearly asks for something else.
    const { intent, score } = topIntent(await this.recognizer.recognize(step, reply));
    if (score >= 0.8 && intent !== 'find_supplier' && intent !== 'none') return step.endDialog({ reroute: true } satisfies Reroute);
    return step.replaceDialog(RESULTS, { need: this.merge(need, reply.text ?? ''), offset: 0 });
  }

  private async refineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { need } = (step.values as { options: ResultsOptions }).options;
    return step.replaceDialog(RESULTS, { need: this.merge(need, String(step.result)), offset: 0 });
  }

  /** The need with more words: what the new words say overrides, what they do not say is kept. */
  private merge(need: Need, more: string): Need {
    const added = this.parse(more);
    const combined = this.parse(`${need.text} ${more}`, added.city ?? need.city);
    return {
      ...combined,
      locale: need.locale,
      // New words that name a need replace the old reading; otherwise it stands (or the whole text is read anew).
      serviceCategories: added.serviceCategories.length || !need.serviceCategories.length ? combined.serviceCategories : need.serviceCategories,
      inferredCategories: added.serviceCategories.length || !need.serviceCategories.length ? combined.inferredCategories : need.inferredCategories,
      candidateCategories: combined.candidateCategories,
      industry: added.industry ?? need.industry,
      budgetWan: added.budgetWan ?? need.budgetWan,
      withinDays: added.withinDays ?? need.withinDays,
    };
  }
}

/** "需要：能耗管理；行业：陶瓷建材" — what the bot understood, so the user can correct it. */
function describe(t: Translate, need: Need, names: EnglishNames): string {
  const name = (n: string) => names[n] ?? n;
  const english = Object.keys(names).length > 0;
  const parts = [];
  if (need.serviceCategories.length) parts.push(t('needUnderstood', { categories: need.serviceCategories.map(name).join(english ? ', ' : '、') }));
  if (need.industry) parts.push(t('needIndustry', { industry: name(need.industry) }));
  if (need.city) parts.push(t('needCity', { city: need.city }));
  return parts.join(english ? '; ' : '；') || need.text;
}
