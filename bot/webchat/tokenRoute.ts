import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import { handler, jsonObjectBody, sendError } from '../http';
import type { Logger } from '../logger';
import { refuseIfLimited, type RateLimiter } from '../rateLimit';

export const DIRECT_LINE_TOKEN_ROUTE = '/api/directline/token';
const UPSTREAM_TIMEOUT_MS = 10_000;

export interface DirectLineTokenDeps {
  /** DIRECT_LINE_SECRET: the Azure Bot's Direct Line (Web Chat) channel secret; never leaves the server. */
  secret: string;
  /** DIRECT_LINE_ENDPOINT: https://directline.botframework.com, a regional one, or a stand-in in tests. */
  endpoint: string;
  limiter: RateLimiter;
  /** TRUSTED_PROXY_HOPS: how many reverse proxies append to X-Forwarded-For (the client is that many from the right). */
  trustedProxyHops?: number;
  log: Logger;
}

/**
 * Web Chat in production: `POST /api/directline/token` trades the Direct Line secret for a token of one
 * conversation, tied to a user id the server generates (`dl_…`, as Direct Line's enhanced authentication
 * requires), so the browser never sees the secret and cannot pick another person's id (bindings hang on it).
 * A returning browser sends back `{userId, userSignature}` from its last answer to keep its id (and with it
 * its binding); the signature is an HMAC under a key derived from the secret, so only ids this server
 * issued are taken.
 */
export function mountDirectLineTokenRoute(server: Server, deps: DirectLineTokenDeps): void {
  const key = createHmac('sha256', deps.secret).update('pool-assistant/webchat-user-id').digest();
  const sign = (userId: string) => createHmac('sha256', key).update(userId).digest('base64url');
  const signed = (userId: unknown, signature: unknown): userId is string => {
    if (typeof userId !== 'string' || typeof signature !== 'string' || !/^dl_[0-9a-f-]{36}$/.test(userId)) return false;
    const expected = Buffer.from(sign(userId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  const endpoint = deps.endpoint.replace(/\/+$/, '');

  server.post(DIRECT_LINE_TOKEN_ROUTE, handler(async (req, res) => {
    if (refuseIfLimited(deps.limiter, req, res, deps.trustedProxyHops)) return;
    const body = jsonObjectBody(req) ?? {};
    const userId = signed(body.userId, body.userSignature) ? body.userId : `dl_${randomUUID()}`;
    let upstream: Response;
    try {
      upstream = await fetch(`${endpoint}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deps.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'Direct Line token service did not answer');
      return sendError(res, 502, 'DirectLineUnavailable', 'The chat service is not reachable; retry shortly.');
    }
    const grant = (await upstream.json().catch(() => null)) as { token?: unknown; conversationId?: unknown; expires_in?: unknown } | null;
    if (!upstream.ok || typeof grant?.token !== 'string') {
      // 403: a wrong or revoked secret. The secret itself is never logged.
      deps.log.warn({ status: upstream.status }, 'Direct Line token service refused the secret or answered without a token');
      return sendError(res, 502, 'DirectLineUnavailable', 'The chat service did not issue a token; retry shortly.');
    }
    res.header('cache-control', 'no-store');
    res.send(200, {
      token: grant.token,
      conversationId: grant.conversationId,
      expiresIn: grant.expires_in,
      userId,
      userSignature: sign(userId),
      domain: `${endpoint}/v3/directline`,
    });
  }));
}
