import { loadUnderstandingData } from '../../../data/understanding/load';
import { EntityExtractor } from '../../../services/understanding/entities';
import { normalize } from '../../../services/understanding/normalize';

const extractor = new EntityExtractor(loadUnderstandingData().domain);
const categories = (text: string) => extractor.extract(text, normalize(text)).serviceCategories;

describe('lexicon phrases typed with one slip', () => {
  it('finds a category word with one wrong character, as evidence weaker than the word itself', () => {
    const evidence = extractor.read('想做能源管哩', normalize('想做能源管哩'));
    expect(evidence.categoryScores.get('能耗管理')).toBeCloseTo(2, 5); // a named service (3) × 2/3
    expect(categories('找一家做供应链协铜的')).toEqual(['供应链协同']);
  });

  it('finds a Latin acronym with two letters swapped inside Chinese text, not inside English', () => {
    expect(categories('车间想上一套EPR系统')).toEqual(['ERP与经营管理上云']);
    expect(categories('our sales rep left the company')).not.toContain('ERP与经营管理上云');
  });

  it('leaves short words alone: a two-character word one character off is another word', () => {
    expect(categories('我们想做直播带货')).toBeUndefined();
  });
});
