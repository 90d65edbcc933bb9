import type { Audience } from '../model/notice';

/**
 * Who may do what in the staff console and the admin API. `admin` does everything, `editor` notices and
 * imports (and answers submissions), `viewer` reads. A city-scoped person (a city department) sees only the
 * enterprises and submissions of their city; provincial staff (commission, alliance) have no city.
 */
export const STAFF_ROLES = ['admin', 'editor', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffIdentity {
  /** Stable id: the token's `oid`/`sub`, or "admin-token". */
  subject: string;
  name: string;
  role: StaffRole;
  /** A city department's staff see only this city (Chinese city name, e.g. 佛山). */
  city?: string;
  /** How they signed in: the ADMIN_TOKEN, Entra ID in the browser, or Teams' single sign-on in the tab. */
  via: 'token' | 'oidc' | 'teams';
}

/**
 * `readProvince`: the province-wide records that carry enterprises' data beyond one city (leads and
 * customer feedback, the admin API's lists).
 */
export type StaffAction = 'read' | 'readProvince' | 'send' | 'import' | 'answer' | 'administer';

/**
 * The one table of who may do what: the routes check it (bot/staff/guard.ts) and the page shows only the
 * tabs and controls it allows (POST /staff/api/me hands the page `allowedActions`).
 */
const ALLOWED: Record<StaffRole, StaffAction[]> = {
  admin: ['read', 'readProvince', 'send', 'import', 'answer', 'administer'],
  editor: ['read', 'readProvince', 'send', 'import', 'answer'],
  viewer: ['read', 'readProvince'],
};
/**
 * What a city department does not have, whatever its role: importing the supplier catalog or the
 * applications (both are the province's pool — commission and alliance — and every provincial member is in
 * every city's pool, so one city's sheet would rewrite what every other city sees), and the province-wide
 * records. Its notices are narrowed to its city (scopedAudience).
 */
const PROVINCE_ONLY: StaffAction[] = ['import', 'readProvince'];

/** Whether the role allows the action (before the city scope). */
export function may(identity: StaffIdentity, action: StaffAction): boolean {
  return ALLOWED[identity.role].includes(action);
}

/** Whether the action is the province's and the person a city department's. */
export function provinceOnly(identity: StaffIdentity, action: StaffAction): boolean {
  return Boolean(identity.city) && PROVINCE_ONLY.includes(action);
}

/** Whether the person may do the action at all: the role allows it and the scope does not rule it out. */
export function permits(identity: StaffIdentity, action: StaffAction): boolean {
  return may(identity, action) && !provinceOnly(identity, action);
}

/** Every action the person may do, for the page to show what they can use and nothing else. */
export function allowedActions(identity: StaffIdentity): StaffAction[] {
  return ALLOWED[identity.role].filter((action) => permits(identity, action));
}

/**
 * The strongest role among a token's role claim values. Entra app roles are often named like
 * "Staff.Editor" or "PoolEditor"; the last word decides, case-insensitively.
 */
export function roleFromClaims(values: unknown): StaffRole | null {
  const list = Array.isArray(values) ? values : typeof values === 'string' ? [values] : [];
  const found = new Set<StaffRole>();
  for (const value of list) {
    if (typeof value !== 'string') continue;
    const word = /(admin|editor|viewer)$/i.exec(value.trim())?.[1]?.toLowerCase() as StaffRole | undefined;
    if (word) found.add(word);
  }
  return STAFF_ROLES.find((r) => found.has(r)) ?? null;
}

/** A city's name without the 市 staff and data sometimes write after it. */
const cityName = (s: string) => s.trim().replace(/市$/, '');

/** A city name as staff and data write it: 佛山, 佛山市 and Foshan are one city for scoping. */
export function sameCity(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return cityName(a) === cityName(b);
}

/** Whether the person may see something of `city` (unknown city: only province-wide staff). */
export function inScope(identity: StaffIdentity, city: string | undefined): boolean {
  return !identity.city || sameCity(identity.city, city);
}

/**
 * Whether the person may send, cancel, retry or list the recipients of a notice to `audience`. A city
 * department notifies its own city's enterprises (audience: enterprises of that city) and nothing wider:
 * a province-wide notice speaks for the commission, not for one city.
 */
export function noticeInScope(identity: StaffIdentity, audience: Audience | undefined): boolean {
  if (!identity.city) return true;
  return audience?.type === 'enterprises' && sameCity(audience.filter.city, identity.city);
}

/**
 * The audience a person may send to: provincial staff any; a city department its own city's enterprises —
 * an enterprises audience without a city is narrowed to theirs (what the count shows and the notice gets);
 * another city, or conversations, subscribers or everyone, is null (refused).
 */
export function scopedAudience(identity: StaffIdentity, audience: Audience | undefined): Audience | undefined | null {
  if (!identity.city) return audience;
  if (audience?.type !== 'enterprises') return null;
  if (audience.filter.city && !sameCity(audience.filter.city, identity.city)) return null;
  return { ...audience, filter: { ...audience.filter, city: cityName(identity.city) } };
}
