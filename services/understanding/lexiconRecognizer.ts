import { SpeechActs } from './acts';
import { compileCue, compileCues, type CueTest, type WeightedCue } from './cues';
import { EntityExtractor } from './entities';
import { IntentFamilies } from './families';
import { INTENTS, type Intent, type Understanding, type UnderstandingService } from './intents';
import type { UnderstandingData } from './lexicon';
import { NaiveBayes } from './naiveBayes';
import type { NeedClassifier } from './needClassifier';
import { chooseCategories } from './needFusion';
import { normalize } from './normalize';
import { SpanMatcher } from './spans';
import { SpellingRepair } from './spelling';

/** Below this, nothing the user said points anywhere: the intent is `none`. */
const NONE_BASELINE = 1;
/** How much the naive-Bayes backoff can add: enough to break ties and catch unlisted phrasings. */
const BACKOFF_WEIGHT = 3.5;
/**
 * A pain told only as its business consequence names no service and no procedure: when nothing else points
 * anywhere (the message would be `none`) and the catalog-trained model reads a need in it, it is a need.
 */
const PAIN_ONLY_POINTS = 3;
/** … and it shares this many n-grams with the catalog's texts: told at some length, not a word or two. */
const PAIN_ONLY_EVIDENCE = 8;
/**
 * Lexicon points of a category (a symptom: 2) that make a message with no word of the pool a need: 车间做到哪了
 * or 客户投诉裂纹 share words with a progress question or an objection, but a shop floor's pain is not a procedure.
 */
const SHOP_FLOOR_EVIDENCE = 2;
/** What saying one has not applied yet is worth to how_to_apply: a clear hint, as a cue of weight 2. */
const NOT_YET_APPLIED = 2;
/** How many recent messages' understandings are kept (a few hundred kilobytes at most). */
const RECENT_MAX = 2_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

interface Scored {
  intent: Intent;
  score: number;
}

/**
 * The bot's own recognizer: weighted cues from the team's lexicon decide, a status rule tells progress
 * questions about applications from those about evaluations, entities add hints (a need → find_supplier),
 * and a naive-Bayes model trained on the team's examples breaks ties and scores what no cue lists.
 * Scores become probabilities with a softmax, so a low top probability means "ask, don't guess".
 */
export class LexiconRecognizer implements UnderstandingService {
  /** Per intent: its phrases as longest-match spans (so 公示名单 counts once, not as 公示+名单), and its regexes. */
  private readonly cues: [Intent, SpanMatcher<number>, WeightedCue[]][];
  private readonly statusWords: CueTest[];
  private readonly weakStatusWords: CueTest[];
  private readonly evaluationWords: CueTest[];
  private readonly applicationWords: CueTest[];
  private readonly outOfScope: CueTest[];
  private readonly entities: EntityExtractor;
  private readonly backoff = new NaiveBayes<Intent>();
  private readonly families?: IntentFamilies;
  private readonly acts?: SpeechActs;
  private readonly spelling: SpellingRepair;
  /**
   * Many messages are the very same words (menu buttons send fixed texts; 申报进度 is typed by everyone), and
   * understanding depends on nothing but the text and the date (今年, 去年): recent answers are kept for the
   * Shanghai day, frozen so no caller can change what the next one gets.
   */
  private readonly recent = new Map<string, Understanding>();
  private recentDay = -1;
  /** A new catalog teaches new things: what was understood with the old model is forgotten. */
  private recentModel: NeedClassifier | undefined;

  /**
   * `needModel` gives the catalog-trained classifier of the current matching index: once a message is read as
   * a need (find_supplier), its categories and industry are read with it too (the pain, not only the words).
   */
  constructor(
    data: UnderstandingData,
    private readonly now: () => Date = () => new Date(),
    private readonly needModel: () => NeedClassifier | undefined = () => undefined,
  ) {
    this.cues = Object.entries(data.intents.cues).map(([intent, cues]) => [
      intent as Intent,
      new SpanMatcher(
        cues.filter(([cue]) => !cue.startsWith('re:')).map(([phrase, weight]) => ({ phrase, meaning: weight })),
        [],
        (weights) => Math.max(...weights),
      ),
      compileCues(cues.filter(([cue]) => cue.startsWith('re:'))),
    ]);
    this.statusWords = data.intents.statusWords.map(compileCue);
    this.weakStatusWords = data.intents.weakStatusWords.map(compileCue);
    this.evaluationWords = data.intents.evaluationWords.map(compileCue);
    this.applicationWords = data.intents.applicationWords.map(compileCue);
    this.outOfScope = data.intents.outOfScope.map(compileCue);
    this.entities = new EntityExtractor(data.domain, now);
    if (data.families) this.families = new IntentFamilies(data.families);
    if (data.families?.acts) {
      const phrases = (cues: string[]) => cues.filter((cue) => !cue.startsWith('re:'));
      const actPhrases = [
        ...Object.entries(data.intents.cues).flatMap(([intent, cues]) => phrases(cues.map(([cue]) => cue)).map((phrase) => ({ phrase, meaning: intent as Intent }))),
        ...phrases([...data.intents.applicationWords, ...data.intents.statusWords]).map((phrase) => ({ phrase, meaning: 'status' as const })),
        ...phrases(data.intents.evaluationWords).map((phrase) => ({ phrase, meaning: 'evaluation' as const })),
      ];
      this.acts = new SpeechActs(data.families.acts, actPhrases);
    }
    const askingWords = [...Object.values(data.intents.cues).flatMap((cues) => cues.map(([cue]) => cue)), ...data.intents.statusWords, ...data.intents.weakStatusWords, ...data.intents.evaluationWords, ...data.intents.applicationWords];
    this.spelling = new SpellingRepair(askingWords.filter((cue) => !cue.startsWith('re:')), data.domain.homophones);
    for (const [intent, examples] of Object.entries(data.training.examples)) {
      for (const example of examples) this.backoff.train(intent as Intent, normalize(example));
    }
  }

  async understand(text: string): Promise<Understanding> {
    const day = Math.floor((this.now().getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
    const model = this.needModel();
    if (day !== this.recentDay || this.recent.size >= RECENT_MAX || model !== this.recentModel) {
      this.recent.clear();
      this.recentDay = day;
      this.recentModel = model;
    }
    const known = this.recent.get(text);
    if (known) return known;
    const understood = deepFreeze(this.understandNow(text));
    this.recent.set(text, understood);
    return understood;
  }

  /** The same, synchronously and always worked out afresh (benchmarks and diagnostics). */
  understandNow(text: string): Understanding {
    const repaired = this.spelling.repair(normalize(text));
    // 不用转人工，你能帮我干嘛: a denied act is no request; what is left decides.
    const { text: normalized, denied } = this.acts ? this.acts.withoutDenied(repaired) : { text: repaired, denied: new Set<string>() };
    const evidence = this.entities.read(text, repaired);
    const entities = this.entities.decide(evidence);
    const scores = new Map<Intent, number>(INTENTS.map((i) => [i, 0]));
    const add = (intent: Intent, points: number) => scores.set(intent, scores.get(intent)! + points);

    for (const [intent, phrases, patterns] of this.cues) {
      for (const span of phrases.find(normalized)) add(intent, Math.max(...span.meanings));
      for (const pattern of patterns) if (pattern.test(normalized)) add(intent, pattern.weight);
    }

    const count = (tests: CueTest[]) => tests.filter((t) => t(normalized)).length;
    const evaluation = count(this.evaluationWords);
    const application = count(this.applicationWords);
    const topical = evaluation + application > 0;
    const status = Math.min(count(this.statusWords) + (topical ? count(this.weakStatusWords) : 0), 3);
    if (status > 0) {
      if (evaluation > 0) add('evaluation_status', 1 + status + Math.min(evaluation, 2));
      else add('application_status', 1 + status + Math.min(application, 2));
    }

    if (entities.serviceCategories) add('find_supplier', 3 + Math.min(entities.serviceCategories.length, 2));
    if (entities.creditCode || entities.nearCreditCode) add('bind_enterprise', 1);
    // 我们还没有申报: whoever has not applied has no application to follow; they are a prospective applicant.
    if (denied.has('status')) add('how_to_apply', NOT_YET_APPLIED);
    const offTopic = count(this.outOfScope);
    if (offTopic) add('none', 4 * offTopic);

    for (const [intent, p] of this.backoff.posterior(normalized)) add(intent, BACKOFF_WEIGHT * p);
    this.families?.apply(normalized, scores);
    this.acts?.apply(normalized, scores);
    add('none', NONE_BASELINE);
    const model = this.needModel();
    if (model?.size && !entities.serviceCategories && wouldBeNoneOf(scores)) {
      const reading = model.classifyNormalized(normalized).categories;
      if ((reading[0]?.evidence ?? 0) >= PAIN_ONLY_EVIDENCE && chooseCategories(new Map(), reading).categories.length) add('find_supplier', PAIN_ONLY_POINTS);
    }

    if (this.families && !this.families.mentionsPool(normalized)) {
      const told = Math.max(0, ...evidence.categoryScores.values()) >= SHOP_FLOOR_EVIDENCE;
      const top = Math.max(...scores.values());
      if (told && scores.get('find_supplier')! < top) scores.set('find_supplier', top + 1);
    }

    // 推荐一家好吃的早茶: seeking, with nothing of industry in it (no category, trade or need word), is no need.
    const seeksNothing = !entities.serviceCategories && !entities.industry && !evidence.categoryScores.size && this.families && !this.families.namesNeedObject(normalized);
    if (seeksNothing && scores.get('find_supplier')! >= Math.max(...scores.values())) {
      add('none', scores.get('find_supplier')!);
      scores.set('find_supplier', 0);
    }

    const ranked = softmax([...scores.entries()].map(([intent, score]) => ({ intent, score })));
    const [best, ...rest] = ranked;
    const readAsNeed = best!.intent === 'find_supplier' && model?.size;
    return {
      intent: best!.intent,
      score: best!.score,
      entities: readAsNeed ? this.entities.decide(evidence, model) : entities,
      alternatives: rest.filter((r) => r.score >= 0.05).slice(0, 3),
    };
  }
}

function wouldBeNoneOf(scores: Map<Intent, number>): boolean {
  const none = scores.get('none')!;
  return [...scores.values()].every((s) => s <= none);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function softmax(scored: Scored[]): Scored[] {
  const max = Math.max(...scored.map((s) => s.score));
  const exps = scored.map((s) => ({ intent: s.intent, e: Math.exp(s.score - max) }));
  const sum = exps.reduce((acc, x) => acc + x.e, 0);
  return exps.map((x) => ({ intent: x.intent, score: x.e / sum })).sort((a, b) => b.score - a.score);
}
