import { KeywordRecognizer } from '../../../services/understanding/keywordRecognizer';

describe('KeywordRecognizer (the foundation’s stand-in recognizer)', () => {
  const recognizer = new KeywordRecognizer();

  it.each([
    ['你好，你能做什么？', 'help'],
    ['Hello, what can you do?', 'help'],
    ['我们公司的申报到哪一步了', 'application_status'],
    ['转人工', 'contact_staff'],
    ['不要再推送了', 'unsubscribe'],
    ['今天天气怎么样', 'none'],
  ])('%s → %s', async (text, intent) => {
    expect((await recognizer.understand(text)).intent).toBe(intent);
  });

  it('matches English cues as whole words only', async () => {
    expect((await recognizer.understand('is this it')).intent).toBe('none');
  });
});
