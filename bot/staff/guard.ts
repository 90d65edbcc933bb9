import type { Request, Response } from 'restify';
import { may, permits, type StaffAction, type StaffIdentity } from '../../services/staff/access';
import { sendError } from '../http';
import { SignInRefused, StaffSignIn, attachStaffIdentity, staffIdentityOf } from './identity';

const GUARDED = /^\/(api\/admin|staff\/api)(\/|$)/;
/**
 * Admin API routes a city-scoped person may use, and only to read: the catalog, the notices and one
 * notice's report carry no enterprise's private data. Everything else (imports, creating or sending a
 * notice, a notice's recipients) covers the whole province; their city's share is in the console.
 */
const CITY_READABLE = /^\/api\/admin\/(catalog|notices(\/[^/]+)?)$/;
const cityMay = (req: Request): boolean => req.path() === '/api/admin/understand' || (req.method === 'GET' && CITY_READABLE.test(req.path()));

/**
 * Resolves the staff identity of every /api/admin and /staff/api request before its handler runs (token
 * validation is asynchronous; the routes' guards are not). A token that does not validate is refused here.
 */
export function staffIdentityMiddleware(signIn: StaffSignIn) {
  return (req: Request, res: Response, next: (err?: unknown) => void): void => {
    if (!signIn.enabled || !GUARDED.test(req.path())) return next();
    signIn.identify(req).then(
      (identity) => {
        if (identity) attachStaffIdentity(req, identity);
        next();
      },
      (err: unknown) => {
        if (!(err instanceof SignInRefused)) return next(err);
        if (err.status === 401) res.header('WWW-Authenticate', 'Bearer');
        sendError(res, err.status, err.code, err.message);
        next(false);
      },
    );
  };
}

/** What an admin API request does, for the role check: reads are GETs and the understanding probe. */
function adminAction(req: Request): StaffAction {
  if (req.method === 'GET' || req.path() === '/api/admin/understand') return 'read';
  if (/^\/api\/admin\/notices/.test(req.path())) return 'send';
  return 'import';
}

/**
 * The admin API's check for a signed-in person (the ADMIN_TOKEN is an admin): the role must allow the
 * request, and a city department's staff may only read what carries no enterprise's data (their city's
 * view, and their city's notices, are the console's).
 */
export function permitAdminRequest(identity: StaffIdentity, req: Request, res: Response): boolean {
  if (!may(identity, adminAction(req))) {
    sendError(res, 403, 'Forbidden', `The role ${identity.role} may not do this.`);
    return false;
  }
  if (!cityMay(req) && !permits(identity, 'readProvince')) {
    sendError(res, 403, 'OutOfScope', "City department staff read the catalog and notices here; their city's submissions, and notices to their city's enterprises, are in the staff console (/staff). This route covers the whole province.");
    return false;
  }
  return true;
}

/** The console routes' check: signed in, and allowed `action`. Sends 401/403 and returns null otherwise. */
export function requireStaff(req: Request, res: Response, action: StaffAction): StaffIdentity | null {
  const identity = staffIdentityOf(req);
  if (!identity) {
    res.header('WWW-Authenticate', 'Bearer');
    sendError(res, 401, 'Unauthorized', 'Sign in to the staff console first.');
    return null;
  }
  if (!may(identity, action)) {
    sendError(res, 403, 'Forbidden', `The role ${identity.role} may not do this.`);
    return null;
  }
  if (!permits(identity, action)) {
    sendError(res, 403, 'OutOfScope', 'This is the whole province\'s: provincial staff (commission, alliance) do it, not a city department — the catalog and the applications are the province\'s pool.');
    return null;
  }
  return identity;
}
