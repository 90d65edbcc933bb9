import { escapeRegExp } from './cues';
import { normalize } from './normalize';

/** How a group's phrases meet a message: all of it (maybe with trailing particles), its start, or anywhere. */
export interface PhraseGroup {
  match: 'whole' | 'start' | 'anywhere';
  /** Characters allowed after a whole-message phrase ("算了吧！"). */
  trailing?: string;
  /** Phrases, or regular expressions prefixed 're:'. */
  phrases: string[];
}

export interface ChoiceGroup {
  match: PhraseGroup['match'];
  /** Per choice its words, in the order they are tried (the first that matches wins). */
  keys: Record<string, string[]>;
}

/** The shape of data/understanding/replies.json (loaded in data/; the domain only sees this type). */
export interface ReplyData {
  groups: Record<ReplyKind, PhraseGroup>;
  choices: Record<ChoiceKind, ChoiceGroup>;
}

export type ReplyKind = 'skip' | 'confirm' | 'cancel' | 'more' | 'refine' | 'unbind' | 'directory' | 'subscriptionSettings' | 'publishNotice';
export type ChoiceKind = 'subscriptionTopic' | 'noticeKind' | 'audience';

type Test = (text: string) => boolean;

function compile(match: PhraseGroup['match'], phrases: string[], trailing = ''): Test {
  const sources = phrases.map((p) => (p.startsWith('re:') ? p.slice(3) : escapeRegExp(p).replace(/ /g, ' ?')));
  const alternatives = `(?:${sources.join('|')})`;
  const tail = trailing ? `[${escapeRegExp(trailing).replace(/ /g, '\\s')}]*` : '';
  const pattern = new RegExp(match === 'whole' ? `^${alternatives}${tail}$` : match === 'start' ? `^${alternatives}` : alternatives, 'iu');
  // As written and as normalized: the one keeps every reply that worked before, the other adds traditional
  // characters and Cantonese (唔填 → 不填, 係 → 是).
  return (text) => {
    const trimmed = text.trim();
    return pattern.test(trimmed) || pattern.test(normalize(trimmed));
  };
}

/**
 * The short replies of a conversation — skip, confirm, cancel, "more" — and the words that pick a choice by
 * typing, from the team's data: one reading for every flow, so 不填 skips wherever a question may be skipped.
 */
export class Replies {
  private readonly groups = new Map<ReplyKind, Test>();
  private readonly choices = new Map<ChoiceKind, [string, Test][]>();

  constructor(data: ReplyData) {
    for (const [kind, group] of Object.entries(data.groups) as [ReplyKind, PhraseGroup][]) this.groups.set(kind, compile(group.match, group.phrases, group.trailing));
    for (const [kind, group] of Object.entries(data.choices) as [ChoiceKind, ChoiceGroup][]) {
      this.choices.set(kind, Object.entries(group.keys).map(([key, words]) => [key, compile(group.match, words)]));
    }
  }

  /** Whether the message is a reply of this kind. */
  is(kind: ReplyKind, text: string | undefined): boolean {
    const test = this.groups.get(kind);
    if (!test) throw new Error(`replies.json has no group "${kind}"`);
    return Boolean(text) && test(text!);
  }

  /** Leaving an optional question unanswered: 跳过, 不填, 没有, skip, no … */
  isSkip(text: string | undefined): boolean {
    return this.is('skip', text);
  }

  /** Yes to a confirmation: 是, 确认, 好, 提交, yes, ok … (typed instead of pressing the button). */
  isConfirm(text: string | undefined): boolean {
    return this.is('confirm', text);
  }

  /** Leaving the flow: the bare word (取消, 算了吧, cancel); "取消订阅" is unsubscribing, not cancelling. */
  isCancel(text: string | undefined): boolean {
    return this.is('cancel', text);
  }

  /** Every choice of the group the message names (订阅公示和活动 → publicity, event). */
  named(kind: ChoiceKind, text: string | undefined): string[] {
    if (!text) return [];
    return (this.choices.get(kind) ?? []).filter(([, test]) => test(text)).map(([key]) => key);
  }

  /** The first choice of the group the message names, or null. */
  choice(kind: ChoiceKind, text: string | undefined): string | null {
    return this.named(kind, text)[0] ?? null;
  }
}
