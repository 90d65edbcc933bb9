import type { Notice, Round, RoundState } from '../model/notice';

/**
 * A publicity notice's reminders, in one place: when they are due (scheduled by the scheduler) and when one
 * that is due is skipped instead (decided by the engine as it starts the round). The province's document
 * (公示) sets the objection period; the reminders are the assistant's own courtesy within it.
 */
export type Reminder = Exclude<Round, 'main'>;

/** A reminder this soon after the notice itself went out would say the same thing twice. */
const OPENING_AFTER_MAIN_MS = 12 * 3600_000;

/**
 * When a publicity notice's reminders are due: the opening (the period's first day, 09:00 Shanghai), two days
 * before the deadline and the closing day (09:00, when people read). Dates already past are left out.
 */
export function reminderTimes(notice: Notice, now: Date): Partial<Record<Reminder, Date>> {
  if (notice.kind !== 'publicity' || !notice.period || notice.reminders === false) return {};
  const nineAm = (value: string, daysBefore = 0) => {
    const day = value.slice(0, 10);
    const at = new Date(`${day}T09:00:00+08:00`);
    at.setUTCDate(at.getUTCDate() - daysBefore);
    return at;
  };
  const start = notice.period.start.length === 10 ? nineAm(notice.period.start) : new Date(notice.period.start);
  const times: Partial<Record<Reminder, Date>> = {
    opening: start,
    deadline_soon: nineAm(notice.period.end, 2),
    closing: nineAm(notice.period.end),
  };
  for (const [round, at] of Object.entries(times) as [Reminder, Date][]) {
    if (at.getTime() <= now.getTime() || at.getTime() < start.getTime()) delete times[round];
  }
  // A short period: the "two days before" reminder would come before (or with) the opening.
  if (times.deadline_soon && times.deadline_soon.getTime() <= start.getTime()) delete times.deadline_soon;
  return times;
}

/** The rounds a new notice schedules: its sendAt (if any) and its reminders. */
export function scheduledRounds(notice: Notice, now: Date): { round: Round; at: Date }[] {
  const plan: { round: Round; at: Date }[] = [];
  if (notice.sendAt) plan.push({ round: 'main', at: new Date(notice.sendAt) });
  for (const [round, at] of Object.entries(reminderTimes(notice, now)) as [Reminder, Date][]) plan.push({ round, at });
  return plan;
}

/**
 * The state a round starts in: preparing, or (a reminder) skipped — when the notice itself never went out,
 * or went out at the opening (the opening reminder would repeat it).
 */
export function startingState(notice: Notice, round: Round, now: Date): RoundState {
  const main = notice.rounds?.main;
  const at = now.toISOString();
  if (round !== 'main' && !(main && ['preparing', 'sending', 'done'].includes(main.status))) return { status: 'skipped', at, reason: 'the notice itself was never sent' };
  if (round === 'opening' && main && Date.parse(main.at) >= now.getTime() - OPENING_AFTER_MAIN_MS) return { status: 'skipped', at, reason: 'the notice itself went out at the opening' };
  return { status: 'preparing', at };
}
