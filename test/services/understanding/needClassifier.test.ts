import { loadUnderstandingData } from '../../../data/understanding/load';
import { MatchIndex } from '../../../services/matching/matchIndex';
import { parseNeed } from '../../../services/matching/need';
import type { Supplier } from '../../../services/model/supplier';
import { EntityExtractor } from '../../../services/understanding/entities';
import { NeedClassifier } from '../../../services/understanding/needClassifier';
import { testSupplier } from '../../support/suppliers';

const supplier = (categories: string[], description: string, cases: Supplier['cases'] = [], industries: string[] = []): Supplier =>
  testSupplier({
    ratings: [{ year: 2025, rating: '优秀' }],
    serviceCategories: categories,
    industries,
    description,
    products: [{ name: `产品-${description.slice(0, 4)}`, description, serviceCategories: categories, priceFrom: 5, deployDays: 30 }],
    cases,
  });

/** A pool whose vendors describe pains in words no lexicon lists: the classifier must learn them from here. */
const pool = [
  supplier(['ERP与经营管理上云'], '月底结账不再熬夜，凭证自动生成，老板随时看到利润', [{ industry: '家具', customer: '某沙发厂', summary: '沙发厂结账从十天缩短到两天' }], ['家具']),
  supplier(['ERP与经营管理上云'], '财务结账提速，利润看得见，往来单据自动核对'),
  supplier(['营销与客户管理'], '老客户流失早预警，业务员离职客户资料不丢，报价记录随时查', [{ industry: '灯饰照明', customer: '某灯具厂', summary: '灯具厂老客户回购率提升' }], ['灯饰照明']),
  supplier(['营销与客户管理'], '业务员跟进客户有记录，客户资料归公司，老客户回购提醒'),
  supplier(['设备运维与预测性维护'], '机器半夜趴窝之前先报警，维修师傅不用等坏了再修', [{ industry: '汽车及零部件', customer: '某座椅厂', summary: '座椅骨架冲压线停机减少' }], ['汽车及零部件']),
  supplier(['设备运维与预测性维护', '设备联网与数据采集'], '停机预警，机器坏之前提醒，另外把各品牌机台数据接上来'),
];

/** Runs the norm computation's steps to the end, as CatalogIndex does between requests. */
function finishNorms(model: NeedClassifier): void {
  for (const steps = model.normSteps(); !steps.next().done; );
}

describe('NeedClassifier (trained on the catalog)', () => {
  const model = NeedClassifier.train(pool);

  it('reads a pain told in the vendors’ words, with no category word in it', () => {
    expect(model.classify('每次结账都要熬到半夜，老板想知道利润').categories[0]!.name).toBe('ERP与经营管理上云');
    expect(model.classify('业务员一离职，客户资料就跟着没了').categories[0]!.name).toBe('营销与客户管理');
    expect(model.classify('冲压线的机器老是趴窝').industries[0]!.name).toBe('汽车及零部件');
  });

  it('learns from every import and unlearns a replaced supplier', () => {
    const growing = NeedClassifier.train([]);
    expect(growing.classify('结账熬夜').categories).toEqual([]);
    growing.add(pool[0]!);
    expect(growing.size).toBe(1);
    expect(growing.classify('结账熬夜').categories[0]!.name).toBe('ERP与经营管理上云');
    growing.remove(pool[0]!);
    expect(growing.size).toBe(0);
    expect(growing.classify('结账熬夜').categories).toEqual([]);
  });

  it('with deferred norms, answers from the last norms computed in steps, and then as one that recomputes at once', () => {
    const deferred = new NeedClassifier();
    deferred.deferNorms();
    deferred.add(pool[0]!);
    expect(deferred.classify('结账熬夜').categories).toEqual([]); // no norms computed yet: nothing inferred
    finishNorms(deferred);
    expect(deferred.classify('结账熬夜')).toEqual(NeedClassifier.train([pool[0]!]).classify('结账熬夜'));
    for (const s of pool.slice(1)) deferred.add(s);
    const stale = deferred.classify('业务员一离职，客户资料就跟着没了');
    expect(stale.categories.map((c) => c.name)).not.toContain('营销与客户管理'); // that label has no norm yet
    finishNorms(deferred);
    expect(deferred.classify('业务员一离职，客户资料就跟着没了')).toEqual(model.classify('业务员一离职，客户资料就跟着没了'));
  });

  it('tolerates a typo: one wrong character keeps most of the n-grams', () => {
    expect(model.classify('业务员离职，客户资料跟着走，老客户流矢').categories[0]!.name).toBe('营销与客户管理');
  });

  it('ignores the words of asking: a request with no pain in it infers nothing', () => {
    expect(model.classify('帮我推荐几家靠谱的服务商').categories).toEqual([]);
  });
});

describe('needs read with the lexicon and the catalog-trained model', () => {
  const extractor = new EntityExtractor(loadUnderstandingData().domain);
  const index = new MatchIndex(pool);

  it('infers the category from the pain, and the reasons say it was inferred', () => {
    const need = parseNeed(extractor, '业务员走了以后没人跟老客户回购', null, index.classifier);
    expect(need.serviceCategories).toEqual(['营销与客户管理']);
    expect(need.inferredCategories).toEqual(['营销与客户管理']);
    const [first] = index.match(need, { limit: 3 });
    expect(first!.reasons[0]).toBe('根据您描述的问题推断：营销与客户管理');
    expect(first!.supplier.serviceCategories).toContain('营销与客户管理');
  });

  it('does not call a named service inferred, and finds both pains of a two-sided need', () => {
    const need = parseNeed(extractor, '想上ERP，另外机器半夜趴窝也想提前报警', null, index.classifier);
    expect(need.serviceCategories).toEqual(expect.arrayContaining(['ERP与经营管理上云', '设备运维与预测性维护']));
    expect(need.inferredCategories ?? []).not.toContain('ERP与经营管理上云');
  });

  it('without a catalog, reads exactly as the lexicon does', () => {
    const need = parseNeed(extractor, '老客户一个个不下单了', null, new MatchIndex([]).classifier);
    expect(need.inferredCategories).toBeUndefined();
  });
});
