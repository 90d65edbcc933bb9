import { chooseCategories } from '../../../services/understanding/needFusion';

describe('combining the lexicon with the catalog-trained model', () => {
  it('lets a weak model guess add to the words but not outvote a symptom the user told', () => {
    const chosen = chooseCategories(new Map([['设备运维与预测性维护', 2]]), [
      { name: '上云迁移与云资源', score: 0.02, evidence: 5 },
      { name: '设备运维与预测性维护', score: 0.015, evidence: 5 },
    ]);
    expect(chosen.categories[0]).toBe('设备运维与预测性维护');
  });

  it('weighs a category kept on weaker evidence less, and a named service at least namedWeight', () => {
    const chosen = chooseCategories(new Map([['生产执行MES', 6], ['仓储物流WMS', 3]]));
    expect(chosen.weights['生产执行MES']).toBe(1);
    expect(chosen.weights['仓储物流WMS']).toBeGreaterThanOrEqual(0.7);
    expect(chosen.weights['仓储物流WMS']).toBeLessThan(1);
  });

  it('asks about the likeliest categories when there is some evidence but not enough for any', () => {
    const chosen = chooseCategories(new Map([['机器视觉检测', 4 / 3]]), [{ name: '设备运维与预测性维护', score: 0.02, evidence: 5 }]);
    expect(chosen.categories).toEqual([]);
    expect(chosen.candidates).toContain('机器视觉检测');
  });
});
