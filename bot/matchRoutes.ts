import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { CatalogIndex } from '../services/catalog/catalogIndex';
import type { CatalogChangeLog } from '../services/catalog/changeLog';
import { importCatalogChunk } from '../services/catalog/importCatalog';
import type { TaxonomyNames } from '../services/catalog/importSuppliers';
import { parseNeed } from '../services/matching/need';
import { CITIES } from '../services/model/taxonomy';
import type { SupplierRepository } from '../services/ports';
import type { EntityExtractor } from '../services/understanding/entities';
import { handler, jsonObjectBody, sendError } from './http';
import { refuseIfLimited, type RateLimiter } from './rateLimit';

const MatchRequest = z.object({
  text: z.string().trim().min(1, 'text must not be empty').max(2000),
  city: z.enum(CITIES).nullish(),
  limit: z.number().int().min(1).max(20).optional(),
});

export interface MatchDeps {
  guard: (req: Request, res: Response) => boolean;
  catalog: CatalogIndex;
  changes: CatalogChangeLog;
  suppliers: SupplierRepository;
  onIndexError: (err: unknown) => void;
  taxonomy: TaxonomyNames;
  extractor: EntityExtractor;
  limiter: RateLimiter;
  /** TRUSTED_PROXY_HOPS: how many X-Forwarded-For entries, from the right, our own proxies wrote. */
  trustedProxyHops?: number;
}

/** The portal's matchmaking API and the staff catalog import (shared/contract/README.md). */
export function mountMatchRoutes(server: Server, deps: MatchDeps): void {
  server.post('/api/match', handler(async (req, res) => {
    if (refuseIfLimited(deps.limiter, req, res, deps.trustedProxyHops)) return;
    const parsed = MatchRequest.safeParse(jsonObjectBody(req));
    if (!parsed.success) return sendError(res, 400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const index = deps.catalog.current();
    const need = parseNeed(deps.extractor, parsed.data.text, parsed.data.city, index.classifier);
    const results = index.match(need, { limit: parsed.data.limit ?? 5 });
    res.send(200, {
      understood: { serviceCategories: need.serviceCategories, industry: need.industry, city: need.city },
      results: results.map((r) => ({ creditCode: r.supplier.creditCode, name: r.supplier.name, score: r.score, reasons: r.reasons })),
    });
  }));

  server.get('/api/admin/catalog', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    // The index only: counting the stored catalog would scan it, and staff poll this while importing.
    res.send(200, { index: deps.catalog.status() });
  }));

  server.put('/api/admin/catalog', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const suppliers = jsonObjectBody(req)?.suppliers;
    if (!Array.isArray(suppliers)) return sendError(res, 400, 'BadArgument', 'The body must be {"suppliers": [Supplier, …]}.');
    if (suppliers.length > 5000) return sendError(res, 413, 'TooLarge', 'Send at most 5000 suppliers per request (the catalog may come in chunks).');
    res.send(200, await importCatalogChunk(deps, suppliers, deps.taxonomy));
  }));
}
