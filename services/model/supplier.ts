import { z } from 'zod';
import { CreditCode } from '../identity/creditCode';
import { CITIES, RATINGS, SUPPLIER_TYPES } from './taxonomy';

const creditCode = z.string().refine((v) => CreditCode.check(v).ok, { message: 'invalid credit code (check character)' });

/** A supplier in the catalog interchange format (shared/contract/README.md). */
export const SupplierSchema = z.object({
  creditCode,
  name: z.string().min(1),
  type: z.enum(SUPPLIER_TYPES),
  city: z.enum(CITIES),
  poolSince: z.number().int(),
  ratings: z.array(z.object({ year: z.number().int(), rating: z.enum(RATINGS) })),
  serviceCategories: z.array(z.string().min(1)).min(1),
  industries: z.array(z.string().min(1)),
  description: z.string(),
  products: z.array(
    z.object({
      name: z.string().min(1),
      description: z.string(),
      serviceCategories: z.array(z.string()),
      priceFrom: z.number().nonnegative(),
      deployDays: z.number().int().nonnegative(),
    }),
  ),
  cases: z.array(z.object({ industry: z.string(), customer: z.string(), summary: z.string() })),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string() }),
});
export type Supplier = z.infer<typeof SupplierSchema>;

/** The latest rating decides: a supplier whose latest rating is 不合格 has left the pool. */
export function latestRating(supplier: Pick<Supplier, 'ratings'>): Supplier['ratings'][number] | null {
  return supplier.ratings.reduce<Supplier['ratings'][number] | null>((latest, r) => (!latest || r.year > latest.year ? r : latest), null);
}
