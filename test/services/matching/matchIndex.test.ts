import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTaxonomy } from '../../../data/lexicon/load';
import { loadUnderstandingData } from '../../../data/understanding/load';
import { MatchIndex } from '../../../services/matching/matchIndex';
import { parseNeed } from '../../../services/matching/need';
import { EntityExtractor } from '../../../services/understanding/entities';
import { testSupplier } from '../../support/suppliers';

const extractor = new EntityExtractor(loadUnderstandingData().domain);
const { english } = loadTaxonomy();

const supplier = testSupplier;
const need = (text: string, city?: string) => parseNeed(extractor, text, city);

describe('ranking', () => {
  it('never returns a supplier whose latest rating is 不合格, however well it matches', () => {
    const failed = supplier({ ratings: [{ year: 2024, rating: '优秀' }, { year: 2025, rating: '不合格' }], industries: ['陶瓷建材'], cases: [{ industry: '陶瓷建材', customer: 'x', summary: '窑炉能耗' }] });
    const index = new MatchIndex([failed, supplier({})]);
    const results = index.match(need('陶瓷厂窑炉能耗太高'), { limit: 10 });
    expect(results.map((r) => r.supplier.creditCode)).not.toContain(failed.creditCode);
    expect(index.find(failed.creditCode)).toBeUndefined();
  });

  it('ranks full coverage above partial, 优秀 above 合格, and industry experience above none', () => {
    const both = supplier({ serviceCategories: ['设备联网与数据采集', '生产执行MES'] });
    const one = supplier({ serviceCategories: ['生产执行MES'], ratings: [{ year: 2025, rating: '优秀' }] });
    const excellent = supplier({ serviceCategories: ['设备联网与数据采集', '生产执行MES'], ratings: [{ year: 2025, rating: '优秀' }] });
    const excellentWithCases = supplier({ serviceCategories: ['设备联网与数据采集', '生产执行MES'], ratings: [{ year: 2025, rating: '优秀' }], cases: [{ industry: '家电', customer: 'x', summary: 'MES' }] });
    const index = new MatchIndex([one, both, excellent, excellentWithCases]);
    const order = index.match(need('家电企业，需要设备联网采集数据，再配一个MES'), { limit: 4 }).map((r) => r.supplier.creditCode);
    expect(order).toEqual([excellentWithCases, excellent, both, one].map((s) => s.creditCode));
  });

  it('weighs a weaker second reading of the need less: its supplier alone ranks below one of the main pain', () => {
    const main = supplier({ serviceCategories: ['能耗管理'] });
    const second = supplier({ serviceCategories: ['设备联网与数据采集'], description: '设备联网', products: [{ name: '采集网关', description: '数据采集', serviceCategories: ['设备联网与数据采集'], priceFrom: 5, deployDays: 30 }] });
    const index = new MatchIndex([second, main]);
    const read = { ...need('电费太高'), serviceCategories: ['能耗管理', '设备联网与数据采集'], categoryWeights: { 能耗管理: 1, 设备联网与数据采集: 0.6 } };
    const results = index.match(read, { limit: 2 });
    expect(results.map((r) => r.supplier.creditCode)).toEqual([main.creditCode, second.creditCode]);
    expect(results[1]!.reasons[0]).toBe('覆盖：设备联网与数据采集（未覆盖：能耗管理）');
  });

  it('never excludes a supplier for its city; a stated city only breaks near-ties, and says so', () => {
    const farBetter = supplier({ city: '湛江', ratings: [{ year: 2025, rating: '优秀' }] });
    const local = supplier({ city: '佛山' });
    const localTwin = supplier({ city: '深圳' });
    const index = new MatchIndex([local, farBetter, localTwin]);
    const results = index.match(need('想做能耗监测', '佛山'), { limit: 5 });
    expect(results.map((r) => r.supplier.city)).toEqual(['湛江', '佛山', '深圳']);
    expect(results[1]!.reasons.at(-1)).toBe('同在佛山（仅在得分相近时优先）');
    expect(results[0]!.reasons.join()).not.toContain('同在');
  });

  it('rotates near-equal suppliers between requests, deterministically for each request', () => {
    const twins = Array.from({ length: 8 }, () => supplier({}));
    const index = new MatchIndex(twins);
    const first = (text: string) => index.match(need(text), { limit: 1 })[0]!.supplier.creditCode;
    expect(first('想做能耗监测')).toBe(first('想做能耗监测'));
    const firsts = new Set(['想做能耗监测', '电费太高了', '用电监测怎么做', '节能降耗', '想省电费', '能耗管理平台'].map(first));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('pages with an offset without repeating anyone', () => {
    const index = new MatchIndex(Array.from({ length: 12 }, () => supplier({})));
    const page1 = index.match(need('能耗监测'), { limit: 5 }).map((r) => r.supplier.creditCode);
    const page2 = index.match(need('能耗监测'), { limit: 5, offset: 5 }).map((r) => r.supplier.creditCode);
    expect(new Set([...page1, ...page2]).size).toBe(10);
  });

  it('explains each result in the user’s language: coverage, product, cases, rating, budget, speed', () => {
    const s = supplier({
      ratings: [{ year: 2024, rating: '优秀' }, { year: 2025, rating: '优秀' }],
      cases: [{ industry: '陶瓷建材', customer: 'x', summary: '窑炉节能' }],
      products: [{ name: '窑炉能耗云', description: '', serviceCategories: ['能耗管理'], priceFrom: 3, deployDays: 20 }],
    });
    const index = new MatchIndex([s], english);
    expect(index.match(need('陶瓷厂想做能耗管理，预算5万，一个月内上线'), { limit: 1 })[0]!.reasons).toEqual([
      '覆盖：能耗管理', '产品：窑炉能耗云（3万元/年起，约20天部署）', '有陶瓷建材行业案例', '连续2年评价优秀（最近：2025年度）', '报价在预算内（3万元/年起）', '最快约20天可部署',
    ]);
    expect(index.match(need('ceramics plant needs energy monitoring'), { limit: 1 })[0]!.reasons).toEqual([
      'Covers: Energy management', 'Product: 窑炉能耗云 (from 30k CNY/year, about 20 days to deploy)', 'Has Ceramics & building materials cases', 'Rated excellent 2 years running (latest 2025)',
    ]);
  });

  it('lists the recommended directory: excellent suppliers of a year, by category', () => {
    const a = supplier({ ratings: [{ year: 2025, rating: '优秀' }], serviceCategories: ['生产执行MES'] });
    const b = supplier({ ratings: [{ year: 2025, rating: '优秀' }] });
    const c = supplier({ ratings: [{ year: 2024, rating: '优秀' }, { year: 2025, rating: '合格' }] });
    const index = new MatchIndex([a, b, c]);
    expect(index.directory().map((s) => s.creditCode).sort()).toEqual([a.creditCode, b.creditCode].sort());
    expect(index.directory(2025, '生产执行MES').map((s) => s.creditCode)).toEqual([a.creditCode]);
    expect(index.directory(2024).map((s) => s.creditCode)).toEqual([c.creditCode]);
  });
});

describe('the project’s own labelled needs (test/fixtures/match-*.json; the contract’s dev sets are for bench:match)', () => {
  const dir = join(__dirname, '..', '..', 'fixtures');
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  it('reach nDCG@5 ≥ 0.90 with no 不合格 in any top 5', () => {
    const index = new MatchIndex(read('match-catalog.json').suppliers);
    const qrels = read('match-qrels.json') as Record<string, Record<string, number>>;
    const gain = (g: number) => (g > 0 ? 2 ** g - 1 : 0);
    const dcg = (gs: number[]) => gs.reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
    let total = 0;
    let violations = 0;
    const queries = read('match-queries.json').queries as { id: string; text: string }[];
    for (const q of queries) {
      const grades = index.match(need(q.text), { limit: 5 }).map((r) => qrels[q.id]![r.supplier.creditCode] ?? 0);
      violations += grades.filter((g) => g < 0).length;
      total += dcg(grades) / dcg(Object.values(qrels[q.id]!).sort((a, b) => b - a).slice(0, 5));
    }
    expect(violations).toBe(0);
    expect(total / queries.length).toBeGreaterThanOrEqual(0.9);
  });
});
