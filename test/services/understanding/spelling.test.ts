import { loadUnderstandingData } from '../../../data/understanding/load';
import { SpellingRepair } from '../../../services/understanding/spelling';
import { lexiconRecognizer as recognizer } from '../../support/recognizer';

const data = loadUnderstandingData();
const repair = new SpellingRepair(['进度', '回避', '公示名单', '找人', '申报', '专家'], data.domain.homophones);

describe('words of asking typed with a homophone', () => {
  it('restores a word of the lexicon one homophone away, next to a word that anchors it', () => {
    expect(repair.repair('申报进渡怎么查')).toBe('申报进度怎么查');
    expect(repair.repair('想请专家回必')).toBe('想请专家回避');
  });

  it('leaves real words and unanchored short words as typed', () => {
    expect(repair.repair('计算公式名单')).toBe('计算公式名单');
    expect(repair.repair('你们招人吗')).toBe('你们招人吗');
    expect(repair.repair('申报进度怎么查')).toBe('申报进度怎么查');
  });

  it('lets the recognizer read the intent the user meant', () => {
    expect(recognizer.understandNow('我们的申报进渡到哪了').intent).toBe('application_status');
    expect(recognizer.understandNow('计算公式是什么').intent).not.toBe('publicity');
  });
});
