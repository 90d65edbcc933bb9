import type { Request, Response } from 'restify';
import { sendError } from './http';

/**
 * A token bucket per client: `perMinute` requests a minute, with bursts up to the same number. In memory per
 * instance (a shared limit across instances would need a store on the hot path; per-instance is enough to stop
 * one client from starving the others).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** 0 if allowed now; otherwise the seconds to wait. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
  }

  private forgetFull(now: number): void {
    for (const [client, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(client);
  }
}

/** An address without the port a proxy may add ("203.0.113.7:50122", "[2001:db8::1]:443"). */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  return /^[\d.]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}

/**
 * The client a request comes from. Each trusted reverse proxy (TRUSTED_PROXY_HOPS: App Service's front end is
 * one) appends the address it saw to X-Forwarded-For, so the client is the entry that many places from the
 * right; whatever is left of it the client wrote itself and proves nothing. With no trusted hops: the socket.
 */
export function clientOf(req: Request, trustedProxyHops = 0): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return socket;
  const hops = (req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  const entry = hops.length >= trustedProxyHops ? hops[hops.length - trustedProxyHops] : undefined;
  return entry ? withoutPort(entry) : socket;
}

/** Answers 429 with Retry-After when the client is over its limit; true when it did. */
export function refuseIfLimited(limiter: RateLimiter, req: Request, res: Response, trustedProxyHops = 0): boolean {
  const wait = limiter.take(clientOf(req, trustedProxyHops));
  if (wait === 0) return false;
  res.header('Retry-After', String(wait));
  sendError(res, 429, 'TooManyRequests', `Too many requests; retry in ${wait} s.`);
  return true;
}
