/**
 * Reasons are data-bound sentences of the matching domain, beside the scorer that decides them (matchIndex.ts):
 * one table per language, like the localization modules.
 */
export const REASONS = {
  'zh-CN': {
    inferred: '根据您描述的问题推断：{list}',
    covers: '覆盖：{list}',
    notCovered: '（未覆盖：{list}）',
    product: '产品：{name}（{price}万元/年起，约{days}天部署）',
    cases: '有{industry}行业案例',
    serves: '服务{industry}行业',
    excellent: '{year}年度评价优秀',
    streak: '连续{n}年评价优秀（最近：{year}年度）',
    qualified: '{year}年度评价合格',
    budget: '报价在预算内（{price}万元/年起）',
    fast: '最快约{days}天可部署',
    city: '同在{city}（仅在得分相近时优先）',
  },
  'en-US': {
    inferred: 'Inferred from the problem you described: {list}',
    covers: 'Covers: {list}',
    notCovered: ' (not: {list})',
    product: 'Product: {name} (from {priceK}k CNY/year, about {days} days to deploy)',
    cases: 'Has {industry} cases',
    serves: 'Serves {industry}',
    excellent: 'Rated excellent in {year}',
    streak: 'Rated excellent {n} years running (latest {year})',
    qualified: 'Rated qualified in {year}',
    budget: 'Within budget (from {priceK}k CNY/year)',
    fast: 'Can deploy in about {days} days',
    city: 'Also in {city} (a stated preference, used only between near-equal matches)',
  },
} as const;
