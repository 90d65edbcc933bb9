import type { GuidanceKnowledge } from '../../services/applications/guidance';
import guidance from './guidance.json';

/** The bot's process knowledge (zh and en), written from the province's document. */
export function loadGuidance(): GuidanceKnowledge {
  return guidance as unknown as GuidanceKnowledge;
}
