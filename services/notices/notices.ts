import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PROCESSES, STAGES } from '../model/application';
import { NOTICE_KINDS, ROUNDS, TOPICS, type Notice, type Round, type RoundState } from '../model/notice';
import { CITIES, RATINGS } from '../model/taxonomy';
import type { NoticeRepository, DeliveryRepository } from '../ports';
import { withoutLease } from './broadcast/rounds';
import { countsOf, emptyCounts, throttledOf, type Delivery, type DeliveryCounts, type DeliveryStatus } from './deliveries';

const text = z.union([z.string().trim().min(1).transform((zh) => ({ zh })), z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1).optional() })]);
const dateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00+08:00` : v)), { message: 'not a date or date-time (ISO 8601)' });
const url = z.string().url().refine((v) => /^https?:/.test(v), { message: 'only http(s) links' });

const audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribers'), topics: z.array(z.enum(TOPICS)).optional() }),
  z.object({
    type: z.literal('enterprises'),
    filter: z.object({ city: z.enum(CITIES).optional(), rating: z.enum(RATINGS).optional(), process: z.enum(PROCESSES).optional(), stage: z.enum(STAGES).optional(), batch: z.string().min(1).optional() }),
  }),
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('conversations'), ids: z.array(z.string().min(1)).min(1).max(10_000) }),
]);

/** A notice as staff submit it (POST /api/admin/notices, or the staff flow in Teams). */
export const NoticeInputSchema = z
  .object({
    kind: z.enum(NOTICE_KINDS),
    title: text,
    text,
    audience,
    sendAt: dateTime.optional(),
    period: z.object({ start: dateTime, end: dateTime }).optional(),
    list: z.array(z.object({ creditCode: z.string().min(1), name: z.string().min(1), process: z.enum(PROCESSES) })).optional(),
    deadline: dateTime.optional(),
    event: z.object({ at: dateTime, place: z.string().min(1), signupUrl: url.optional() }).optional(),
    link: url.optional(),
    attachment: z.object({ name: z.string().min(1), url }).optional(),
    reminders: z.boolean().optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.kind === 'publicity' && !n.period) ctx.addIssue({ code: 'custom', path: ['period'], message: 'a publicity notice needs its period (start, end)' });
    if (n.period && Date.parse(n.period.end) < Date.parse(n.period.start)) ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'the period ends before it starts' });
    if (n.kind === 'call' && !n.deadline) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'a call needs its deadline' });
    if (n.kind === 'event' && !n.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'an event needs its time and place' });
  });
export type NoticeInput = z.input<typeof NoticeInputSchema>;

export type NoticeStatus = 'draft' | RoundState['status'];

export interface NoticeReport {
  id: string;
  kind: Notice['kind'];
  title: string;
  status: NoticeStatus;
  counts: DeliveryCounts;
  /** Per round: its state, counts, and `throttled` (the channel's 429s so far). */
  rounds: Partial<Record<Round, RoundState & { counts: DeliveryCounts; throttled: number }>>;
}

/** Creating notices, sending them now, and reporting on them; the engine and scheduler do the sending. */
export class Notices {
  constructor(
    private readonly deps: {
      notices: NoticeRepository;
      deliveries: DeliveryRepository;
      plan: (notice: Notice) => Promise<unknown>;
      startRound: (noticeId: string, round: Round) => Promise<RoundState | null>;
      now?: () => Date;
    },
  ) {}

  parse(body: unknown): { ok: true; input: z.output<typeof NoticeInputSchema> } | { ok: false; errors: string[] } {
    const parsed = NoticeInputSchema.safeParse(body);
    if (parsed.success) return { ok: true, input: parsed.data };
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
  }

  async create(input: z.output<typeof NoticeInputSchema>, createdBy: string, progressTo?: Record<string, unknown>): Promise<Notice> {
    const now = (this.deps.now ?? (() => new Date()))();
    const notice: Notice = {
      ...input,
      id: `N${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`,
      createdBy,
      createdAt: now.toISOString(),
      ...(input.sendAt ? { sendAt: new Date(input.sendAt).toISOString(), rounds: { main: { status: 'scheduled', at: new Date(input.sendAt).toISOString() } } } : {}),
      ...(progressTo ? { progressTo } : {}),
    };
    await this.deps.notices.upsert(notice);
    await this.deps.plan(notice);
    return notice;
  }

  /** Sends now (POST …/send); null when there is no such notice. */
  async sendNow(id: string): Promise<RoundState | null> {
    if (!(await this.deps.notices.get(id))) return null;
    return this.deps.startRound(id, 'main');
  }

  async report(id: string): Promise<NoticeReport | null> {
    const notice = await this.deps.notices.get(id);
    if (!notice) return null;
    const counts = emptyCounts();
    const rounds: NoticeReport['rounds'] = {};
    for (const round of ROUNDS) {
      const state = notice.rounds?.[round];
      if (!state) continue;
      const tally = (await this.deps.deliveries.getTally(id, round))?.value ?? null;
      const roundCounts = countsOf(tally);
      rounds[round] = { ...withoutLease(state), counts: roundCounts, throttled: throttledOf(tally) };
      for (const key of Object.keys(counts) as (keyof DeliveryCounts)[]) counts[key] += roundCounts[key];
    }
    return { id, kind: notice.kind, title: notice.title.zh, status: notice.rounds?.main?.status ?? 'draft', counts, rounds };
  }

  async recent(limit: number): Promise<Pick<Notice, 'id' | 'kind' | 'title' | 'sendAt' | 'createdAt' | 'rounds'>[]> {
    return (await this.deps.notices.listRecent(limit)).map(({ id, kind, title, sendAt, createdAt, rounds }) => ({ id, kind, title, sendAt, createdAt, rounds }));
  }

  async deliveries(id: string, status?: DeliveryStatus): Promise<Delivery[] | null> {
    if (!(await this.deps.notices.get(id))) return null;
    return this.deps.deliveries.list(id, status);
  }
}
