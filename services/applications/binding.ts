import { CreditCode, type CreditCodeProblem } from '../identity/creditCode';
import { hashAccessCode, verifyAccessCode } from '../identity/accessCode';
import type { Application } from '../model/application';
import type { ApplicationRepository, AttemptRepository, BindingRepository, Outbox } from '../ports';
import { AttemptLimiter } from './attemptLimiter';
import { randomUUID } from 'node:crypto';

export type { Attempts } from './attemptLimiter';

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
 * no answer tells whether a credit code exists. Each attempt is counted before its code is checked (an atomic
 * reservation per credit code and per user), so five attempts in 15 minutes is the most anyone gets checked,
 * however many they send at once; five wrong ones lock binding for 15 minutes and tell staff. A locked-out
 * owner still gets in as a Teams contact, or when staff reset the lock or issue a new code.
 */
export class BindingService {
  private decoy: Promise<string> | null = null;
  private readonly limiter: AttemptLimiter;

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly bindings: BindingRepository,
    attempts: AttemptRepository,
    private readonly now: () => Date = () => new Date(),
    /** Staff are told here when an enterprise is locked (a guessing attack, or an owner who lost the code). */
    private readonly alerts?: Outbox,
    private readonly verify: (plain: string, stored: string) => Promise<boolean> = verifyAccessCode,
  ) {
    this.limiter = new AttemptLimiter(attempts, { max: MAX_FAILURES, windowMs: WINDOW_MS, lockMs: LOCK_MS }, now);
  }

  async bind(input: { userKey: string; creditCode: string; accessCode: string; conversation: Record<string, unknown>; locale?: Binding['locale'] }): Promise<BindResult> {
    const checked = CreditCode.check(input.creditCode);
    if (!checked.ok) return { ok: false, reason: 'mistyped', problem: checked.problem };
    const code = checked.code.value;
    const userKey = `user:${input.userKey}`;
    const enterpriseKey = `cc:${code}`;
    const byUser = await this.limiter.reserve(userKey);
    if (!byUser.ok) return { ok: false, reason: 'locked', until: byUser.until };
    const byEnterprise = await this.limiter.reserve(enterpriseKey);
    if (!byEnterprise.ok) {
      await this.limiter.release(userKey);
      return { ok: false, reason: 'locked', until: byEnterprise.until };
    }

    let matched: Application | undefined;
    try {
      matched = await this.match(code, input.accessCode);
    } catch (err) {
      await Promise.all([this.limiter.release(userKey), this.limiter.release(enterpriseKey)]);
      throw err;
    }
    if (!matched) {
      const [enterpriseLock, userLock] = await Promise.all([this.limiter.fail(enterpriseKey), this.limiter.fail(userKey)]);
      if (enterpriseLock) await this.alertStaff(code, enterpriseLock);
      const until = enterpriseLock ?? userLock;
      return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'no_match' };
    }
    await Promise.all([this.limiter.release(userKey), this.limiter.release(enterpriseKey)]);
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

  /** Staff lift an enterprise's lock (after checking who asks), so its owner can bind with the code again. */
  unlock(creditCode: string): Promise<void> {
    return this.limiter.reset(`cc:${creditCode}`);
  }

  /** The application whose access code this is; a decoy check when the enterprise has none (same time either way). */
  private async match(creditCode: string, accessCode: string): Promise<Application | undefined> {
    const applications = await this.applications.listByCreditCode(creditCode);
    const hashes = applications.length ? applications.map((a) => a.accessCodeHash) : [await this.decoyHash()];
    let matched: Application | undefined;
    for (const [i, hash] of hashes.entries()) {
      if ((await this.verify(accessCode, hash)) && applications[i]) matched = applications[i];
    }
    return matched;
  }

  private async alertStaff(creditCode: string, until: Date): Promise<void> {
    if (!this.alerts) return;
    const at = this.now().toISOString();
    await this.alerts.add({
      id: randomUUID(), createdAt: at, status: 'pending', to: { role: 'staff' },
      subject: `【安全】企业 ${creditCode} 绑定已锁定`,
      body: `统一社会信用代码 ${creditCode} 在 ${WINDOW_MS / 60_000} 分钟内有 ${MAX_FAILURES} 次错误查询码，绑定锁定至 ${until.toISOString()}。` +
        '如为企业本人遗失查询码，核实身份后可解除锁定或重新签发查询码（POST /api/admin/enterprises/{信用代码}/unlock 或 …/access-code）。',
    });
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashAccessCode('not-an-access-code');
    return this.decoy;
  }
}
