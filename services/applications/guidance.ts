import type { Locale } from '../i18n';
import { CITIES_WITHOUT_COUNTIES, type City } from '../model/taxonomy';

export interface GuidanceKnowledge {
  topics: Record<string, Record<Locale, string>>;
}

/** Which parts of the process guidance a question is about (how_to_apply covers several). */
export type GuidanceTopic = 'where_to_submit' | 'process' | 'materials' | 'review_indicators' | 'evaluation_indicators' | 'publicity_rules' | 'benefits';

const TOPIC_CUES: [GuidanceTopic, RegExp][] = [
  ['where_to_submit', /交到|交给|递交|提交到|寄到|哪个部门|哪里交|where.*(submit|send|hand)/i],
  ['review_indicators', /评审指标|评审标准|评审看|打分|indicator|criteria|score/i],
  ['evaluation_indicators', /评价指标|年度评价.*(看|标准|指标)|evaluation (indicator|criteria)/i],
  ['materials', /材料|资料|准备|document|material|prepare/i],
  ['publicity_rules', /公示|异议|objection|publicity/i],
];

/** The guidance for a how-to-apply question, tailored to the city the user named; the whole overview otherwise. */
export class Guidance {
  constructor(private readonly knowledge: GuidanceKnowledge) {}

  private text(key: string, locale: Locale, params: Record<string, string> = {}): string {
    return (this.knowledge.topics[key]?.[locale] ?? '').replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '');
  }

  howToApply(question: string, locale: Locale, city?: string): string[] {
    const topics = TOPIC_CUES.filter(([, cue]) => cue.test(question)).map(([topic]) => topic);
    const chosen: GuidanceTopic[] = topics.length ? topics : ['process', 'where_to_submit', 'materials'];
    return chosen.map((topic) => {
      if (topic === 'where_to_submit' && city) {
        const direct = CITIES_WITHOUT_COUNTIES.includes(city as City);
        return this.text('where_to_submit_city', locale, { city, submitTo: this.text(direct ? 'submit_direct' : 'submit_county', locale, { city }) });
      }
      return this.text(topic, locale);
    });
  }

  benefits(locale: Locale): string {
    return this.text('benefits', locale);
  }

  publicityRules(locale: Locale): string {
    return this.text('publicity_rules', locale);
  }

  /** The materials to prepare for a change report of one kind. */
  changeMaterials(kind: 'name' | 'ownership' | 'business', locale: Locale): string {
    return this.text('change_materials', locale, { specific: this.text(`change_specific_${kind}`, locale) });
  }
}
