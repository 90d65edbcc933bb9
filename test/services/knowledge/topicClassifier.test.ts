import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { ProvinceDocument } from '../../../services/knowledge/document';
import { TopicClassifier } from '../../../services/knowledge/topicClassifier';
import { normalize } from '../../../services/understanding/normalize';

const knowledge = loadGuidance();
const document = new ProvinceDocument(loadProvinceDocument());
const learned = new Guidance(knowledge, document);
const cuesOnly = new Guidance({ ...knowledge, examples: [] }, document);

describe('the topic classifier (curated topics learned from the questions people asked)', () => {
  it('places a phrasing near the questions labelled with its topic, and an unrelated message near none', () => {
    const classifier = new TopicClassifier(
      [
        { from: 'T01', topics: ['objection'], text: '名单公示了我们不服，去哪里申诉' },
        { from: 'T02', topics: ['objection'], text: '公示结果有问题能提异议吗' },
        { from: 'T03', topics: ['fees'], text: '申报要交钱吗，评审费多少' },
      ],
      [{ id: 'fees', texts: ['文件没有提到申报或评价要交费'] }],
      normalize,
    );
    const [top, ...rest] = classifier.classify(normalize('公示出来我们觉得不公平，能申诉不'));
    expect(top?.name).toBe('objection');
    expect(rest.every((hit) => hit.score < top!.score / 2)).toBe(true);
    expect(classifier.classify(normalize('今天天气真好'))).toEqual([]);
  });

  it('answers phrasings the cues miss or misread, once it has learned from the labelled questions', () => {
    // No cue fires: without the questions learned, the plan's basis is not found (retrieval alone may offer a weak,
    // marked topic, which answers only where the document would be searched anyway).
    const basis = 'Which provincial government policy does this supplier pool plan carry out?';
    expect(cuesOnly.topicFor(basis)?.topic).not.toBe('plan_basis');
    expect(cuesOnly.topicFor(basis)?.retrieved ?? true).toBe(true);
    expect(learned.topicFor(basis)?.topic).toBe('plan_basis');
  });

  it('learns only from labelled questions of the project’s own sets, each labelled with topics that exist and are chosen', () => {
    const sets = join(__dirname, '..', '..', '..', 'bench', 'sets', 'questions');
    const ids = new Set(
      readdirSync(sets)
        .filter((f) => /^questions-[a-z]\.json$/.test(f))
        .flatMap((f) => (JSON.parse(readFileSync(join(sets, f), 'utf8')) as { questions: { id: string; text: string }[] }).questions.map((q) => `${q.id}\u0000${q.text}`)),
    );
    const chosen = new Set(knowledge.topics.filter((t) => !t.internal).map((t) => t.id));
    const examples = knowledge.examples ?? [];
    expect(examples.length).toBeGreaterThan(250);
    for (const example of examples) {
      expect({ from: example.from, known: ids.has(`${example.from}\u0000${example.text}`) }).toEqual({ from: example.from, known: true });
      for (const topic of example.topics) expect({ from: example.from, topic, chosen: chosen.has(topic) }).toEqual({ from: example.from, topic, chosen: true });
    }
  });
});
