import type { Request, Response } from 'restify';

/** The contract's error shape: `{"error": {"code", "message"}}`, never a stack trace. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** The request body when it is a JSON object; null for anything else (array, string, missing). */
export function jsonObjectBody(req: Request): Record<string, unknown> | null {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(req: Request): string | null {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * restify 12 takes either callback handlers (req, res, next) or async ones with at most two parameters;
 * this turns any (req, res) function into the async kind.
 */
export function handler(fn: (req: Request, res: Response) => unknown): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    await fn(req, res);
  };
}
