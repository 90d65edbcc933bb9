import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { bearerToken, sendError } from '../http';
import { staffIdentityOf } from '../staff/identity';
import { permitAdminRequest } from '../staff/guard';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * The staff routes' bearer check. The configured token is held only as a hash and compared in constant
 * time; without ADMIN_TOKEN the routes are off and say so.
 */
export function adminGuard(adminToken: string | undefined, staffSignIn = false): (req: Request, res: Response) => boolean {
  const expected = adminToken ? digest(adminToken) : null;
  return (req, res) => {
    // A person signed in (Entra ID, or the token itself) was identified by the staff middleware.
    const staff = staffIdentityOf(req);
    if (staff) return permitAdminRequest(staff, req, res);
    if (!expected && !staffSignIn) {
      sendError(res, 503, 'AdminDisabled', 'Staff routes are disabled: set ADMIN_TOKEN to enable them.');
      return false;
    }
    const presented = bearerToken(req);
    if (!presented || !expected || !timingSafeEqual(digest(presented), expected)) {
      res.header('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'Unauthorized', 'A valid staff token is required (Authorization: Bearer …).');
      return false;
    }
    return true;
  };
}
