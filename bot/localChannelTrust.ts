import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PasswordServiceClientCredentialFactory } from 'botframework-connector';
import { bearerToken } from './http';
import type { Request } from 'restify';

interface SignableRequest {
  url: string;
  headers: { set(name: string, value: string): void };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Local dev mode has no Bot Framework identity, so the bot and its own local Direct Line channel share a
 * per-process secret instead: the channel signs every activity it hands the bot, the bot signs every call to
 * the channel's Connector API, and each side refuses calls without it. Activities from other channels (the
 * Emulator) are accepted in dev mode only when their serviceUrl is listed in DEV_SERVICE_URLS; no other
 * serviceUrl is ever called back, stored or answered.
 */
export class LocalChannelTrust {
  private readonly secret = randomBytes(32).toString('base64url');
  /** The local channel's Connector API base (ends with '/'); known once the server listens. */
  serviceUrl = '';

  constructor(private readonly otherServiceUrls: readonly string[] = []) {}

  /** The Authorization header the channel and the bot send each other. */
  get authorization(): string {
    return `Bearer ${this.secret}`;
  }

  /** Whether a request carries the shared secret (compared in constant time). */
  isSigned(req: Request): boolean {
    return this.matches(bearerToken(req));
  }

  /** Why dev mode refuses an activity posted to /api/messages; null when it may be processed. */
  refusal(authHeader: string, serviceUrl: unknown): string | null {
    if (typeof serviceUrl !== 'string' || !serviceUrl) return 'the activity has no serviceUrl';
    const normalized = serviceUrl.replace(/\/+$/, '');
    if (this.serviceUrl && normalized === this.serviceUrl.replace(/\/+$/, '')) {
      return this.matches(/^Bearer\s+(\S+)$/i.exec(authHeader)?.[1] ?? null) ? null : 'the local channel did not sign it';
    }
    return this.otherServiceUrls.includes(normalized) ? null : 'its serviceUrl is neither the local channel nor listed in DEV_SERVICE_URLS';
  }

  /**
   * Bot Framework credentials for dev mode: anonymous everywhere (no app id), except that calls to the local
   * channel's Connector API carry the shared secret.
   */
  credentialsFactory(): PasswordServiceClientCredentialFactory {
    const sign = (request: SignableRequest): SignableRequest => {
      if (this.serviceUrl && request.url.startsWith(this.serviceUrl)) request.headers.set('authorization', this.authorization);
      return request;
    };
    return new (class extends PasswordServiceClientCredentialFactory {
      override async createCredentials(): Promise<never> {
        return { signRequest: async (request: SignableRequest) => sign(request) } as never;
      }
    })('', '');
  }

  private matches(presented: string | null): boolean {
    return presented !== null && timingSafeEqual(digest(presented), digest(this.secret));
  }
}
