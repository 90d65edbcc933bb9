import { sendCsv } from './export';
import type { Request, Response, Server } from 'restify';
import { shanghaiDay } from '../../services/calendar';
import type { UnderstandingService } from '../../services/understanding/intents';
import { handler, jsonObjectBody, sendError } from '../http';
import type { UtteranceRepository } from '../../services/ports';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 2000;

/**
 * Staff diagnostics: what the bot understands from a text, and the unclear messages it kept (redacted),
 * as JSON or CSV, so the lexicon can be improved from real traffic.
 */
export function mountUnderstandingRoutes(
  server: Server,
  deps: {
    guard: (req: Request, res: Response) => boolean;
    understanding: UnderstandingService;
    utterances: UtteranceRepository;
    /** The procedure topic a question is about (guidance.json), answered from the province's document. */
    topicOf?: (text: string) => string | null;
    /** The bot's reading of the message (pinyin into characters), as the chat hears it. */
    read?: (text: string) => string;
  },
): void {
  server.post('/api/admin/understand', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const text = jsonObjectBody(req)?.text;
    if (typeof text !== 'string' || !text.trim()) return sendError(res, 400, 'BadArgument', 'The body must be {"text": "<a non-empty message>"}.');
    if (text.length > MAX_TEXT) return sendError(res, 400, 'BadArgument', `text is longer than ${MAX_TEXT} characters.`);
    const heard = deps.read?.(text) ?? text;
    const u = await deps.understanding.understand(heard);
    const topic = deps.topicOf?.(heard) ?? null;
    res.send(200, {
      intent: u.intent,
      score: round(u.score),
      entities: u.entities,
      alternatives: u.alternatives.map((a) => ({ ...a, score: round(a.score) })),
      ...(topic ? { topic } : {}),
      ...(heard !== text ? { heard } : {}),
    });
  }));

  server.get('/api/admin/utterances', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const today = shanghaiDay(new Date());
    const from = query.from ?? today;
    const to = query.to ?? today;
    if (!DAY.test(from) || !DAY.test(to) || from > to) return sendError(res, 400, 'BadArgument', 'from and to are days (YYYY-MM-DD), from ≤ to.');
    const format = query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') return sendError(res, 400, 'BadArgument', 'format is json or csv.');
    const utterances = await deps.utterances.listDays(from, to);
    if (format === 'json') return res.send(200, { from, to, utterances });
    sendCsv(
      res,
      `unclear-utterances-${from}-${to}`,
      utterances.map((u) => [u.at, u.text, u.intent, round(u.score), u.alternatives.map((a) => `${a.intent}:${round(a.score)}`).join(' '), u.locale, u.channelId]),
      ['at', 'text', 'intent', 'score', 'alternatives', 'locale', 'channel'],
    );
  }));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
