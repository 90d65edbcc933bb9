import type { CosmosClient, Database } from '@azure/cosmos';

/**
 * Every container the product uses, with its partition key. The README's table is written from this list.
 * Partition keys are chosen so the hot queries stay inside one partition.
 */
export const CONTAINERS = {
  /** Pool members and their products; one document per supplier. Point reads by credit code. */
  suppliers: { id: 'suppliers', partitionKey: '/creditCode' },
  /** Recognition and evaluation applications; all of one enterprise's applications share a partition. */
  applications: { id: 'applications', partitionKey: '/creditCode' },
  /** Notices (publicity, calls, events, announcements); point reads by id. */
  notices: { id: 'notices', partitionKey: '/id' },
  /** Singletons: the demo-seed marker, the catalog version, the broadcasting instances. Point reads by id. */
  meta: { id: 'meta', partitionKey: '/id' },
  /** Which chat users may see which enterprise (channel:user → credit code). */
  bindings: { id: 'bindings', partitionKey: '/userKey' },
  /** Failed binding attempts per credit code and per user, for the lockout; expire after a day on Azure. */
  bindingAttempts: { id: 'bindingAttempts', partitionKey: '/id', defaultTtl: 24 * 3600 },
  /** Objections, recusal requests and change reports, with receipt numbers. */
  submissions: { id: 'submissions', partitionKey: '/type' },
  /** Evidence files sent with objections and change reports: a head and base64 chunks per file, partitioned by file. */
  evidence: { id: 'evidence', partitionKey: '/fileId' },
  /** Manufacturers' connection requests (对接), id = lead number. */
  leads: { id: 'leads', partitionKey: '/id' },
  /** Manufacturers' ratings of connections, by supplier (客户评价反馈 for the annual evaluation). */
  feedback: { id: 'feedback', partitionKey: '/supplierCreditCode' },
  /** Messages for people outside the chat (supplier contacts, staff) until a gateway delivers them. */
  outbox: { id: 'outbox', partitionKey: '/id' },
  /** Unclear utterances (redacted) for lexicon work; kept 90 days on Azure (the embedded server ignores TTL). */
  utterances: { id: 'utterances', partitionKey: '/day', defaultTtl: 90 * 24 * 3600 },
  /** Every conversation the bot is in: its reference, user, locale, binding, role, subscriptions. */
  conversations: { id: 'conversations', partitionKey: '/id' },
  /** One record per (notice round, recipient); a broadcast's records share its notice's partition. */
  deliveries: { id: 'deliveries', partitionKey: '/noticeId' },
  /** Notice jobs at a time (sendAt, publicity reminders), with their leases. */
  schedules: { id: 'schedules', partitionKey: '/id' },
  /** Staff's handling of objections, recusal requests and change reports (state, assignee, reply), id = receipt number. */
  submissionCases: { id: 'submissionCases', partitionKey: '/id' },
  /** The staff audit log: sign-ins, imports, notices, sends, cancels, answers; one partition per Shanghai day. */
  audit: { id: 'audit', partitionKey: '/day' },
  /** botbuilder conversation and user state (CosmosDbPartitionedStorage requires /id). */
  botState: { id: 'botState', partitionKey: '/id' },
} as const;

export type ContainerName = keyof typeof CONTAINERS;

/** Creates the database and every container if missing. Safe to run at every start and from many processes. */
export async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const spec of Object.values(CONTAINERS) as { id: string; partitionKey: string; defaultTtl?: number }[]) {
    await database.containers.createIfNotExists({ id: spec.id, partitionKey: { paths: [spec.partitionKey] }, defaultTtl: spec.defaultTtl });
  }
  return database;
}
