import { chooseLocale, type Locale } from '../i18n';
import type { EntityExtractor } from '../understanding/entities';
import type { NeedClassifier } from '../understanding/needClassifier';
import { normalize } from '../understanding/normalize';

/** What a manufacturer needs, as far as the words tell. */
export interface Need {
  text: string;
  locale: Locale;
  serviceCategories: string[];
  /** Those of serviceCategories inferred from the pain by the catalog-trained model (the reasons say so). */
  inferredCategories?: string[];
  /** How strongly each needed category is meant (absent or missing: fully); coverage is weighted by it. */
  categoryWeights?: Record<string, number>;
  /** No category yet, the words too vague: the likeliest ones, to ask which is meant. */
  candidateCategories?: string[];
  industry: string | null;
  /** A stated preference only: never a filter (province-wide mutual recognition). */
  city: string | null;
  /** 万元 per year the manufacturer is willing to pay, if stated. */
  budgetWan: number | null;
  /** How soon it must run, in days, if stated. */
  withinDays: number | null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };

function number(raw: string): number {
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw === '十') return 10;
  if (raw.startsWith('十')) return 10 + (CN_DIGITS[raw[1]!] ?? 0);
  if (raw.endsWith('十')) return (CN_DIGITS[raw[0]!] ?? 1) * 10;
  if (raw.length === 3 && raw[1] === '十') return (CN_DIGITS[raw[0]!] ?? 0) * 10 + (CN_DIGITS[raw[2]!] ?? 0);
  return CN_DIGITS[raw] ?? NaN;
}

const NUM = '(\\d+(?:\\.\\d+)?|[一两二三四五六七八九十半]{1,3})';

/** "预算10万以内", "不超过五万", "20万左右", "budget 100k", "50,000 yuan" → 万元. */
export function parseBudget(normalized: string): number | null {
  const wan = new RegExp(`(?:预算|不超过|不高于|最多|以内|控制在|大概|左右|budget)?\\s*${NUM}\\s*(万|w)`).exec(normalized);
  if (wan && /预算|不超过|不高于|最多|以内|控制|左右|大概|budget|万块|万元|预算/.test(normalized)) {
    const value = number(wan[1]!);
    if (Number.isFinite(value)) return value;
  }
  const english = /budget\D{0,12}(\d+(?:\.\d+)?)\s*(k|万|thousand)?/.exec(normalized);
  if (english) {
    const value = Number(english[1]);
    if (english[2] === 'k' || english[2] === 'thousand') return value / 10;
    if (english[2] === '万') return value;
    return value >= 1000 ? value / 10_000 : value;
  }
  return null;
}

/** "一个月内上线", "两周", "尽快", "30天", "within 3 weeks" → days. */
export function parseUrgency(normalized: string): number | null {
  const unit = new RegExp(`${NUM}\\s*(个)?(天|日|周|星期|个月|月)(内|以内|之内|上线|搞定|完成|部署)?`).exec(normalized);
  if (unit && /(内|以内|之内|上线|搞定|完成|部署|尽快|要|之前)/.test(normalized)) {
    const n = number(unit[1]!);
    const days = unit[3] === '天' || unit[3] === '日' ? n : unit[3] === '周' || unit[3] === '星期' ? n * 7 : n * 30;
    if (Number.isFinite(days)) return Math.round(days);
  }
  const english = /within\s+(\d+)\s*(day|week|month)/.exec(normalized);
  if (english) return Number(english[1]) * (english[2] === 'day' ? 1 : english[2] === 'week' ? 7 : 30);
  if (/尽快|越快越好|马上|急|asap|urgent/.test(normalized)) return 30;
  return null;
}

/**
 * Reads a need from free text, with an explicit city (e.g. from /api/match) taking precedence. `model`, the
 * classifier trained on the catalog (MatchIndex.classifier), reads the pain where the lexicon has no word.
 */
export function parseNeed(extractor: EntityExtractor, text: string, explicitCity?: string | null, model?: NeedClassifier): Need {
  const normalized = normalize(text);
  const entities = extractor.extract(text, normalized, model);
  return {
    text,
    locale: chooseLocale(text),
    serviceCategories: entities.serviceCategories ?? [],
    ...(entities.inferredCategories ? { inferredCategories: entities.inferredCategories } : {}),
    ...(entities.categoryWeights ? { categoryWeights: entities.categoryWeights } : {}),
    ...(entities.candidateCategories ? { candidateCategories: entities.candidateCategories } : {}),
    industry: entities.industry ?? null,
    city: explicitCity ?? entities.city ?? null,
    budgetWan: parseBudget(normalized),
    withinDays: parseUrgency(normalized),
  };
}

/**
 * A need too vague to name a category, answered without a question (the API; the chat asks first): ranked on its
 * likeliest categories, the first fully and the others half, and the reasons say they were inferred.
 */
export function likeliestReading(need: Need): Need {
  const guesses = need.candidateCategories!;
  return { ...need, serviceCategories: guesses, inferredCategories: guesses, categoryWeights: Object.fromEntries(guesses.map((c, i) => [c, i ? 0.5 : 1])) };
}
