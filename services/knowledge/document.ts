import type { Locale } from '../i18n';

/** The document's two procedures: recognition into the pool (附件1) and the annual evaluation (附件2). */
export type Procedure = 'recognition' | 'evaluation';

/** The procedure a clause is about: annex 1 and the plan's 二（一） recognition, annex 2 and 二（二） the evaluation; else null. */
export function clauseProcedure(clause: string): Procedure | null {
  return clause.startsWith('annex1.') || clause === 'plan.2.1' ? 'recognition' : clause.startsWith('annex2.') || clause === 'plan.2.2' ? 'evaluation' : null;
}

/** One clause of the province's document: its id, how a citation names it, the published text and our English. */
export interface Clause {
  id: string;
  label: Record<Locale, string>;
  text: string;
  en: string;
}

/** The project's copy of 粤经信办函〔2018〕348号, split into clauses (data/knowledge/document.json). */
export interface ProvinceDocumentData {
  document: { number: Record<Locale, string>; title: Record<Locale, string>; date: string };
  clauses: Clause[];
}

const ZH_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ANNEX_ITEM = /^annex(\d)\.(\d+)$/;

/** The document's clauses by id, and citations of them ("依据：粤经信办函〔2018〕348号 附件2 第二条"). */
export class ProvinceDocument {
  private readonly byId: Map<string, Clause>;

  constructor(private readonly data: ProvinceDocumentData) {
    this.byId = new Map(data.clauses.map((c) => [c.id, c]));
  }

  get clauses(): readonly Clause[] {
    return this.data.clauses;
  }

  number(locale: Locale): string {
    return this.data.document.number[locale];
  }

  clause(id: string): Clause | undefined {
    return this.byId.get(id);
  }

  /** The clause's words in a language: the published Chinese, or our English rendering of it. */
  textOf(clause: Clause, locale: Locale): string {
    return locale === 'en-US' ? clause.en : clause.text;
  }

  /**
   * Where the clauses are in the document, runs of an annex's items shortened ("附件1 第一至十条"),
   * in the order first cited.
   */
  where(ids: string[], locale: Locale): string {
    const parts: string[] = [];
    const annexItems = new Map<string, number[]>();
    for (const id of ids) {
      const item = ANNEX_ITEM.exec(id);
      if (item) {
        if (!annexItems.has(item[1]!)) {
          annexItems.set(item[1]!, []);
          parts.push(`annex:${item[1]}`);
        }
        annexItems.get(item[1]!)!.push(Number(item[2]));
      } else if (this.byId.has(id)) parts.push(id);
    }
    return parts
      .map((part) => (part.startsWith('annex:') ? annexLabel(part.slice(6), annexItems.get(part.slice(6))!, locale) : this.byId.get(part)!.label[locale]))
      .join(locale === 'en-US' ? '; ' : '；');
  }
}

function annexLabel(annex: string, items: number[], locale: Locale): string {
  const runs: [number, number][] = [];
  for (const n of [...new Set(items)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  if (locale === 'en-US') {
    const list = runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
    return `annex ${annex}, item${items.length > 1 ? 's' : ''} ${list}`;
  }
  const list = runs.map(([a, b]) => (a === b ? ZH_NUMERALS[a] : `${ZH_NUMERALS[a]}至${ZH_NUMERALS[b]}`)).join('、');
  return `附件${annex} 第${list}条`;
}
