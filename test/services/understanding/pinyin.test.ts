import { loadReadingTexts } from '../../../data/understanding/load';
import { PinyinReader } from '../../../services/understanding/pinyin';

/** The reader over the texts the bot gives it (the document, the knowledge files, the lexicon). */
const reader = new PinyinReader(loadReadingTexts());

describe('pinyin typed for Chinese is read back into the characters of our texts', () => {
  it('reads a message written wholly in pinyin as Chinese, so it is understood and answered in Chinese', () => {
    expect(reader.read('wo men chang xiang zhao zi yuan chi li de gong ying shang, you ming dan ma? zai na kan')).toBe('我们厂想找资源池里的供应商, 有名单吗? 在哪看');
    expect(reader.read('ren ding liu cheng shi shen me')).toBe('认定流程是什么');
    expect(reader.read('bu he ge zen me ban')).toBe('不合格怎么办');
    expect(reader.read('ni hao')).toBe('你好');
  });

  it('reads syllables run together (pingjia) in a Chinese message, keeping what was typed beside the reading', () => {
    expect(reader.read('pingjia每年都有吗')).toBe('pingjia 评价每年都有吗');
  });

  it('in English reads only a word typed across spaces, from the first word of ours to the last', () => {
    expect(reader.read("what does 'yi yong cu jian' mean in this plan?")).toBe("what does 'yi yong cu jian 以用促建' mean in this plan?");
    expect(reader.read('we want to join the pilot (shang yun shang ping tai)')).toBe('we want to join the pilot (shang yun shang ping tai 上云上平台)');
    // One English word that is syllables too stays English: a city's name, "guiding", "decide".
    expect(reader.read('We are a small factory in Jiangmen')).toBe('We are a small factory in Jiangmen');
    expect(reader.read('What is the guiding idea? Who will decide?')).toBe('What is the guiding idea? Who will decide?');
  });

  it('leaves English, acronyms and pinyin-like text with no word of ours as they are', () => {
    for (const text of ['can you help me', 'a long day', 'he said no', '设备点检、OEE统计', 'MES和ERP', 'xie xie', 'thank you, ha ha', 'Can the commission ban a supplier that cheats?']) {
      expect(reader.read(text)).toBe(text);
    }
  });

  it('reads no more than a question’s length, however long the Latin text posted', () => {
    // Unread, and at once (before the cap, 16 000 letters took a minute and 3 GB).
    const long = 'e'.repeat(20_000);
    expect(reader.read(long)).toBe(long);
    const spaced = 'zi yuan chi '.repeat(100);
    expect(reader.read(spaced)).toBe(spaced);
  });
});
