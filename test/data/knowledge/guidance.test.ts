import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { enUS } from '../../../services/i18n/en-US';
import { zhCN } from '../../../services/i18n/zh-CN';
import type { Locale } from '../../../services/i18n';
import { ProvinceDocument } from '../../../services/knowledge/document';
import { ClauseRetrieval } from '../../../services/knowledge/retrieval';

const document = new ProvinceDocument(loadProvinceDocument());
const knowledge = loadGuidance();
const LOCALES: Locale[] = ['zh-CN', 'en-US'];

/** Issue 15, point 3: every answer names its clauses, they exist, and the answer's key phrases are the clauses' words. */
describe('the knowledge files against the document', () => {
  it('has one clause per id, each with its text, English and citation labels', () => {
    const ids = document.clauses.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const clause of document.clauses) {
      expect(clause.text.length).toBeGreaterThan(5);
      expect(clause.en.length).toBeGreaterThan(5);
      expect(clause.label['zh-CN']).toBeTruthy();
      expect(clause.label['en-US']).toBeTruthy();
    }
    // The copy keeps the document's whole procedure: ten recognition steps, eight evaluation steps.
    expect(ids.filter((id) => id.startsWith('annex1.'))).toHaveLength(10);
    expect(ids.filter((id) => id.startsWith('annex2.'))).toHaveLength(8);
  });

  it.each(knowledge.topics.map((t) => [t.id, t] as const))('%s names existing clauses and its key phrases appear in the answer and in those clauses', (_id, topic) => {
    expect(topic.clauses.length).toBeGreaterThan(0);
    for (const id of topic.clauses) expect(document.clause(id)).toBeDefined();
    for (const locale of LOCALES) {
      const clauses = topic.clauses.map((id) => document.textOf(document.clause(id)!, locale)).join('\n');
      expect(topic.keyPhrases[locale].length).toBeGreaterThan(0);
      for (const phrase of topic.keyPhrases[locale]) {
        expect({ phrase, inAnswer: topic[locale].includes(phrase) }).toEqual({ phrase, inAnswer: true });
        expect({ phrase, inClauses: clauses.includes(phrase) }).toEqual({ phrase, inClauses: true });
      }
    }
  });

  it('says nothing the document does not: no invented materials, deadlines, hours or placeholder contacts', () => {
    // What the bot says; the questions the classifier learns from are people's words (一个问营业执照的问题), not claims.
    const { examples, ...said } = knowledge;
    expect(examples?.length).toBeGreaterThan(0);
    const everything = JSON.stringify(said) + JSON.stringify(zhCN) + JSON.stringify(enUS);
    for (const invented of ['营业执照', '名称变更核准通知书', '股东名册', '020-00000000', 'example.gov.cn', '9:00–17:30', '逾期不予受理', '已受理', 'counts towards']) {
      expect({ invented, found: everything.includes(invented) }).toEqual({ invented, found: false });
    }
    // The secretariat contact defaults to the one the notice names.
    expect(zhCN.staffContact).toContain(document.clause('notice.contact')!.text.match(/刘坤东，电话：(020-\d+)/)![1]);
    // Benefits keep the document's "符合条件的".
    expect(knowledge.topics.find((t) => t.id === 'benefits')!['zh-CN']).toContain('优先支持符合条件的省工业互联网优秀供应商申报国家级工业互联网平台');
  });

  it('cites clauses as the document numbers them', () => {
    expect(document.where(['annex2.2'], 'zh-CN')).toBe('附件2 第二条');
    expect(document.where(['annex1.1', 'annex1.2', 'annex1.3', 'annex1.4', 'annex1.5', 'annex1.6', 'annex1.7', 'annex1.8', 'annex1.9', 'annex1.10'], 'zh-CN')).toBe('附件1 第一至十条');
    expect(document.where(['plan.2.2', 'annex2.3', 'annex2.5', 'annex2.6'], 'zh-CN')).toBe('工作方案 二（二）；附件2 第三、五至六条');
    expect(document.where(['annex2.4'], 'en-US')).toBe('annex 2, item 4');
  });
});

describe('finding the clause for a question no curated answer covers', () => {
  const retrieval = new ClauseRetrieval(document.clauses);
  it('ranks the clause that speaks to the question first, by the understanding normalizer and the segmenter', () => {
    expect(retrieval.search('評價結果報省經信委時要附上什麼')[0]?.clause.id).toBe('annex2.5'); // traditional characters normalized
    expect(retrieval.search('市资源池主要包括哪些单位')[0]?.clause.id).toBe('plan.2.3');
    expect(retrieval.search('which cities may not discriminate against pool enterprises registered elsewhere')[0]?.clause.id).toBe('plan.2.4');
  });

  it('answers nothing for what the document does not speak of', () => {
    const guidance = new Guidance(knowledge, document);
    expect(guidance.retrieve('今天天气怎么样')).toBeNull();
    expect(guidance.retrieve('附近有什么好吃的')).toBeNull();
  });
});
