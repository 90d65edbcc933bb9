import type { Activity } from 'botbuilder';

/**
 * What CloudAdapter.process does to an incoming body before processActivity: turn ISO timestamps into Dates
 * (keeping the raw strings). Written here because botbuilder does not export its validateAndFixActivity, and
 * we call processActivity ourselves so that rejected requests get our JSON errors and structured logs
 * instead of a plain-text body and a stack trace on stderr.
 */
export function activityFromBody(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
