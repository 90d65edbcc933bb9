import { partCounts, TopicCues } from '../../../services/knowledge/topicCues';

describe('choosing a topic by its cues', () => {
  const cues = new TopicCues([
    { id: 'materials', cues: [['材料', 3], ['re:准备(什么|哪些)', 4], ['re:异议|申诉', -4]] },
    { id: 'objection', cues: [['re:异议|申诉', 5]] },
    { id: 'internal', cues: [['材料', 9]], internal: true },
  ]);

  it('scores each topic, never choosing an internal one, and favours the asker’s role topic', () => {
    expect(cues.best('要准备什么材料', 3)).toEqual({ topic: 'materials', score: 7 });
    expect(cues.score('materials', '想申诉，要准备什么材料')).toBe(3);
    expect(cues.best('要准备什么材料', 3, { topic: 'objection', boost: 8 })).toEqual({ topic: 'objection', score: 8 });
    expect(cues.best('你好', 3)).toBeNull();
  });

  it.each([
    // [part's score, whole message's score, counts]
    [6, 0, true], // strong alone
    [5, 3, true],
    [5, 2, false], // the whole message speaks against it (材料 beside 异议)
    [4, 5, true], // nearly strong, the whole message behind it (交给哪里 in a message about applying)
    [4, 4, false], // 找谁 alone, nothing behind it
    [3, 9, false],
  ])('a sub-question scoring %i, with %i on the whole message, counts: %s', (part, whole, counts) => {
    expect(partCounts(part, whole, 3, 5)).toBe(counts);
  });
});
