import type { Request, Response } from 'restify';
import { HttpError } from 'restify-errors';
import { isTransientDatabaseError } from '../data/transient';

/** The contract's error shape: `{"error": {"code", "message"}}`, never a stack trace. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * What a client may read of an error that reached restify: its own 4xx errors (bad JSON, unknown route, wrong
 * method, too large) keep their code and message; a passing database failure is a 503 to retry; anything else
 * a bare 500. The message of any other error is internal (a Cosmos message, "socket hang up") and only logged.
 */
export function errorAnswer(err: unknown): ErrorAnswer {
  if (err instanceof HttpError && err.statusCode < 500) {
    const code = (err.body as { code?: unknown } | undefined)?.code;
    return { status: err.statusCode, code: typeof code === 'string' ? code : 'BadRequest', message: err.message };
  }
  if (isTransientDatabaseError(err)) return { status: 503, code: 'Unavailable', message: 'The database is busy; try again in a few seconds.', retryAfterSeconds: 2 };
  return { status: 500, code: 'InternalError', message: 'Something went wrong on our side (it is logged); try again later.' };
}

/** Sends an error answer in the contract's shape, with Retry-After when there is one. */
export function sendErrorAnswer(res: Response, answer: ErrorAnswer): void {
  if (answer.retryAfterSeconds) res.header('Retry-After', String(answer.retryAfterSeconds));
  sendError(res, answer.status, answer.code, answer.message);
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
