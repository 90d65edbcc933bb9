import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Request } from 'restify';
import { roleFromClaims, type StaffIdentity } from '../../services/staff/access';
import type { StaffOidcConfig } from '../config';
import { bearerToken } from '../http';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Why a presented bearer token was refused (said to the caller without details of the token). */
export class SignInRefused extends Error {
  constructor(readonly status: 401 | 403, readonly code: string, message: string) {
    super(message);
    this.name = 'SignInRefused';
  }
}

/**
 * Turns a request's bearer token into a staff identity: the ADMIN_TOKEN (an admin, province-wide), or a
 * Microsoft Entra ID access/ID token validated by `jose` (signature against the tenant's JWKS, issuer,
 * audience, expiry) whose role claim names admin, editor or viewer — from the browser's sign-in, or from
 * Teams' single sign-on in the staff tab (the same validation, for the tab's audience). The city comes from a claim or, failing
 * that, from the STAFF_CITIES mapping by object id.
 */
export class StaffSignIn {
  private readonly tokenDigest: Buffer | null;
  private readonly jwks;

  constructor(adminToken: string | undefined, private readonly oidc: StaffOidcConfig | undefined) {
    this.tokenDigest = adminToken ? digest(adminToken) : null;
    // jose caches the key set and refetches it when a token names an unknown key (key rollover).
    this.jwks = oidc ? createRemoteJWKSet(new URL(oidc.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }) : null;
  }

  /**
   * The console's audience, and the Teams tab's (its client id, as v2 tokens name it, and its application ID
   * URI, as v1 tokens do) when tab sign-on is configured: Teams' getAuthToken() hands the tab a token for those.
   */
  private get audiences(): string[] {
    const tab = this.oidc?.tab;
    return [this.oidc?.audience ?? '', ...(tab ? [tab.clientId, tab.resource] : [])].filter(Boolean);
  }

  private fromTab(aud: JWTPayload['aud']): boolean {
    const tab = this.oidc?.tab;
    const named = Array.isArray(aud) ? aud : [aud];
    return Boolean(tab) && named.some((a) => a === tab!.clientId || a === tab!.resource) && !named.includes(this.oidc!.audience);
  }

  get enabled(): boolean {
    return Boolean(this.tokenDigest || this.oidc);
  }

  get usesOidc(): boolean {
    return Boolean(this.oidc);
  }

  /** The identity of the request; null without a bearer token; throws SignInRefused for a bad one. */
  async identify(req: Request): Promise<StaffIdentity | null> {
    const presented = bearerToken(req);
    if (!presented) return null;
    if (this.tokenDigest && timingSafeEqual(digest(presented), this.tokenDigest)) {
      return { subject: 'admin-token', name: 'ADMIN_TOKEN', role: 'admin', via: 'token' };
    }
    if (!this.oidc || !this.jwks || presented.split('.').length !== 3) throw new SignInRefused(401, 'Unauthorized', 'A valid staff token is required (Authorization: Bearer …).');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(presented, this.jwks, { issuer: this.oidc.issuer, audience: this.audiences, clockTolerance: 60 }));
    } catch {
      throw new SignInRefused(401, 'Unauthorized', 'The sign-in token is not valid or has expired; sign in again.');
    }
    const role = roleFromClaims(payload[this.oidc.roleClaim]);
    if (!role) throw new SignInRefused(403, 'NoStaffRole', 'Your account has no staff role (admin, editor or viewer) for the console.');
    const subject = String(payload.oid ?? payload.sub ?? '');
    const claimedCity = payload[this.oidc.cityClaim];
    const city = (typeof claimedCity === 'string' && claimedCity.trim()) || this.oidc.cities.get(subject) || undefined;
    const name = String(payload.name ?? payload.preferred_username ?? subject);
    return { subject, name, role, via: this.fromTab(payload.aud) ? 'teams' : 'oidc', ...(city ? { city } : {}) };
  }
}

const IDENTITY = Symbol('staffIdentity');

/** The identity the staff middleware attached to this request, if any. */
export function staffIdentityOf(req: Request): StaffIdentity | undefined {
  return (req as unknown as { [IDENTITY]?: StaffIdentity })[IDENTITY];
}

export function attachStaffIdentity(req: Request, identity: StaffIdentity): void {
  (req as unknown as { [IDENTITY]?: StaffIdentity })[IDENTITY] = identity;
}
