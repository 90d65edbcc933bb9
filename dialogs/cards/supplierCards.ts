import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import type { Translate } from '../../services/i18n';
import type { Lead } from '../../services/matching/leads';
import type { RankedSupplier } from '../../services/matching/matchIndex';
import { latestRating } from '../../services/model/supplier';
import type { Replies } from '../../services/understanding/replies';

/** What a card button sends back (Action.Submit data / messageBack value). */
export type SupplierAction =
  | { action: 'connect'; creditCode: string }
  | { action: 'more' }
  | { action: 'category'; name: string }
  | { action: 'refine' }
  | { action: 'feedback'; leadNo: string; rating: number }
  | { action: 'confirm'; yes: boolean };

export function supplierAction(value: unknown): SupplierAction | null {
  const v = value as Partial<SupplierAction> | null | undefined;
  return v && typeof v === 'object' && typeof v.action === 'string' ? (v as SupplierAction) : null;
}

const RATING_EN: Record<string, string> = { 优秀: 'excellent', 合格: 'qualified', 不合格: 'unqualified' };

/**
 * One recommendation as an Adaptive Card: name, type and city, latest rating, matched products with
 * price-from and deploy days, the reasons, and a Connect button. `fallbackText` serves channels without cards.
 */
export function supplierCard(t: Translate, english: boolean, ranked: RankedSupplier): Attachment {
  const { supplier, reasons, matchedProducts } = ranked;
  const latest = latestRating(supplier);
  const type = supplier.type === '平台商' ? t('supplierTypePlatform') : t('supplierTypeService');
  // The menu promises suppliers rated 优秀: one that is only 合格 says so on its card.
  const rating = !latest ? '' : latest.rating === '合格' ? t('ratingNotExcellent', { year: latest.year }) : t('ratingLine', { year: latest.year, rating: english ? RATING_EN[latest.rating] ?? latest.rating : latest.rating });
  const products = (matchedProducts.length ? matchedProducts : supplier.products).slice(0, 2);
  const facts = products.map((p) => ({ title: p.name, value: t('supplierProductFact', { price: p.priceFrom, priceK: Math.round(p.priceFrom * 100) / 10, days: p.deployDays }) }));
  const lines = [supplier.name, `${type} · ${supplier.city} · ${rating}`, ...facts.map((f) => `${f.title}: ${f.value}`), ...reasons.map((r) => `• ${r}`)];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    fallbackText: lines.join('\n'),
    body: [
      { type: 'TextBlock', text: supplier.name, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: `${type} · ${supplier.city}`, isSubtle: true, spacing: 'None', wrap: true },
      { type: 'TextBlock', text: rating, color: latest?.rating === '优秀' ? 'Good' : 'Default', spacing: 'Small', wrap: true },
      ...(facts.length ? [{ type: 'FactSet', facts }] : []),
      { type: 'TextBlock', text: reasons.map((r) => `- ${r}`).join('\n'), wrap: true, spacing: 'Medium' },
    ],
    actions: [{ type: 'Action.Submit', title: t('supplierConnect'), data: { action: 'connect', creditCode: supplier.creditCode } }],
  });
}

/** More / refine, under the carousel. */
export function supplierActionsCard(t: Translate, hasMore: boolean): Attachment {
  const button = (title: string, value: SupplierAction) => ({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value });
  return CardFactory.heroCard('', t('supplierActions'), undefined, CardFactory.actions([
    ...(hasMore ? [button(t('supplierMore'), { action: 'more' })] : []),
    button(t('supplierRefine'), { action: 'refine' }),
  ]));
}

/** A need too vague to search on: its likeliest categories as buttons (names in the user's language). */
export function categoryChoiceCard(t: Translate, categories: string[], names: Record<string, string>): Attachment {
  const button = (name: string) => {
    const title = names[name] ?? name;
    return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { action: 'category', name } satisfies SupplierAction };
  };
  return CardFactory.heroCard('', t('supplierWhichCategory'), undefined, CardFactory.actions(categories.map(button)));
}

export function confirmCard(t: Translate, text: string): Attachment {
  const button = (title: string, yes: boolean) => ({ type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { action: 'confirm', yes } });
  return CardFactory.heroCard('', text, undefined, CardFactory.actions([button(t('connectConfirmYes'), true), button(t('connectConfirmNo'), false)]));
}

/** Whether the answer to a confirm card is yes: its button, or typed words that mean yes. */
export function isConfirmed(reply: { value?: unknown; text?: string }, replies: Replies): boolean {
  const action = supplierAction(reply.value);
  return action?.action === 'confirm' ? action.yes : replies.isConfirm(reply.text);
}

/** The feedback question sent days after a connection: 1–5 as buttons. */
export function feedbackCard(t: Translate, lead: Lead, days: number): Attachment {
  return CardFactory.heroCard(
    '',
    t('feedbackAsk', { days, supplier: lead.supplier.name, leadNo: lead.leadNo }),
    undefined,
    CardFactory.actions(
      [1, 2, 3, 4, 5].map((rating) => ({
        type: ActionTypes.MessageBack,
        title: `${rating} ${'★'.repeat(rating)}`,
        text: String(rating),
        displayText: `${rating} ${'★'.repeat(rating)}`,
        value: { action: 'feedback', leadNo: lead.leadNo, rating },
      })),
    ),
  );
}
