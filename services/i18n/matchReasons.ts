import type { LocalizedText } from './localized';

/**
 * Why a supplier is recommended, one sentence per rule of the scorer (services/matching/matchIndex.ts decides
 * which apply). Prices are in 万元 (10k CNY); English shows thousands ({priceK}).
 */
export const MATCH_REASONS = {
  inferred: { zh: '根据您描述的问题推断：{list}', en: 'Inferred from the problem you described: {list}' },
  covers: { zh: '覆盖：{list}', en: 'Covers: {list}' },
  notCovered: { zh: '（未覆盖：{list}）', en: ' (not: {list})' },
  product: { zh: '产品：{name}（{price}万元/年起，约{days}天部署）', en: 'Product: {name} (from {priceK}k CNY/year, about {days} days to deploy)' },
  cases: { zh: '有{industry}行业案例', en: 'Has {industry} cases' },
  serves: { zh: '服务{industry}行业', en: 'Serves {industry}' },
  excellent: { zh: '{year}年度评价优秀', en: 'Rated excellent in {year}' },
  streak: { zh: '连续{n}年评价优秀（最近：{year}年度）', en: 'Rated excellent {n} years running (latest {year})' },
  qualified: { zh: '{year}年度评价合格', en: 'Rated qualified in {year}' },
  budget: { zh: '报价在预算内（{price}万元/年起）', en: 'Within budget (from {priceK}k CNY/year)' },
  fast: { zh: '最快约{days}天可部署', en: 'Can deploy in about {days} days' },
  city: { zh: '同在{city}（仅在得分相近时优先）', en: 'Also in {city} (a stated preference, used only between near-equal matches)' },
} as const satisfies Record<string, LocalizedText>;

export type MatchReason = keyof typeof MATCH_REASONS;
