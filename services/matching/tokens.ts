import type { Supplier } from '../model/supplier';
import { normalize } from '../understanding/normalize';

/**
 * Words of a text for relevance scoring: Intl.Segmenter's dictionary-based Chinese word breaking (ICU, built
 * into Node) over the normalized text, English already stemmed by normalize(). Function words are dropped.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const STOP = new Set(['的', '了', '和', '与', '及', '是', '在', '我们', '我', '想', '要', '有', '个', '一', '做', '用', '把', '给', '就', '都', '也', '很', '太', '还', '又', '能', '会', '吗', '呢', '吧', '啊', 'the', 'a', 'an', 'to', 'of', 'and', 'for', 'we', 'our', 'in', 'is', 'i', 'need', 'want']);

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(normalize(text))) {
    if (isWordLike && !STOP.has(segment)) out.push(segment);
  }
  return out;
}

/** A supplier's words for text relevance: the costly part of indexing (word breaking), done apart from the rest. */
export interface SupplierTerms {
  creditCode: string;
  terms: [string, number][];
  length: number;
}

/** The text of a supplier that relevance scores: name, description, products and cases. */
export function supplierText(supplier: Supplier): string {
  return [supplier.name, supplier.description, ...supplier.products.flatMap((p) => [p.name, p.description]), ...supplier.cases.map((c) => c.summary)].join(' ');
}

/** Word counts of a supplier's text (pure; runs in a worker thread for large catalogs, see bot/termsWorker.ts). */
export function termsOf(creditCode: string, text: string): SupplierTerms {
  const words = tokenize(text);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { creditCode, terms: [...counts], length: words.length };
}
