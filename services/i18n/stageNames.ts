import type { Locale } from './language';
import type { Application, Process, Stage } from '../model/application';
import { CITIES_WITHOUT_COUNTIES, type City } from '../model/taxonomy';

/** The stage names users read (shared/contract/README.md), per process and language. */
export const STAGE_NAMES: Record<Process, Partial<Record<Stage, { 'zh-CN': string; 'en-US': string }>>> = {
  recognition: {
    call_published: { 'zh-CN': '发布申报通知', 'en-US': 'Call for applications published' },
    submitted: { 'zh-CN': '提交申请', 'en-US': 'Application submitted' },
    county_forwarded: { 'zh-CN': '县级汇总', 'en-US': 'Collected by the county' },
    city_review: { 'zh-CN': '市级合规性审查', 'en-US': 'City compliance review' },
    expert_review: { 'zh-CN': '专家评审', 'en-US': 'Expert review' },
    results_reported: { 'zh-CN': '上报评审结果', 'en-US': 'Review results reported' },
    publicity: { 'zh-CN': '公示', 'en-US': 'Publicity period' },
    final: { 'zh-CN': '正式公布', 'en-US': 'Final result published' },
  },
  evaluation: {
    call_published: { 'zh-CN': '发布评价通知', 'en-US': 'Call for evaluation published' },
    submitted: { 'zh-CN': '提交评价申请', 'en-US': 'Evaluation application submitted' },
    city_review: { 'zh-CN': '市级合规性审查', 'en-US': 'City compliance review' },
    alliance_evaluation: { 'zh-CN': '联盟评价', 'en-US': 'Evaluation by the alliance' },
    results_reported: { 'zh-CN': '上报评价结果', 'en-US': 'Evaluation results reported' },
    publicity: { 'zh-CN': '公示', 'en-US': 'Publicity period' },
    final: { 'zh-CN': '正式公布', 'en-US': 'Final result published' },
  },
};

export const EXPERT_SUBSTEPS = [
  { key: 'writtenReview', 'zh-CN': '书面审查', 'en-US': 'Written review' },
  { key: 'defense', 'zh-CN': '现场答辩', 'en-US': 'On-site defense' },
  { key: 'fieldInspection', 'zh-CN': '实地考察', 'en-US': 'Field inspection' },
] as const;

/** Who acts at a stage, in words: the county or city department by name, the alliance, the commission. */
export function stageActor(stage: Stage, app: Application, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const direct = CITIES_WITHOUT_COUNTIES.includes(app.city as City);
  switch (stage) {
    case 'submitted':
      if (app.process === 'evaluation' || direct) return zh ? `贵企业向${app.city}市经济和信息化主管部门递交` : `your company submits to the ${app.city} city department`;
      return zh ? `贵企业向${app.county ?? '所在县（市、区）'}经济和信息化主管部门递交` : `your company submits to the ${app.county ?? 'county/district'} department`;
    case 'county_forwarded':
      return zh ? `${app.county ?? '县（市、区）'}经济和信息化主管部门汇总后报市` : `the ${app.county ?? 'county/district'} department collects and forwards to the city`;
    case 'city_review':
      return zh ? `${app.city}市经济和信息化主管部门进行合规性审查并提出推荐意见` : `the ${app.city} city department reviews compliance and gives its recommendation`;
    case 'expert_review':
      return zh ? '省工业互联网产业联盟组织专家评审（书面审查、现场答辩、实地考察）' : 'the provincial alliance organizes the expert review (written review, defense, field inspection)';
    case 'alliance_evaluation':
      return zh ? '省工业互联网产业联盟组织评价' : 'the provincial alliance evaluates';
    case 'results_reported':
      return zh ? '省联盟将结果报省经济和信息化委' : 'the alliance reports the results to the provincial commission';
    case 'publicity':
      return zh ? '省经济和信息化委审议后公示名单，公示期内可提出异议' : 'the commission publishes the proposed list; objections may be filed during the period';
    case 'final':
      return zh ? '省经济和信息化委正式公布结果' : 'the commission publishes the final result';
    default:
      return zh ? '省经济和信息化委发布通知' : 'the commission publishes the call';
  }
}
