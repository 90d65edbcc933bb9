import restify, { type Request, type Response } from 'restify';

/** Public routes (activities, matching, the local Direct Line) carry small JSON: an activity, a query. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
/** Staff imports (catalog chunks of up to 5 000 suppliers, applications). */
export const STAFF_BODY_LIMIT = 8 * 1024 * 1024;
/** Spreadsheet uploads of the staff console: the route reads the file itself (after sign-in, up to 8 MB). */
const OWN_READER = '/staff/api/imports';

type Step = (req: Request, res: Response, next: (err?: unknown) => void) => void;

/**
 * restify's JSON body parser with a limit per route: `/api/admin/*` may send megabytes, everything else is
 * refused (413) past 64 KB before it is buffered and parsed, so an anonymous caller cannot make the bot read
 * 8 MB bodies ahead of authentication or the rate limit. An admin body is read only once `identified` says the
 * staff sign-in (which runs first and needs no body) found someone. jsonBodyParser hands its options to restify's
 * bodyReader, which enforces maxBodySize (missing from the types).
 */
export function bodyParsers(identified: (req: Request) => boolean = () => true): Step {
  const chain = (limit: number) => restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: limit } as restify.plugins.JsonBodyParserOptions) as unknown as Step[];
  const staff = chain(STAFF_BODY_LIMIT);
  const open = chain(PUBLIC_BODY_LIMIT);
  return (req, res, next) => {
    const path = req.path?.() ?? req.url ?? '';
    // The body reader would take a text/csv or xlsx upload too, and refuse a real sheet at 64 KB.
    if (path === OWN_READER) return next();
    const admin = path.startsWith('/api/admin/');
    // Nobody signed in: the route's guard refuses it (401/503) without the body, which is never read.
    if (admin && !identified(req)) return next();
    const steps = admin ? staff : open;
    const run = (i: number, err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      if (i === steps.length) return next();
      steps[i]!(req, res, (e?: unknown) => run(i + 1, e));
    };
    run(0);
  };
}
