import { loadGuidance, loadProvinceDocument } from '../../data/knowledge/load';
import { Guidance } from '../../services/applications/guidance';
import { ProvinceDocument } from '../../services/knowledge/document';

/** The bot's guidance over the project's own knowledge files, as the desk builds it. */
export const guidance = new Guidance(loadGuidance(), new ProvinceDocument(loadProvinceDocument()));

/** What the desk answers a question with: the chosen topic's answer, else the clause retrieval or the nearest one gives. */
export function answered(question: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const topic = guidance.topicFor(question);
  return topic ? guidance.answer(topic.topic, locale, question) : (guidance.retrieve(question) ?? guidance.nearest(question));
}
