import cron from 'node-cron';
import type { ArmTimer } from '../../services/notices/scheduler';

/**
 * Arms a one-off job with node-cron in Asia/Shanghai time: the expression names the second, minute, hour,
 * day and month. node-cron has no year field, so a job more than a year out also matches earlier; the
 * callback fires only once the moment has really come. A moment already past fires at once.
 */
export const cronTimer: ArmTimer = (at, fire) => {
  if (at.getTime() <= Date.now()) {
    const immediate = setImmediate(fire);
    return () => clearImmediate(immediate);
  }
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const expression = `${Number(parts.second)} ${Number(parts.minute)} ${Number(parts.hour)} ${Number(parts.day)} ${Number(parts.month)} *`;
  const task = cron.schedule(
    expression,
    () => {
      if (Date.now() < at.getTime() - 1_000) return;
      void task.stop();
      fire();
    },
    { timezone: 'Asia/Shanghai' },
  );
  return () => void task.stop();
};
