import type { GuidanceKnowledge } from '../../services/applications/guidance';
import type { TopicExample } from '../../services/knowledge/topicClassifier';
import type { ProvinceDocumentData } from '../../services/knowledge/document';
import document from './document.json';
import guidance from './guidance.json';
import topicExamples from './topicExamples.json';

/**
 * The bot's curated answers (zh and en), each naming the clauses of the province's document it comes from, and the
 * questions people asked, labelled with the answer that fits them (what the topic classifier learns from).
 */
export function loadGuidance(): GuidanceKnowledge {
  return { ...(guidance as unknown as GuidanceKnowledge), examples: (topicExamples as { examples: TopicExample[] }).examples };
}

/** The project's copy of the province's document (粤经信办函〔2018〕348号), clause by clause. */
export function loadProvinceDocument(): ProvinceDocumentData {
  return document as unknown as ProvinceDocumentData;
}
