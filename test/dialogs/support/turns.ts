import type { Activity } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';
import { seedDemoData } from '../../../data/demo/seed';
import type { Store } from '../../../data/store';
import { testChats } from '../../support/dialogs';
import { openTestStore } from '../../support/store';

/**
 * One turn of a scripted conversation, the way BotBuilder-Samples' core-bot tests its booking dialog: what
 * the user sends (text, or a card button's value), and what the bot's replies must contain, in order.
 */
export interface Turn {
  user: string | { text?: string; value: unknown };
  /** Each must appear in the turn's replies (text, card text or buttons), in this order. */
  bot: (string | RegExp)[];
  /** And none of these may. */
  not?: (string | RegExp)[];
}

/** What a user reads of one reply: its text, a card's text, fallback and button titles. */
export function readable(reply: Partial<Activity>): string {
  const parts = [reply.text ?? ''];
  for (const a of reply.attachments ?? []) {
    const card = a.content as { text?: string; fallbackText?: string; buttons?: { title: string }[]; body?: { text?: string }[]; actions?: { title: string }[] } | undefined;
    parts.push(card?.text ?? '', card?.fallbackText ?? '', ...(card?.buttons ?? []).map((b) => b.title), ...(card?.body ?? []).map((b) => b.text ?? ''), ...(card?.actions ?? []).map((b) => b.title));
  }
  return parts.filter(Boolean).join('\n');
}

/** Sends one turn as `user`; every reply, readable. */
export async function say(client: DialogTestClient, user: string, turn: Turn['user']): Promise<string[]> {
  const from = { id: user, name: user } as Activity['from'];
  const activity = typeof turn === 'string' ? { type: 'message', text: turn, from } : { type: 'message', text: turn.text, value: turn.value, from };
  const replies: Partial<Activity>[] = [await client.sendActivity(activity as Partial<Activity>)];
  for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
  return replies.filter(Boolean).map(readable);
}

/** Plays the turns in order, checking each turn's replies before the next is sent. */
export async function play(client: DialogTestClient, user: string, turns: Turn[]): Promise<void> {
  for (const [i, turn] of turns.entries()) {
    const read = (await say(client, user, turn.user)).join('\n———\n');
    let from = 0;
    for (const expected of turn.bot) {
      const at = typeof expected === 'string' ? read.indexOf(expected, from) : read.slice(from).search(expected) + (read.slice(from).search(expected) < 0 ? -from - 1 : from);
      if (at < 0) throw new Error(`turn ${i + 1} (${JSON.stringify(turn.user)}): expected ${String(expected)} after position ${from} in:\n${read}`);
      from = at + 1;
    }
    for (const unwanted of turn.not ?? []) {
      if (typeof unwanted === 'string' ? read.includes(unwanted) : unwanted.test(read)) throw new Error(`turn ${i + 1} (${JSON.stringify(turn.user)}): did not expect ${String(unwanted)} in:\n${read}`);
    }
  }
}

/** Registers a store with the demo data and the whole main dialog over it for the test file; new chats from `chat()`. */
export function demoChats(): { store: () => Store; chat: () => DialogTestClient } {
  let store: Store;
  let chats: () => DialogTestClient;
  beforeAll(async () => {
    store = await openTestStore();
    await seedDemoData(store);
    chats = await testChats(store);
  });
  afterAll(() => store.close());
  return { store: () => store, chat: () => chats() };
}
