import type { Translate } from '../services/i18n';
import type { MatchIndex } from '../services/matching/matchIndex';
import type { Entities } from '../services/understanding/intents';

const SHOWN = 20;

/** The recommended directory (推荐名录): excellent suppliers of a year, optionally of one category. */
export function directoryText(t: Translate, index: MatchIndex, entities: Entities): string {
  const year = entities.year ?? index.latestYear;
  const category = entities.serviceCategories?.[0];
  const suppliers = index.directory(year, category);
  const label = category ? `（${category}）` : '';
  if (!suppliers.length) return t('directoryEmpty', { year, category: label });
  const lines = suppliers.slice(0, SHOWN).map((s, i) => `${i + 1}. ${s.name}（${s.city}，${s.type}）`);
  return [
    t('directoryTitle', { year, category: label, count: suppliers.length }),
    ...lines,
    ...(suppliers.length > SHOWN ? [t('directoryMore', { count: suppliers.length, shown: SHOWN })] : []),
  ].join('\n\n');
}
