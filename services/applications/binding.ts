import { CreditCode, type CreditCodeProblem } from '../identity/creditCode';
import { hashAccessCode, verifyAccessCode } from '../identity/accessCode';
import type { Application } from '../model/application';
import type { ApplicationRepository, Versioned } from '../ports';

/** A chat user (channel + user id) allowed to see one enterprise's applications. */
export interface Binding {
  id: string; // `${userKey}|${creditCode}`
  userKey: string; // `${channelId}:${userId}`
  creditCode: string;
  enterpriseName: string;
  boundAt: string;
  via: 'access_code' | 'teams_contact';
  /** The user's language when binding, for notices sent to them later. */
  locale?: 'zh-CN' | 'en-US';
  /** Where to send this user the enterprise's notices (stage changes). Opaque to the domain. */
  conversation: Record<string, unknown>;
}

/** Recent failed attempts against one key (a credit code or a user), and the lock they caused. */
export interface Attempts {
  failures: string[];
  lockedUntil?: string;
}

export interface BindingRepository {
  put(binding: Binding): Promise<void>;
  listByUser(userKey: string): Promise<Binding[]>;
  listByEnterprise(creditCode: string): Promise<Binding[]>;
  remove(userKey: string, creditCode: string): Promise<boolean>;
}

export interface AttemptRepository {
  get(key: string): Promise<Versioned<Attempts> | null>;
  /** Writes if unchanged since `etag` (or creates when etag is null); false when someone else wrote first. */
  save(key: string, attempts: Attempts, etag: string | null): Promise<boolean>;
}

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type BindResult =
  | { ok: true; binding: Binding }
  | { ok: false; reason: 'mistyped'; problem: CreditCodeProblem; suggestion?: string }
  | { ok: false; reason: 'locked'; until: Date }
  /** The same answer whether the credit code is unknown or the access code is wrong. */
  | { ok: false; reason: 'no_match' };

export const userKeyOf = (channelId: string, userId: string): string => `${channelId}:${userId}`;

/**
 * Binding chat users to enterprises. Access codes are compared only against salted hashes, in constant time;
 * five wrong codes for one credit code, or from one user, within 15 minutes lock binding for 15 minutes; no
 * answer tells whether a credit code exists.
 */
export class BindingService {
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly bindings: BindingRepository,
    private readonly attempts: AttemptRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async bind(input: { userKey: string; creditCode: string; accessCode: string; conversation: Record<string, unknown>; locale?: Binding['locale'] }): Promise<BindResult> {
    const checked = CreditCode.check(input.creditCode);
    if (!checked.ok) return { ok: false, reason: 'mistyped', problem: checked.problem };
    const code = checked.code.value;
    const lockedUntil = await this.lockedUntil([`cc:${code}`, `user:${input.userKey}`]);
    if (lockedUntil) return { ok: false, reason: 'locked', until: lockedUntil };

    const applications = await this.applications.listByCreditCode(code);
    // Without any application, verify against a decoy hash anyway: the answer takes as long either way.
    const hashes = applications.length ? applications.map((a) => a.accessCodeHash) : [await this.decoyHash()];
    let matched: Application | undefined;
    for (const [i, hash] of hashes.entries()) {
      if ((await verifyAccessCode(input.accessCode, hash)) && applications[i]) matched = applications[i];
    }
    if (!matched) {
      const until = await this.recordFailure([`cc:${code}`, `user:${input.userKey}`]);
      return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'no_match' };
    }
    const binding: Binding = {
      id: `${input.userKey}|${code}`,
      userKey: input.userKey,
      creditCode: code,
      enterpriseName: matched.enterpriseName,
      boundAt: this.now().toISOString(),
      via: 'access_code',
      conversation: input.conversation,
      locale: input.locale,
    };
    await this.bindings.put(binding);
    return { ok: true, binding };
  }

  /** In Teams: a user listed as a contact of an application (by AAD object id) is bound without asking. */
  async bindTeamsContact(input: { userKey: string; aadObjectId: string; conversation: Record<string, unknown> }): Promise<Binding[]> {
    const existing = new Set((await this.bindings.listByUser(input.userKey)).map((b) => b.creditCode));
    const bound: Binding[] = [];
    for (const app of await this.applications.listByContact(input.aadObjectId)) {
      if (existing.has(app.creditCode)) continue;
      existing.add(app.creditCode);
      const binding: Binding = {
        id: `${input.userKey}|${app.creditCode}`, userKey: input.userKey, creditCode: app.creditCode, enterpriseName: app.enterpriseName,
        boundAt: this.now().toISOString(), via: 'teams_contact', conversation: input.conversation,
      };
      await this.bindings.put(binding);
      bound.push(binding);
    }
    return bound;
  }

  list(userKey: string): Promise<Binding[]> {
    return this.bindings.listByUser(userKey);
  }

  /** Unbinds one enterprise, or all of this user's when none is named. Returns how many were removed. */
  async unbind(userKey: string, creditCode?: string): Promise<number> {
    const targets = creditCode ? [creditCode] : (await this.bindings.listByUser(userKey)).map((b) => b.creditCode);
    let removed = 0;
    for (const code of targets) if (await this.bindings.remove(userKey, code)) removed++;
    return removed;
  }

  /** The applications a user may see: only those of enterprises bound to this user. */
  async applicationsFor(userKey: string, creditCode: string): Promise<Application[]> {
    const bound = (await this.bindings.listByUser(userKey)).some((b) => b.creditCode === creditCode);
    return bound ? this.applications.listByCreditCode(creditCode) : [];
  }

  private async lockedUntil(keys: string[]): Promise<Date | null> {
    const now = this.now().getTime();
    let until: number | null = null;
    for (const key of keys) {
      const lock = (await this.attempts.get(key))?.value.lockedUntil;
      if (lock && Date.parse(lock) > now) until = Math.max(until ?? 0, Date.parse(lock));
    }
    return until ? new Date(until) : null;
  }

  /** Counts a failure against each key (compare-and-swap, retried); returns the lock end if one started. */
  private async recordFailure(keys: string[]): Promise<Date | null> {
    const now = this.now();
    let locked: Date | null = null;
    for (const key of keys) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await this.attempts.get(key);
        const recent = (current?.value.failures ?? []).filter((at) => now.getTime() - Date.parse(at) < WINDOW_MS);
        recent.push(now.toISOString());
        const next: Attempts = { failures: recent.slice(-MAX_FAILURES * 2) };
        if (recent.length >= MAX_FAILURES) {
          next.lockedUntil = new Date(now.getTime() + LOCK_MS).toISOString();
          next.failures = [];
          locked = new Date(next.lockedUntil);
        }
        if (await this.attempts.save(key, next, current?.etag ?? null)) break;
      }
    }
    return locked;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashAccessCode('not-an-access-code');
    return this.decoy;
  }
}
