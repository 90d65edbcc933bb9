/**
 * `npm run bench:answers -- <questions.json> [--out <file>] [--port <n>]`: every question through the real bot
 * (Direct Line, as Web Chat talks to it; the bot with its demo data on an embedded store), each in a fresh
 * conversation, and the bot's full answer written out for grading — `<out>.json` and `<out>.md` (default
 * `.bench/answers-<time>`). Input: `{"questions": [{"id", "lang", "text", ...}]}`; a question may carry
 * `"turns": [..]` to say several messages in one conversation. Other fields are copied to the output as they are.
 * Grades nothing: a person (or a grader) reads the answers against the document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/server';
import { openStore } from '../data/store';
import { DirectLineClient, type DlActivity } from '../test/support/directLineClient';

interface Question {
  id: string;
  lang?: string;
  text: string;
  turns?: string[];
  [more: string]: unknown;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** What a person sees of a reply: its text, a card's title, text and buttons, a file's name and link. */
function rendered(activity: DlActivity): string {
  const parts = activity.text ? [activity.text] : [];
  for (const attachment of activity.attachments ?? []) {
    const content = (attachment.content ?? {}) as { title?: string; text?: string; fallbackText?: string; buttons?: { title: string }[]; actions?: { title: string }[] };
    const file = attachment as unknown as { name?: string; contentUrl?: string };
    if (attachment.contentType.startsWith('application/vnd.microsoft.card.adaptive')) parts.push(content.fallbackText ?? '');
    else if (attachment.contentType.startsWith('application/vnd.microsoft.card')) parts.push([content.title, content.text].filter(Boolean).join('\n'));
    else parts.push(`[file] ${file.name ?? attachment.contentType}${file.contentUrl ? ` ${file.contentUrl}` : ''}`);
    const buttons = [...(content.buttons ?? []), ...(content.actions ?? [])].map((b) => b.title);
    if (buttons.length) parts.push(`[buttons] ${buttons.join(' | ')}`);
  }
  return parts.filter((p) => p.trim()).join('\n\n');
}

/**
 * A new user's conversation. The local channel admits 30 new identities a minute per address (the lockout's
 * guard), so past that the bench waits its turn rather than reusing a user (each question must start afresh).
 */
async function freshConversation(url: string, label: string): Promise<DirectLineClient> {
  for (;;) {
    const dl = new DirectLineClient(url, label);
    try {
      await dl.start();
      // A refused token (429) leaves the client without one, though the conversation may have started anonymously.
      if (dl.token) return dl;
    } catch (err) {
      if (!String((err as Error).message).includes('429')) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/** The bot's replies so far; a failed read (the channel answering an error) is retried a few times, then reported. */
async function repliesOf(dl: DirectLineClient): Promise<DlActivity[]> {
  for (let attempt = 1; ; attempt++) {
    const { status, json } = await dl.call('GET', `/conversations/${dl.conversationId}/activities?watermark=${dl.watermark}`);
    if (Array.isArray(json.activities)) {
      dl.watermark = json.watermark;
      return json.activities.filter((a) => a.from.id !== dl.userId);
    }
    if (attempt >= 5) throw new Error(`reading replies failed: ${status} ${JSON.stringify(json.error ?? json)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    process.stderr.write('usage: npm run bench:answers -- <questions.json> [--out <file>] [--port <n>]\n');
    process.exit(2);
  }
  const { questions } = JSON.parse(readFileSync(file, 'utf8')) as { questions: Question[] };
  const out = arg('--out') ?? join('.bench', `answers-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const store = await openStore({ databaseId: `bench-answers-${Date.now()}` });
  const app = await startApp(loadConfig({ PORT: arg('--port') ?? '0', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }), { store });
  const results = [];
  try {
    for (const [i, q] of questions.entries()) {
      const dl = await freshConversation(app.url, `bench-${i}`);
      const exchange: { user: string; bot: string[] }[] = [];
      for (const turn of q.turns ?? [q.text]) {
        const locale = q.lang === 'en' ? 'en-US' : q.lang === 'zh' ? 'zh-CN' : undefined;
        const posted = await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', text: turn, locale, from: { id: dl.userId } });
        const id = (posted.json as unknown as { id?: string }).id;
        // The first message also brings the welcome (answering the channel's conversationUpdate): only replies to the question count.
        const replies = (await repliesOf(dl)).filter((a) => !id || (a as DlActivity & { replyToId?: string }).replyToId === id);
        exchange.push({ user: turn, bot: replies.map(rendered) });
      }
      results.push({ ...q, answer: exchange.map((e) => e.bot.join('\n\n')).join('\n\n---\n\n'), exchange });
      process.stdout.write(`\r${i + 1}/${questions.length}`);
    }
  } finally {
    await app.close();
    await store.close();
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.json`, JSON.stringify({ questions: results }, null, 1));
  const md = results.map((r) => `## ${r.id} (${r.lang ?? '?'})\n\n**Q:** ${(r.turns ?? [r.text]).join(' → ')}\n\n${r.answer.split('\n').map((l) => `> ${l}`).join('\n')}\n`).join('\n');
  writeFileSync(`${out}.md`, `# Answers (${results.length} questions, ${new Date().toISOString()})\n\n${md}`);
  process.stdout.write(`\n${results.length} answers → ${out}.json, ${out}.md\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
