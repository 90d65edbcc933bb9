import { createHash, randomBytes } from 'node:crypto';
import { isEvidenceType, MAX_EVIDENCE_BYTES, TEAMS_FILE_TYPE } from './evidenceTypes';
import type { EvidenceRepository } from '../ports';

/** A file a user sent as evidence, as the channel delivered it. */
export interface EvidenceFile {
  name: string;
  contentType: string;
  data: Buffer;
}

/** What is kept of a file: its bytes in the evidence store, under an id staff download it by. */
export interface KeptEvidence {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  keptAt: string;
}

/** An attachment of an incoming activity, as far as keeping it is concerned. */
export interface IncomingAttachment {
  contentType?: string;
  name?: string;
  contentUrl?: string;
  content?: unknown;
}

/**
 * Fetches an attachment's bytes from where its channel keeps them; null when the link is not one the bot
 * trusts (only the channel's own file stores, never an address a client wrote) or the file cannot be had.
 */
export type FetchAttachment = (attachment: IncomingAttachment) => Promise<EvidenceFile | null>;

export type KeepResult = { ok: true; kept: KeptEvidence } | { ok: false; reason: 'type' | 'unavailable' | 'too_large' };

/**
 * Evidence is kept by the bot itself, bytes and all: a channel's attachment links expire (Direct Line) or
 * depend on someone's permissions (Teams), and a link a client made up must never reach staff as evidence.
 */
export class EvidenceKeeper {
  constructor(private readonly repository: EvidenceRepository, private readonly fetch: FetchAttachment, private readonly now: () => Date = () => new Date()) {}

  async keep(attachment: IncomingAttachment): Promise<KeepResult> {
    const teamsFileType = attachment.contentType === TEAMS_FILE_TYPE ? (attachment.content as { fileType?: string } | undefined)?.fileType : undefined;
    if (!isEvidenceType(attachment.contentType, teamsFileType)) return { ok: false, reason: 'type' };
    const file = await this.fetch(attachment);
    if (!file) return { ok: false, reason: 'unavailable' };
    if (file.data.length > MAX_EVIDENCE_BYTES) return { ok: false, reason: 'too_large' };
    if (!isEvidenceType(file.contentType)) return { ok: false, reason: 'type' };
    const kept: KeptEvidence = {
      fileId: randomBytes(16).toString('base64url'),
      name: file.name.slice(0, 200),
      contentType: file.contentType,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      keptAt: this.now().toISOString(),
    };
    await this.repository.save(kept, file.data);
    return { ok: true, kept };
  }

  read(fileId: string): Promise<{ meta: KeptEvidence; data: Buffer } | null> {
    return this.repository.read(fileId);
  }
}
