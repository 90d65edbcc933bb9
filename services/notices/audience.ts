import type { Audience, EnterpriseFilter, Notice } from '../model/notice';
import { topicsOfKind } from '../model/notice';
import { latestRating, type Supplier } from '../model/supplier';
import type { Application } from '../model/application';
import type { ApplicationFilter, RecipientRepository } from '../ports';
import type { Recipient } from './recipients';

/** The enterprises a filter names, from the applications (process, stage, batch, city) and the pool (rating). */
export interface EnterpriseDirectory {
  applicationsMatching(filter: ApplicationFilter): Promise<Pick<Application, 'creditCode'>[]>;
  /** Suppliers ever rated so (SupplierRepository.everRated): whether it is their latest rating is decided here. */
  suppliersEverRated(rating: string): Promise<Pick<Supplier, 'creditCode' | 'city' | 'ratings'>[]>;
}

/**
 * Resolves a notice's audience to the active conversations it reaches, each once. An enterprise audience
 * reaches the conversations bound to those enterprises that keep their own notices on (`own`, the default).
 */
export async function resolveAudience(notice: Notice, recipients: RecipientRepository, directory: EnterpriseDirectory): Promise<Recipient[]> {
  // Each conversation once: a long paged query may repeat a document across pages.
  const unique = new Map((await audienceOf(notice, recipients, directory)).map((r) => [r.id, r]));
  return [...unique.values()];
}

async function audienceOf(notice: Notice, recipients: RecipientRepository, directory: EnterpriseDirectory): Promise<Recipient[]> {
  const audience: Audience = notice.audience ?? { type: 'subscribers' };
  switch (audience.type) {
    case 'all':
      return recipients.listActive({});
    case 'conversations':
      return audience.ids.length ? recipients.listActive({ ids: [...new Set(audience.ids)] }) : [];
    case 'subscribers':
      return recipients.listActive({ topics: audience.topics?.length ? audience.topics : topicsOfKind(notice.kind) });
    case 'enterprises': {
      const creditCodes = await enterprisesMatching(audience.filter, directory);
      if (!creditCodes.length) return [];
      return recipients.listActive({ creditCodes, topics: ['own'] });
    }
  }
}

async function enterprisesMatching(filter: EnterpriseFilter, directory: EnterpriseDirectory): Promise<string[]> {
  const { rating, ...applicationFilter } = filter;
  let codes: Set<string> | null = null;
  if (applicationFilter.process || applicationFilter.stage || applicationFilter.batch || (applicationFilter.city && !rating)) {
    codes = new Set((await directory.applicationsMatching(applicationFilter as ApplicationFilter)).map((a) => a.creditCode));
  }
  if (rating) {
    const rated = (await directory.suppliersEverRated(rating))
      .filter((s) => latestRating(s)?.rating === rating && (!filter.city || s.city === filter.city))
      .map((s) => s.creditCode);
    codes = codes ? new Set(rated.filter((cc) => codes!.has(cc))) : new Set(rated);
  }
  return [...(codes ?? [])];
}
