import type { Request, Response, Server } from 'restify';
import { handler, sendError } from '../http';
import { exportQuery, respond } from './export';
import type { FeedbackRepository, LeadRepository, Outbox } from '../../services/ports';

/** Staff views of matchmaking: connection requests, customer feedback per supplier and year, pending notices. */
export function mountLeadRoutes(server: Server, deps: { guard: (req: Request, res: Response) => boolean; leads: LeadRepository; feedback: FeedbackRepository; outbox: Outbox }): void {
  server.get('/api/admin/leads', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = exportQuery(req, res);
    if (!query) return;
    const rows = (await deps.leads.list()).map((l) => ({
      leadNo: l.leadNo, createdAt: l.createdAt, supplier: l.supplier.name, supplierCreditCode: l.supplier.creditCode,
      company: l.manufacturer.company, contact: l.manufacturer.contactName, phone: l.manufacturer.phone,
      need: l.need.text, categories: l.need.serviceCategories.join('、'), feedbackAskedAt: l.feedbackAskedAt ?? '', feedbackAt: l.feedbackAt ?? '',
    }));
    respond(res, query, 'leads', rows, ['leadNo', 'createdAt', 'supplier', 'supplierCreditCode', 'company', 'contact', 'phone', 'need', 'categories', 'feedbackAskedAt', 'feedbackAt']);
  }));

  server.get('/api/admin/feedback', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = exportQuery(req, res);
    if (!query) return;
    const year = query.year === undefined ? undefined : Number(query.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) return sendError(res, 400, 'BadArgument', 'year is a four-digit year.');
    const rows = await deps.feedback.list({ supplierCreditCode: query.supplier, year });
    respond(res, query, 'feedback', rows as unknown as Record<string, unknown>[], ['supplierCreditCode', 'supplierName', 'year', 'leadNo', 'rating', 'comment', 'at']);
  }));

  server.get('/api/admin/outbox', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const query = exportQuery(req, res);
    if (!query) return;
    const status = query.status === 'pending' || query.status === 'sent' ? query.status : undefined;
    const rows = (await deps.outbox.list(status)).map((m) => ({ ...m, to: [m.to.role, m.to.name, m.to.email, m.to.phone].filter(Boolean).join(' ') }));
    respond(res, query, 'outbox', rows, ['createdAt', 'status', 'to', 'subject', 'body']);
  }));
}
