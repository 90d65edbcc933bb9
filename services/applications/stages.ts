import type { Locale } from '../i18n';
import { STAGE_NAMES, stageActor } from '../i18n/stageNames';
import type { Application, Process, Stage } from '../model/application';
import { CITIES_WITHOUT_COUNTIES, type City } from '../model/taxonomy';

export { EXPERT_SUBSTEPS } from '../i18n/stageNames';

export function stageName(process: Process, stage: Stage, locale: Locale): string {
  return STAGE_NAMES[process][stage]?.[locale] ?? stage;
}

/** The stages of a process in order; recognition in Dongguan and Zhongshan has no county step. */
export function stagesOf(process: Process, city: string): Stage[] {
  const all = Object.keys(STAGE_NAMES[process]) as Stage[];
  return process === 'recognition' && CITIES_WITHOUT_COUNTIES.includes(city as City) ? all.filter((s) => s !== 'county_forwarded') : all;
}

export interface NextStep {
  stage: Stage;
  name: string;
  who: string;
}

/** What comes next and who acts; null once the result is final. */
export function nextStep(app: Application, locale: Locale): NextStep | null {
  const order = stagesOf(app.process, app.city);
  const next = order[order.indexOf(app.stage) + 1];
  return next ? { stage: next, name: stageName(app.process, next, locale), who: stageActor(next, app, locale) } : null;
}
