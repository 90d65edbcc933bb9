import type { Intent, Understanding, UnderstandingService } from './intents';

/**
 * A deliberately small first recognizer: each intent lists cue words (Chinese and English); the intent with
 * the strongest cues wins. It exists so the conversation can be routed end to end; the understanding issue
 * replaces it with a lexicon-driven recognizer behind the same interface.
 */
const CUES: Partial<Record<Intent, string[]>> = {
  help: ['你好', '您好', '你能做什么', '能做什么', '帮助', '菜单', '功能', 'hello', 'hi', 'help', 'what can you do', 'menu'],
  application_status: ['申报进度', '申报到哪', '认定', '申请进度', '查询申报', 'application status', 'my application'],
  evaluation_status: ['评价进度', '评价结果', '年度评价', 'evaluation'],
  bind_enterprise: ['绑定', 'bind', 'link my company', 'link our company'],
  find_supplier: ['找服务商', '找供应商', '服务商', '供应商', '推荐', 'supplier', 'vendor', 'find a'],
  publicity: ['公示', 'publicity'],
  objection: ['异议', '举报', 'objection', 'object to'],
  recusal: ['回避', 'recus'],
  change_report: ['变更', '改名', '报备', 'change report', 'renamed'],
  how_to_apply: ['怎么申报', '如何申报', '申报材料', '申报条件', 'how to apply', 'how do i apply'],
  benefits: ['服务券', '扶持', '政策', '优惠', 'voucher', 'benefit', 'support'],
  events: ['对接会', '活动', 'event'],
  subscribe: ['订阅', 'subscribe'],
  unsubscribe: ['退订', '不要再推送', '取消订阅', 'unsubscribe'],
  contact_staff: ['人工', '工作人员', '联系方式', 'human', 'staff', 'contact'],
};

/** English cues match whole words ("hi" must not fire inside "this"); Chinese has no spaces to rely on. */
function matcher(cue: string): (lower: string) => boolean {
  if (/[^ -~]/.test(cue)) return (lower) => lower.includes(cue);
  const pattern = new RegExp(`\\b${cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  return (lower) => pattern.test(lower);
}

const MATCHERS = (Object.entries(CUES) as [Intent, string[]][]).map(([intent, cues]) => ({
  intent,
  cues: cues.map((cue) => ({ weight: cue.length, test: matcher(cue) })),
}));

export class KeywordRecognizer implements UnderstandingService {
  async understand(text: string): Promise<Understanding> {
    const lower = text.toLowerCase();
    const scored = MATCHERS.map(({ intent, cues }) => ({
      intent,
      // Longer cues are more specific: "不要再推送" should beat a stray "推荐".
      score: cues.filter((cue) => cue.test(lower)).reduce((sum, cue) => sum + cue.weight, 0),
    }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best) return { intent: 'none', score: 1, entities: {}, alternatives: [] };
    const total = scored.reduce((sum, s) => sum + s.score, 0);
    const normalized = scored.map((s) => ({ intent: s.intent, score: s.score / total }));
    return { intent: best.intent, score: normalized[0]!.score, entities: {}, alternatives: normalized.slice(1, 3) };
  }
}
